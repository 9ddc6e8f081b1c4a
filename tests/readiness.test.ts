import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFederationStack, type FederationStack } from './support/federation-stack.js'

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
      subgraphs: { boundary: 'ready', population: 'ready', 'civil-status': 'ready', land: 'ready', business: 'ready', insurance: 'ready', cases: 'ready', audit: 'ready' },
    })
  })

  it('when the land subgraph has stopped, then /readyz answers 503 naming it and /healthz still 200', async () => {
    await stack.stopSubgraph('land')

    const ready = await fetch(new URL('/readyz', stack.gateway.url))
    const health = await fetch(new URL('/healthz', stack.gateway.url))

    expect(ready.status).toBe(503)
    expect(await ready.json()).toEqual({
      status: 'unavailable',
      subgraphs: { boundary: 'ready', population: 'ready', 'civil-status': 'ready', land: 'unreachable', business: 'ready', insurance: 'ready', cases: 'ready', audit: 'ready' },
    })
    expect(health.status).toBe(200)
  })
})
