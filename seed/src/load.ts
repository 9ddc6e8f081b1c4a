import { createDatabase, ensureDatabaseExists, migrateToLatest } from '@lienthong/lib'
import { countAddressMappings, type MappingCounts, type NationChunk, type RegisterAddressDatabase } from '@lienthong/lib/registers'
import { migrationFolder } from '@lienthong/migrations'
import { ingestBusinessSlice } from '@lienthong/subgraph-business'
import { ingestCivilStatusSlice } from '@lienthong/subgraph-civil-status'
import { ingestInsuranceSlice } from '@lienthong/subgraph-insurance'
import { ingestLandSlice } from '@lienthong/subgraph-land'
import { ingestPopulationSlice } from '@lienthong/subgraph-population'
import { CompiledQuery, type Kysely } from 'kysely'
import pg from 'pg'
import { generateNation, type DefectRates } from './generate.js'
import { REGISTERS, type DefectManifest, type RegisterName } from './manifest.js'

export interface SeedOptions {
  databaseUrls: Record<RegisterName, string>
  citizens: number
  seed: number
  chunkSize?: number
  defectRates?: Partial<DefectRates>
  /** Empty the registers first (their data tables; the crosswalk and migration tables stay). Without it a non-empty register is refused. */
  reset?: boolean
}

export interface SeedResult {
  manifest: DefectManifest
  /** Rows per table of each register after the load. */
  rowCounts: Record<RegisterName, Record<string, number>>
  /** Each register's addresses by the status the mapping at ingest gave them. */
  mappings: Record<RegisterName, MappingCounts>
  /** Milliseconds. */
  timings: {
    generation: number
    /** Copying the rows, per register. */
    load: Record<RegisterName, number>
    /** Restoring the indexes and foreign keys dropped for the load, per register (concurrently, after the last chunk). */
    indexes: Record<RegisterName, number>
    /** ANALYZE of the loaded tables, per register. */
    analyze: Record<RegisterName, number>
    total: number
  }
}

/** Tables a reset keeps: the official crosswalk and kysely's bookkeeping. */
const KEPT_TABLES = new Set(['crosswalk', 'kysely_migration', 'kysely_migration_lock'])

const INGEST: Record<RegisterName, (client: pg.ClientBase, chunk: NationChunk) => Promise<unknown>> = {
  population: (client, chunk) => ingestPopulationSlice(client, chunk.population),
  'civil-status': (client, chunk) => ingestCivilStatusSlice(client, chunk.civilStatus),
  land: (client, chunk) => ingestLandSlice(client, chunk.land),
  business: (client, chunk) => ingestBusinessSlice(client, chunk.business),
  insurance: (client, chunk) => ingestInsuranceSlice(client, chunk.insurance),
}

export class RegisterNotEmptyError extends Error {
  constructor(readonly registers: RegisterName[]) {
    super(`register(s) ${registers.join(', ')} already hold data: seed them again with reset to empty them first`)
    this.name = 'RegisterNotEmptyError'
  }
}

/**
 * Fills the five register databases with a generated nation: migrates each to
 * the latest schema, refuses a register that already holds data unless
 * `reset`, then loads chunk after chunk (the five registers load concurrently,
 * each on its own connection, while the next chunk is generated). Each ingest
 * maps its addresses to 2025 as it writes them.
 *
 * Each register loads in one transaction that first drops the indexes backing
 * no constraint and the foreign keys, and restores them once the rows are in:
 * one sorted build per index and one join per foreign key cost far less than
 * millions of scattered index insertions and row-by-row checks (each about
 * 40 % of a register's load at 1,000,000 citizens). A load that fails or is
 * killed rolls back whole, schema included: a register is never left
 * half-loaded or without its indexes and keys. The loaded tables are analysed last.
 */
