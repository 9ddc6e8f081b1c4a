import type { CompiledQuery } from 'kysely'
import { afterAll, beforeAll, expect } from 'vitest'
import type { TestDatabase } from './test-database.js'
import { signedGraphQLRequest, type GraphQLRequestBody, type SignedGraphQLResponse } from './signed-request.js'
import type { ExecutionResultOf } from './test-server.js'

/** How a test file gets its database and subgraph; each step runs once, in `beforeAll`. */
export interface TestSubgraphOptions<DB, S extends { stop(): Promise<void> }, E extends object> {
  createDatabase: () => Promise<TestDatabase<DB>>
  /** Fills the database before the server starts; what it returns is merged into the context. */
  ingest?: (database: TestDatabase<DB>) => Promise<E | void>
  startServer: (database: TestDatabase<DB>) => Promise<S>
}

/** A test file's database and in-process subgraph (and what `ingest` returned), filled in `beforeAll`. */
export type TestSubgraph<DB, S, E extends object = {}> = {
  database: TestDatabase<DB>
  subgraph: S
} & E

/**
 * Gives a test file its own database and a started subgraph over it, both
 * created before its tests and removed after them, even when setup failed halfway.
 */
export function useTestSubgraph<DB, S extends { stop(): Promise<void> }, E extends object = {}>({
  createDatabase,
  ingest,
  startServer,
}: TestSubgraphOptions<DB, S, E>): TestSubgraph<DB, S, E> {
  const context = {} as TestSubgraph<DB, S, E>
  beforeAll(async () => {
    context.database = await createDatabase()
    if (ingest) Object.assign(context, await ingest(context.database))
    context.subgraph = await startServer(context.database)
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

/** The `extensions.code` of a result's only error. */
export function errorCodeOf(result: ExecutionResultOf<unknown>): unknown {
  expect(result.errors).toHaveLength(1)
  return result.errors![0]!.extensions?.code
}

/** The `extensions.code` of each error of a result. */
export function errorCodesOf(result: ExecutionResultOf<unknown>): unknown[] {
  return (result.errors ?? []).map((error) => error.extensions?.code)
}

/** The queries among recorded statements: SELECT, WITH, or a parenthesised query such as `(select …) union …`. */
export function selectsIn(statements: readonly CompiledQuery[]): string[] {
  return statements.map((statement) => statement.sql).filter((sql) => /^\s*(\(|(select|with)\b)/i.test(sql))
}

/** An ISO 8601 instant in UTC with milliseconds, as the DateTime scalar writes it on the wire. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

/**
 * Asserts a served `updatedAt` and returns it as a Date: on the wire (JSON) an ISO 8601 instant, not before
 * `since` (when the test file started: its database is fresh) and not in the future.
 */
export function expectUpdatedAt(value: unknown, since: Date): Date {
  // In-process execution hands back the scalar's serialised value; a client sees its JSON.
  const wire: unknown = JSON.parse(JSON.stringify({ value })).value
  expect(wire).toMatch(ISO_INSTANT)
  const instant = new Date(wire as string)
  expect(instant.getTime()).toBeGreaterThanOrEqual(since.getTime())
  expect(instant.getTime()).toBeLessThanOrEqual(Date.now())
  return instant
}

/**
 * Asserts that a subgraph answers the gateway only: `request` sent unsigned, and signed for `otherSubgraph`, gets
 * 401 UNAUTHENTICATED and no data. Returns the answer to the same request signed for `subgraph` (by TEST_OFFICIAL
 * for TEST_PURPOSE), for the test to check.
 */
export async function expectGatewayOnly<T = Record<string, any>>(
  url: string,
  subgraph: string,
  otherSubgraph: string,
  request: GraphQLRequestBody,
): Promise<SignedGraphQLResponse<T>> {
  for (const refused of [
    await signedGraphQLRequest(url, subgraph, request, { unsigned: true }),
    await signedGraphQLRequest(url, otherSubgraph, request),
  ]) {
    expect(refused.status).toBe(401)
    expect(refused.body.data).toBeUndefined()
    expect(refused.body.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED'])
  }
  return signedGraphQLRequest<T>(url, subgraph, request)
}
