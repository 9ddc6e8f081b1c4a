import { randomBytes } from 'node:crypto'
import type { ApolloServer, GraphQLResponse } from '@apollo/server'
import { createDatabase, dropDatabase, ensureDatabaseExists, migrateToLatest } from '@lienthong/lib'
import { migrationFolder } from '@lienthong/migrations'
import type { CompiledQuery, Kysely } from 'kysely'
import { afterAll, beforeAll, expect } from 'vitest'
import { createBoundaryContext, loadBoundaryServices, type BoundaryContext, type BoundaryServices } from '../src/context.js'
import type { BoundaryDatabase } from '../src/database.js'
import { createBoundaryApolloServer } from '../src/server.js'

/** The PostgreSQL server tests create their databases on. */
const TEST_SERVER_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

export interface TestBoundaryDatabase {
  url: string
  db: Kysely<BoundaryDatabase>
  /** Every statement the db ran, in order; reset it before the operation you measure. */
  statements: CompiledQuery[]
  drop(): Promise<void>
}

/**
 * A fresh database for one test file, migrated with the production
 * migrations (which load the official boundary data). Statements are recorded
 * through kysely's `log` callback, to prove batching.
 */
export async function createTestBoundaryDatabase(feature: string): Promise<TestBoundaryDatabase> {
  const url = new URL(TEST_SERVER_URL)
  url.pathname = `/lienthong_test_boundary_${feature.replace(/\W/g, '_')}_${randomBytes(4).toString('hex')}`
  await ensureDatabaseExists(url.toString())
  const statements: CompiledQuery[] = []
  const db = createDatabase<BoundaryDatabase>(url.toString(), {
    log: (event) => {
      if (event.level === 'query') statements.push(event.query)
    },
  })
  await migrateToLatest(db, migrationFolder('boundary'))
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

/** The real Apollo Server of the subgraph, started, with the services over a test database. */
export interface TestBoundaryServer {
  server: ApolloServer<BoundaryContext>
  services: BoundaryServices
  /** Runs an operation in-process with a fresh per-request context; returns its single result. */
  execute<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<ExecutionResultOf<T>>
  stop(): Promise<void>
}

export interface ExecutionResultOf<T> {
  data?: T | null
  errors?: readonly { message: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[]
}

export async function startTestBoundaryServer(db: Kysely<BoundaryDatabase>): Promise<TestBoundaryServer> {
  const services = await loadBoundaryServices(db)
  const server = createBoundaryApolloServer()
  await server.start()
  return {
    server,
    services,
    async execute<T>(query: string, variables?: Record<string, unknown>) {
      const response: GraphQLResponse<Record<string, unknown>> = await server.executeOperation(
        { query, ...(variables ? { variables } : {}) },
        { contextValue: createBoundaryContext(services) },
      )
      if (response.body.kind !== 'single') throw new Error('expected a single result')
      return response.body.singleResult as ExecutionResultOf<T>
    },
    stop: () => server.stop(),
  }
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
