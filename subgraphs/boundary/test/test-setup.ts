import { createTestDatabase, startTestServer, type ExecutionResultOf, type TestDatabase, type TestServer } from '@lienthong/lib/testing'
import { migrationFolder } from '@lienthong/migrations'
import type { CompiledQuery, Kysely } from 'kysely'
import { afterAll, beforeAll, expect } from 'vitest'
import { createBoundaryContext, loadBoundaryServices, type BoundaryContext, type BoundaryServices } from '../src/context.js'
import type { BoundaryDatabase } from '../src/database.js'
import { createBoundaryApolloServer } from '../src/server.js'

export type { ExecutionResultOf }

export type TestBoundaryDatabase = TestDatabase<BoundaryDatabase>

/** A fresh database for one test file, migrated with the production migrations (which load the official boundary data). */
export function createTestBoundaryDatabase(feature: string): Promise<TestBoundaryDatabase> {
  return createTestDatabase<BoundaryDatabase>({ subgraph: 'boundary', feature, migrationFolder: migrationFolder('boundary') })
}

/** The real Apollo Server of the subgraph, started, with the services over a test database. */
export interface TestBoundaryServer extends TestServer<BoundaryContext> {
  services: BoundaryServices
}

export async function startTestBoundaryServer(db: Kysely<BoundaryDatabase>): Promise<TestBoundaryServer> {
  const services = await loadBoundaryServices(db)
  const subgraph = await startTestServer(createBoundaryApolloServer(), () => createBoundaryContext(services))
  return { ...subgraph, services }
}

/** A test file's database and in-process subgraph, filled in `beforeAll`. */
export interface BoundaryTestContext {
  database: TestBoundaryDatabase
  subgraph: TestBoundaryServer
}

/**
 * Gives a test file its own migrated database and a started subgraph over it,
 * both created before its tests and removed after them.
 */
export function useTestBoundarySubgraph(feature: string): BoundaryTestContext {
  const context = {} as BoundaryTestContext
  beforeAll(async () => {
    context.database = await createTestBoundaryDatabase(feature)
    context.subgraph = await startTestBoundaryServer(context.database.db)
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

/** SELECT statements among those recorded. */
export function selectsIn(statements: readonly CompiledQuery[]): string[] {
  return statements.map((statement) => statement.sql).filter((sql) => /^\s*(select|with)\b/i.test(sql))
}
