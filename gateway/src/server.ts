import { ApolloServer, type ApolloServerPlugin } from '@apollo/server'
import {
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled'
import { expressMiddleware } from '@as-integrations/express5'
import { configuredDatabaseUrl, logger, startHttpServer } from '@lienthong/lib'
import { auditSubjectKeyFromEnv, createAuditTrail, type AuditTrail } from '@lienthong/lib/audit'
import { readAuthorizationRequirements } from '@lienthong/lib/authorization'
import { isProductionMode, readGatewaySecret, type GatewaySecret } from '@lienthong/lib/subgraph'
import type { ParseOptions } from 'graphql'
import { readSupergraphSdl } from '@lienthong/schema'
import express from 'express'
import { createAuditPlugin } from './audit/audit-plugin.js'
import { DataAccess } from './audit/data-access.js'
import { createAuthenticator, readAuthenticationConfig, type AuthenticationConfig } from './auth/authentication.js'
import type { Caller, Purpose } from './auth/caller.js'
import { purposeFromHeaders, requestIdFrom, type GatewayContext } from './context.js'
import { createExplorerRouter } from './explorer/explorer-route.js'
import { createGateway } from './gateway.js'
import { createAccessControlPlugin } from './plugins/access-control-plugin.js'
import { createGraphQLBodyParser } from './plugins/batch-and-size.js'
import { createErrorMaskingPlugin } from './plugins/error-masking-plugin.js'
import { createExplorerGuard, createIntrospectionGuardPlugin } from './plugins/introspection.js'
import { createLimitPlugins } from './plugins/limits.js'
import { createRateLimitPlugin } from './plugins/rate-limit.js'
import { createTrustedOperationsPlugin } from './plugins/trusted-operations.js'
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
  /** Who may call: issuer and keys. Defaults to `readAuthenticationConfig()` (AUTH_ISSUER…, else the development issuer). */
  authentication?: AuthenticationConfig
  /** Signs the subgraph requests. Defaults to `readGatewaySecret()` (LIENTHONG_GATEWAY_SECRET, else the development secret). */
  gatewaySecret?: GatewaySecret
  /**
   * The audit database (`AUDIT_DATABASE_URL`, or `DATABASE_URL` as a base), already migrated. Required: the gateway
   * returns no personal data it cannot log.
   */
  auditDatabaseUrl?: string
  /**
   * Benchmarks only (`npm run bench -- security`), refused in production: no authentication, authorization,
   * purpose check, audit, limits or rate limits at the gateway; every request is signed to the subgraphs as this
   * caller and purpose, so the subgraphs' own checks still pass. It measures what the gateway's security costs.
   */
  unsafeWithoutSecurity?: { caller: Caller; purpose: Purpose }
  /** The gateway's entity cache for public reference data. Defaults to on, unless `GATEWAY_ENTITY_CACHE=off`. */
  entityCache?: boolean
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
 * Every operation passes, in order: the per-client rate limit, the trusted
 * operations of machine clients, the introspection guard, the depth, alias,
 * token and cost limits, then authorization and purpose binding (README "Who
 * may read what"); only then are the subgraphs called, each request signed.
 * Before a response touching personal data leaves, its audit entry is
 * written, or the response is withheld.
 *
 * ```ts
 * const gateway = await startGateway({ port: 0, subgraphUrls: { boundary: boundary.graphqlUrl }, auditDatabaseUrl })
 * await fetch(gateway.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ provinces { code } }' }) })
 * await gateway.stop()
 * ```
 */
export async function startGateway({
  port = 4000,
  host,
  subgraphUrls = {},
  supergraphSdl = readSupergraphSdl(),
  readinessTimeoutMs = 2_000,
  authentication = readAuthenticationConfig(),
  gatewaySecret = readGatewaySecret(),
  auditDatabaseUrl = configuredDatabaseUrl('audit'),
  unsafeWithoutSecurity,
  entityCache,
}: GatewayServerOptions = {}): Promise<RunningGateway> {
  const security = unsafeWithoutSecurity ? withoutSecurity(unsafeWithoutSecurity) : await withSecurity({ authentication, auditDatabaseUrl, supergraphSdl })
  const { gateway, subgraphs, closeConnections } = createGateway({ supergraphSdl, gatewaySecret, subgraphUrls, ...(entityCache === undefined ? {} : { entityCache }) })
  const server = new ApolloServer<GatewayContext>({
    gateway,
    logger: logger.child({ component: 'gateway' }),
    includeStacktraceInErrorResponses: false,
    // Whoever starts the gateway owns shutdown (main.ts, npm start, tests). Apollo's own
    // handlers would stop it out of order and re-raise the signal.
    stopOnTerminationSignals: false,
    // The explorer reads the schema by introspection; in production only an admin caller may (introspection guard).
    introspection: true,
    ...(security.parseOptions ? { parseOptions: security.parseOptions } : {}),
    plugins: [
      // Apollo's landing page loads from a CDN; the gateway serves its own explorer instead.
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      ...security.plugins,
      createErrorMaskingPlugin(),
    ],
  })
  const release = async () => {
    await closeConnections()
    await security.close()
  }
  try {
    await server.start()
  } catch (error) {
    await release()
    throw error
  }

  const app = express()
  app.disable('x-powered-by')
  app.get('/healthz', (_request, response) => {
    response.json({ status: 'ok' })
  })
  app.get('/readyz', async (_request, response) => {
    const readiness = await checkSubgraphsReady(subgraphs, readinessTimeoutMs)
    response.status(readiness.ready ? 200 : 503).json({ status: readiness.ready ? 'ready' : 'unavailable', subgraphs: readiness.subgraphs })
  })
  app.use(createExplorerGuard({ endpointPath: GRAPHQL_PATH }))
  app.use(createExplorerRouter({ endpointPath: GRAPHQL_PATH }))
  app.use(GRAPHQL_PATH, ...createGraphQLBodyParser(), expressMiddleware(server, { context: ({ req }) => security.contextOf(req) }))

  let http
  try {
    http = await startHttpServer(app, { port, ...(host ? { host } : {}) })
  } catch (error) {
    await server.stop()
    await release()
    throw error
  }
  const running = http
  if (unsafeWithoutSecurity) logger.warn({ component: 'gateway', url: running.url }, 'gateway WITHOUT SECURITY listening (benchmark)')
  else logger.info({ component: 'gateway', url: running.url, subgraphs }, 'gateway listening')
  return {
    url: running.url,
    graphqlUrl: `${running.url}${GRAPHQL_PATH}`,
    async stop() {
      await running.stop()
      await server.stop()
      await release()
    },
  }
}

/** What the gateway's security adds to Apollo Server: its plugins, parse limits and the context of each request. */
interface GatewaySecurity {
  plugins: ApolloServerPlugin<GatewayContext>[]
  parseOptions?: ParseOptions
  contextOf(request: express.Request): Promise<GatewayContext>
  close(): Promise<void>
}

async function withSecurity({
  authentication,
  auditDatabaseUrl,
  supergraphSdl,
}: {
  authentication: AuthenticationConfig
  auditDatabaseUrl: string | undefined
  supergraphSdl: string
}): Promise<GatewaySecurity> {
  if (!auditDatabaseUrl) throw new Error('the gateway needs its audit database: set AUDIT_DATABASE_URL (or DATABASE_URL)')
  const authenticator = await createAuthenticator(authentication)
  const auditTrail: AuditTrail = createAuditTrail({ databaseUrl: auditDatabaseUrl, subjectKey: auditSubjectKeyFromEnv() })
  const limits = createLimitPlugins<GatewayContext>()
  return {
    // A token limit applied by graphql-js's parser itself, before any work on a huge document.
    parseOptions: limits.parseOptions,
    plugins: [
      // In this order: the first refusal is the one sent.
      createRateLimitPlugin<GatewayContext>(),
      createTrustedOperationsPlugin<GatewayContext>(),
      createIntrospectionGuardPlugin<GatewayContext>(),
      ...limits.plugins,
      createAccessControlPlugin(readAuthorizationRequirements(supergraphSdl)),
      createAuditPlugin(auditTrail),
    ],
    async contextOf(request) {
      return {
        requestId: requestIdFrom(request.headers),
        clientAddress: request.ip,
        caller: await authenticator.authenticate(request.headers.authorization),
        purpose: purposeFromHeaders(request.headers),
        access: new DataAccess(),
      }
    },
    close: () => auditTrail.close(),
  }
}

/** `unsafeWithoutSecurity`, for `npm run bench -- security` only: every request is the given caller's, for the given purpose. */
function withoutSecurity({ caller, purpose }: { caller: Caller; purpose: Purpose }): GatewaySecurity {
  if (isProductionMode()) throw new Error('a gateway without security is for benchmarks and refused in production mode')
  return {
    plugins: [],
    contextOf: async (request) => ({ requestId: requestIdFrom(request.headers), caller, purpose, access: new DataAccess() }),
    close: async () => {},
  }
}
