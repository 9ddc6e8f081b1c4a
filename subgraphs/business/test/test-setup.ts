import type { BusinessSlice } from '@lienthong/lib/registers'
import { createTestDatabase, ingestInTransaction, startTestServer, type ExecutionResultOf, type OperationOptions, type TestDatabase, type TestServer } from '@lienthong/lib/testing'
import { migrationFolder } from '@lienthong/migrations'
import type { CompiledQuery, Kysely } from 'kysely'
import { afterAll, beforeAll, expect } from 'vitest'
import { createBusinessContext, loadBusinessServices, type BusinessContext, type BusinessServices } from '../src/context.js'
import type { BusinessDatabase } from '../src/database.js'
import { ingestBusinessSlice, type BusinessIngestCounts } from '../src/ingest.js'
import { createBusinessApolloServer } from '../src/server.js'

export type { ExecutionResultOf }

/** A test file's migrated business database holding one ingested slice, and the in-process subgraph over it. */
export interface BusinessTestContext {
  url: string
  db: Kysely<BusinessDatabase>
  /** Every statement kysely ran, in order; clear it before the operation you measure. */
  statements: CompiledQuery[]
  ingested: BusinessIngestCounts
  services: BusinessServices
  /** Runs an operation in-process with a fresh per-request context (and the official, if given). */
  execute<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, options?: OperationOptions): Promise<ExecutionResultOf<T>>
}

/**
 * Gives a test file its own database (migrated with the production migrations),
 * ingests `slice` as the seed does (one transaction, then mapping at ingest)
 * and starts the real Apollo Server over it; all removed after the file.
 * `maxConnections: 1` makes the order of statements (and so which DataLoader
 * batches are answered wholly from cache) independent of timing.
 */
export function useTestBusinessSubgraph(feature: string, slice: BusinessSlice, { maxConnections }: { maxConnections?: number } = {}): BusinessTestContext {
  const context = {} as BusinessTestContext
  let database: TestDatabase<BusinessDatabase> | undefined
  let subgraph: TestServer<BusinessContext> | undefined
  beforeAll(async () => {
    database = await createTestDatabase<BusinessDatabase>({ subgraph: 'business', feature, migrationFolder: migrationFolder('business'), maxConnections })
    Object.assign(context, { url: database.url, db: database.db, statements: database.statements })
    context.ingested = (await ingestInTransaction(database.url, (client) => ingestBusinessSlice(client, slice), database.db)).ingested
    const services = await loadBusinessServices(database.db)
    context.services = services
    subgraph = await startTestServer(createBusinessApolloServer(), ({ official }) => ({ ...createBusinessContext(services), official }))
    context.execute = subgraph.execute
  })
  afterAll(async () => {
    // Drop the database even when setup failed halfway.
    await subgraph?.stop()
    await database?.drop()
  })
  return context
}

/** The data of a result that must have no errors. */
export function dataOf<T>(result: ExecutionResultOf<T>): T {
  expect(result.errors).toBeUndefined()
  expect(result.data).toBeTruthy()
  return result.data as T
}

/** The codes of a result's errors. */
export function errorCodesOf(result: ExecutionResultOf<unknown>): unknown[] {
  return (result.errors ?? []).map((error) => error.extensions?.code)
}
