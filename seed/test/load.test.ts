import { randomBytes } from 'node:crypto'
import { createDatabase, dropDatabase, ensureDatabaseExists, migrateToLatest, withDatabaseClient } from '@lienthong/lib'
import { countAddressMappings, remapAddresses, type RegisterAddressDatabase } from '@lienthong/lib/registers'
import { migrationFolder } from '@lienthong/migrations'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REGISTERS, registersAreEmpty, seedRegisters, type RegisterName, type SeedResult } from '../src/index.js'

const TEST_SERVER_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

function databaseUrls(): Record<RegisterName, string> {
  const suffix = randomBytes(4).toString('hex')
  return Object.fromEntries(
    REGISTERS.map((register) => {
      const url = new URL(TEST_SERVER_URL)
      url.pathname = `/lienthong_test_seed_${register.replace(/\W/g, '_')}_${suffix}`
      return [register, url.toString()]
    }),
  ) as Record<RegisterName, string>
}

describe('seedRegisters on real PostgreSQL', () => {
  const urls = databaseUrls()
  let result: SeedResult
  const migratedIndexes = {} as Record<RegisterName, string[]>

  beforeAll(async () => {
    for (const register of REGISTERS) {
      await ensureDatabaseExists(urls[register])
      const db = createDatabase<RegisterAddressDatabase>(urls[register], { maxConnections: 1 })
      try {
        await migrateToLatest(db, migrationFolder(register))
      } finally {
        await db.destroy()
      }
      migratedIndexes[register] = await indexDefinitions(urls[register])
    }
    result = await seedRegisters({ databaseUrls: urls, citizens: 2_000, seed: 11, chunkSize: 700 })
  })
  afterAll(async () => {
    for (const register of REGISTERS) await dropDatabase(urls[register])
  })

  it('loads every register with the addresses the manifest counts, mapped at ingest as it predicts', async () => {
    for (const register of REGISTERS) {
      const db = createDatabase<RegisterAddressDatabase>(urls[register], { maxConnections: 1 })
      try {
        const counts = await countAddressMappings(db)
        const expected = result.manifest.addresses[register]
        expect(counts.total, register).toBe(expected.total)
        expect(counts.awaitingReview, register).toBe(expected.split)
        expect(counts.notFound, register).toBe(expected.unknown)
        expect(counts.exact, register).toBe(expected.total - expected.split - expected.unknown)
        expect(counts.unmapped, register).toBe(0)
        expect(result.rowCounts[register].address, register).toBe(expected.total)
        expect(result.mappings[register], register).toEqual(counts)
        // The mapping at ingest (JS) and remapAddresses (SQL) state one rule: the SQL finds nothing to change.
        expect(await remapAddresses(db), register).toEqual({ exact: 0, splitNeedsReview: 0, notFound: 0, changed: 0 })
      } finally {
        await db.destroy()
      }
    }
    expect(result.manifest.addresses.population.split).toBeGreaterThan(0)
    expect(result.manifest.addresses.population.unknown).toBeGreaterThan(0)
    expect(result.rowCounts.population.citizen).toBe(2_000)
    expect(result.timings.total).toBeGreaterThan(0)
  })

  it('leaves every index and constraint of the schema in place (the load drops and restores some of them)', async () => {
    for (const register of REGISTERS) expect(await indexDefinitions(urls[register]), register).toEqual(migratedIndexes[register])
    expect(migratedIndexes.population).toContain('CREATE INDEX citizen_father_id_idx ON public.citizen USING btree (father_id)')
    expect(migratedIndexes.land).toContain('land_use.land_use_parcel_id_fkey FOREIGN KEY (parcel_id) REFERENCES land_parcel(id)')
  })

  it('tells registers that hold data from databases that do not exist yet', async () => {
    expect(await registersAreEmpty(urls)).toBe(false)
    expect(await registersAreEmpty(databaseUrls())).toBe(true)
  })

  it('refuses to seed registers that hold data unless reset, and reset reloads them', async () => {
    await expect(seedRegisters({ databaseUrls: urls, citizens: 100, seed: 11 })).rejects.toThrow(/already hold data/)
    const again = await seedRegisters({ databaseUrls: urls, citizens: 300, seed: 12, reset: true })
    expect(again.rowCounts.population.citizen).toBe(300)
    for (const register of REGISTERS) expect(again.rowCounts[register].address, register).toBe(again.manifest.addresses[register].total)
    expect(again.rowCounts.population.crosswalk).toBeUndefined()
  })
})

/** The indexes and constraints of the public schema, as PostgreSQL states them. */
function indexDefinitions(url: string): Promise<string[]> {
  return withDatabaseClient(url, async (client) => {
    const { rows } = await client.query<{ definition: string }>(`
      SELECT indexdef AS definition FROM pg_indexes WHERE schemaname = 'public'
      UNION ALL
      SELECT conrelid::regclass || '.' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = 'public'::regnamespace
      ORDER BY definition`)
    return rows.map((row) => row.definition)
  })
}
