/**
 * `npm run quality`: the data quality of the five registers, through the
 * gateway. Per register: addresses mapped EXACT / awaiting review / resolved /
 * not found, and the records that disagree with the population register
 * (name, birth date, residence, spouse).
 *
 *   npm run quality                                  # starts the federation on the configured or embedded databases
 *   npm run quality -- --gateway http://host:4000/graphql   # asks a running gateway instead
 *   npm run quality -- --citizens 10000 --seed 1     # also compares with what `npm run seed` injected
 *
 * With `--citizens`/`--seed` the synthetic nation is generated again (it is
 * deterministic) and every injected defect must be found, and nothing else:
 * the exit code is 1 otherwise.
 */
import { todayInVietnam } from '@lienthong/lib'
import { purposeHeaders, startGateway } from '@lienthong/gateway'
import { DATABASES } from '@lienthong/migrations'
import { generateNation, type DefectManifest } from '@lienthong/seed'
import { collectDataQuality, compareWithManifest, type DataQualityReport } from './support/data-quality.js'
import { migrateDatabase, resolveDatabaseUrls } from './support/databases.js'
import { parseScriptOptions, usageError } from './support/arguments.js'
import { scriptAuthorization } from './support/gateway-credentials.js'
import { runScript } from './support/run-script.js'
import type { StopStack } from './support/stop-stack.js'
import { startAllSubgraphs } from './support/subgraph-starters.js'

const USAGE = 'usage: npm run quality -- [--gateway <graphql url>] [--citizens <n> --seed <s>] [--json]'

const options = parseScriptOptions({ gateway: { type: 'string' }, citizens: { type: 'string' }, seed: { type: 'string' }, json: { type: 'boolean' } }, { usage: USAGE })
const expected = expectedNation(options.citizens, options.seed)

await runScript('quality', async (stack) => {
  const graphqlUrl = options.gateway ?? (await startLocalFederation(stack))
  const started = performance.now()
  const headers = { ...(await scriptAuthorization()), ...purposeHeaders({ caseReference: `DQ-${todayInVietnam()}`, procedureCode: 'DATA_QUALITY' }) }
  const report = await collectDataQuality(graphqlUrl, { headers })
  const seconds = (performance.now() - started) / 1000
  const manifest = expected ? regenerateManifest(expected.citizens, expected.seed) : undefined
  const comparison = manifest ? compareWithManifest(report, manifest) : undefined
  if (options.json) console.log(JSON.stringify({ ...report, comparison }, null, 2))
  else printReport(report, seconds)
  if (comparison) {
    console.log(
      `\nInjected by the seed (${expected!.citizens} citizens, seed ${expected!.seed}): ` +
        `${comparison.expectedDefects} record defects and ${comparison.expectedAddressDefects} address defects.\n` +
        `Found ${comparison.expectedDefects - comparison.missed.length} of the ${comparison.expectedDefects} record defects, ${comparison.unexpected.length} discrepancies not injected; ` +
        `mapping counts ${comparison.mappingMismatches.length === 0 ? 'match' : 'DO NOT match'} the injected split/unknown addresses.`,
    )
    for (const line of [...comparison.missed.map((key) => `  missed: ${key}`), ...comparison.unexpected.map((key) => `  not injected: ${key}`)].slice(0, 20)) {
      console.log(line)
    }
    for (const line of comparison.mappingMismatches) console.log(`  mapping: ${line}`)
    if (comparison.missed.length > 0 || comparison.unexpected.length > 0 || comparison.mappingMismatches.length > 0) return 1
  }
  return 0
})

async function startLocalFederation(stack: StopStack): Promise<string> {
  const databaseUrls = await resolveDatabaseUrls(DATABASES, stack)
  for (const database of DATABASES) await migrateDatabase(database, databaseUrls.get(database)!)
  const subgraphUrls = await startAllSubgraphs(databaseUrls, stack, () => 0)
  const gateway = await startGateway({ port: 0, subgraphUrls, auditDatabaseUrl: databaseUrls.get('audit')! })
  stack.push('gateway', () => gateway.stop())
  return gateway.graphqlUrl
}

function expectedNation(citizens: string | undefined, seed: string | undefined): { citizens: number; seed: number } | undefined {
  if (citizens === undefined && seed === undefined) return undefined
  const parsed = { citizens: Number(citizens), seed: Number(seed) }
  if (!Number.isInteger(parsed.citizens) || parsed.citizens <= 0 || !Number.isInteger(parsed.seed)) {
    usageError('--citizens and --seed go together, as whole numbers (those given to npm run seed)', { usage: USAGE })
  }
  return parsed
}

function regenerateManifest(citizens: number, seed: number): DefectManifest {
  const nation = generateNation({ citizens, seed })
  for (const _chunk of nation.chunks) {
    // The manifest fills as the chunks are produced.
  }
  return nation.manifest
}

function printReport(report: DataQualityReport, seconds: number): void {
  console.log(`Data quality of the registers (${report.citizensChecked} citizens checked through the gateway in ${seconds.toFixed(1)} s)\n`)
  const rows = report.mapping.map((mapping) => {
    const found = report.discrepancies.filter((discrepancy) => discrepancy.register === mapping.register)
    const byField = (field: string) => found.filter((discrepancy) => discrepancy.field === field).length
    return [
      mapping.register,
      mapping.total,
      mapping.exact,
      mapping.awaitingReview,
      mapping.resolved,
      mapping.notFound,
      mapping.register === 'POPULATION' ? '—' : byField('FULL_NAME'),
      mapping.register === 'POPULATION' ? '—' : byField('BIRTH_DATE'),
      mapping.register === 'POPULATION' ? '—' : byField('RESIDENCE'),
      mapping.register === 'POPULATION' ? '—' : byField('SPOUSE'),
    ]
  })
  const header = ['register', 'addresses', 'exact', 'review', 'resolved', 'not found', 'name ≠', 'birth ≠', 'residence ≠', 'spouse ≠']
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => String(row[column]).length)))
  const line = (cells: unknown[]) => cells.map((cell, column) => String(cell).padStart(widths[column]!)).join('  ')
  console.log(line(header))
  for (const row of rows) console.log(line(row))
}
