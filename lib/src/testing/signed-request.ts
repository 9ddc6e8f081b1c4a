import { GATEWAY_SIGNATURE_HEADER, signSubgraphRequest, type GatewaySecret } from '../subgraph/gateway-signature.js'
import { testSecurityContext, TEST_GATEWAY_SECRET, type SecurityOptions } from './test-security.js'
import type { ExecutionResultOf } from './test-server.js'

/** A GraphQL request body as a client sends it. */
export interface GraphQLRequestBody {
  query: string
  variables?: Record<string, unknown>
  operationName?: string
}

export interface SignedRequestOptions extends SecurityOptions {
  /** Defaults to TEST_GATEWAY_SECRET, the secret test subgraphs are started with. */
  secret?: GatewaySecret
  /** Further headers, e.g. one a test expects the subgraph to ignore. */
  headers?: Record<string, string>
  /** Send no signature at all: what a client bypassing the gateway does. */
  unsigned?: boolean
}

/** A subgraph's answer as the gateway would see it. */
export interface SignedGraphQLResponse<T> {
  status: number
  body: ExecutionResultOf<T>
}

/**
 * POSTs an operation to a subgraph as the gateway does: the exact body signed
 * for `subgraph` with the test gateway secret, carrying TEST_OFFICIAL and
 * TEST_PURPOSE unless `caller`/`purpose` say otherwise (`null`: none).
 *
 * ```ts
 * const subgraph = await startPopulationSubgraph({ databaseUrl, port: 0, gatewaySecret: TEST_GATEWAY_SECRET })
 * const { status, body } = await signedGraphQLRequest(subgraph.graphqlUrl, 'population', { query: '{ populationMappingQuality { total } }' })
 * ```
 */
export async function signedGraphQLRequest<T = Record<string, any>>(
  url: string,
  subgraph: string,
  request: GraphQLRequestBody | string,
  { secret = TEST_GATEWAY_SECRET, headers = {}, unsigned = false, ...security }: SignedRequestOptions = {},
): Promise<SignedGraphQLResponse<T>> {
  const body = typeof request === 'string' ? request : JSON.stringify(request)
  const { caller, purpose } = testSecurityContext(security)
  const signature = unsigned ? undefined : await signSubgraphRequest({ secret, subgraph, body, caller, purpose })
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers, ...(signature ? { [GATEWAY_SIGNATURE_HEADER]: signature } : {}) },
    body,
  })
  return { status: response.status, body: (await response.json()) as ExecutionResultOf<T> }
}
