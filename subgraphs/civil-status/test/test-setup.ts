import type { CivilStatusSlice } from '@lienthong/lib/registers'
import { createTestDatabase, ingestInTransaction, startTestServer, useTestSubgraph, type ExecutionResultOf, type TestDatabase, type TestServer } from '@lienthong/lib/testing'
import { migrationFolder } from '@lienthong/migrations'
import type { Kysely } from 'kysely'
import { createCivilStatusContext, loadCivilStatusServices, type CivilStatusContext, type CivilStatusServices } from '../src/context.js'
import type { CivilStatusDatabase } from '../src/database.js'
import { ingestCivilStatusSlice, type CivilStatusIngestResult } from '../src/ingest.js'
import { createCivilStatusApolloServer } from '../src/server.js'
import { CIVIL_STATUS_FIXTURE } from './fixtures.js'

export { dataOf, errorCodeOf, expectUpdatedAt, selectsIn } from '@lienthong/lib/testing'
export type { ExecutionResultOf }


export type TestCivilStatusDatabase = TestDatabase<CivilStatusDatabase>

/** A fresh database for one test file, migrated with the production migrations. */
export function createTestCivilStatusDatabase(feature: string): Promise<TestCivilStatusDatabase> {
  return createTestDatabase<CivilStatusDatabase>({ subgraph: 'civil-status', feature, migrationFolder: migrationFolder('civil-status') })
}

/** Ingests a slice in one transaction of its own client, as the seed does (mapping its addresses at ingest). */
export function ingestSlice(database: TestCivilStatusDatabase, slice: CivilStatusSlice): Promise<CivilStatusIngestResult> {
  return ingestInTransaction(database.url, (client) => ingestCivilStatusSlice(client, slice))
}

/** The real Apollo Server of the subgraph, started, with the services over a test database. */
export interface TestCivilStatusServer extends TestServer<CivilStatusContext> {
  services: CivilStatusServices
}

export async function startTestCivilStatusServer(db: Kysely<CivilStatusDatabase>): Promise<TestCivilStatusServer> {
  const services = await loadCivilStatusServices(db)
  const subgraph = await startTestServer(createCivilStatusApolloServer(), (security) => createCivilStatusContext(services, security))
  return { ...subgraph, services }
}

/** A test file's database (holding a slice) and in-process subgraph, filled in `beforeAll`. */
export interface CivilStatusTestContext {
  database: TestCivilStatusDatabase
  subgraph: TestCivilStatusServer
}

/**
 * Gives a test file its own migrated database holding `slice` (by default the
 * fixture), ingested and mapped, and a started subgraph over it; both removed after its tests.
 */
export function useTestCivilStatusSubgraph(feature: string, slice: CivilStatusSlice = CIVIL_STATUS_FIXTURE): CivilStatusTestContext {
  return useTestSubgraph({
    createDatabase: () => createTestCivilStatusDatabase(feature),
    ingest: async (database) => {
      await ingestSlice(database, slice)
    },
    startServer: ({ db }) => startTestCivilStatusServer(db),
  })
}
