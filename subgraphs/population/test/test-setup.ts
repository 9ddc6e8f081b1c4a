import { randomBytes } from 'node:crypto'
import type { ApolloServer, GraphQLResponse } from '@apollo/server'
import { createDatabase, dropDatabase, ensureDatabaseExists, migrateToLatest } from '@lienthong/lib'
import { remapAddresses, type PopulationSlice, type RegisterAddressDatabase } from '@lienthong/lib/registers'
import { migrationFolder } from '@lienthong/migrations'
import type { CompiledQuery, Kysely } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, expect } from 'vitest'
import { createPopulationContext, type PopulationContext } from '../src/context.js'
import type { PopulationDatabase } from '../src/database.js'
import { ingestPopulationSlice } from '../src/ingest.js'
import { createPopulationApolloServer } from '../src/server.js'
import { buildTestSlice } from './fixtures.js'

/** The PostgreSQL server tests create their databases on. */
const TEST_SERVER_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

export interface TestPopulationDatabase {
  url: string
  db: Kysely<PopulationDatabase>
  /** Every statement the db ran, in order; reset it before the operation you measure. */
  statements: CompiledQuery[]
  drop(): Promise<void>
}

/**
 * A fresh database for one test file, migrated with the production migrations.
 * Statements are recorded through kysely's `log` callback, to prove batching.
 */
export async function createTestPopulationDatabase(feature: string): Promise<TestPopulationDatabase> {
  const url = new URL(TEST_SERVER_URL)
  url.pathname = `/lienthong_test_population_${feature.replace(/\W/g, '_')}_${randomBytes(4).toString('hex')}`
  await ensureDatabaseExists(url.toString())
  const statements: CompiledQuery[] = []
  const db = createDatabase<PopulationDatabase>(url.toString(), {
    log: (event) => {
      if (event.level === 'query') statements.push(event.query)
    },
  })
  await migrateToLatest(db, migrationFolder('population'))
  return {
    url: url.toString(),
    db,
    statements,
    async drop() {
      await db.destroy()
      await dropDatabase(url.toString())
    },
  }
}

/** Ingests a slice in one transaction of its own client, as the seed does, then maps the new addresses. */
export async function ingestAndRemap(database: TestPopulationDatabase, slice: PopulationSlice) {
  const client = new pg.Client({ connectionString: database.url })
  await client.connect()
  try {
    await client.query('BEGIN')
    const result = await ingestPopulationSlice(client, slice)
    await client.query('COMMIT')
    const remap = await remapAddresses(database.db as unknown as Kysely<RegisterAddressDatabase>, { onlyUnmapped: true })
    return { ...result, remap }
  } finally {
    await client.end()
  }
}

export interface ExecutionResultOf<T> {
  data?: T | null
  errors?: readonly { message: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[]
}

export interface TestPopulationServer {
  server: ApolloServer<PopulationContext>
  /** Runs an operation in-process with a fresh per-request context; returns its single result. */
  execute<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, options?: { official?: string }): Promise<ExecutionResultOf<T>>
  stop(): Promise<void>
}

export async function startTestPopulationServer(db: Kysely<PopulationDatabase>): Promise<TestPopulationServer> {
  const server = createPopulationApolloServer()
  await server.start()
  return {
    server,
    async execute<T>(query: string, variables?: Record<string, unknown>, options: { official?: string } = {}) {
      const contextValue: PopulationContext = { ...createPopulationContext({ db }), official: options.official }
      const response: GraphQLResponse<Record<string, unknown>> = await server.executeOperation(
        { query, ...(variables ? { variables } : {}) },
        { contextValue },
      )
      if (response.body.kind !== 'single') throw new Error('expected a single result')
      return response.body.singleResult as ExecutionResultOf<T>
    },
    stop: () => server.stop(),
  }
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
