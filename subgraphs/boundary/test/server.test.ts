import { createDatabase, databaseNameOf } from '@lienthong/lib'
import { expectGatewayOnly, signedGraphQLRequest, TEST_GATEWAY_SECRET } from '@lienthong/lib/testing'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startBoundarySubgraph, type RunningBoundarySubgraph } from '../src/index.js'
import { createTestBoundaryDatabase, type TestBoundaryDatabase } from './test-setup.js'

let database: TestBoundaryDatabase
let subgraph: RunningBoundarySubgraph

beforeAll(async () => {
  database = await createTestBoundaryDatabase('server')
  subgraph = await startBoundarySubgraph({ databaseUrl: database.url, port: 0, gatewaySecret: TEST_GATEWAY_SECRET })
})

afterAll(async () => {
  await subgraph?.stop()
  await database?.drop()
})

/** POSTs as the gateway does: signed for the boundary subgraph, for an anonymous caller (boundaries are public). */
async function post(body: { query: string; variables?: Record<string, unknown> }) {
  const { status, body: json } = await signedGraphQLRequest<Record<string, any>>(subgraph.graphqlUrl, 'boundary', body, { caller: null, purpose: null })
  return { status, json }
}

describe('boundary subgraph over HTTP', () => {
  it('when started on port 0, then it listens on 127.0.0.1 and serves GraphQL at /graphql', async () => {
    expect(subgraph.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(subgraph.graphqlUrl).toBe(`${subgraph.url}/graphql`)
    const { status, json } = await post({ query: '{ province(code: "79") { name } }' })
    expect(status).toBe(200)
    expect(json).toEqual({ data: { province: { name: 'Thành phố Hồ Chí Minh' } } })
  })

  it('when a request bypasses the gateway (unsigned, or signed for another subgraph), then 401 UNAUTHENTICATED and no data', async () => {
    const query = { query: '{ province(code: "79") { name } }' }
    expect((await expectGatewayOnly(subgraph.graphqlUrl, 'boundary', 'population', query)).status).toBe(200)
  })

  it('when the gateway asks for _service, then the SDL with the entity keys comes back', async () => {
    const { json } = await post({ query: '{ _service { sdl } }' })
    const sdl = (json.data?._service as { sdl: string }).sdl
    expect(sdl).toContain('type AdministrativeUnit @key(fields: "code")')
    expect(sdl).toContain('type LegacyAdministrativeUnit @key(fields: "code")')
  })

  it('when probed, then /healthz and /readyz answer 200 with status ok', async () => {
    const health = await fetch(`${subgraph.url}/healthz`)
    expect(health.status).toBe(200)
    expect(await health.json()).toEqual({ status: 'ok' })
    const ready = await fetch(`${subgraph.url}/readyz`)
    expect(ready.status).toBe(200)
    expect(await ready.json()).toEqual({ status: 'ok' })
  })

  it('when a browser opens /graphql, then no landing page or explorer is served', async () => {
    const response = await fetch(subgraph.graphqlUrl, { headers: { accept: 'text/html' } })
    expect(response.status).toBe(405)
    expect(response.headers.get('content-type') ?? '').not.toContain('text/html')
  })

  it('when a bad code is sent, then the response keeps the BAD_USER_INPUT message', async () => {
    const { json } = await post({ query: 'query ($code: AdministrativeUnitCode!) { province(code: $code) { name } }', variables: { code: 79 } })
    expect(json.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
    expect(json.errors?.[0]?.message).toContain('not a number')
  })

  it('when the database fails during a query, then the client sees "Unexpected error." without stack trace or SQL detail', async () => {
    await sql`ALTER TABLE commune RENAME TO commune_moved_by_test`.execute(database.db)
    try {
      const { status, json } = await post({ query: '{ commune(code: "26740") { name } }' })
      expect(status).toBe(200)
      expect(json.data).toEqual({ commune: null })
      expect(json.errors).toEqual([
        { message: 'Unexpected error.', locations: [{ line: 1, column: 3 }], path: ['commune'], extensions: { code: 'INTERNAL_SERVER_ERROR' } },
      ])
    } finally {
      await sql`ALTER TABLE commune_moved_by_test RENAME TO commune`.execute(database.db)
    }
  })

  it('when the database refuses connections, then /readyz answers 503 while /healthz stays 200', async () => {
    const name = databaseNameOf(database.url)
    const maintenanceUrl = new URL(database.url)
    maintenanceUrl.pathname = '/postgres'
    const maintenance = createDatabase(maintenanceUrl.toString())
    try {
      await sql`ALTER DATABASE ${sql.id(name)} WITH ALLOW_CONNECTIONS false`.execute(maintenance)
      await sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ${name} AND pid <> pg_backend_pid()`.execute(maintenance)

      const ready = await fetch(`${subgraph.url}/readyz`)
      expect(ready.status).toBe(503)
      expect((await fetch(`${subgraph.url}/healthz`)).status).toBe(200)
    } finally {
      await sql`ALTER DATABASE ${sql.id(name)} WITH ALLOW_CONNECTIONS true`.execute(maintenance)
      await maintenance.destroy()
    }
    // Once the database is back, the subgraph is ready again.
    expect((await fetch(`${subgraph.url}/readyz`)).status).toBe(200)
  })
})
