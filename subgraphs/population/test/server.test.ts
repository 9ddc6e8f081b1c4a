import { randomBytes } from 'node:crypto'
import { dropDatabase, ensureDatabaseExists } from '@lienthong/lib'
import type { RunningSubgraph } from '@lienthong/lib/subgraph'
import { expectGatewayOnly, signedGraphQLRequest, TEST_GATEWAY_SECRET, testOfficial, type SecurityOptions } from '@lienthong/lib/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startPopulationSubgraph } from '../src/server.js'

const url = new URL(process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres')
url.pathname = `/lienthong_test_population_server_${randomBytes(4).toString('hex')}`
let subgraph: RunningSubgraph

beforeAll(async () => {
  await ensureDatabaseExists(url.toString())
  subgraph = await startPopulationSubgraph({ databaseUrl: url.toString(), port: 0, gatewaySecret: TEST_GATEWAY_SECRET })
})
afterAll(async () => {
  await subgraph?.stop()
  await dropDatabase(url.toString())
})

/** POSTs as the gateway does: signed for the population subgraph, by TEST_OFFICIAL unless `security` says otherwise. */
async function post(query: string, security: SecurityOptions = {}) {
  return (await signedGraphQLRequest(subgraph.graphqlUrl, 'population', { query }, security)).body
}

describe('startPopulationSubgraph', () => {
  it('when started on a new database, then it migrates it and answers health, readiness and GraphQL', async () => {
    expect((await fetch(`${subgraph.url}/healthz`)).status).toBe(200)
    expect((await fetch(`${subgraph.url}/readyz`)).status).toBe(200)
    const result = await post('{ populationMappingQuality { register total } citizen(personalId: "001065100000") { fullName } }')
    expect(result).toEqual({ data: { populationMappingQuality: { register: 'POPULATION', total: 0 }, citizen: null } })
  })

  it('when a request bypasses the gateway (unsigned, or signed for another subgraph), then 401 UNAUTHENTICATED and no data', async () => {
    const query = { query: '{ citizen(personalId: "001065100000") { fullName } }' }
    expect(await expectGatewayOnly(subgraph.graphqlUrl, 'population', 'civil-status', query)).toEqual({ status: 200, body: { data: { citizen: null } } })
  })

  it('when the gateway signs for an official, then the mutation knows who decides', async () => {
    const mutation = 'mutation { resolvePopulationAddressMapping(addressId: "population:1", communeCode: "00008", reason: "Tổ 3") { id } }'
    expect((await post(mutation, { caller: null })).errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED'])
    // With an official the request gets past authentication and finds no such address.
    expect((await post(mutation, { caller: testOfficial('can.bo.01') })).errors?.map((error) => error.extensions?.code)).toEqual(['NOT_FOUND'])
  })

  it('when asked for its SDL, then it declares the Citizen key and the federation imports', async () => {
    const result = await post('{ _service { sdl } }')
    const sdl = (result.data?._service as { sdl: string }).sdl
    expect(sdl).toContain('type Citizen @key(fields: "personalId")')
    expect(sdl).toContain('type Household @key(fields: "id")')
    expect(sdl).toContain('scalar PersonalId')
  })
})
