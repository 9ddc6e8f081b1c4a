import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway'
import { logger } from '@lienthong/lib'
import { supergraphForEnforcingGateway } from '@lienthong/lib/authorization'
import type { GatewaySecret } from '@lienthong/lib/subgraph'
import { createSigningFetcher, setSigningContext } from './auth/subgraph-signing.js'
import type { GatewayContext } from './context.js'
import { subgraphEndpointsOf, type SubgraphEndpoint } from './subgraph-endpoints.js'

type Fetcher = RemoteGraphQLDataSource['fetcher']

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
}

export interface LienthongGateway {
  gateway: ApolloGateway
  /** The subgraphs this gateway sends queries to, with the URL it uses for each. */
  subgraphs: SubgraphEndpoint[]
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
export function createGateway({ supergraphSdl, gatewaySecret, subgraphUrls = {} }: GatewayOptions): LienthongGateway {
  // @apollo/gateway 2.14 otherwise exports host metrics to usage-reporting.api.apollographql.com
  // from its constructor. Nothing leaves a government network unasked; the variable is its only switch.
  process.env.APOLLO_TELEMETRY_DISABLED = 'true'
  const subgraphs = subgraphEndpointsOf(supergraphSdl, subgraphUrls)
  const urlByName = new Map(subgraphs.map(({ name, url }) => [name, url]))
  const gateway = new ApolloGateway({
    // @apollo/gateway refuses the authorization features it does not enforce; the gateway's access-control plugin enforces them.
    supergraphSdl: supergraphForEnforcingGateway(supergraphSdl),
    logger: logger.child({ component: 'gateway' }),
    buildService: ({ name, url }) =>
      new RemoteGraphQLDataSource<GatewayContext>({
        url: urlByName.get(name) ?? url,
        fetcher: createSigningFetcher({ secret: gatewaySecret, subgraph: name, fetcher: fetchSubgraph }),
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
  return { gateway, subgraphs }
}

/**
 * Node's own fetch (undici) keeps connections to each subgraph alive and
 * pooled. The default fetcher, make-fetch-happen, sends every call through the
 * `https_proxy`/`http_proxy` set for the machine's outbound traffic unless
 * `no_proxy` lists the subgraph; Node's fetch ignores them (unless
 * `NODE_USE_ENV_PROXY` is set).
 *
 * A subgraph answers a request it rejects before execution (an invalid
 * argument literal caught by a scalar during validation) with HTTP 400 and a
 * GraphQL body, as GraphQL over HTTP specifies. `RemoteGraphQLDataSource`
 * treats every non-2xx as a transport failure and would hide the subgraph's
 * `BAD_USER_INPUT` behind an internal error, so such a body is handed on as the
 * GraphQL response it is; the gateway then forwards its errors and codes.
 */
const fetchSubgraph: Fetcher = async (url, init) => {
  const response = await fetch(url, init as RequestInit)
  if (response.status !== 400 || !isJsonResponse(response)) return asFetcherResponse(response)
  const text = await response.text()
  const status = isGraphQLErrorBody(text) ? 200 : response.status
  return asFetcherResponse(new Response(text, { status, headers: response.headers }))
}

// Node's Headers are iterable; TypeScript's DOM lib declares it only with DOM.Iterable.
const asFetcherResponse = (response: Response) => response as unknown as Awaited<ReturnType<Fetcher>>

function isJsonResponse(response: Response): boolean {
  const type = response.headers.get('content-type') ?? ''
  return type.startsWith('application/json') || type.startsWith('application/graphql-response+json')
}

function isGraphQLErrorBody(text: string): boolean {
  try {
    const body: unknown = JSON.parse(text)
    return typeof body === 'object' && body !== null && Array.isArray((body as { errors?: unknown }).errors)
  } catch {
    return false
  }
}
