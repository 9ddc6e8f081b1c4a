import { Kysely, PostgresDialect, type LogConfig } from 'kysely'
import pg from 'pg'
import { logger } from './logger.js'

// PostgreSQL returns bigint (COUNT(*)) as text by default; our counts fit in a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number.parseInt(value, 10))
// Dates stay 'YYYY-MM-DD' strings: a birth date has no time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value)

export interface DatabaseOptions {
  /** Most connections the pool opens. Defaults to 10. */
  maxConnections?: number
  /** Kysely's log option, e.g. to count statements in tests. */
  log?: LogConfig
}

/**
 * A kysely instance over a `pg` pool for one subgraph's database.
 *
 * The pool gets an `'error'` listener: without one, a PostgreSQL restart or
 * shutdown emits an unhandled error on an idle client and crashes the process.
 */
export function createDatabase<T>(url: string, { maxConnections = 10, log }: DatabaseOptions = {}): Kysely<T> {
  const pool = new pg.Pool({ connectionString: url, max: maxConnections })
  pool.on('error', (error) => logger.warn({ database: databaseNameOf(url), err: { message: error.message } }, 'idle database connection failed'))
  return new Kysely<T>({ dialect: new PostgresDialect({ pool }), ...(log ? { log } : {}) })
}

/** The name of the database a connection URL points at. */
export function databaseNameOf(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''))
  if (!name) throw new Error(`database URL has no database name: ${redactUrl(url)}`)
  return name
}

/** A URL with its password replaced, safe to log. */
export function redactUrl(url: string): string {
  const parsed = new URL(url)
  if (parsed.password) parsed.password = '***'
  return parsed.toString()
}

/**
 * Creates the database a URL names when it does not exist yet, connecting to
 * the server's `postgres` maintenance database to do so.
 */
export async function ensureDatabaseExists(url: string): Promise<void> {
  const name = databaseNameOf(url)
  await withMaintenanceClient(url, async (client) => {
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])
    if (existing.rowCount === 0) {
      await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`).catch((error: { code?: string }) => {
        // Another process created it between our check and our CREATE.
        if (error.code !== '42P04' && error.code !== '23505') throw error
      })
    }
  })
}

/** Drops a database (tests only), closing other sessions on it first. */
export async function dropDatabase(url: string): Promise<void> {
  const name = databaseNameOf(url)
  await withMaintenanceClient(url, (client) => client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`))
}

/** Runs `work` on a connection to the `postgres` database of the server a URL points at. */
async function withMaintenanceClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const maintenanceUrl = new URL(url)
  maintenanceUrl.pathname = '/postgres'
  return withDatabaseClient(maintenanceUrl.toString(), work)
}

/** Runs `work` on one connection of its own to the database at `url`, closed afterwards (scripts, benchmarks, maintenance). */
export async function withDatabaseClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  client.on('error', () => {})
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}
