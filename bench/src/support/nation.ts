/**
 * A seeded synthetic nation in its own databases (`<prefix>_<database>` for
 * every database of DATABASES) on the benchmark server, migrated and seeded
 * once, then kept between scenarios and between runs: seeding a million
 * citizens takes minutes. A complete seed is recognised by a comment on the
 * population database, written only after the seed finished; a fresh seed
 * drops the databases first, so a seed interrupted half-way is never taken for
 * a complete one.
 */
import pg from 'pg'
import { databaseNameOf, dropDatabase, withDatabaseClient } from '@lienthong/lib'
import { DATABASES, type DatabaseName } from '@lienthong/migrations'
import { registerDatabaseUrls, seedRegisters, type SeedResult } from '@lienthong/seed'
import { migrateDatabase } from '../../../scripts/support/databases.js'

export interface NationSpec {
  /** Database name prefix, e.g. `bench_10k`. */
  prefix: string
  citizens: number
  seed: number
  /**
   * Citizens generated per chunk. A nation's first chunk depends on the seed and
   * its size only, so the 10,000 citizens of a nation of 10,000 are also the
   * first 10,000 of a nation of 1,000,000 generated in chunks of 10,000: the
   * same applicants can be drafted in both.
   */
  chunkSize: number
}

export const SMALL_NATION: NationSpec = { prefix: 'bench_10k', citizens: 10_000, seed: 3, chunkSize: 10_000 }
export const MILLION_NATION: NationSpec = { prefix: 'bench_1m', citizens: 1_000_000, seed: 3, chunkSize: 10_000 }

/** Bumped when a nation's content changes in a way its spec does not tell (e.g. the seeder writes other rows). */
const MARKER_VERSION = 2

/** The server the benchmark databases live on. */
export function benchmarkServerUrl(): string {
  return process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
}

export function nationDatabaseUrls({ prefix }: NationSpec): Map<DatabaseName, string> {
  return new Map(
    DATABASES.map((database) => {
      const url = new URL(benchmarkServerUrl())
      url.pathname = `/${prefix}_${database.replace(/-/g, '_')}`
      return [database, url.toString()]
    }),
  )
}

function markerOf(spec: NationSpec): string {
  return `lienthong bench nation: ${spec.citizens} citizens, seed ${spec.seed}, chunks of ${spec.chunkSize}, v${MARKER_VERSION}, complete`
}

/** What a fresh seed of a nation took. */
export interface NationSeed {
  databaseUrls: Map<DatabaseName, string>
  result: SeedResult
  /** Milliseconds per phase: dropping the old databases, migrating the new ones, seeding (which ends with ANALYZE). */
  phases: { drop: number; migrate: number; seed: number }
}

/** Drops the nation's databases, migrates them afresh, seeds the registers and marks the nation complete. */
export async function seedNation(spec: NationSpec): Promise<NationSeed> {
  const databaseUrls = nationDatabaseUrls(spec)
  let started = performance.now()
  await dropNation(spec)
  const drop = performance.now() - started

  started = performance.now()
  for (const [database, url] of databaseUrls) await migrateDatabase(database, url)
  const migrate = performance.now() - started

  started = performance.now()
  const result = await seedRegisters({
    databaseUrls: registerDatabaseUrls((register) => databaseUrls.get(register)!),
    citizens: spec.citizens,
    seed: spec.seed,
    chunkSize: spec.chunkSize,
  })
  const seed = performance.now() - started

  const populationUrl = databaseUrls.get('population')!
  await withDatabaseClient(populationUrl, (client) =>
    client.query(`COMMENT ON DATABASE ${pg.escapeIdentifier(databaseNameOf(populationUrl))} IS ${pg.escapeLiteral(markerOf(spec))}`),
  )
  return { databaseUrls, result, phases: { drop, migrate, seed } }
}

/**
 * The nation's databases, seeded now when they are missing, incomplete or
 * seeded with another spec, else only migrated to the latest schema (a new
 * index migration is applied to the kept data).
 */
export async function ensureNation(spec: NationSpec): Promise<{ databaseUrls: Map<DatabaseName, string>; seeded?: NationSeed }> {
  if (await isComplete(spec)) {
    const databaseUrls = nationDatabaseUrls(spec)
    for (const [database, url] of databaseUrls) await migrateDatabase(database, url)
    return { databaseUrls }
  }
  console.log(`  seeding the benchmark nation (${spec.citizens.toLocaleString('en')} citizens, seed ${spec.seed}) into ${spec.prefix}_* …`)
  const seeded = await seedNation(spec)
  console.log(`  … seeded in ${(seeded.phases.seed / 1_000).toFixed(1)} s`)
  return { databaseUrls: seeded.databaseUrls, seeded }
}

/** Drops every database of the nation (those that exist). */
export async function dropNation(spec: NationSpec): Promise<void> {
  for (const url of nationDatabaseUrls(spec).values()) await dropDatabase(url)
}

/** Every database exists and the population database bears the marker of a finished seed of this spec. */
async function isComplete(spec: NationSpec): Promise<boolean> {
  const urls = nationDatabaseUrls(spec)
  const names = [...urls.values()].map(databaseNameOf)
  const { rows } = await withDatabaseClient(benchmarkServerUrl(), (client) =>
    client.query<{ datname: string; marker: string | null }>(
      `SELECT datname, shobj_description(oid, 'pg_database') AS marker FROM pg_database WHERE datname = ANY($1::text[])`,
      [names],
    ),
  )
  const population = databaseNameOf(urls.get('population')!)
  return rows.length === names.length && rows.some((row) => row.datname === population && row.marker === markerOf(spec))
}
