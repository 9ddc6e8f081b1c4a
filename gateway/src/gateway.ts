import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway'
import { logger } from '@lienthong/lib'
import { supergraphForEnforcingGateway } from '@lienthong/lib/authorization'
import type { GatewaySecret } from '@lienthong/lib/subgraph'
import { createSigningFetcher, setSigningContext } from './auth/subgraph-signing.js'
import type { GatewayContext } from './context.js'
import { createEntityCache } from './entity-cache.js'
import { subgraphEndpointsOf, type SubgraphEndpoint } from './subgraph-endpoints.js'
import { createSubgraphFetcher, type Fetcher } from './subgraph-fetch.js'

export interface GatewayOptions {
  /** The composed supergraph (`schema/supergraph.graphql`). */
  supergraphSdl: string
  /** Signs every subgraph request (`readGatewaySecret()`); the subgraphs refuse unsigned ones. */
  gatewaySecret: GatewaySecret
  /**
   * GraphQL URL per subgraph name, overriding the routing URL composed into the
   * supergraph: tests on port 0, subgraphs deployed elsewhere (`BOUNDARY_URL`).
   * Defaults to none: every subgraph at its routing URL.
   */
  subgraphUrls?: Record<string, string>
  /**
   * Keep the public reference data subgraphs mark cacheable (entity-cache.ts). Defaults to on, unless
   * `GATEWAY_ENTITY_CACHE=off`: measuring what the cache saves, or a test counting every subgraph statement.
   */
  entityCache?: boolean
}

export interface LienthongGateway {
  gateway: ApolloGateway
  /** The subgraphs this gateway sends queries to, with the URL it uses for each. */
  subgraphs: SubgraphEndpoint[]
  /** Closes the keep-alive connections to the subgraphs, once the gateway has stopped. */
  closeConnections(): Promise<void>
}

/**
 * An `ApolloGateway` over a static supergraph: no schema polling, no managed
 * federation, no outbound connection other than to the subgraphs.
 *
 * ```ts
 * const { gateway } = createGateway({ supergraphSdl: readSupergraphSdl(), gatewaySecret: readGatewaySecret(), subgraphUrls: { boundary: 'http://127.0.0.1:50123/graphql' } })
 * const server = new ApolloServer({ gateway })
 * ```
 */
export function createGateway({ supergraphSdl, gatewaySecret, subgraphUrls = {}, entityCache: cacheEntities = process.env.GATEWAY_ENTITY_CACHE !== 'off' }: GatewayOptions): LienthongGateway {
  // @apollo/gateway 2.14 otherwise exports host metrics to usage-reporting.api.apollographql.com
  // from its constructor. Nothing leaves a government network unasked; the variable is its only switch.
  process.env.APOLLO_TELEMETRY_DISABLED = 'true'
  const subgraphs = subgraphEndpointsOf(supergraphSdl, subgraphUrls)
  const urlByName = new Map(subgraphs.map(({ name, url }) => [name, url]))
  const subgraphFetcher = createSubgraphFetcher()
  const entityCache = cacheEntities ? createEntityCache() : undefined
  const withEntityCache = (name: string, fetcher: Fetcher) => (entityCache ? entityCache.wrap(name, fetcher) : fetcher)
  const gateway = new ApolloGateway({
    // @apollo/gateway refuses the authorization features it does not enforce; the gateway's access-control plugin enforces them.
    supergraphSdl: supergraphForEnforcingGateway(supergraphSdl),
    logger: logger.child({ component: 'gateway' }),
    buildService: ({ name, url }) =>
      new RemoteGraphQLDataSource<GatewayContext>({
        url: urlByName.get(name) ?? url,
        fetcher: withEntityCache(name, createSigningFetcher({ secret: gatewaySecret, subgraph: name, fetcher: subgraphFetcher.fetcher })),
        willSendRequest({ request, context }) {
          // The caller and the purpose travel inside the signature, never as plain headers.
          if (request.http) setSigningContext(request.http.headers, { caller: context.caller, purpose: context.purpose })
          context.access?.sentTo(name, request.variables)
        },
        didReceiveResponse({ response, context }) {
          context.access?.receivedFrom(response.data)
          return response
        },
      }),
  })
  return {
    gateway,
    subgraphs,
    async closeConnections() {
      if (entityCache) logger.info({ component: 'gateway', entityCache: entityCache.stats }, 'entity cache')
      await subgraphFetcher.close()
    },
  }
}
