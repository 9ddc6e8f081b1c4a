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

  it('when the boundary subgraph is ready, then the gateway /readyz answers 200', async () => {
    const response = await fetch(new URL('/readyz', stack.gateway.url))

    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ status: 'ready', subgraphs: { boundary: 'ready' } })
  })

  it('when the boundary subgraph has stopped, then /readyz answers 503 naming it and /healthz still 200', async () => {
    await stack.stopBoundary()

    const ready = await fetch(new URL('/readyz', stack.gateway.url))
    const health = await fetch(new URL('/healthz', stack.gateway.url))

    expect(ready.status).toBe(503)
    expect(await ready.json()).toEqual({ status: 'unavailable', subgraphs: { boundary: 'unreachable' } })
    expect(health.status).toBe(200)
  })
})
