import { randomBytes } from 'node:crypto'
import { dropDatabase, ensureDatabaseExists } from '@lienthong/lib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startBusinessSubgraph } from '../src/server.js'
import type { RunningSubgraph } from '@lienthong/lib/subgraph'

const TEST_SERVER_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

describe('HTTP server', () => {
  const url = new URL(TEST_SERVER_URL)
  url.pathname = `/lienthong_test_business_server_${randomBytes(4).toString('hex')}`
  let subgraph: RunningSubgraph

  beforeAll(async () => {
    await ensureDatabaseExists(url.toString())
    subgraph = await startBusinessSubgraph({ databaseUrl: url.toString(), port: 0 })
  })
  afterAll(async () => {
    await subgraph?.stop()
    await dropDatabase(url.toString())
  })

  async function post(query: string, headers: Record<string, string> = {}): Promise<{ data?: any; errors?: { extensions?: { code?: string } }[] }> {
    const response = await fetch(subgraph.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) })
    return response.json()
  }

  it('When started on a fresh database, Then it migrates, answers health checks and serves an empty register', async () => {
    expect((await fetch(`${subgraph.url}/readyz`)).status).toBe(200)
    expect(await post('{ businessMappingQuality { register total } enterprise(enterpriseCode: "0100109106") { enterpriseCode } }')).toEqual({
      data: { businessMappingQuality: { register: 'BUSINESS', total: 0 }, enterprise: null },
    })
  })

  it('When an official is named in the header, Then the mutation gets past authentication to the address lookup', async () => {
    const mutation = 'mutation { resolveBusinessAddressMapping(addressId: "business:1", communeCode: "00025", reason: "x") { id } }'
    expect((await post(mutation)).errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED'])
    expect((await post(mutation, { 'x-lienthong-official': 'canbo.badinh' })).errors?.map((error) => error.extensions?.code)).toEqual(['NOT_FOUND'])
  })
})
