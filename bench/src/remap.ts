import { createDatabase, databaseNameOf } from '@lienthong/lib'
import { countAddressMappings, remapAddresses, type MappingCounts, type RegisterAddressDatabase, type RemapResult } from '@lienthong/lib/registers'
import { sql } from 'kysely'
import type { BenchmarkReport } from './report.js'
import { ensureNation, MILLION_NATION } from './support/nation.js'

/**
 * The register whose addresses are remapped: civil status holds 1,348,492 of
 * them at 1,000,000 citizens (population's 5.4 million would take minutes to
 * clear and vacuum on a 2-core machine for no more insight).
 */
const REGISTER = 'civil-status'

/**
 * The set-based remap backfill (`remapAddresses`, what `npm run remap` runs)
 * over every address of the civil-status register of the 1,000,000-citizen
 * nation: the mapping is cleared (as for rows written by something other than
 * an ingest), the table vacuumed, then the remap timed; then a second run on
 * the unchanged data, which must write nothing. It leaves every address mapped
 * as the seed mapped it (checked) and the table vacuumed and analysed.
 */
export async function runRemapBenchmark(): Promise<BenchmarkReport> {
  const { databaseUrls } = await ensureNation(MILLION_NATION)
  const url = databaseUrls.get(REGISTER)!
  const db = createDatabase<RegisterAddressDatabase>(url, { maxConnections: 1 })
  try {
    const before = await countAddressMappings(db)

    let started = performance.now()
    await sql`UPDATE address SET commune_code = NULL, mapping_status = NULL, mapped_at = NULL`.execute(db)
    const clearMs = performance.now() - started
    started = performance.now()
    await sql`VACUUM address`.execute(db)
    const firstVacuumMs = performance.now() - started

    let full: { result: RemapResult; ms: number }
    try {
      full = await timed(() => remapAddresses(db))
    } catch (error) {
      // Leave no address unmapped behind a failed run.
      await remapAddresses(db, { onlyUnmapped: true }).catch(() => {})
      throw error
    }
    const again = await timed(() => remapAddresses(db))

    started = performance.now()
    await sql`VACUUM ANALYZE address`.execute(db)
    const lastVacuumMs = performance.now() - started

    const after = await countAddressMappings(db)
    const problems = checkMapping(before, after, full.result, again.result)
    if (problems.length > 0) throw new Error(`remap left ${databaseNameOf(url)} in a wrong state: ${problems.join('; ')}`)

    const perSecond = (rows: number, ms: number) => Math.round(rows / (ms / 1000)).toLocaleString('en')
    const lines = [
      `${REGISTER} register of the ${MILLION_NATION.citizens.toLocaleString('en')}-citizen nation (\`${databaseNameOf(url)}\`): ` +
        `${before.total.toLocaleString('en')} addresses, mapping cleared (${(clearMs / 1000).toFixed(1)} s) and the table vacuumed (${(firstVacuumMs / 1000).toFixed(1)} s) first.`,
      '',
      '| run | addresses written | EXACT | SPLIT_NEEDS_REVIEW | NOT_FOUND | seconds | addresses per second |',
      '|---|---:|---:|---:|---:|---:|---:|',
      row('backfill of every address', full),
      row('second run, unchanged data', again),
      '',
      `Rows examined per second on the second run: ${perSecond(before.total, again.ms)}. ` +
        `VACUUM ANALYZE afterwards: ${(lastVacuumMs / 1000).toFixed(1)} s. ` +
        `Mapping afterwards equals the mapping at ingest (EXACT ${after.exact.toLocaleString('en')}, SPLIT_NEEDS_REVIEW ${(after.awaitingReview + after.resolved).toLocaleString('en')}, ` +
        `NOT_FOUND ${after.notFound.toLocaleString('en')}, unmapped ${after.unmapped}).`,
    ]
    console.log(lines.join('\n'))
    return { title: `Remap: set-based backfill of ${before.total.toLocaleString('en')} addresses`, lines }
  } finally {
    await db.destroy()
  }
}

async function timed(run: () => Promise<RemapResult>): Promise<{ result: RemapResult; ms: number }> {
  const started = performance.now()
  const result = await run()
  return { result, ms: performance.now() - started }
}

function row(label: string, { result, ms }: { result: RemapResult; ms: number }): string {
  const count = (value: number) => value.toLocaleString('en')
  const perSecond = result.changed === 0 ? '—' : count(Math.round(result.changed / (ms / 1000)))
  return `| ${label} | ${count(result.changed)} | ${count(result.exact)} | ${count(result.splitNeedsReview)} | ${count(result.notFound)} | ${(ms / 1000).toFixed(2)} | ${perSecond} |`
}

/** What is wrong with the state the remap left (nothing when the list is empty). */
function checkMapping(before: MappingCounts, after: MappingCounts, full: RemapResult, again: RemapResult): string[] {
  const problems: string[] = []
  if (JSON.stringify(after) !== JSON.stringify(before)) problems.push(`counts ${JSON.stringify(after)} instead of ${JSON.stringify(before)}`)
  if (full.changed !== before.total) problems.push(`the backfill wrote ${full.changed} of ${before.total} addresses`)
  if (again.changed !== 0) problems.push(`the second run wrote ${again.changed} addresses`)
  return problems
}
