import { existsSync } from 'node:fs'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import {
  configuredDatabaseUrl,
  createDatabase,
  databaseUrlOnServer,
  ensureDatabaseExists,
  logger,
  migrateToLatest,
  startEmbeddedPostgres,
} from '@lienthong/lib'
import { migrationFolder, type DatabaseName } from '@lienthong/migrations'
import type { StopStack } from './stop-stack.js'

/** The embedded cluster's files, kept between runs (git-ignored). */
export const EMBEDDED_DATA_DIR = fileURLToPath(new URL('../../.lienthong/postgres', import.meta.url))

/**
 * The connection URL of each database: the configured one
 * (`<DATABASE>_DATABASE_URL`, or `DATABASE_URL` as a base), else a database on
 * the embedded PostgreSQL, which is started only when some database needs it
 * and pushed on `stack` to be stopped last.
 */
export async function resolveDatabaseUrls<D extends string>(databases: readonly D[], stack: StopStack): Promise<Map<D, string>> {
  const urls = new Map<D, string>()
  const unconfigured: D[] = []
  for (const database of databases) {
    const url = configuredDatabaseUrl(database)
    if (url) urls.set(database, url)
    else unconfigured.push(database)
  }
  if (unconfigured.length === 0) return urls

  const embedded = await startEmbeddedDatabaseServer()
  stack.push('embedded-postgres', () => stopEmbeddedDatabaseServer(embedded.stop))
  const port = new URL(embedded.baseUrl).port
  const where = `${path.relative(process.cwd(), EMBEDDED_DATA_DIR) || EMBEDDED_DATA_DIR}, 127.0.0.1:${port}`
  logger.info({ component: 'embedded-postgres', port, databases: unconfigured }, 'started the embedded PostgreSQL')
  console.log(
    `No database URL configured for ${unconfigured.join(', ')} (set DATABASE_URL or <NAME>_DATABASE_URL to use your own PostgreSQL):\n` +
      `started the embedded PostgreSQL (${where}).`,
  )
  for (const database of unconfigured) urls.set(database, databaseUrlOnServer(embedded.baseUrl, database))
  return urls
}

/** Creates a database if needed and runs its pending migrations; returns the names of those that ran. */
export async function migrateDatabase(database: DatabaseName, url: string): Promise<string[]> {
  await ensureDatabaseExists(url)
  const db = createDatabase(url, { maxConnections: 1 })
  try {
    const results = await migrateToLatest(db, migrationFolder(database))
    const applied = results.filter((result) => result.status === 'Success').map((result) => result.migrationName)
    logger.info({ component: 'migrate', database, applied }, applied.length > 0 ? 'migrations applied' : 'database up to date')
    return applied
  } finally {
    await db.destroy()
  }
}

async function startEmbeddedDatabaseServer() {
  try {
    return await startEmbeddedPostgres({ dataDir: EMBEDDED_DATA_DIR })
  } catch (error) {
    // embedded-postgres rejects with no reason when the server exits at once,
    // typically because a previous run still holds the data directory.
    const reason = error instanceof Error ? error.message : 'the server exited during start-up'
    throw new Error(
      `the embedded PostgreSQL did not start (${reason}). Is another \`npm start\` running? ` +
        `Its lock file is ${path.join(EMBEDDED_DATA_DIR, 'postmaster.pid')}.`,
      { cause: error },
    )
  }
}

/**
 * Stops the embedded server and waits until it is gone. Ctrl-C in a terminal
 * also reaches PostgreSQL itself (same process group), which then shuts down on
 * its own; embedded-postgres's `stop()` would wait forever for an exit that has
 * already happened, so the removal of `postmaster.pid` (PostgreSQL's last act)
 * counts as stopped too.
 */
async function stopEmbeddedDatabaseServer(stop: () => Promise<void>): Promise<void> {
  const pidFile = path.join(EMBEDDED_DATA_DIR, 'postmaster.pid')
  let stopped = false
  const gone = (async () => {
    while (!stopped && existsSync(pidFile)) await sleep(50)
  })()
  try {
    await Promise.race([stop(), gone])
  } finally {
    stopped = true
  }
}
