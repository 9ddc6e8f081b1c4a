import { ApolloServer, type ContextFunction } from '@apollo/server'
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled'
import { expressMiddleware, type ExpressContextFunctionArgument } from '@as-integrations/express5'
import express from 'express'
import type { GraphQLSchema } from 'graphql'
import { sql, type Kysely } from 'kysely'
import { createDatabase, type DatabaseOptions } from '../database.js'
import { startHttpServer } from '../http.js'
import { logger } from '../logger.js'
import { migrateToLatest } from '../migrate.js'
import { formatSubgraphError } from './format-error.js'

/**
 * A subgraph's Apollo Server, not yet started: its schema with error masking
 * and Apollo's phone-home features off. Tests run operations on it in-process
 * with `executeOperation(…, { contextValue })`.
 */
export function createSubgraphApolloServer<TContext extends object>(schema: GraphQLSchema): ApolloServer<TContext> {
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
    ],
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
  /** Subgraph name, for logs. */
  name: string
  defaultPort: number
  /** Its migration folder (`migrationFolder(database)` from @lienthong/migrations). */
  migrationFolder: string
  schema: GraphQLSchema
  /** What is built once at start and shared by requests (caches, indexes). */
  loadServices(db: Kysely<TDatabase>): Promise<TServices>
  /** The context of one request: fresh DataLoaders, the calling official. */
  createContext(services: TServices, request: express.Request): TContext
}

/**
 * Starts a subgraph over HTTP: POST `/graphql`, GET `/healthz` (the process is
 * up) and GET `/readyz` (the database answers).
 *
 * ```ts
 * const subgraph = await startSubgraphServer(populationSubgraph, { databaseUrl, port: 0 })
 * // … POST subgraph.graphqlUrl …
 * await subgraph.stop()
 * ```
 */
export async function startSubgraphServer<TDatabase, TServices, TContext extends object>(
  definition: SubgraphServerDefinition<TDatabase, TServices, TContext>,
  { databaseUrl, port = definition.defaultPort, host, migrate = true, database }: SubgraphOptions,
): Promise<RunningSubgraph> {
  const db = createDatabase<TDatabase>(databaseUrl, database)
  try {
    if (migrate) await migrateToLatest(db, definition.migrationFolder)
    const services = await definition.loadServices(db)
    const apollo = createSubgraphApolloServer<TContext>(definition.schema)
    await apollo.start()
    try {
      const context: ContextFunction<[ExpressContextFunctionArgument], TContext> = async ({ req }) => definition.createContext(services, req)
      const http = await startHttpServer(createSubgraphApp(apollo, db, context), { port, ...(host ? { host } : {}) })
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

function createSubgraphApp<TContext extends object>(
  apollo: ApolloServer<TContext>,
  db: Kysely<any>,
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
  app.use('/graphql', express.json({ limit: '1mb' }), expressMiddleware(apollo, { context }))
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

/** The official a request acts for (header `x-lienthong-official`, forwarded by the gateway), if any. */
export function officialOf(request: Pick<express.Request, 'headers'> | undefined): string | undefined {
  const value = request?.headers['x-lienthong-official']
  const official = Array.isArray(value) ? value[0] : value
  return official && official.trim().length > 0 ? official.trim().slice(0, 200) : undefined
}
