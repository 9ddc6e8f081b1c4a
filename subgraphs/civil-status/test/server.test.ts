import { expectGatewayOnly, signedGraphQLRequest, TEST_GATEWAY_SECRET, testOfficial, type SecurityOptions } from '@lienthong/lib/testing'
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
  subgraph = await startCivilStatusSubgraph({ databaseUrl: database.url, port: 0, gatewaySecret: TEST_GATEWAY_SECRET })
})

afterAll(async () => {
  await subgraph?.stop()
  await database?.drop()
})

/** POSTs as the gateway does: signed for the civil-status subgraph, by TEST_OFFICIAL unless `security` says otherwise. */
async function post(body: { query: string; variables?: Record<string, unknown> }, security: SecurityOptions = {}) {
  const { status, body: json } = await signedGraphQLRequest<Record<string, any>>(subgraph.graphqlUrl, 'civil-status', body, security)
  return { status, json }
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

  it('when a request bypasses the gateway (unsigned, or signed for another subgraph), then 401 UNAUTHENTICATED and no data', async () => {
    const query = { query: '{ marriageRegistration(id: "KH-2015-0001") { inForce } }' }
    expect(await expectGatewayOnly(subgraph.graphqlUrl, 'civil-status', 'population', query)).toEqual({ status: 200, body: { data: { marriageRegistration: { inForce: true } } } })
  })

  it('when the gateway asks for _service, then the SDL declares the keys and the @requires of the discrepancies', async () => {
    const { json } = await post({ query: '{ _service { sdl } }' })
    const sdl = json.data!._service.sdl as string
    expect(sdl).toMatch(/type Citizen @key\(fields: "personalId"\)/)
    expect(sdl).toMatch(/type BirthRegistration @key\(fields: "id"\)/)
    // Its authorization directives may stand before the @requires.
    expect(sdl).toMatch(/civilStatusDiscrepancies: \[RegisterDiscrepancy!\]! (@\S+\([^)]*\) )*@requires\(fields: "fullName birthDate spouse \{ personalId \}"\)/)
  })

  it('when the gateway signs for an official, then the resolution records that official', async () => {
    const { json: residence } = await post({ query: '{ marriageRegistration(id: "KH-2015-0001") { husbandResidence { id } } }' })
    const addressId = residence.data!.marriageRegistration.husbandResidence.id as string
    const mutation = 'mutation($id: ID!) { resolveCivilStatusAddressMapping(addressId: $id, communeCode: "00025", reason: "Ngõ 34 Đội Cấn") { mappingStatus resolutions { resolvedBy } } }'

    const anonymous = await post({ query: mutation, variables: { id: addressId } }, { caller: null })
    expect(anonymous.json.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED')

    const { json } = await post({ query: mutation, variables: { id: addressId } }, { caller: testOfficial('tuphap.giangvo.0042') })
    expect(json).toEqual({ data: { resolveCivilStatusAddressMapping: { mappingStatus: 'RESOLVED', resolutions: [{ resolvedBy: 'tuphap.giangvo.0042' }] } } })
  })
})
