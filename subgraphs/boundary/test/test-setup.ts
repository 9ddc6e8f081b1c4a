import { createTestDatabase, startTestServer, useTestSubgraph, type ExecutionResultOf, type TestDatabase, type TestServer } from '@lienthong/lib/testing'
import { migrationFolder } from '@lienthong/migrations'
import type { Kysely } from 'kysely'
import { createBoundaryContext, loadBoundaryServices, type BoundaryContext, type BoundaryServices } from '../src/context.js'
import type { BoundaryDatabase } from '../src/database.js'
import { createBoundaryApolloServer } from '../src/server.js'

export { dataOf, selectsIn } from '@lienthong/lib/testing'
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
  const subgraph = await startTestServer(createBoundaryApolloServer(), (security) => createBoundaryContext(services, security))
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
  return useTestSubgraph({
    createDatabase: () => createTestBoundaryDatabase(feature),
    startServer: ({ db }) => startTestBoundaryServer(db),
  })
}
