import type { LandSlice } from '@lienthong/lib/registers'
import { createTestDatabase, ingestInTransaction, startTestServer, useTestSubgraph, type ExecutionResultOf, type TestDatabase, type TestServer } from '@lienthong/lib/testing'
import { migrationFolder } from '@lienthong/migrations'
import type { Kysely } from 'kysely'
import { expect } from 'vitest'
import { createLandContext, loadLandServices, type LandContext, type LandServices } from '../src/context.js'
import type { LandDatabase } from '../src/database.js'
import { ingestLandSlice, type LandIngestCounts } from '../src/ingest.js'
import { createLandApolloServer } from '../src/server.js'

export { dataOf, errorCodeOf } from '@lienthong/lib/testing'
export type { ExecutionResultOf }

/** An ISO 8601 instant in UTC with milliseconds, as the DateTime scalar writes it on the wire. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

/**
 * Asserts a served `updatedAt` and returns it as a Date: on the wire (JSON) an ISO 8601 instant, not before
 * `since` (when the test file started: its database is fresh) and not in the future.
 */
export function expectUpdatedAt(value: unknown, since: Date): Date {
  // In-process execution hands back the scalar's serialised value; a client sees its JSON.
  const wire: unknown = JSON.parse(JSON.stringify({ value })).value
  expect(wire).toMatch(ISO_INSTANT)
  const instant = new Date(wire as string)
  expect(instant.getTime()).toBeGreaterThanOrEqual(since.getTime())
  expect(instant.getTime()).toBeLessThanOrEqual(Date.now())
  return instant
}

export type TestLandDatabase = TestDatabase<LandDatabase>

/** A fresh database for one test file, migrated with the production migrations; statements are recorded. */
export function createTestLandDatabase(feature: string): Promise<TestLandDatabase> {
  return createTestDatabase<LandDatabase>({ subgraph: 'land', feature, migrationFolder: migrationFolder('land') })
}

/** Ingests a slice in one transaction, as the seed does (mapping its addresses at ingest). */
export function ingestSlice(database: TestLandDatabase, slice: LandSlice): Promise<LandIngestCounts> {
  return ingestInTransaction(database.url, (client) => ingestLandSlice(client, slice))
}

export interface TestLandServer extends TestServer<LandContext> {
  services: LandServices
}

export async function startTestLandServer(db: Kysely<LandDatabase>): Promise<TestLandServer> {
  const services = await loadLandServices(db)
  const subgraph = await startTestServer(createLandApolloServer(), ({ official }) =>
    createLandContext(services, { headers: official ? { 'x-lienthong-official': official } : {} }),
  )
  return { ...subgraph, services }
}

export interface LandTestContext {
  database: TestLandDatabase
  subgraph: TestLandServer
}

/** A test file's own migrated database, filled with `slice` (when given), and a started subgraph over it. */
export function useTestLandSubgraph(feature: string, slice?: LandSlice): LandTestContext {
  return useTestSubgraph({
    createDatabase: () => createTestLandDatabase(feature),
    ingest: async (database) => {
      if (slice) await ingestSlice(database, slice)
    },
    startServer: ({ db }) => startTestLandServer(db),
  })
}
