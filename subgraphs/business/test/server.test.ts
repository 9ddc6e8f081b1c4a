import { randomBytes } from 'node:crypto'
import { dropDatabase, ensureDatabaseExists } from '@lienthong/lib'
import type { RunningSubgraph } from '@lienthong/lib/subgraph'
import { expectGatewayOnly, signedGraphQLRequest, TEST_GATEWAY_SECRET, testOfficial, type SecurityOptions } from '@lienthong/lib/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startBusinessSubgraph } from '../src/server.js'

const TEST_SERVER_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

describe('HTTP server', () => {
  const url = new URL(TEST_SERVER_URL)
  url.pathname = `/lienthong_test_business_server_${randomBytes(4).toString('hex')}`
  let subgraph: RunningSubgraph

  beforeAll(async () => {
    await ensureDatabaseExists(url.toString())
    subgraph = await startBusinessSubgraph({ databaseUrl: url.toString(), port: 0, gatewaySecret: TEST_GATEWAY_SECRET })
  })
  afterAll(async () => {
    await subgraph?.stop()
    await dropDatabase(url.toString())
  })

  /** POSTs as the gateway does: signed for the business subgraph, by TEST_OFFICIAL unless `security` says otherwise. */
  async function post(query: string, security: SecurityOptions = {}) {
    return (await signedGraphQLRequest(subgraph.graphqlUrl, 'business', { query }, security)).body
  }

  it('When started on a fresh database, Then it migrates, answers health checks and serves an empty register', async () => {
    expect((await fetch(`${subgraph.url}/healthz`)).status).toBe(200)
    expect((await fetch(`${subgraph.url}/readyz`)).status).toBe(200)
    expect(await post('{ businessMappingQuality { register total } enterprise(enterpriseCode: "0100109106") { enterpriseCode } }')).toEqual({
      data: { businessMappingQuality: { register: 'BUSINESS', total: 0 }, enterprise: null },
    })
  })

  it('When a request bypasses the gateway (unsigned, or signed for another subgraph), Then 401 UNAUTHENTICATED and no data; signed for business, 200', async () => {
    const query = { query: '{ businessMappingQuality { total } }' }
    expect(await expectGatewayOnly(subgraph.graphqlUrl, 'business', 'insurance', query)).toEqual({ status: 200, body: { data: { businessMappingQuality: { total: 0 } } } })
  })

  it('When the signed caller is an official, Then the mutation gets past authentication to the address lookup', async () => {
    const mutation = 'mutation { resolveBusinessAddressMapping(addressId: "business:1", communeCode: "00025", reason: "x") { id } }'
    expect((await post(mutation, { caller: null })).errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED'])
    expect((await post(mutation, { caller: testOfficial('canbo.badinh') })).errors?.map((error) => error.extensions?.code)).toEqual(['NOT_FOUND'])
  })
})