export async function seedRegisters(options: SeedOptions): Promise<SeedResult> {
  const started = performance.now()
  const databases = {} as Record<RegisterName, Kysely<RegisterAddressDatabase>>
  const clients = {} as Record<RegisterName, pg.Client>
  try {
    for (const register of REGISTERS) {
      const url = options.databaseUrls[register]
      await ensureDatabaseExists(url)
      databases[register] = createDatabase<RegisterAddressDatabase>(url, { maxConnections: 2 })
      await migrateToLatest(databases[register], migrationFolder(register))
    }

    const tables = {} as Record<RegisterName, string[]>
    for (const register of REGISTERS) tables[register] = await dataTables(databases[register])
    const nonEmpty: RegisterName[] = []
    for (const register of REGISTERS) if (await holdsData(databases[register], tables[register])) nonEmpty.push(register)
    if (nonEmpty.length > 0) {
      if (!options.reset) throw new RegisterNotEmptyError(nonEmpty)
      for (const register of nonEmpty) await truncate(databases[register], tables[register])
    }

    for (const register of REGISTERS) {
      const client = new pg.Client({ connectionString: options.databaseUrls[register] })
      client.on('error', () => {})
      await client.connect()
      clients[register] = client
    }

    const deferredSchema = {} as Record<RegisterName, string[]>
    for (const register of REGISTERS) {
      await clients[register].query('BEGIN')
      deferredSchema[register] = await dropDeferredSchema(clients[register], tables[register])
    }

    const nation = generateNation({
      citizens: options.citizens,
      seed: options.seed,
      ...(options.chunkSize === undefined ? {} : { chunkSize: options.chunkSize }),
      ...(options.defectRates === undefined ? {} : { defectRates: options.defectRates }),
    })
    const load = zeroes()
    let generation = 0
    let inFlight: Promise<void>[] = []
    for (;;) {
      const generating = performance.now()
      const next = nation.chunks.next()
      generation += performance.now() - generating
      // One chunk loads while the next is generated; wait before starting another.
      await Promise.all(inFlight)
      if (next.done) break
      const chunk = next.value
      inFlight = REGISTERS.map(async (register) => {
        const loading = performance.now()
        await INGEST[register](clients[register], chunk)
        load[register] += performance.now() - loading
      })
    }

    const indexes = zeroes()
    const analyze = zeroes()
    await Promise.all(
      REGISTERS.map(async (register) => {
        const building = performance.now()
        const client = clients[register]
        // More memory than the server's default lets each build sort in memory; the setting ends with the transaction.
        await client.query(`SET LOCAL maintenance_work_mem = '256MB'`)
        for (const statement of deferredSchema[register]) await client.query(statement)
        await client.query('COMMIT')
        indexes[register] = performance.now() - building
        // The planner's statistics, at once: without them (autovacuum off, or not run yet) it takes `= ANY($1)` of
        // 50 keys for a quarter of the table and scans all of it (at 1,000,000 citizens, a search by commune took 74 s instead of 31 ms).
        const analysing = performance.now()
        await client.query(`ANALYZE ${[...tables[register], 'crosswalk'].map((table) => pg.escapeIdentifier(table)).join(', ')}`)
        analyze[register] = performance.now() - analysing
      }),
    )

    const rowCounts = {} as Record<RegisterName, Record<string, number>>
    const mappings = {} as Record<RegisterName, MappingCounts>
    for (const register of REGISTERS) {
      rowCounts[register] = await countRows(databases[register], tables[register])
      mappings[register] = await countAddressMappings(databases[register])
    }
    return { manifest: nation.manifest, rowCounts, mappings, timings: { generation, load, indexes, analyze, total: performance.now() - started } }
  } finally {
    // Closing a connection in the middle of its load rolls the load back, the dropped indexes and keys with it.
    await Promise.all(Object.values(clients).map((client) => client.end().catch(() => {})))
    await Promise.all(Object.values(databases).map((db) => db.destroy()))
  }
}

/**
 * True when none of the register databases holds data yet (a database that
 * does not exist or has no tables counts as empty): `npm start` seeds demo
 * data only then.
 */
export async function registersAreEmpty(databaseUrls: Record<RegisterName, string>): Promise<boolean> {
  for (const register of REGISTERS) {
    const db = createDatabase<RegisterAddressDatabase>(databaseUrls[register], { maxConnections: 1 })
    try {
      if (await holdsData(db, await dataTables(db))) return false
    } catch (error) {
      // 3D000: the database does not exist yet.
      if ((error as { code?: string }).code !== '3D000') throw error
    } finally {
      await db.destroy()
    }
  }
  return true
}

