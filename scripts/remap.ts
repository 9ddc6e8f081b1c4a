/**
 * `npm run remap -- <database>… | --all`: re-runs the set-based mapping of a
 * register's addresses to the 2025 communes with the crosswalk in its own
 * database. Only addresses whose mapping changes are written, so a second run
 * on unchanged data writes nothing. `--unmapped` maps only addresses never
 * mapped (rows written by something other than a register's ingest, which maps as it writes).
 */
import { createDatabase, logger, redactUrl } from '@lienthong/lib'
import { remapAddresses, type RegisterAddressDatabase } from '@lienthong/lib/registers'
import type { DatabaseName } from '@lienthong/migrations'
import { SUBGRAPHS } from '@lienthong/schema'
import { migrateDatabase, resolveDatabaseUrls } from './support/databases.js'
import { runScript } from './support/run-script.js'

const REGISTERS = SUBGRAPHS.filter((subgraph) => subgraph.register).map((subgraph) => subgraph.database as DatabaseName)
const USAGE = `usage: npm run remap -- <database>… | --all [--unmapped]\n  databases: ${REGISTERS.join(', ')}`

const args = process.argv.slice(2)
const onlyUnmapped = args.includes('--unmapped')
const named = args.filter((arg) => !arg.startsWith('--'))
const unknownFlags = args.filter((arg) => arg.startsWith('--') && arg !== '--all' && arg !== '--unmapped')
const unknownDatabases = named.filter((name) => !REGISTERS.includes(name as DatabaseName))
if (unknownFlags.length > 0 || unknownDatabases.length > 0 || (named.length === 0) === !args.includes('--all')) {
  if (unknownDatabases.length > 0) console.error(`not a register database: ${unknownDatabases.join(', ')}`)
  console.error(USAGE)
  process.exit(2)
}
const databases = named.length > 0 ? (named as DatabaseName[]) : REGISTERS

await runScript('remap', async (stack) => {
  const urls = await resolveDatabaseUrls(databases, stack)
  for (const database of databases) {
    const url = urls.get(database)!
    await migrateDatabase(database, url)
    const db = createDatabase<RegisterAddressDatabase>(url, { maxConnections: 1 })
    try {
      const started = performance.now()
      const result = await remapAddresses(db, { onlyUnmapped })
      const seconds = (performance.now() - started) / 1000
      logger.info({ component: 'remap', database, ...result, seconds }, 'remapped')
      console.log(
        `${database} (${redactUrl(url)}): ${result.changed} address(es) changed in ${seconds.toFixed(2)} s ` +
          `(EXACT ${result.exact}, SPLIT_NEEDS_REVIEW ${result.splitNeedsReview}, NOT_FOUND ${result.notFound})`,
      )
    } finally {
      await db.destroy()
    }
  }
})
