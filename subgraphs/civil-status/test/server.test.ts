import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startCivilStatusSubgraph } from '../src/index.js'
import { CIVIL_STATUS_FIXTURE, PEOPLE } from './fixtures.js'
import { createTestCivilStatusDatabase, ingestSlice, type TestCivilStatusDatabase } from './test-setup.js'

let database: TestCivilStatusDatabase
let subgraph: Awaited<ReturnType<typeof startCivilStatusSubgraph>>

beforeAll(async () => {
  database = await createTestCivilStatusDatabase('server')
  await ingestSlice(database, CIVIL_STATUS_FIXTURE)
  // Migrating again at start is a no-op on a migrated database.
  subgraph = await startCivilStatusSubgraph({ databaseUrl: database.url, port: 0 })
})

afterAll(async () => {
  await subgraph?.stop()
  await database?.drop()
})

async function post(body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(subgraph.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })
  return { status: response.status, json: (await response.json()) as { data?: Record<string, any> | null; errors?: { extensions?: Record<string, unknown> }[] } }
}

describe('civil-status subgraph over HTTP', () => {
  it('when started on port 0, then it serves GraphQL, /healthz and /readyz', async () => {
    expect(subgraph.graphqlUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/)
    const { status, json } = await post({
      query: '{ marriageRegistration(id: "KH-2015-0001") { husband { personalId } inForce } }',
    })
    expect(status).toBe(200)
    expect(json).toEqual({ data: { marriageRegistration: { husband: { personalId: PEOPLE.an }, inForce: true } } })
    expect((await fetch(`${subgraph.url}/healthz`)).status).toBe(200)
    expect((await fetch(`${subgraph.url}/readyz`)).status).toBe(200)
  })

  it('when the gateway asks for _service, then the SDL declares the keys and the @requires of the discrepancies', async () => {
    const { json } = await post({ query: '{ _service { sdl } }' })
    const sdl = json.data!._service.sdl as string
    expect(sdl).toMatch(/type Citizen @key\(fields: "personalId"\)/)
    expect(sdl).toMatch(/type BirthRegistration @key\(fields: "id"\)/)
    expect(sdl).toContain('civilStatusDiscrepancies: [RegisterDiscrepancy!]! @requires(fields: "fullName birthDate spouse { personalId }")')
  })

  it('when the gateway forwards the official header, then the resolution records that official', async () => {
    const { json: residence } = await post({ query: '{ marriageRegistration(id: "KH-2015-0001") { husbandResidence { id } } }' })
    const addressId = residence.data!.marriageRegistration.husbandResidence.id as string
    const mutation = 'mutation($id: ID!) { resolveCivilStatusAddressMapping(addressId: $id, communeCode: "00025", reason: "Ngõ 34 Đội Cấn") { mappingStatus resolutions { resolvedBy } } }'

    const anonymous = await post({ query: mutation, variables: { id: addressId } })
    expect(anonymous.json.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED')

    // HTTP header values are Latin-1: an official id, not a Vietnamese name.
    const { json } = await post({ query: mutation, variables: { id: addressId } }, { 'x-lienthong-official': 'tuphap.giangvo.0042' })
    expect(json).toEqual({ data: { resolveCivilStatusAddressMapping: { mappingStatus: 'RESOLVED', resolutions: [{ resolvedBy: 'tuphap.giangvo.0042' }] } } })
  })
})
