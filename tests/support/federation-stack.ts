import { randomBytes } from 'node:crypto'
import { databaseUrlOnServer, dropDatabase, ensureDatabaseExists } from '@lienthong/lib'
import { startGateway, type RunningGateway } from '@lienthong/gateway'
import { startBoundarySubgraph, type RunningBoundarySubgraph } from '@lienthong/subgraph-boundary'

/** The PostgreSQL server tests create their databases on. */
export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432'

export interface FederationStack {
  gateway: RunningGateway
  boundary: RunningBoundarySubgraph
  /** Stops the boundary subgraph only (readiness tests); `stop()` still cleans up. */
  stopBoundary(): Promise<void>
  /** Stops the gateway and subgraph, then drops the test database. */
  stop(): Promise<void>
}

/**
 * The real federation on port 0: a fresh boundary database migrated with the
 * production migrations, the boundary subgraph over it, and the gateway on
 * the checked-in supergraph pointed at that subgraph.
 */
export async function startFederationStack(): Promise<FederationStack> {
  // Database names are folded to lower case, and several test files run at once.
  const databaseUrl = databaseUrlOnServer(TEST_POSTGRES_URL, `test_federation_${process.pid}_${randomBytes(4).toString('hex')}`)
  await ensureDatabaseExists(databaseUrl)
  // The subgraph runs the production migrations at start, as a deployment does.
  const boundary = await startBoundarySubgraph({ databaseUrl, port: 0 })
  let boundaryStopped: Promise<void> | undefined
  const stopBoundary = () => (boundaryStopped ??= boundary.stop())
  let gateway: RunningGateway
  try {
    gateway = await startGateway({ port: 0, subgraphUrls: { boundary: boundary.graphqlUrl } })
  } catch (error) {
    await stopBoundary()
    await dropDatabase(databaseUrl)
    throw error
  }
  return {
    gateway,
    boundary,
    stopBoundary,
    async stop() {
      await gateway.stop()
      await stopBoundary()
      await dropDatabase(databaseUrl)
    },
  }
}

/** A GraphQL response as a client sees it. */
export interface GraphQLResult {
  status: number
  body: { data?: any; errors?: Array<{ message: string; path?: unknown[]; extensions?: Record<string, unknown> }> }
}

/** POSTs one operation to a GraphQL endpoint, as any HTTP client would. */
export async function postGraphQL(url: string, query: string, variables?: Record<string, unknown>): Promise<GraphQLResult> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
    body: JSON.stringify({ query, ...(variables ? { variables } : {}) }),
  })
  return { status: response.status, body: (await response.json()) as GraphQLResult['body'] }
}
