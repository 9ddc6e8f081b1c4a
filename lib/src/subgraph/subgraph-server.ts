import { ApolloServer, type ApolloServerPlugin, type ContextFunction } from '@apollo/server'
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled'
import { expressMiddleware, type ExpressContextFunctionArgument } from '@as-integrations/express5'
import express from 'express'
import type { GraphQLSchema } from 'graphql'
import { sql, type Kysely } from 'kysely'
import { createDatabase, type DatabaseOptions } from '../database.js'
import { startHttpServer } from '../http.js'
import { logger } from '../logger.js'
import { migrateToLatest } from '../migrate.js'
import { createAuthorizationPlugin, LIENTHONG_POLICIES, readAuthorizationRequirements } from '../authorization/index.js'
import { formatSubgraphError } from './format-error.js'
import { readGatewaySecret, requireGatewaySignature, type GatewayCaller, type GatewayPurpose, type GatewaySecret } from './gateway-signature.js'
import { securityContextOf, type SecurityContext } from './security-context.js'

/**
 * A subgraph's Apollo Server, not yet started: its schema with error masking,
 * Apollo's phone-home features off, and authorization again (defence in
 * depth): the `@authenticated`, `@requiresScopes` and `@policy` of the
 * subgraph's own SDL are checked against the context's `caller` and `purpose`
 * with LIENTHONG_POLICIES before anything executes. Tests run operations on it
 * in-process with `executeOperation(…, { contextValue })`, whose context
 * carries the caller (`TEST_OFFICIAL` of `@lienthong/lib/testing`).
 *
 * Throws when the schema uses a `@policy` name LIENTHONG_POLICIES lacks.
 */
export function createSubgraphApolloServer<TContext extends SecurityContext>(schema: GraphQLSchema): ApolloServer<TContext> {
  return new ApolloServer<TContext>({
    schema,
    // The gateway composes from the checked-in supergraph, but `_service { sdl }`
    // and developers' tools read the subgraph's schema.
    introspection: true,
    includeStacktraceInErrorResponses: false,
    // The process owner (main.ts, npm start) stops servers in order on SIGINT/SIGTERM.
    stopOnTerminationSignals: false,
    formatError: formatSubgraphError,
    plugins: [
      // A subgraph is reached through the gateway, which serves the explorer.
      ApolloServerPluginLandingPageDisabled(),
      // Federated traces (ftv1) would carry error messages to the gateway; no Apollo Studio runs offline anyway.
      ApolloServerPluginInlineTraceDisabled(),
      createSubgraphAuthorizationPlugin<TContext>(schema),
    ],
  })
}

/** createAuthorizationPlugin over the subgraph's own SDL with LIENTHONG_POLICIES, the caller and purpose read from the context. */
function createSubgraphAuthorizationPlugin<TContext extends SecurityContext>(schema: GraphQLSchema): ApolloServerPlugin<TContext> {
  return createAuthorizationPlugin<TContext, GatewayCaller, GatewayPurpose>({
    requirements: readAuthorizationRequirements(schema),
    policies: LIENTHONG_POLICIES,
    callerOf: (context) => context.caller,
    purposeOf: (context) => context.purpose,
    onDecision: (decision, context) => {
      if (decision.allowed || decision.denied.length === 0) return
      // The gateway checks the same requirements first: a refusal here means a
      // caller reached the subgraph past it, or the two disagree. Coordinates only.
      logger.warn(
        { callerKind: context.caller?.kind ?? 'anonymous', denied: decision.denied.map((denied) => denied.coordinate) },
        'subgraph refused an operation',
      )
    },
  })
}

/** Options every subgraph's `start…Subgraph` takes. */
export interface SubgraphOptions {
  /** `postgres://…/<database>`; the database must exist. */
  databaseUrl: string
  /** Port to listen on; 0 picks a free one. Defaults to the subgraph's port in SUBGRAPHS. */
  port?: number
  /** Interface to bind. Defaults to `HOST` or 127.0.0.1. */
  host?: string
  /** Run the subgraph's migrations before starting. Defaults to true. */
  migrate?: boolean
  /** Database options, e.g. kysely's `log` to count statements. */
  database?: DatabaseOptions
  /**
   * The secret the gateway signs subgraph requests with (at least 32 bytes).
   * Defaults to `readGatewaySecret()`: `LIENTHONG_GATEWAY_SECRET`, or in
   * development the checkout's generated `.lienthong/gateway-secret`, which the
   * gateway reads too. Tests and the starters of a whole federation pass theirs.
   */
  gatewaySecret?: GatewaySecret
}

