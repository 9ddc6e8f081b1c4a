/**
 * `npm run migrate`: runs the pending migrations of every database in
 * migrations/, on the configured PostgreSQL (`<DATABASE>_DATABASE_URL` or
 * `DATABASE_URL`), else on the embedded one, started for the run and stopped.
 */
import { redactUrl } from '@lienthong/lib'
import { DATABASES } from '@lienthong/migrations'
import { migrateDatabase, resolveDatabaseUrls } from './support/databases.js'
import { runScript } from './support/run-script.js'

await runScript('migration', async (stack) => {
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
})
