import { randomBytes } from 'node:crypto'
import type { ApolloServer, GraphQLResponse } from '@apollo/server'
import { createDatabase, dropDatabase, ensureDatabaseExists, migrateToLatest } from '@lienthong/lib'
import { remapAddresses, type InsuranceSlice, type RegisterAddressDatabase } from '@lienthong/lib/registers'
import { migrationFolder } from '@lienthong/migrations'
import type { CompiledQuery, Kysely } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, expect } from 'vitest'
import { createInsuranceContext, type InsuranceContext } from '../src/context.js'
import type { InsuranceDatabase } from '../src/database.js'
import { ingestInsuranceSlice, type InsuranceIngestCounts } from '../src/ingest.js'
import { createInsuranceApolloServer } from '../src/server.js'
import { testSlice, TODAY } from './fixtures.js'

/** The PostgreSQL server tests create their databases on. */
const TEST_SERVER_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

export interface TestInsuranceDatabase {
  url: string
  db: Kysely<InsuranceDatabase>
  /** Every statement the db ran, in order; reset it before the operation you measure. */
  statements: CompiledQuery[]
  drop(): Promise<void>
}

/** A fresh database for one test file, migrated with the production migrations; statements are recorded. */
export async function createTestInsuranceDatabase(feature: string): Promise<TestInsuranceDatabase> {
  const url = new URL(TEST_SERVER_URL)
  url.pathname = `/lienthong_test_insurance_${feature.replace(/\W/g, '_')}_${randomBytes(4).toString('hex')}`
  await ensureDatabaseExists(url.toString())
  const statements: CompiledQuery[] = []
  const db = createDatabase<InsuranceDatabase>(url.toString(), {
    log: (event) => {
      if (event.level === 'query') statements.push(event.query)
    },
  })
  await migrateToLatest(db, migrationFolder('insurance'))
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

/** Ingests a slice the way the seed does: one transaction, then the mapping of the new addresses. */
export async function ingestAndRemap(database: TestInsuranceDatabase, slice: InsuranceSlice): Promise<InsuranceIngestCounts> {
  const client = new pg.Client({ connectionString: database.url })
  await client.connect()
  try {
    await client.query('BEGIN')
    const counts = await ingestInsuranceSlice(client, slice)
    await client.query('COMMIT')
    await remapAddresses(database.db as unknown as Kysely<RegisterAddressDatabase>, { onlyUnmapped: true })
    return counts
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

export interface TestInsuranceServer {
  server: ApolloServer<InsuranceContext>
  /** Runs an operation in-process with a fresh per-request context (today = TODAY); `official` sets the header. */
  execute<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, options?: { official?: string }): Promise<ExecutionResultOf<T>>
  stop(): Promise<void>
}

export async function startTestInsuranceServer(db: Kysely<InsuranceDatabase>): Promise<TestInsuranceServer> {
  const services = { db, today: () => TODAY }
  const server = createInsuranceApolloServer()
  await server.start()
  return {
    server,
    async execute<T>(query: string, variables?: Record<string, unknown>, options: { official?: string } = {}) {
      const headers = options.official ? { 'x-lienthong-official': options.official } : {}
      const response: GraphQLResponse<Record<string, unknown>> = await server.executeOperation(
        { query, ...(variables ? { variables } : {}) },
        { contextValue: createInsuranceContext(services, { headers }) },
      )
      if (response.body.kind !== 'single') throw new Error('expected a single result')
      return response.body.singleResult as ExecutionResultOf<T>
    },
    stop: () => server.stop(),
  }
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
  const context = {} as InsuranceTestContext
  beforeAll(async () => {
    context.database = await createTestInsuranceDatabase(feature)
    context.ingested = await ingestAndRemap(context.database, testSlice())
    context.subgraph = await startTestInsuranceServer(context.database.db)
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

/** The error codes of a result. */
export function errorCodesOf(result: ExecutionResultOf<unknown>): unknown[] {
  return (result.errors ?? []).map((error) => error.extensions?.code)
}
