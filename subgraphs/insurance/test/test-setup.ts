import type { InsuranceSlice } from '@lienthong/lib/registers'
import { createTestDatabase, ingestInTransaction, startTestServer, useTestSubgraph, type ExecutionResultOf, type TestDatabase, type TestServer } from '@lienthong/lib/testing'
import { migrationFolder } from '@lienthong/migrations'
import type { Kysely } from 'kysely'
import { expect } from 'vitest'
import { createInsuranceContext, type InsuranceContext } from '../src/context.js'
import type { InsuranceDatabase } from '../src/database.js'
import { ingestInsuranceSlice, type InsuranceIngestCounts } from '../src/ingest.js'
import { createInsuranceApolloServer } from '../src/server.js'
import { testSlice, TODAY } from './fixtures.js'

export { dataOf, errorCodesOf } from '@lienthong/lib/testing'
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

export type TestInsuranceDatabase = TestDatabase<InsuranceDatabase>

/** A fresh database for one test file, migrated with the production migrations; statements are recorded. */
export function createTestInsuranceDatabase(feature: string): Promise<TestInsuranceDatabase> {
  return createTestDatabase<InsuranceDatabase>({ subgraph: 'insurance', feature, migrationFolder: migrationFolder('insurance') })
}

/** Ingests a slice the way the seed does: one transaction, mapping its addresses at ingest. */
export function ingestSlice(database: TestInsuranceDatabase, slice: InsuranceSlice): Promise<InsuranceIngestCounts> {
  return ingestInTransaction(database.url, (client) => ingestInsuranceSlice(client, slice))
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
  return useTestSubgraph({
    createDatabase: () => createTestInsuranceDatabase(feature),
    ingest: async (database) => ({ ingested: await ingestSlice(database, testSlice()) }),
    startServer: ({ db }) => startTestInsuranceServer(db),
  })
}
