import type { RemoteGraphQLDataSource } from '@apollo/gateway'
import { GATEWAY_SIGNATURE_HEADER, signSubgraphRequest, type GatewaySecret } from '@lienthong/lib/subgraph'
import type { Caller, Purpose } from './caller.js'

type Fetcher = RemoteGraphQLDataSource['fetcher']
type FetcherHeaders = { set(name: string, value: string): void }

/**
 * Internal: carries the caller and purpose from `willSendRequest` to the
 * signing fetcher, which removes it. Never sent to a subgraph.
 */
const SIGNING_CONTEXT_HEADER = 'x-lienthong-signing-context'

export interface SigningContext {
  caller?: Caller | undefined
  purpose?: Purpose | undefined
}

/**
 * In a data source's `willSendRequest`: who the request is for and why, for
 * {@link createSigningFetcher} to sign. Without it the request is signed as anonymous.
 *
 * ```ts
 * willSendRequest({ request, context }) { setSigningContext(request.http!.headers, { caller: context.caller, purpose: context.purpose }) }
 * ```
 */
export function setSigningContext(headers: FetcherHeaders, { caller, purpose }: SigningContext): void {
  // base64url: a header value must be Latin-1, and agency codes or case references may not be.
  headers.set(SIGNING_CONTEXT_HEADER, Buffer.from(JSON.stringify({ caller, purpose })).toString('base64url'))
}

/**
 * Wraps a data source's fetcher so that each subgraph request carries the
 * gateway's signature (`x-lienthong-gateway-signature`) over the exact body
 * sent. The signing happens here because `RemoteGraphQLDataSource` serializes
 * the body only after `willSendRequest`, and its `sendRequest` is private.
 *
 * ```ts
 * new RemoteGraphQLDataSource<GatewayContext>({
 *   url,
 *   fetcher: createSigningFetcher({ secret: readGatewaySecret(), subgraph: name, fetcher: fetchSubgraph }),
 *   willSendRequest({ request, context }) { setSigningContext(request.http!.headers, context) },
 * })
 * ```
 */
export function createSigningFetcher({ secret, subgraph, fetcher }: { secret: GatewaySecret; subgraph: string; fetcher: Fetcher }): Fetcher {
  return async (url, init = {}) => {
    const { [SIGNING_CONTEXT_HEADER]: encodedContext, ...headers } = init.headers ?? {}
    const { caller, purpose } = encodedContext ? (JSON.parse(Buffer.from(encodedContext, 'base64url').toString('utf8')) as SigningContext) : {}
    headers[GATEWAY_SIGNATURE_HEADER] = await signSubgraphRequest({ secret, subgraph, body: init.body ?? '', caller, purpose })
    return fetcher(url, { ...init, headers })
  }
}
