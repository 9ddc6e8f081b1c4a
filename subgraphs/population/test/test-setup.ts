import type { PopulationSlice } from '@lienthong/lib/registers'
import { createTestDatabase, ingestInTransaction, startTestServer, type ExecutionResultOf, type TestDatabase, type TestServer } from '@lienthong/lib/testing'
import { migrationFolder } from '@lienthong/migrations'
import type { CompiledQuery, Kysely } from 'kysely'
import { afterAll, beforeAll, expect } from 'vitest'
import { createPopulationContext, type PopulationContext } from '../src/context.js'
import type { PopulationDatabase } from '../src/database.js'
import { ingestPopulationSlice } from '../src/ingest.js'
import { createPopulationApolloServer } from '../src/server.js'
import { buildTestSlice } from './fixtures.js'

export type { ExecutionResultOf }

export type TestPopulationDatabase = TestDatabase<PopulationDatabase>

/** A fresh database for one test file, migrated with the production migrations. */
export function createTestPopulationDatabase(feature: string): Promise<TestPopulationDatabase> {
  return createTestDatabase<PopulationDatabase>({ subgraph: 'population', feature, migrationFolder: migrationFolder('population') })
}

/** Ingests a slice in one transaction of its own client, as the seed does, then maps the new addresses. */
export async function ingestAndRemap(database: TestPopulationDatabase, slice: PopulationSlice) {
  const { ingested, remap } = await ingestInTransaction(database.url, (client) => ingestPopulationSlice(client, slice), database.db)
  return { ...ingested, remap }
}

export type TestPopulationServer = TestServer<PopulationContext>

export function startTestPopulationServer(db: Kysely<PopulationDatabase>): Promise<TestPopulationServer> {
  return startTestServer(createPopulationApolloServer(), ({ official }) => ({ ...createPopulationContext({ db }), official }))
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
  const context = {} as PopulationTestContext
  beforeAll(async () => {
    context.slice = buildTestSlice()
    context.database = await createTestPopulationDatabase(feature)
    await ingestAndRemap(context.database, context.slice)
    context.subgraph = await startTestPopulationServer(context.database.db)
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

/** The `extensions.code` of each error of a result. */
export function errorCodesOf(result: ExecutionResultOf<unknown>): unknown[] {
  return (result.errors ?? []).map((error) => error.extensions?.code)
}

/** SELECT statements among those recorded. */
export function selectsIn(statements: readonly CompiledQuery[]): string[] {
  return statements.map((statement) => statement.sql).filter((sql) => /^\s*(select|with|\()/i.test(sql))
}
