import type { PopulationSlice } from '@lienthong/lib/registers'
import { createTestDatabase, ingestInTransaction, startTestServer, useTestSubgraph, type ExecutionResultOf, type TestDatabase, type TestServer } from '@lienthong/lib/testing'
import { migrationFolder } from '@lienthong/migrations'
import type { Kysely } from 'kysely'
import { createPopulationContext, type PopulationContext } from '../src/context.js'
import type { PopulationDatabase } from '../src/database.js'
import { ingestPopulationSlice, type PopulationIngestResult } from '../src/ingest.js'
import { createPopulationApolloServer } from '../src/server.js'
import { buildTestSlice } from './fixtures.js'

export { dataOf, errorCodesOf, expectUpdatedAt, selectsIn } from '@lienthong/lib/testing'
export type { ExecutionResultOf }


export type TestPopulationDatabase = TestDatabase<PopulationDatabase>

/** A fresh database for one test file, migrated with the production migrations. */
export function createTestPopulationDatabase(feature: string): Promise<TestPopulationDatabase> {
  return createTestDatabase<PopulationDatabase>({ subgraph: 'population', feature, migrationFolder: migrationFolder('population') })
}

/** Ingests a slice in one transaction of its own client, as the seed does (mapping its addresses at ingest). */
export function ingestSlice(database: TestPopulationDatabase, slice: PopulationSlice): Promise<PopulationIngestResult> {
  return ingestInTransaction(database.url, (client) => ingestPopulationSlice(client, slice))
}

export type TestPopulationServer = TestServer<PopulationContext>

export function startTestPopulationServer(db: Kysely<PopulationDatabase>): Promise<TestPopulationServer> {
  return startTestServer(createPopulationApolloServer(), (security) => createPopulationContext({ db }, security))
}

/** A test file's database (with the test population ingested and mapped) and in-process subgraph. */
export interface PopulationTestContext {
  database: TestPopulationDatabase
  subgraph: TestPopulationServer
  slice: PopulationSlice
}

/**
 * Gives a test file its own migrated database holding `buildTestSlice()`, and a
 * started subgraph over it, both created before its tests and removed after them.
 */
export function useTestPopulationSubgraph(feature: string): PopulationTestContext {
  return useTestSubgraph({
    createDatabase: () => createTestPopulationDatabase(feature),
    ingest: async (database) => {
      const slice = buildTestSlice()
      await ingestSlice(database, slice)
      return { slice }
    },
    startServer: ({ db }) => startTestPopulationServer(db),
  })
}
