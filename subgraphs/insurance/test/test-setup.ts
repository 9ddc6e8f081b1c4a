import type { InsuranceSlice } from '@lienthong/lib/registers'
import { createTestDatabase, ingestInTransaction, startTestServer, type ExecutionResultOf, type TestDatabase, type TestServer } from '@lienthong/lib/testing'
import { migrationFolder } from '@lienthong/migrations'
import type { Kysely } from 'kysely'
import { afterAll, beforeAll, expect } from 'vitest'
import { createInsuranceContext, type InsuranceContext } from '../src/context.js'
import type { InsuranceDatabase } from '../src/database.js'
import { ingestInsuranceSlice, type InsuranceIngestCounts } from '../src/ingest.js'
import { createInsuranceApolloServer } from '../src/server.js'
import { testSlice, TODAY } from './fixtures.js'

export type { ExecutionResultOf }

export type TestInsuranceDatabase = TestDatabase<InsuranceDatabase>

/** A fresh database for one test file, migrated with the production migrations; statements are recorded. */
export function createTestInsuranceDatabase(feature: string): Promise<TestInsuranceDatabase> {
  return createTestDatabase<InsuranceDatabase>({ subgraph: 'insurance', feature, migrationFolder: migrationFolder('insurance') })
}

/** Ingests a slice the way the seed does: one transaction, then the mapping of the new addresses. */
export async function ingestAndRemap(database: TestInsuranceDatabase, slice: InsuranceSlice): Promise<InsuranceIngestCounts> {
  const { ingested } = await ingestInTransaction(database.url, (client) => ingestInsuranceSlice(client, slice), database.db)
  return ingested
}

/** The subgraph over a test database; its context's today is TODAY and `official` sets the header. */
export type TestInsuranceServer = TestServer<InsuranceContext>

export function startTestInsuranceServer(db: Kysely<InsuranceDatabase>): Promise<TestInsuranceServer> {
  const services = { db, today: () => TODAY }
  return startTestServer(createInsuranceApolloServer(), ({ official }) =>
    createInsuranceContext(services, { headers: official ? { 'x-lienthong-official': official } : {} }),
  )
}

export interface InsuranceTestContext {
  database: TestInsuranceDatabase
  subgraph: TestInsuranceServer
  ingested: InsuranceIngestCounts
}

/**
 * Gives a test file its own migrated database holding the test slice (ingested
 * and mapped) and a started subgraph over it, removed after its tests.
 */
export function useTestInsuranceSubgraph(feature: string): InsuranceTestContext {
  const context = {} as InsuranceTestContext
  beforeAll(async () => {
    context.database = await createTestInsuranceDatabase(feature)
    context.ingested = await ingestAndRemap(context.database, testSlice())
    context.subgraph = await startTestInsuranceServer(context.database.db)
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

/** The error codes of a result. */
export function errorCodesOf(result: ExecutionResultOf<unknown>): unknown[] {
  return (result.errors ?? []).map((error) => error.extensions?.code)
}
