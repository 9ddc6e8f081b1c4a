import type { RunningSubgraph } from '@lienthong/lib/subgraph'
import { signedGraphQLRequest, TEST_GATEWAY_SECRET } from '@lienthong/lib/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startCasesSubgraph } from '../src/server.js'
import { createTestCasesDatabase, type TestCasesDatabase } from './test-setup.js'

let database: TestCasesDatabase
let subgraph: RunningSubgraph

beforeAll(async () => {
  database = await createTestCasesDatabase('server')
  // Migrating again at start is a no-op on a migrated database.
  subgraph = await startCasesSubgraph({ databaseUrl: database.url, port: 0, gatewaySecret: TEST_GATEWAY_SECRET })
})

afterAll(async () => {
  await subgraph?.stop()
  await database?.drop()
})

const PROCEDURE = { query: '{ procedure(code: "1.000894") { code } }' }

describe('cases subgraph over HTTP', () => {
  it('when probed, then /healthz and /readyz answer 200 without a signature', async () => {
    expect((await fetch(`${subgraph.url}/healthz`)).status).toBe(200)
    expect((await fetch(`${subgraph.url}/readyz`)).status).toBe(200)
  })

  it('when the gateway signs the request, then the catalogue answers, for an anonymous caller too (it is public)', async () => {
    expect(await signedGraphQLRequest(subgraph.graphqlUrl, 'cases', PROCEDURE)).toEqual({ status: 200, body: { data: { procedure: { code: '1.000894' } } } })
    expect(await signedGraphQLRequest(subgraph.graphqlUrl, 'cases', PROCEDURE, { caller: null, purpose: null })).toEqual({
      status: 200,
      body: { data: { procedure: { code: '1.000894' } } },
    })
  })

  it('when a request bypasses the gateway (unsigned, signed for another subgraph or with another secret), then 401 UNAUTHENTICATED and no data', async () => {
    for (const refused of [
      await signedGraphQLRequest(subgraph.graphqlUrl, 'cases', PROCEDURE, { unsigned: true }),
      await signedGraphQLRequest(subgraph.graphqlUrl, 'population', PROCEDURE),
      await signedGraphQLRequest(subgraph.graphqlUrl, 'cases', PROCEDURE, { secret: 'x'.repeat(48) }),
    ]) {
      expect(refused.status).toBe(401)
      expect(refused.body.data).toBeUndefined()
      expect(refused.body.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED'])
    }
  })
})
