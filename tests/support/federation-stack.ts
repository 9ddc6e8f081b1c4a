import { randomBytes } from 'node:crypto'
import { databaseUrlOnServer, dropDatabase } from '@lienthong/lib'
import type { RunningSubgraph } from '@lienthong/lib/subgraph'
import { TEST_GATEWAY_SECRET, TEST_OFFICIAL, TEST_PURPOSE } from '@lienthong/lib/testing'
import { purposeHeaders, startGateway, type Caller, type Purpose, type RunningGateway } from '@lienthong/gateway'
import { createTestIssuer, type TestIssuer } from './test-issuer.js'
import { migrateDatabase } from '../../scripts/support/databases.js'
import { SUBGRAPH_STARTERS } from '../../scripts/support/subgraph-starters.js'
import { SUBGRAPHS, type SubgraphName } from '@lienthong/schema'
import { registerDatabaseUrls, seedRegisters, type SeedOptions, type SeedResult } from '@lienthong/seed'

/** The PostgreSQL server tests create their databases on. */
export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432'

export interface FederationStackOptions {
  /** Load a synthetic nation of this size and seed into the registers. Defaults to none (empty registers). */
  seed?: Pick<SeedOptions, 'citizens' | 'seed' | 'defectRates'>
  /**
   * Pool size of each subgraph. 1 makes statement counts repeatable: with several
   * connections, two queries may answer in one turn of the event loop or in two,
   * and DataLoader batches the next level's loads once or twice. Defaults to 10.
   */
  connectionsPerSubgraph?: number
  /**
   * The gateway's entity cache. Off makes every request ask the boundary subgraph for its units again, so statement
   * counts of two requests compare. Defaults to on, as deployed.
   */
  entityCache?: boolean
}

export interface FederationStack {
  gateway: RunningGateway
  /** The identity provider the gateway trusts: tokens for any caller. */
  issuer: TestIssuer
  /** The gateway's audit database. */
  auditDatabaseUrl: string
  /**
   * POSTs an operation to the gateway as `as` (default TEST_OFFICIAL, an official with every scope; null: anonymous)
   * for `purpose` (default TEST_PURPOSE; null: none declared).
   */
  post(query: string, variables?: Record<string, unknown>, options?: RequestOptions): Promise<GraphQLResult>
  /** The Authorization and purpose headers `post` sends. */
  headersFor(options?: RequestOptions): Promise<Record<string, string>>
  subgraphs: Record<SubgraphName, RunningSubgraph>
  /** What the seed loaded, when `seed` was given. */
  seeded: SeedResult | undefined
  /** SQL statements each subgraph has sent since the last `statements.reset()`. */
  statements: StatementCounter
  /** Stops one subgraph only (readiness tests); `stop()` still cleans up. */
  stopSubgraph(name: SubgraphName): Promise<void>
  /** Stops the gateway and the subgraphs, then drops the test databases. */
  stop(): Promise<void>
}

export interface RequestOptions {
  as?: Caller | null
  purpose?: Purpose | null
  headers?: Record<string, string>
}

export interface StatementCounter {
  reset(): void
  total(): number
  bySubgraph(): Record<string, number>
  /** Each statement since the last reset, by subgraph, sorted: its SQL with `in ($1, $2…)` lists folded to `in (…)`. */
  sqlBySubgraph(): Record<string, string[]>
}

/**
 * The real federation on port 0: every subgraph of SUBGRAPHS on a fresh
 * database migrated with the production migrations, optionally seeded with a
 * synthetic nation, and the gateway on the checked-in supergraph pointed at
 * them. Each subgraph's kysely counts the statements it sends.
 */
