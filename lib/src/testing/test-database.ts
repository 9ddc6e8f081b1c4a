import { randomBytes } from 'node:crypto'
import type { CompiledQuery, Kysely } from 'kysely'
import pg from 'pg'
import { createDatabase, dropDatabase, ensureDatabaseExists } from '../database.js'
import { migrateToLatest } from '../migrate.js'

/** The PostgreSQL server tests create their databases on. */
const TEST_SERVER_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

/** A migrated database of one test file, with every statement it ran. */
export interface TestDatabase<T> {
  url: string
  db: Kysely<T>
  /** Every statement the db ran, in order; reset it before the operation you measure. */
  statements: CompiledQuery[]
  drop(): Promise<void>
}

export interface TestDatabaseOptions {
  /** The subgraph, as in its migration folder (`civil-status`); part of the database name. */
  subgraph: string
  /** The test file's feature; part of the database name. */
  feature: string
  /** The production migrations to run, e.g. `migrationFolder('land')` of `@lienthong/migrations`. */
  migrationFolder: string
  /**
   * Most pool connections. Defaults to 1: with several, two queries may answer in
   * one turn of the event loop or in two, and DataLoader then batches the next
   * level once or twice, so statement counts would depend on timing.
   */
  maxConnections?: number
}

/**
 * Creates a uniquely named database on `TEST_POSTGRES_URL` and migrates it.
 *
 * Statements are recorded through kysely's `log` callback, to prove batching.
 * When the migration fails, the database is dropped before the error is rethrown.
 */
export async function createTestDatabase<T>({ subgraph, feature, migrationFolder, maxConnections = 1 }: TestDatabaseOptions): Promise<TestDatabase<T>> {
  const url = new URL(TEST_SERVER_URL)
  url.pathname = `/lienthong_test_${subgraph.replace(/\W/g, '_')}_${feature.replace(/\W/g, '_')}_${randomBytes(4).toString('hex')}`
  const urlString = url.toString()
  await ensureDatabaseExists(urlString)
  const statements: CompiledQuery[] = []
  const db = createDatabase<T>(urlString, {
    maxConnections,
    log: (event) => {
      if (event.level === 'query') statements.push(event.query)
    },
  })
  const drop = async () => {
    await db.destroy()
    await dropDatabase(urlString)
  }
  try {
    await migrateToLatest(db, migrationFolder)
  } catch (error) {
    await drop()
    throw error
  }
  return { url: urlString, db, statements, drop }
}

/**
 * Ingests the way the seed does: one transaction on a client of its own (the
 * ingest maps each address as it writes it). Rolls back and rethrows on failure.
 */
export async function ingestInTransaction<R>(url: string, ingest: (client: pg.ClientBase) => Promise<R>): Promise<R> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query('BEGIN')
    const ingested = await ingest(client)
    await client.query('COMMIT')
    return ingested
  } catch (error) {
    await client.query('ROLLBACK')
    throw error
  } finally {
    await client.end()
  }
}
