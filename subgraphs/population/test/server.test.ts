import { randomBytes } from 'node:crypto'
import { dropDatabase, ensureDatabaseExists } from '@lienthong/lib'
import type { RunningSubgraph } from '@lienthong/lib/subgraph'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startPopulationSubgraph } from '../src/server.js'

const url = new URL(process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres')
url.pathname = `/lienthong_test_population_server_${randomBytes(4).toString('hex')}`
let subgraph: RunningSubgraph

beforeAll(async () => {
  await ensureDatabaseExists(url.toString())
  subgraph = await startPopulationSubgraph({ databaseUrl: url.toString(), port: 0 })
})
afterAll(async () => {
  await subgraph?.stop()
  await dropDatabase(url.toString())
})

async function post(query: string, headers: Record<string, string> = {}) {
  const response = await fetch(subgraph.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) })
  return (await response.json()) as { data?: Record<string, unknown>; errors?: { extensions?: { code?: string } }[] }
}

describe('startPopulationSubgraph', () => {
  it('when started on a new database, then it migrates it and answers health, readiness and GraphQL', async () => {
    expect((await fetch(`${subgraph.url}/healthz`)).status).toBe(200)
    expect((await fetch(`${subgraph.url}/readyz`)).status).toBe(200)
    const result = await post('{ populationMappingQuality { register total } citizen(personalId: "001065100000") { fullName } }')
    expect(result).toEqual({ data: { populationMappingQuality: { register: 'POPULATION', total: 0 }, citizen: null } })
  })

  it('when the gateway forwards the official header, then the mutation knows who decides', async () => {
    const mutation = 'mutation { resolvePopulationAddressMapping(addressId: "population:1", communeCode: "00008", reason: "Tổ 3") { id } }'
    expect((await post(mutation)).errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED'])
    // With an official the request gets past authentication and finds no such address.
    expect((await post(mutation, { 'x-lienthong-official': 'can.bo.01' })).errors?.map((error) => error.extensions?.code)).toEqual(['NOT_FOUND'])
  })

  it('when asked for its SDL, then it declares the Citizen key and the federation imports', async () => {
    const result = await post('{ _service { sdl } }')
    const sdl = (result.data?._service as { sdl: string }).sdl
    expect(sdl).toContain('type Citizen @key(fields: "personalId")')
    expect(sdl).toContain('type Household @key(fields: "id")')
    expect(sdl).toContain('scalar PersonalId')
  })
})
