import { ApolloServer } from '@apollo/server'
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled'
import { expressMiddleware } from '@as-integrations/express5'
import { createDatabase, logger, migrateToLatest, startHttpServer, type DatabaseOptions } from '@lienthong/lib'
import { migrationFolder } from '@lienthong/migrations'
import express from 'express'
import { createBoundaryContext, loadBoundaryServices, type BoundaryContext, type BoundaryServices } from './context.js'
import type { BoundaryDatabase } from './database.js'
import { formatBoundaryError } from './errors.js'
import { isDatabaseReachable } from './repository.js'
import { createBoundarySchema } from './subgraph.js'

/**
 * The boundary subgraph's Apollo Server, not yet started: the schema, error
 * masking and plugins, without HTTP. Tests run operations on it in-process
 * with `executeOperation(…, { contextValue: createBoundaryContext(services) })`.
 */
export function createBoundaryApolloServer(): ApolloServer<BoundaryContext> {
  return new ApolloServer<BoundaryContext>({
    schema: createBoundarySchema(),
    // The gateway composes from the checked-in supergraph, but `_service { sdl }`
    // and developers' tools read the subgraph's schema.
    introspection: true,
    includeStacktraceInErrorResponses: false,
    // The process owner (main.ts, npm start) stops servers in order on SIGINT/SIGTERM.
    stopOnTerminationSignals: false,
    formatError: formatBoundaryError,
    plugins: [
      // A subgraph is reached through the gateway, which serves the explorer.
      ApolloServerPluginLandingPageDisabled(),
      // Federated traces (ftv1) would carry error messages to the gateway; no Apollo Studio runs offline anyway.
      ApolloServerPluginInlineTraceDisabled(),
    ],
  })
}

export interface BoundarySubgraphOptions {
  /** `postgres://…/<database>`; the database must exist. */
  databaseUrl: string
  /** Port to listen on; 0 picks a free one. Defaults to 4001. */
  port?: number
  /** Interface to bind. Defaults to `HOST` or 127.0.0.1. */
  host?: string
  /** Run the boundary migrations before starting. Defaults to true. */
  migrate?: boolean
  /** Database options, e.g. kysely's `log` to count statements. */
  database?: DatabaseOptions
}

export interface RunningBoundarySubgraph {
  /** Base URL, e.g. `http://127.0.0.1:4001`. */
  url: string
  /** The GraphQL endpoint, `<url>/graphql`, for the gateway. */
  graphqlUrl: string
  /** Stops the HTTP server and Apollo Server, then closes the database pool. */
  stop(): Promise<void>
}

/**
 * Starts the boundary subgraph over HTTP: POST `/graphql`, GET `/healthz`
 * (the process is up) and GET `/readyz` (the database answers).
 *
 * ```ts
 * const subgraph = await startBoundarySubgraph({ databaseUrl: 'postgres://postgres@127.0.0.1:5432/lienthong_boundary', port: 0 })
 * // … POST subgraph.graphqlUrl …
 * await subgraph.stop()
 * ```
 */
export async function startBoundarySubgraph({
  databaseUrl,
  port = 4001,
  host,
  migrate = true,
  database,
}: BoundarySubgraphOptions): Promise<RunningBoundarySubgraph> {
  const db = createDatabase<BoundaryDatabase>(databaseUrl, database)
  try {
    if (migrate) await migrateToLatest(db, migrationFolder('boundary'))
    const services = await loadBoundaryServices(db)
    const apollo = createBoundaryApolloServer()
    await apollo.start()
    try {
      const http = await startHttpServer(createBoundaryApp(apollo, services), { port, ...(host ? { host } : {}) })
      logger.info({ url: http.url }, 'boundary subgraph listening')
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

function createBoundaryApp(apollo: ApolloServer<BoundaryContext>, services: BoundaryServices): express.Express {
  const app = express()
  app.disable('x-powered-by')
  app.get('/healthz', (_request, response) => {
    response.json({ status: 'ok' })
  })
  app.get('/readyz', async (_request, response) => {
    const ready = await isDatabaseReachable(services.db)
    response.status(ready ? 200 : 503).json({ status: ready ? 'ok' : 'database unavailable' })
  })
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, { context: async () => createBoundaryContext(services) }),
  )
  return app
}
