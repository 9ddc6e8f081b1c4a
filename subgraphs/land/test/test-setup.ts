import type { LandSlice } from '@lienthong/lib/registers'
import { createTestDatabase, ingestInTransaction, startTestServer, type ExecutionResultOf, type TestDatabase, type TestServer } from '@lienthong/lib/testing'
import { migrationFolder } from '@lienthong/migrations'
import type { Kysely } from 'kysely'
import { afterAll, beforeAll, expect } from 'vitest'
import { createLandContext, loadLandServices, type LandContext, type LandServices } from '../src/context.js'
import type { LandDatabase } from '../src/database.js'
import { ingestLandSlice, type LandIngestCounts } from '../src/ingest.js'
import { createLandApolloServer } from '../src/server.js'

export type { ExecutionResultOf }

export type TestLandDatabase = TestDatabase<LandDatabase>

/** A fresh database for one test file, migrated with the production migrations; statements are recorded. */
export function createTestLandDatabase(feature: string): Promise<TestLandDatabase> {
  return createTestDatabase<LandDatabase>({ subgraph: 'land', feature, migrationFolder: migrationFolder('land') })
}

/** Ingests a slice in one transaction, as the seed does, then maps the new addresses. */
export async function ingestAndRemap(database: TestLandDatabase, slice: LandSlice): Promise<LandIngestCounts> {
  const { ingested } = await ingestInTransaction(database.url, (client) => ingestLandSlice(client, slice), database.db)
  return ingested
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
  const context = {} as LandTestContext
  beforeAll(async () => {
    context.database = await createTestLandDatabase(feature)
    if (slice) await ingestAndRemap(context.database, slice)
    context.subgraph = await startTestLandServer(context.database.db)
  })
  afterAll(async () => {
    await context.subgraph?.stop()
    await context.database?.drop()
  })
  return context
}

/** The data of a result that must have no errors. */
export function dataOf<T>(result: ExecutionResultOf<T>): T {
  expect(result.errors).toBeUndefined()
  expect(result.data).toBeTruthy()
  return result.data as T
}

/** The `extensions.code` of a result's first error. */
export function errorCodeOf(result: ExecutionResultOf<unknown>): unknown {
  expect(result.errors).toBeDefined()
  return result.errors?.[0]?.extensions?.code
}
