import { randomBytes } from 'node:crypto'
import type { GraphQLResponse } from '@apollo/server'
import { createDatabase, dropDatabase, ensureDatabaseExists, migrateToLatest } from '@lienthong/lib'
import { remapAddresses, type BusinessSlice, type RegisterAddressDatabase } from '@lienthong/lib/registers'
import { migrationFolder } from '@lienthong/migrations'
import type { CompiledQuery, Kysely } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, expect } from 'vitest'
import { createBusinessContext, loadBusinessServices, type BusinessContext, type BusinessServices } from '../src/context.js'
import type { BusinessDatabase } from '../src/database.js'
import { ingestBusinessSlice, type BusinessIngestCounts } from '../src/ingest.js'
import { createBusinessApolloServer } from '../src/server.js'

/** The PostgreSQL server tests create their databases on. */
const TEST_SERVER_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

export interface ExecutionResultOf<T> {
  data?: T | null
  errors?: readonly { message: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[]
}

/** A test file's migrated business database holding one ingested slice, and the in-process subgraph over it. */
export interface BusinessTestContext {
  url: string
  db: Kysely<BusinessDatabase>
  /** Every statement kysely ran, in order; clear it before the operation you measure. */
  statements: CompiledQuery[]
  ingested: BusinessIngestCounts
  services: BusinessServices
  /** Runs an operation in-process with a fresh per-request context (and the official, if given). */
  execute<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, options?: { official?: string }): Promise<ExecutionResultOf<T>>
}

/**
 * Gives a test file its own database (migrated with the production migrations),
 * ingests `slice` as the seed does (one transaction, then mapping at ingest)
 * and starts the real Apollo Server over it; all removed after the file.
 * `maxConnections: 1` makes the order of statements (and so which DataLoader
 * batches are answered wholly from cache) independent of timing.
 */
export function useTestBusinessSubgraph(feature: string, slice: BusinessSlice, { maxConnections }: { maxConnections?: number } = {}): BusinessTestContext {
  const context = {} as BusinessTestContext
  const server = createBusinessApolloServer()
  let started = false
  beforeAll(async () => {
    const url = new URL(TEST_SERVER_URL)
    url.pathname = `/lienthong_test_business_${feature.replace(/\W/g, '_')}_${randomBytes(4).toString('hex')}`
    context.url = url.toString()
    await ensureDatabaseExists(context.url)
    context.statements = []
    context.db = createDatabase<BusinessDatabase>(context.url, {
      ...(maxConnections ? { maxConnections } : {}),
      log: (event) => {
        if (event.level === 'query') context.statements.push(event.query)
      },
    })
    await migrateToLatest(context.db, migrationFolder('business'))
    context.ingested = await ingest(context.url, slice)
    await remapAddresses(context.db as unknown as Kysely<RegisterAddressDatabase>, { onlyUnmapped: true })
    context.services = await loadBusinessServices(context.db)
    await server.start()
    started = true
    context.execute = async <T>(query: string, variables?: Record<string, unknown>, options: { official?: string } = {}) => {
      const contextValue: BusinessContext = { ...createBusinessContext(context.services), official: options.official }
      const response: GraphQLResponse<Record<string, unknown>> = await server.executeOperation({ query, ...(variables ? { variables } : {}) }, { contextValue })
      if (response.body.kind !== 'single') throw new Error('expected a single result')
      return response.body.singleResult as ExecutionResultOf<T>
    }
  })
  afterAll(async () => {
    // Drop the database even when setup failed halfway.
    if (started) await server.stop()
    await context.db?.destroy()
    if (context.url) await dropDatabase(context.url)
  })
  return context
}

/** Ingests a slice the way the seed does: its own client, one transaction. */
async function ingest(url: string, slice: BusinessSlice): Promise<BusinessIngestCounts> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query('BEGIN')
    const counts = await ingestBusinessSlice(client, slice)
    await client.query('COMMIT')
    return counts
  } catch (error) {
    await client.query('ROLLBACK')
    throw error
  } finally {
    await client.end()
  }
}

/** The data of a result that must have no errors. */
export function dataOf<T>(result: ExecutionResultOf<T>): T {
  expect(result.errors).toBeUndefined()
  expect(result.data).toBeTruthy()
  return result.data as T
}

/** The codes of a result's errors. */
export function errorCodesOf(result: ExecutionResultOf<unknown>): unknown[] {
  return (result.errors ?? []).map((error) => error.extensions?.code)
}
