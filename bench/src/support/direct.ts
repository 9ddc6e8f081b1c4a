/**
 * The ceiling: the subgraphs queried directly, without any gateway.
 *
 * A gateway's work for one request is a query plan: subgraph fetches, some
 * waiting for others. A recording proxy sits between a lienthong gateway and
 * the subgraphs while sample requests pass one at a time, and keeps each
 * fetch's body and timing; a fetch depends on every fetch of the same request
 * that had ended before it started. Replaying a request sends the same bodies
 * in the same order straight to the subgraphs, each freshly signed for the
 * same caller and purpose (signatures are single-use), so the subgraphs do
 * exactly the work they do behind a gateway and nothing else runs in between.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http'
import { decodeJwt } from 'jose'
import { GATEWAY_SIGNATURE_HEADER, signSubgraphRequest, type GatewayCaller, type GatewayPurpose } from '@lienthong/lib/subgraph'
import { REQUEST_TIMEOUT_MS, type PoolFor, type Send } from './load.js'

export interface CapturedFetch {
  subgraph: string
  body: string
  startedAt: number
  endedAt: number
  /** Indexes of the fetches of the same request this one waited for. */
  dependsOn: number[]
}

export interface CapturedRequest {
  fetches: CapturedFetch[]
  caller: GatewayCaller | undefined
  purpose: GatewayPurpose | undefined
}

export interface RecordingProxy {
  /** Subgraph name → the proxy's URL standing for it; give these to the gateway. */
  proxyUrls: Record<string, string>
  /** Records the fetches of one gateway request sent by `send` (one at a time). */
  capture(send: () => Promise<void>): Promise<CapturedRequest>
  stop(): Promise<void>
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

export async function startRecordingProxy(subgraphUrls: Record<string, string>): Promise<RecordingProxy> {
  let recording: { fetches: Omit<CapturedFetch, 'dependsOn'>[]; signature?: string } | undefined
  const server: Server = createServer((request, response) => {
    void (async () => {
      const subgraph = decodeURIComponent((request.url ?? '').split('/')[1] ?? '')
      const target = subgraphUrls[subgraph]
      if (!target) {
        response.writeHead(404).end()
        return
      }
      const body = await readBody(request)
      const startedAt = performance.now()
      const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => !['host', 'content-length', 'connection'].includes(name))) as Record<string, string>
      const upstream = await fetch(target, { method: 'POST', headers, body })
      const text = await upstream.text()
      response.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' }).end(text)
      if (recording) {
        recording.fetches.push({ subgraph, body, startedAt, endedAt: performance.now() })
        recording.signature ??= headers[GATEWAY_SIGNATURE_HEADER]
      }
    })().catch((error: unknown) => {
      response.writeHead(502).end(String(error))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  return {
    proxyUrls: Object.fromEntries(Object.keys(subgraphUrls).map((name) => [name, `http://127.0.0.1:${port}/${encodeURIComponent(name)}/graphql`])),
    async capture(send) {
      recording = { fetches: [] }
      try {
        await send()
      } finally {
        // A late fetch of this request would otherwise land in the next one.
        await new Promise((resolve) => setImmediate(resolve))
      }
      const { fetches, signature } = recording
      recording = undefined
      if (fetches.length === 0) throw new Error('the gateway sent no subgraph request')
      const claims = signature ? (decodeJwt(signature) as { caller?: GatewayCaller; purpose?: GatewayPurpose }) : {}
      return {
        fetches: fetches.map((fetch, index) => ({
          ...fetch,
          dependsOn: fetches.flatMap((other, otherIndex) => (otherIndex !== index && other.endedAt <= fetch.startedAt ? [otherIndex] : [])),
        })),
        caller: claims.caller,
        purpose: claims.purpose,
      }
    },
    async stop() {
      // close() alone waits for idle keep-alive connections to time out.
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/**
 * One captured request replayed straight to the subgraphs: every fetch after
 * those it waited for, each signed anew. Fails if a subgraph answers with an
 * HTTP error or GraphQL errors.
 */
export function replaySend(request: CapturedRequest, subgraphUrls: Record<string, string>, gatewaySecret: string): Send {
  const secret = new TextEncoder().encode(gatewaySecret)
  return async (poolFor: PoolFor) => {
    const done: Promise<void>[] = []
    for (const [index, fetch] of request.fetches.entries()) {
      done[index] = Promise.all(fetch.dependsOn.map((dependency) => done[dependency])).then(() => sendFetch(fetch, poolFor, subgraphUrls, secret, request))
    }
    await Promise.all(done)
    return true
  }
}

async function sendFetch(fetch: CapturedFetch, poolFor: PoolFor, subgraphUrls: Record<string, string>, secret: Uint8Array, request: CapturedRequest): Promise<void> {
  const url = new URL(subgraphUrls[fetch.subgraph]!)
  const signature = await signSubgraphRequest({ secret, subgraph: fetch.subgraph, body: fetch.body, caller: request.caller, purpose: request.purpose })
  const response = await poolFor(url.origin).request({
    method: 'POST',
    path: url.pathname,
    headers: { 'content-type': 'application/json', [GATEWAY_SIGNATURE_HEADER]: signature },
    body: fetch.body,
    headersTimeout: REQUEST_TIMEOUT_MS,
    bodyTimeout: REQUEST_TIMEOUT_MS,
  })
  const text = await response.body.text()
  if (response.statusCode !== 200) throw new Error(`${fetch.subgraph}: HTTP ${response.statusCode}: ${text.slice(0, 200)}`)
  if (text.includes('"errors":')) throw new Error(`${fetch.subgraph}: ${text.slice(0, 300)}`)
}
