import { randomBytes } from 'node:crypto'
import type { ApolloServer, GraphQLResponse } from '@apollo/server'
import { createDatabase, dropDatabase, ensureDatabaseExists, migrateToLatest } from '@lienthong/lib'
import { remapAddresses, type LandSlice, type RegisterAddressDatabase } from '@lienthong/lib/registers'
import { migrationFolder } from '@lienthong/migrations'
import type { CompiledQuery, Kysely } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, expect } from 'vitest'
import { createLandContext, loadLandServices, type LandContext, type LandServices } from '../src/context.js'
import type { LandDatabase } from '../src/database.js'
import { ingestLandSlice, type LandIngestCounts } from '../src/ingest.js'
import { createLandApolloServer } from '../src/server.js'

/** The PostgreSQL server tests create their databases on. */
const TEST_SERVER_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

export interface TestLandDatabase {
  url: string
  db: Kysely<LandDatabase>
  /** Every statement the db ran, in order; reset it before the operation you measure. */
  statements: CompiledQuery[]
  drop(): Promise<void>
}

/** A fresh database for one test file, migrated with the production migrations; statements are recorded. */
export async function createTestLandDatabase(feature: string): Promise<TestLandDatabase> {
  const url = new URL(TEST_SERVER_URL)
  url.pathname = `/lienthong_test_land_${feature.replace(/\W/g, '_')}_${randomBytes(4).toString('hex')}`
  await ensureDatabaseExists(url.toString())
  const statements: CompiledQuery[] = []
  const db = createDatabase<LandDatabase>(url.toString(), {
    log: (event) => {
      if (event.level === 'query') statements.push(event.query)
    },
  })
  await migrateToLatest(db, migrationFolder('land'))
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

/** Ingests a slice in one transaction, as the seed does, then maps the new addresses. */
export async function ingestAndRemap(database: TestLandDatabase, slice: LandSlice): Promise<LandIngestCounts> {
  const client = new pg.Client({ connectionString: database.url })
  await client.connect()
  try {
    await client.query('BEGIN')
    const counts = await ingestLandSlice(client, slice)
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

export interface TestLandServer {
  server: ApolloServer<LandContext>
  services: LandServices
  /** Runs an operation in-process with a fresh per-request context (as `official` when given). */
  execute<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, options?: { official?: string }): Promise<ExecutionResultOf<T>>
  stop(): Promise<void>
}

export async function startTestLandServer(db: Kysely<LandDatabase>): Promise<TestLandServer> {
  const services = await loadLandServices(db)
  const server = createLandApolloServer()
  await server.start()
  return {
    server,
    services,
    async execute<T>(query: string, variables?: Record<string, unknown>, { official }: { official?: string } = {}) {
      const headers = official ? { 'x-lienthong-official': official } : {}
      const response: GraphQLResponse<Record<string, unknown>> = await server.executeOperation(
        { query, ...(variables ? { variables } : {}) },
        { contextValue: createLandContext(services, { headers }) },
      )
      if (response.body.kind !== 'single') throw new Error('expected a single result')
      return response.body.singleResult as ExecutionResultOf<T>
    },
    stop: () => server.stop(),
  }
}

export interface LandTestContext {
  database: TestLandDatabase
  subgraph: TestLandServer
}

/** A test file's own migrated database, filled with `slice` (when given), and a started subgraph over it. */
export function useTestLandSubgraph(feature: string, slice?: LandSlice): LandTestContext {
  const context = {} as LandTestContext
  beforeAll(async () => {
    context.database = await createTestLandDatabase(feature)
    if (slice) await ingestAndRemap(context.database, slice)
    context.subgraph = await startTestLandServer(context.database.db)
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

/** The `extensions.code` of a result's first error. */
export function errorCodeOf(result: ExecutionResultOf<unknown>): unknown {
  expect(result.errors).toBeDefined()
  return result.errors?.[0]?.extensions?.code
}
