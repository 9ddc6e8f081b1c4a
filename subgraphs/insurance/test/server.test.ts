import { randomBytes } from 'node:crypto'
import { dropDatabase, ensureDatabaseExists } from '@lienthong/lib'
import type { RunningSubgraph } from '@lienthong/lib/subgraph'
import { expectGatewayOnly, signedGraphQLRequest, TEST_GATEWAY_SECRET, testOfficial, type SecurityOptions } from '@lienthong/lib/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startInsuranceSubgraph } from '../src/index.js'

const url = new URL(process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres')
url.pathname = `/lienthong_test_insurance_server_${randomBytes(4).toString('hex')}`
let subgraph: RunningSubgraph

beforeAll(async () => {
  await ensureDatabaseExists(url.toString())
  subgraph = await startInsuranceSubgraph({ databaseUrl: url.toString(), port: 0, gatewaySecret: TEST_GATEWAY_SECRET })
})
afterAll(async () => {
  await subgraph?.stop()
  await dropDatabase(url.toString())
})

/** POSTs as the gateway does: signed for the insurance subgraph, by TEST_OFFICIAL unless `security` says otherwise. */
async function post(query: string, variables: Record<string, unknown>, security: SecurityOptions = {}) {
  return (await signedGraphQLRequest(subgraph.graphqlUrl, 'insurance', { query, variables }, security)).body
}

describe('startInsuranceSubgraph', () => {
  it('when started on a new database, then it migrates, is ready and answers over HTTP', async () => {
    expect((await fetch(`${subgraph.url}/readyz`)).status).toBe(200)
    const quality = await post('{ insuranceMappingQuality { register total } }', {})
    expect(quality).toEqual({ data: { insuranceMappingQuality: { register: 'INSURANCE', total: 0 } } })
  })

  it('when a request bypasses the gateway (unsigned, or signed for another subgraph), then 401 UNAUTHENTICATED and no data', async () => {
    const query = { query: '{ insuranceMappingQuality { total } }' }
    expect(await expectGatewayOnly(subgraph.graphqlUrl, 'insurance', 'land', query)).toEqual({ status: 200, body: { data: { insuranceMappingQuality: { total: 0 } } } })
  })

  it('when the gateway signs for an official, then the mutation gets past authentication to input checks', async () => {
    const mutation = 'mutation($id: ID!) { resolveInsuranceAddressMapping(addressId: $id, communeCode: "00025", reason: "x") { id } }'
    const without = await post(mutation, { id: 'insurance:1' }, { caller: null })
    expect(without.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED'])
    const withOfficial = await post(mutation, { id: 'insurance:1' }, { caller: testOfficial('can-bo-01') })
    expect(withOfficial.errors?.map((error) => error.extensions?.code)).toEqual(['NOT_FOUND'])
  })
})