export async function startFederationStack({ seed, connectionsPerSubgraph = 10, entityCache = true }: FederationStackOptions = {}): Promise<FederationStack> {
  // Database names are folded to lower case, and several test files run at once.
  const prefix = `test_federation_${process.pid}_${randomBytes(4).toString('hex')}`
  const databaseUrls = new Map(SUBGRAPHS.map(({ database }) => [database, databaseUrlOnServer(TEST_POSTGRES_URL, `${prefix}_${database}`)]))
  const sqlLog: Record<string, string[]> = {}
  const statements: StatementCounter = {
    reset: () => Object.keys(sqlLog).forEach((name) => (sqlLog[name] = [])),
    total: () => Object.values(sqlLog).reduce((sum, log) => sum + log.length, 0),
    bySubgraph: () => Object.fromEntries(Object.entries(sqlLog).map(([name, log]) => [name, log.length])),
    sqlBySubgraph: () => Object.fromEntries(Object.entries(sqlLog).map(([name, log]) => [name, [...log].sort()])),
  }
  const issuer = await createTestIssuer()
  const headersFor = async ({ as = TEST_OFFICIAL, purpose = TEST_PURPOSE, headers = {} }: RequestOptions = {}) => ({
    ...(as ? { authorization: `Bearer ${await issuer.tokenFor(as)}` } : {}),
    ...(purpose ? purposeHeaders(purpose) : {}),
    ...headers,
  })
  const stopped = new Map<SubgraphName, Promise<void>>()
  const subgraphs: Partial<Record<SubgraphName, RunningSubgraph>> = {}
  let gateway: RunningGateway | undefined
  const stopSubgraph = (name: SubgraphName) => {
    if (!stopped.has(name)) stopped.set(name, subgraphs[name]?.stop() ?? Promise.resolve())
    return stopped.get(name)!
  }
  const stop = async () => {
    await gateway?.stop()
    await Promise.all(SUBGRAPHS.map(({ name }) => stopSubgraph(name)))
    await Promise.all([...databaseUrls.values()].map((url) => dropDatabase(url)))
  }
  try {
    // migrateDatabase creates each database first.
    await Promise.all([...databaseUrls].map(([database, url]) => migrateDatabase(database, url)))
    const seeded = seed
      ? await seedRegisters({
          databaseUrls: registerDatabaseUrls((database) => databaseUrls.get(database)!),
          ...seed,
        })
      : undefined
    for (const { name, database } of SUBGRAPHS) {
      sqlLog[name] = []
      subgraphs[name] = await SUBGRAPH_STARTERS[name]({
        databaseUrl: databaseUrls.get(database)!,
        port: 0,
        migrate: false,
        // Every subgraph answers only requests signed with the secret the gateway signs with.
        gatewaySecret: TEST_GATEWAY_SECRET,
        database: {
          maxConnections: connectionsPerSubgraph,
          log: (event) => void (event.level === 'query' && sqlLog[name]!.push(statementShape(event.query.sql))),
        },
      })
    }
    const auditDatabaseUrl = databaseUrls.get('audit')!
    gateway = await startGateway({
      port: 0,
      subgraphUrls: Object.fromEntries(SUBGRAPHS.map(({ name }) => [name, subgraphs[name]!.graphqlUrl])),
      authentication: issuer.authentication,
      gatewaySecret: TEST_GATEWAY_SECRET,
      auditDatabaseUrl,
      entityCache,
    })
    const graphqlUrl = gateway.graphqlUrl
    return {
      gateway,
      issuer,
      auditDatabaseUrl,
      post: async (query, variables, options) => postGraphQL(graphqlUrl, query, variables, await headersFor(options)),
      headersFor,
      subgraphs: subgraphs as Record<SubgraphName, RunningSubgraph>,
      seeded,
      statements,
      stopSubgraph,
      stop,
    }
  } catch (error) {
    await stop()
    throw error
  }
}

/** A statement's SQL without the length of its parameter lists, which grows with the batch. */
function statementShape(sql: string): string {
  return sql.replace(/in \(\$\d+(, \$\d+)*\)/g, 'in (…)').slice(0, 160)
}

/** A GraphQL response as a client sees it. */
export interface GraphQLResult {
  status: number
  body: { data?: any; errors?: Array<{ message: string; path?: unknown[]; extensions?: Record<string, unknown> }> }
}

/** POSTs one operation to a GraphQL endpoint, as any HTTP client would. */
export async function postGraphQL(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<GraphQLResult> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...headers },
    body: JSON.stringify({ query, ...(variables ? { variables } : {}) }),
  })
  return { status: response.status, body: (await response.json()) as GraphQLResult['body'] }
}
