import type { InsuranceSlice } from '@lienthong/lib/registers'
import { createTestDatabase, ingestInTransaction, startTestServer, useTestSubgraph, type ExecutionResultOf, type TestDatabase, type TestServer } from '@lienthong/lib/testing'
import { migrationFolder } from '@lienthong/migrations'
import type { Kysely } from 'kysely'
import { createInsuranceContext, type InsuranceContext } from '../src/context.js'
import type { InsuranceDatabase } from '../src/database.js'
import { ingestInsuranceSlice, type InsuranceIngestCounts } from '../src/ingest.js'
import { createInsuranceApolloServer } from '../src/server.js'
import { testSlice, TODAY } from './fixtures.js'

export { dataOf, errorCodesOf, expectUpdatedAt } from '@lienthong/lib/testing'
export type { ExecutionResultOf }


export type TestInsuranceDatabase = TestDatabase<InsuranceDatabase>

/** A fresh database for one test file, migrated with the production migrations; statements are recorded. */
export function createTestInsuranceDatabase(feature: string): Promise<TestInsuranceDatabase> {
  return createTestDatabase<InsuranceDatabase>({ subgraph: 'insurance', feature, migrationFolder: migrationFolder('insurance') })
}

/** Ingests a slice the way the seed does: one transaction, mapping its addresses at ingest. */
export function ingestSlice(database: TestInsuranceDatabase, slice: InsuranceSlice): Promise<InsuranceIngestCounts> {
  return ingestInTransaction(database.url, (client) => ingestInsuranceSlice(client, slice))
}

/** The subgraph over a test database; its context's today is TODAY, its caller TEST_OFFICIAL unless an operation names another. */
export type TestInsuranceServer = TestServer<InsuranceContext>

export function startTestInsuranceServer(db: Kysely<InsuranceDatabase>): Promise<TestInsuranceServer> {
  const services = { db, today: () => TODAY }
  return startTestServer(createInsuranceApolloServer(), (security) => createInsuranceContext(services, security))
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
  return useTestSubgraph({
    createDatabase: () => createTestInsuranceDatabase(feature),
    ingest: async (database) => ({ ingested: await ingestSlice(database, testSlice()) }),
    startServer: ({ db }) => startTestInsuranceServer(db),
  })
}
