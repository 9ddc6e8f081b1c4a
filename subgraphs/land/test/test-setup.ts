import type { LandSlice } from '@lienthong/lib/registers'
import { createTestDatabase, ingestInTransaction, startTestServer, useTestSubgraph, type ExecutionResultOf, type TestDatabase, type TestServer } from '@lienthong/lib/testing'
import { migrationFolder } from '@lienthong/migrations'
import type { Kysely } from 'kysely'
import { createLandContext, loadLandServices, type LandContext, type LandServices } from '../src/context.js'
import type { LandDatabase } from '../src/database.js'
import { ingestLandSlice, type LandIngestCounts } from '../src/ingest.js'
import { createLandApolloServer } from '../src/server.js'

export { dataOf, errorCodeOf, expectUpdatedAt } from '@lienthong/lib/testing'
export type { ExecutionResultOf }


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
  const subgraph = await startTestServer(createLandApolloServer(), (security) => createLandContext(services, security))
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
