import { expectGatewayOnly, signedGraphQLRequest, TEST_GATEWAY_SECRET, testOfficial, type SecurityOptions } from '@lienthong/lib/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startLandSubgraph, type RunningLandSubgraph } from '../src/index.js'
import { SAMPLE_SLICE } from './fixtures.js'
import { createTestLandDatabase, ingestSlice, type TestLandDatabase } from './test-setup.js'

describe('land subgraph over HTTP', () => {
  let database: TestLandDatabase
  let subgraph: RunningLandSubgraph
  beforeAll(async () => {
    database = await createTestLandDatabase('server')
    await ingestSlice(database, SAMPLE_SLICE)
    // Migrations already ran: starting again must find nothing pending.
    subgraph = await startLandSubgraph({ databaseUrl: database.url, port: 0, gatewaySecret: TEST_GATEWAY_SECRET })
  })
  afterAll(async () => {
    await subgraph?.stop()
    await database?.drop()
  })

  /** POSTs as the gateway does: signed for the land subgraph, by TEST_OFFICIAL unless `security` says otherwise. */
  async function post(query: string, variables: Record<string, unknown> = {}, security: SecurityOptions = {}) {
    return (await signedGraphQLRequest<any>(subgraph.graphqlUrl, 'land', { query, variables }, security)).body
  }

  it('When the subgraph runs, Then it is healthy and ready', async () => {
    expect((await fetch(`${subgraph.url}/healthz`)).status).toBe(200)
    expect((await fetch(`${subgraph.url}/readyz`)).status).toBe(200)
  })

  it('When a request bypasses the gateway (unsigned, or signed for another subgraph), Then 401 UNAUTHENTICATED and no data', async () => {
    const query = { query: '{ landParcel(id: "00001-12-345") { id } }' }
    expect(await expectGatewayOnly(subgraph.graphqlUrl, 'land', 'population', query)).toEqual({ status: 200, body: { data: { landParcel: { id: '00001-12-345' } } } })
  })

  it('When a parcel is asked over HTTP, Then it answers with its uses', async () => {
    const body = await post('{ landParcel(id: "00001-12-345") { id uses { purposeCode longTerm } } }')
    expect(body).toEqual({ data: { landParcel: { id: '00001-12-345', uses: [{ purposeCode: 'ODT', longTerm: true }, { purposeCode: 'CLN', longTerm: false }] } } })
  })

  it('When the gateway signs for an official, Then the resolution records that official', async () => {
    const parcel = await post('{ landParcel(id: "00007-3-78") { address { id } } }')
    const addressId = parcel.data.landParcel.address.id
    const mutation = 'mutation($a: ID!) { resolveLandAddressMapping(addressId: $a, communeCode: "00025", reason: "Trích lục bản đồ địa chính") { mappingStatus resolutions { resolvedBy } } }'
    expect((await post(mutation, { a: addressId }, { caller: null })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED')
    const resolved = await post(mutation, { a: addressId }, { caller: testOfficial('can-bo-dia-chinh-03') })
    expect(resolved).toEqual({ data: { resolveLandAddressMapping: { mappingStatus: 'RESOLVED', resolutions: [{ resolvedBy: 'can-bo-dia-chinh-03' }] } } })
  })

  it('When the parcel id is malformed, Then the LandParcelId scalar rejects it with BAD_USER_INPUT', async () => {
    expect((await post('{ landParcel(id: "00001-012-345") { id } }')).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
  })
})
