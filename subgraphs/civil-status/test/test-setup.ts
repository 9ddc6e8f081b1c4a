import { randomBytes } from 'node:crypto'
import type { ApolloServer, GraphQLResponse } from '@apollo/server'
import { createDatabase, dropDatabase, ensureDatabaseExists, migrateToLatest } from '@lienthong/lib'
import { remapAddresses, type CivilStatusSlice } from '@lienthong/lib/registers'
import { migrationFolder } from '@lienthong/migrations'
import type { CompiledQuery, Kysely } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, expect } from 'vitest'
import { addressTablesOf, createCivilStatusContext, loadCivilStatusServices, type CivilStatusContext, type CivilStatusServices } from '../src/context.js'
import type { CivilStatusDatabase } from '../src/database.js'
import { ingestCivilStatusSlice, type CivilStatusIngestResult } from '../src/ingest.js'
import { createCivilStatusApolloServer } from '../src/server.js'
import { CIVIL_STATUS_FIXTURE } from './fixtures.js'

/** The PostgreSQL server tests create their databases on. */
const TEST_SERVER_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

export interface TestCivilStatusDatabase {
  url: string
  db: Kysely<CivilStatusDatabase>
  /** Every statement the db ran, in order; reset it before the operation you measure. */
  statements: CompiledQuery[]
  drop(): Promise<void>
}

/**
 * A fresh database for one test file, migrated with the production migrations.
 * Statements are recorded through kysely's `log` callback, to prove batching.
 */
export async function createTestCivilStatusDatabase(feature: string): Promise<TestCivilStatusDatabase> {
  const url = new URL(TEST_SERVER_URL)
  url.pathname = `/lienthong_test_civil_status_${feature.replace(/\W/g, '_')}_${randomBytes(4).toString('hex')}`
  await ensureDatabaseExists(url.toString())
  const statements: CompiledQuery[] = []
  const db = createDatabase<CivilStatusDatabase>(url.toString(), {
    log: (event) => {
      if (event.level === 'query') statements.push(event.query)
    },
  })
  await migrateToLatest(db, migrationFolder('civil-status'))
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
export async function ingestAndRemap(database: TestCivilStatusDatabase, slice: CivilStatusSlice): Promise<CivilStatusIngestResult> {
  const client = new pg.Client({ connectionString: database.url })
  await client.connect()
  try {
    await client.query('BEGIN')
    const result = await ingestCivilStatusSlice(client, slice)
    await client.query('COMMIT')
    await remapAddresses(addressTablesOf(database.db), { onlyUnmapped: true })
    return result
  } catch (error) {
    await client.query('ROLLBACK')
    throw error
  } finally {
    await client.end()
  }
}

export interface ExecutionResultOf<T> {
  data?: T | null
  errors?: readonly { message: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[]
}

/** The real Apollo Server of the subgraph, started, with the services over a test database. */
export interface TestCivilStatusServer {
  server: ApolloServer<CivilStatusContext>
  services: CivilStatusServices
  /** Runs an operation in-process with a fresh per-request context; returns its single result. */
  execute<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, options?: { official?: string }): Promise<ExecutionResultOf<T>>
  stop(): Promise<void>
}

export async function startTestCivilStatusServer(db: Kysely<CivilStatusDatabase>): Promise<TestCivilStatusServer> {
  const services = await loadCivilStatusServices(db)
  const server = createCivilStatusApolloServer()
  await server.start()
  return {
    server,
    services,
    async execute<T>(query: string, variables?: Record<string, unknown>, options: { official?: string } = {}) {
      const contextValue = { ...createCivilStatusContext(services), official: options.official }
      const response: GraphQLResponse<Record<string, unknown>> = await server.executeOperation({ query, ...(variables ? { variables } : {}) }, { contextValue })
      if (response.body.kind !== 'single') throw new Error('expected a single result')
      return response.body.singleResult as ExecutionResultOf<T>
    },
    stop: () => server.stop(),
  }
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
  const context = {} as CivilStatusTestContext
  beforeAll(async () => {
    context.database = await createTestCivilStatusDatabase(feature)
    await ingestAndRemap(context.database, slice)
    context.subgraph = await startTestCivilStatusServer(context.database.db)
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

/** The code of a result's only error. */
export function errorCodeOf(result: ExecutionResultOf<unknown>): unknown {
  expect(result.errors).toHaveLength(1)
  return result.errors![0]!.extensions?.code
}

/** SELECT statements among those recorded. */
export function selectsIn(statements: readonly CompiledQuery[]): string[] {
  return statements.map((statement) => statement.sql).filter((sql) => /^\s*(select|with)\b/i.test(sql))
}