export interface RunningSubgraph {
  /** Base URL, e.g. `http://127.0.0.1:4001`. */
  url: string
  /** The GraphQL endpoint, `<url>/graphql`, for the gateway. */
  graphqlUrl: string
  /** Stops the HTTP server and Apollo Server, then closes the database pool. */
  stop(): Promise<void>
}

/** What a subgraph plugs into {@link startSubgraphServer}. */
export interface SubgraphServerDefinition<TDatabase, TServices, TContext extends object> {
  /** Subgraph name in the supergraph ("population"…): the audience of the gateway's signatures, and for logs. */
  name: string
  defaultPort: number
  /** Its migration folder (`migrationFolder(database)` from @lienthong/migrations). */
  migrationFolder: string
  schema: GraphQLSchema
  /** What is built once at start and shared by requests (caches, indexes). */
  loadServices(db: Kysely<TDatabase>): Promise<TServices>
  /**
   * The context of one request: fresh DataLoaders, and `security` (the caller
   * and purpose the gateway signed) spread in, so that authorization and the
   * resolvers see them.
   */
  createContext(services: TServices, request: express.Request, security: SecurityContext): TContext
}

/**
 * Starts a subgraph over HTTP: POST `/graphql`, for the gateway only (each
 * request signed for this subgraph, see requireGatewaySignature; anything else
 * gets 401 UNAUTHENTICATED), GET `/healthz` (the process is up) and GET
 * `/readyz` (the database answers), both open for probes.
 *
 * ```ts
 * const subgraph = await startSubgraphServer(populationSubgraph, { databaseUrl, port: 0, gatewaySecret })
 * // … POST subgraph.graphqlUrl …
 * await subgraph.stop()
 * ```
 */
export async function startSubgraphServer<TDatabase, TServices, TContext extends SecurityContext>(
  definition: SubgraphServerDefinition<TDatabase, TServices, TContext>,
  { databaseUrl, port = definition.defaultPort, host, migrate = true, database, gatewaySecret }: SubgraphOptions,
): Promise<RunningSubgraph> {
  // Before anything else: a missing secret in production stops the start.
  const signature = requireGatewaySignature({ secret: gatewaySecret ?? readGatewaySecret(), subgraph: definition.name })
  const db = createDatabase<TDatabase>(databaseUrl, database)
  try {
    if (migrate) await migrateToLatest(db, definition.migrationFolder)
    const services = await definition.loadServices(db)
    const apollo = createSubgraphApolloServer<TContext>(definition.schema)
    await apollo.start()
    try {
      const context: ContextFunction<[ExpressContextFunctionArgument], TContext> = async ({ req }) =>
        definition.createContext(services, req, securityContextOf(req))
      const http = await startHttpServer(createSubgraphApp(apollo, db, signature, context), { port, ...(host ? { host } : {}) })
      logger.info({ url: http.url, subgraph: definition.name }, 'subgraph listening')
      return {
        url: http.url,
        graphqlUrl: `${http.url}/graphql`,
        async stop() {
          await http.stop()
          await apollo.stop()
          await db.destroy()
        },
      }
    } catch (error) {
      await apollo.stop()
      throw error
    }
  } catch (error) {
    await db.destroy()
    throw error
  }
}

function createSubgraphApp<TContext extends SecurityContext>(
  apollo: ApolloServer<TContext>,
  db: Kysely<any>,
  signature: express.Router,
  context: ContextFunction<[ExpressContextFunctionArgument], TContext>,
): express.Express {
  const app = express()
  app.disable('x-powered-by')
  app.get('/healthz', (_request, response) => {
    response.json({ status: 'ok' })
  })
  app.get('/readyz', async (_request, response) => {
    const ready = await isDatabaseReachable(db)
    response.status(ready ? 200 : 503).json({ status: ready ? 'ok' : 'database unavailable' })
  })
  // The signature check reads the raw body and parses it itself: no express.json() before it.
  app.use('/graphql', signature, expressMiddleware(apollo, { context }))
  return app
}

/** True when the database answers a trivial query. */
export async function isDatabaseReachable(db: Kysely<any>): Promise<boolean> {
  try {
    await sql`SELECT 1`.execute(db)
    return true
  } catch {
    return false
  }
}
