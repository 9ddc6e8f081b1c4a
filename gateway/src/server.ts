import { ApolloServer } from '@apollo/server'
import {
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled'
import { expressMiddleware } from '@as-integrations/express5'
import { officialOf } from '@lienthong/lib/subgraph'
import express from 'express'
import { logger, startHttpServer } from '@lienthong/lib'
import { readSupergraphSdl } from '@lienthong/schema'
import { createExplorerRouter } from './explorer/explorer-route.js'
import { createGateway, type GatewayContext } from './gateway.js'
import { createErrorMaskingPlugin } from './plugins/error-masking-plugin.js'
import { checkSubgraphsReady } from './readiness.js'

export interface GatewayServerOptions {
  /** Port to listen on; 0 picks a free one. Defaults to 4000 (`GATEWAY_PORT` in main.ts). */
  port?: number
  /** Interface to bind. Defaults to `HOST` or 127.0.0.1. */
  host?: string
  /** GraphQL URL per subgraph name, overriding the supergraph's routing URLs. Defaults to none. */
  subgraphUrls?: Record<string, string>
  /** The supergraph to serve. Defaults to the checked-in `schema/supergraph.graphql`. */
  supergraphSdl?: string
  /** How long `/readyz` waits for each subgraph's `/readyz`. Defaults to 2,000 ms. */
  readinessTimeoutMs?: number
}

export interface RunningGateway {
  /** Base URL, e.g. `http://127.0.0.1:4000`. */
  url: string
  /** The GraphQL endpoint, also the explorer's address in a browser. */
  graphqlUrl: string
  /** Stops accepting requests, then stops the gateway. */
  stop(): Promise<void>
}

const GRAPHQL_PATH = '/graphql'

/**
 * Starts the federation gateway: @apollo/gateway inside @apollo/server on
 * express, with
 * - `POST|GET /graphql`: the supergraph; a browser GET gets the offline explorer;
 * - `GET /healthz`: 200 while the process runs;
 * - `GET /readyz`: 200 when every subgraph's `/readyz` answers 200, else 503
 *   naming the subgraphs that did not.
 *
 * ```ts
 * const gateway = await startGateway({ port: 0, subgraphUrls: { boundary: boundary.graphqlUrl } })
 * await fetch(gateway.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ provinces { code } }' }) })
 * await gateway.stop()
 * ```
 */
export async function startGateway({
  port = 4000,
  host,
  subgraphUrls,
  supergraphSdl = readSupergraphSdl(),
  readinessTimeoutMs = 2_000,
}: GatewayServerOptions = {}): Promise<RunningGateway> {
  const { gateway, subgraphs } = createGateway({ supergraphSdl, subgraphUrls })
  const server = new ApolloServer<GatewayContext>({
    gateway,
    logger: logger.child({ component: 'gateway' }),
    includeStacktraceInErrorResponses: false,
    // Whoever starts the gateway owns shutdown (main.ts, npm start, tests). Apollo's own
    // handlers would stop it out of order and re-raise the signal.
    stopOnTerminationSignals: false,
    // The explorer reads the schema by introspection; the schema is public documentation.
    introspection: true,
    plugins: [
      // Apollo's landing page loads from a CDN; the gateway serves its own explorer instead.
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      createErrorMaskingPlugin(),
    ],
  })
  await server.start()

  const app = express()
  app.disable('x-powered-by')
  app.get('/healthz', (_request, response) => {
    response.json({ status: 'ok' })
  })
  app.get('/readyz', async (_request, response) => {
    const readiness = await checkSubgraphsReady(subgraphs, readinessTimeoutMs)
    response.status(readiness.ready ? 200 : 503).json({ status: readiness.ready ? 'ready' : 'unavailable', subgraphs: readiness.subgraphs })
  })
  app.use(createExplorerRouter({ endpointPath: GRAPHQL_PATH }))
  app.use(
    GRAPHQL_PATH,
    express.json({ limit: '1mb' }),
    expressMiddleware(server, { context: async ({ req }): Promise<GatewayContext> => ({ official: officialOf(req) }) }),
  )

  let http
  try {
    http = await startHttpServer(app, { port, ...(host ? { host } : {}) })
  } catch (error) {
    await server.stop()
    throw error
  }
  const running = http
  logger.info({ component: 'gateway', url: running.url, subgraphs }, 'gateway listening')
  return {
    url: running.url,
    graphqlUrl: `${running.url}${GRAPHQL_PATH}`,
    async stop() {
      await running.stop()
      await server.stop()
    },
  }
}
