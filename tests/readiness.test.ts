import { SUBGRAPHS, type SubgraphName } from '@lienthong/schema'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFederationStack, type FederationStack } from './support/federation-stack.js'

/** What /readyz reports for each subgraph of SUBGRAPHS (the stack starts them all): 'ready' unless `unreachable` names it. */
function subgraphStatuses(unreachable?: SubgraphName): Record<string, string> {
  return Object.fromEntries(SUBGRAPHS.map(({ name }) => [name, name === unreachable ? 'unreachable' : 'ready']))
}

describe('gateway readiness', () => {
  let stack: FederationStack

  beforeAll(async () => {
    stack = await startFederationStack()
  })

  afterAll(async () => {
    await stack?.stop()
  })

  it('when every subgraph is ready, then the gateway /readyz answers 200 naming each', async () => {
    const response = await fetch(new URL('/readyz', stack.gateway.url))

    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({
      status: 'ready',
      subgraphs: subgraphStatuses(),
    })
  })

  it('when the land subgraph has stopped, then /readyz answers 503 naming it and /healthz still 200', async () => {
    await stack.stopSubgraph('land')

    const ready = await fetch(new URL('/readyz', stack.gateway.url))
    const health = await fetch(new URL('/healthz', stack.gateway.url))

    expect(ready.status).toBe(503)
    expect(await ready.json()).toEqual({
      status: 'unavailable',
      subgraphs: subgraphStatuses('land'),
    })
    expect(health.status).toBe(200)
  })
})
