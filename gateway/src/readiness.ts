import type { SubgraphEndpoint } from './subgraph-endpoints.js'

/** The state of every subgraph behind the gateway, as `GET /readyz` reports it. */
export interface Readiness {
  ready: boolean
  /** Per subgraph name: `ready`, or why not (`HTTP 503`, `unreachable`, `timeout`). */
  subgraphs: Record<string, string>
}

/**
 * Asks each subgraph's own `/readyz` (next to its `/graphql`) whether it can
 * serve, all at once, each within `timeoutMs`. The gateway is ready only when
 * every subgraph is: a query plan may touch any of them.
 */
export async function checkSubgraphsReady(subgraphs: SubgraphEndpoint[], timeoutMs: number): Promise<Readiness> {
  const states = await Promise.all(subgraphs.map(async ({ name, url }) => [name, await probe(readinessUrlOf(url), timeoutMs)] as const))
  return { ready: states.every(([, state]) => state === 'ready'), subgraphs: Object.fromEntries(states) }
}

/** `http://host:4001/graphql` → `http://host:4001/readyz`; a path prefix (`/boundary/graphql`) is kept. */
export function readinessUrlOf(graphqlUrl: string): string {
  return new URL('readyz', graphqlUrl).toString()
}

async function probe(url: string, timeoutMs: number): Promise<string> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) })
    await response.body?.cancel()
    return response.status === 200 ? 'ready' : `HTTP ${response.status}`
  } catch (error) {
    return error instanceof DOMException && error.name === 'TimeoutError' ? 'timeout' : 'unreachable'
  }
}
