import { randomBytes } from 'node:crypto'
import { dropDatabase, ensureDatabaseExists } from '@lienthong/lib'
import type { RunningSubgraph } from '@lienthong/lib/subgraph'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startInsuranceSubgraph } from '../src/index.js'

const url = new URL(process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres')
url.pathname = `/lienthong_test_insurance_server_${randomBytes(4).toString('hex')}`
let subgraph: RunningSubgraph

beforeAll(async () => {
  await ensureDatabaseExists(url.toString())
  subgraph = await startInsuranceSubgraph({ databaseUrl: url.toString(), port: 0 })
})
afterAll(async () => {
  await subgraph?.stop()
  await dropDatabase(url.toString())
})

async function post(query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) {
  const response = await fetch(subgraph.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  })
  return (await response.json()) as { data?: Record<string, unknown>; errors?: { extensions?: { code?: string } }[] }
}

describe('startInsuranceSubgraph', () => {
  it('when started on a new database, then it migrates, is ready and answers over HTTP', async () => {
    expect((await fetch(`${subgraph.url}/readyz`)).status).toBe(200)
    const quality = await post('{ insuranceMappingQuality { register total } }', {})
    expect(quality).toEqual({ data: { insuranceMappingQuality: { register: 'INSURANCE', total: 0 } } })
  })

  it('when the official header is sent, then the mutation gets past authentication to input checks', async () => {
    const mutation = 'mutation($id: ID!) { resolveInsuranceAddressMapping(addressId: $id, communeCode: "00025", reason: "x") { id } }'
    const without = await post(mutation, { id: 'insurance:1' })
    expect(without.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED'])
    const withOfficial = await post(mutation, { id: 'insurance:1' }, { 'x-lienthong-official': 'can-bo-01' })
    expect(withOfficial.errors?.map((error) => error.extensions?.code)).toEqual(['NOT_FOUND'])
  })
})