function zeroes(): Record<RegisterName, number> {
  return { population: 0, 'civil-status': 0, land: 0, business: 0, insurance: 0 }
}

/**
 * Drops what a bulk load is better off without, for the tables given: the
 * indexes that back no constraint and the foreign keys (checked row by row,
 * each check also locking the referenced row). Primary keys, unique and check
 * constraints stay and check the rows as they come. Returns the statements
 * that restore them, in order: the indexes, then the foreign keys (validated
 * by one join each).
 */
async function dropDeferredSchema(client: pg.Client, tables: readonly string[]): Promise<string[]> {
  const { rows: indexes } = await client.query<{ name: string; definition: string }>(
    `SELECT index_class.relname AS name, pg_get_indexdef(i.indexrelid) AS definition
     FROM pg_index i
     JOIN pg_class index_class ON index_class.oid = i.indexrelid
     JOIN pg_class table_class ON table_class.oid = i.indrelid
     WHERE table_class.relnamespace = 'public'::regnamespace AND table_class.relname = ANY($1::text[])
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
     ORDER BY index_class.relname`,
    [[...tables]],
  )
  const { rows: foreignKeys } = await client.query<{ table: string; name: string; definition: string }>(
    `SELECT table_class.relname AS table, c.conname AS name, pg_get_constraintdef(c.oid) AS definition
     FROM pg_constraint c JOIN pg_class table_class ON table_class.oid = c.conrelid
     WHERE c.contype = 'f' AND table_class.relnamespace = 'public'::regnamespace AND table_class.relname = ANY($1::text[])
     ORDER BY table_class.relname, c.conname`,
    [[...tables]],
  )
  for (const { table, name } of foreignKeys) await client.query(`ALTER TABLE ${pg.escapeIdentifier(table)} DROP CONSTRAINT ${pg.escapeIdentifier(name)}`)
  for (const { name } of indexes) await client.query(`DROP INDEX ${pg.escapeIdentifier(name)}`)
  return [
    ...indexes.map((index) => index.definition),
    ...foreignKeys.map(({ table, name, definition }) => `ALTER TABLE ${pg.escapeIdentifier(table)} ADD CONSTRAINT ${pg.escapeIdentifier(name)} ${definition}`),
  ]
}

/** The register's own tables (public schema), without the crosswalk and kysely's tables. */
async function dataTables(db: Kysely<RegisterAddressDatabase>): Promise<string[]> {
  const { rows } = await rawQuery(
    db,
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  )
  return (rows as { table_name: string }[]).map((row) => row.table_name).filter((name) => !KEPT_TABLES.has(name))
}

async function holdsData(db: Kysely<RegisterAddressDatabase>, tables: readonly string[]): Promise<boolean> {
  for (const table of tables) {
    const { rows } = await rawQuery(db, `SELECT EXISTS (SELECT 1 FROM ${pg.escapeIdentifier(table)}) AS found`)
    if ((rows[0] as { found: boolean }).found) return true
  }
  return false
}

async function truncate(db: Kysely<RegisterAddressDatabase>, tables: readonly string[]): Promise<void> {
  if (tables.length === 0) return
  // address_resolution refuses UPDATE/DELETE row by row; TRUNCATE fires no row trigger.
  await rawQuery(db, `TRUNCATE ${tables.map((table) => pg.escapeIdentifier(table)).join(', ')} RESTART IDENTITY CASCADE`)
}

async function countRows(db: Kysely<RegisterAddressDatabase>, tables: readonly string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {}
  for (const table of tables) {
    const { rows } = await rawQuery(db, `SELECT count(*)::bigint AS count FROM ${pg.escapeIdentifier(table)}`)
    counts[table] = Number((rows[0] as { count: number | string }).count)
  }
  return counts
}

async function rawQuery(db: Kysely<RegisterAddressDatabase>, text: string): Promise<{ rows: unknown[] }> {
  return db.executeQuery(CompiledQuery.raw(text))
}
