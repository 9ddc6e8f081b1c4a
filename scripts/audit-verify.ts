/**
 * `npm run audit:verify`: walks the audit trail's hash chain (migrations/audit)
 * and recomputes every entry's hash; prints how many entries were checked and
 * "chain intact" (exit 0), or the first broken entry's seq and why (exit 1).
 *
 * The database: `AUDIT_DATABASE_URL`, else `lienthong_audit` on the server of
 * `DATABASE_URL`, else the embedded PostgreSQL (started for the run).
 */
import { redactUrl } from '@lienthong/lib'
import { verifyAuditChain } from '@lienthong/lib/audit'
import { resolveDatabaseUrls } from './support/databases.js'
import { runScript } from './support/run-script.js'

await runScript('audit:verify', async (stack) => {
  const url = (await resolveDatabaseUrls(['audit'] as const, stack)).get('audit')!
  let result: Awaited<ReturnType<typeof verifyAuditChain>>
  try {
    result = await verifyAuditChain(url)
  } catch (error) {
    const code = (error as { code?: string }).code
    // 3D000: no such database; 42P01: no audit_entry table.
    if (code === '3D000' || code === '42P01') {
      console.error(`No audit trail at ${redactUrl(url)}: run \`npm run migrate\` first.`)
      return 1
    }
    throw error
  }
  if (result.ok) {
    console.log(`Checked ${result.entries} audit entries (${redactUrl(url)}): chain intact.\nLast hash (anchor it elsewhere): ${result.lastHash}`)
    return 0
  }
  console.log(
    `Checked ${result.entries} audit entries (${redactUrl(url)}): chain BROKEN at entry ${result.firstBroken.seq} ` +
      `(${result.firstBroken.reason}): ${result.firstBroken.message}.`,
  )
  return 1
})
