import { createServer } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readSupergraphSdl, SUBGRAPHS } from '@lienthong/schema'
import { subgraphEndpointsOf, type RunningGateway } from '../src/index.js'
import { startTestGateway } from './test-gateway.js'

describe('gateway without its subgraphs', () => {
  let gateway: RunningGateway
  let deadSubgraphUrl: string

  beforeAll(async () => {
    deadSubgraphUrl = `http://127.0.0.1:${await unusedPort()}/graphql`
    gateway = await startTestGateway({ port: 0, subgraphUrls: Object.fromEntries(SUBGRAPHS.map(({ name }) => [name, deadSubgraphUrl])) })
  })

  afterAll(async () => {
    await gateway?.stop()
  })

  it('when /healthz is asked, then it answers 200 although no subgraph runs', async () => {
    const response = await fetch(new URL('/healthz', gateway.url))

    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ status: 'ok' })
  })

  it('when the subgraphs are unreachable, then /readyz answers 503 naming each', async () => {
    const response = await fetch(new URL('/readyz', gateway.url))

    expect(response.status).toBe(503)
    expect(await response.json()).toEqual({
      status: 'unavailable',
      subgraphs: Object.fromEntries(SUBGRAPHS.map(({ name }) => [name, 'unreachable'])),
    })
  })

  it('when a query needs an unreachable subgraph, then the caller gets "Unexpected error." with a code and request id, and no internals', async () => {
    const { status, body, headers } = await postQuery(gateway.graphqlUrl, '{ provinces { code } }')

    expect(status).toBe(200)
    expect(body.errors).toHaveLength(1)
    expect(body.errors[0]).toEqual({
      message: 'Unexpected error.',
      extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: headers.get('x-request-id') },
    })
    expect(JSON.stringify(body)).not.toContain(new URL(deadSubgraphUrl).port)
  })

  it('when a query does not parse, then the error keeps its code and carries no stack trace', async () => {
    const { status, body } = await postQuery(gateway.graphqlUrl, '{ provinces { code }')

    expect(status).toBe(400)
    expect(body.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED')
    expect(JSON.stringify(body)).not.toMatch(/stacktrace|\.ts:\d+|at .*\(/)
  })

  it('when a query asks for a field the supergraph lacks, then it is a validation error, not a masked one', async () => {
    const { status, body } = await postQuery(gateway.graphqlUrl, '{ noSuchField }')

    expect(status).toBe(400)
    expect(body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED')
    expect(body.errors[0].message).toContain('noSuchField')
  })
})

describe('subgraph endpoints', () => {
  it('when no URL is given, then each subgraph is reached at its routing URL in the supergraph', () => {
    expect(subgraphEndpointsOf(readSupergraphSdl())).toEqual([
      { name: 'audit', url: 'http://127.0.0.1:4008/graphql' },
      { name: 'boundary', url: 'http://127.0.0.1:4001/graphql' },
      { name: 'business', url: 'http://127.0.0.1:4005/graphql' },
      { name: 'cases', url: 'http://127.0.0.1:4007/graphql' },
      { name: 'civil-status', url: 'http://127.0.0.1:4003/graphql' },
      { name: 'insurance', url: 'http://127.0.0.1:4006/graphql' },
      { name: 'land', url: 'http://127.0.0.1:4004/graphql' },
      { name: 'population', url: 'http://127.0.0.1:4002/graphql' },
    ])
  })

  it('when a URL is given for a subgraph, then it replaces the routing URL', () => {
    const endpoints = subgraphEndpointsOf(readSupergraphSdl(), { boundary: 'http://10.0.0.5:8080/graphql' })

    expect(endpoints.find((endpoint) => endpoint.name === 'boundary')).toEqual({ name: 'boundary', url: 'http://10.0.0.5:8080/graphql' })
    expect(endpoints.find((endpoint) => endpoint.name === 'land')).toEqual({ name: 'land', url: 'http://127.0.0.1:4004/graphql' })
  })

  it('when a URL is given for a subgraph the supergraph does not have, then it is refused', () => {
    expect(() => subgraphEndpointsOf(readSupergraphSdl(), { boundry: 'http://127.0.0.1:4001/graphql' })).toThrow(/no subgraph named boundry/)
  })

  it('when a URL is not http(s), then it is refused', () => {
    expect(() => subgraphEndpointsOf(readSupergraphSdl(), { boundary: 'file:///etc/passwd' })).toThrow(/must be http/)
  })

  it('when the gateway is created, then Apollo telemetry is switched off', async () => {
    const gateway = await startTestGateway({ port: 0 })
    await gateway.stop()

    expect(process.env.APOLLO_TELEMETRY_DISABLED).toBe('true')
  })
})

async function postQuery(url: string, query: string) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) })
  return { status: response.status, headers: response.headers, body: (await response.json()) as any }
}

/** A port nothing listens on: taken from the OS, then released. */
async function unusedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}
