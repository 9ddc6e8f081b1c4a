import { sql } from 'kysely'
import { TEST_MACHINE, testOfficial } from '@lienthong/lib/testing'
import { describe, expect, it } from 'vitest'
import { ENTERPRISE_B, TEXT, businessSlice } from './fixtures.js'
import { dataOf, errorCodesOf, useTestBusinessSubgraph } from './test-setup.js'

const subgraph = useTestBusinessSubgraph('address_mapping', businessSlice)

const QUALITY = '{ businessMappingQuality { register total exact awaitingReview resolved notFound } }'
const RESOLVE = /* GraphQL */ `
  mutation($id: ID!, $commune: AdministrativeUnitCode!, $reason: String!) {
    resolveBusinessAddressMapping(addressId: $id, communeCode: $commune, reason: $reason) {
      id text legacyCommune { code } commune { code } mappingStatus resolutions { commune { code } resolvedBy reason }
    }
  }
`

async function headOfficeOfB(): Promise<{ id: string; candidates: unknown[] }> {
  const result = await subgraph.execute('query($c: EnterpriseCode!) { enterprise(enterpriseCode: $c) { headOffice { id candidates { commune { code } whole primary } } } }', {
    c: ENTERPRISE_B,
  })
  return dataOf(result).enterprise.headOffice
}

describe('ingest', () => {
  it('When a slice is ingested, Then every LegacyAddress is its own address row, none deduplicated, all mapped', async () => {
    // 3 head offices + 4 representatives' residences + 3 household businesses × (owner residence + address).
    expect(subgraph.ingested).toEqual({
      addresses: 13,
      enterprises: 3,
      representatives: 4,
      owners: 4,
      enterpriseBusinessLines: 4,
      householdBusinesses: 3,
      householdBusinessLines: 4,
    })
    const rows = await sql<{ count: number; texts: number; unmapped: number }>`
      SELECT count(*)::int AS count, count(DISTINCT text)::int AS texts, count(*) FILTER (WHERE mapping_status IS NULL)::int AS unmapped FROM address
    `.execute(subgraph.db)
    // An's residence is recorded three times and Bình's twice: one row each time, 10 distinct texts.
    expect(rows.rows[0]).toEqual({ count: 13, texts: 10, unmapped: 0 })
  })
})

describe('address mapping', () => {
  it('When a head office lies in a split legacy commune, Then it awaits review with both candidates, the primary first', async () => {
    expect((await headOfficeOfB()).candidates).toEqual([
      { commune: { code: '00025' }, whole: false, primary: true },
      { commune: { code: '00008' }, whole: false, primary: false },
    ])
  })

  it('When the mapping quality is asked for, Then it counts every address by status', async () => {
    expect(dataOf(await subgraph.execute(QUALITY)).businessMappingQuality).toEqual({
      register: 'BUSINESS',
      total: 13,
      exact: 8,
      awaitingReview: 3,
      resolved: 0,
      notFound: 2,
    })
  })

  it('When the request is anonymous, Then the resolution is refused as UNAUTHENTICATED; from a machine client, as FORBIDDEN', async () => {
    const { id } = await headOfficeOfB()
    const variables = { id, commune: '00025', reason: 'Biên bản xác minh địa chỉ trụ sở' }
    expect(errorCodesOf(await subgraph.execute(RESOLVE, variables, { caller: null }))).toEqual(['UNAUTHENTICATED'])
    expect(errorCodesOf(await subgraph.execute(RESOLVE, variables, { caller: TEST_MACHINE }))).toEqual(['FORBIDDEN'])
    expect(dataOf(await subgraph.execute(QUALITY)).businessMappingQuality).toMatchObject({ resolved: 0 })
  })

  it('When the commune is not a candidate or the id is not a business address, Then BAD_USER_INPUT', async () => {
    const { id } = await headOfficeOfB()
    const notCandidate = await subgraph.execute(RESOLVE, { id, commune: '00097', reason: 'nhầm' }, { caller: testOfficial('canbo.badinh') })
    expect(errorCodesOf(notCandidate)).toEqual(['BAD_USER_INPUT'])
    const foreignId = await subgraph.execute(RESOLVE, { id: id.replace('business:', 'land:'), commune: '00025', reason: 'nhầm' }, { caller: testOfficial('canbo.badinh') })
    expect(errorCodesOf(foreignId)).toEqual(['BAD_USER_INPUT'])
  })

  it('When an official resolves a split address twice, Then the latest choice is in force, both are kept, and the recorded text and code never change', async () => {
    const { id } = await headOfficeOfB()
    const first = await subgraph.execute(RESOLVE, { id, commune: '00008', reason: 'Theo hồ sơ đăng ký thay đổi' }, { caller: testOfficial('canbo.badinh') })
    expect(dataOf(first).resolveBusinessAddressMapping).toMatchObject({ commune: { code: '00008' }, mappingStatus: 'RESOLVED' })
    const second = await subgraph.execute(RESOLVE, { id, commune: '00025', reason: 'Số nhà thuộc phường Giảng Võ theo bản đồ 2025' }, { caller: testOfficial('canbo.giangvo') })
    expect(dataOf(second).resolveBusinessAddressMapping).toEqual({
      id,
      text: TEXT.bHeadOffice,
      legacyCommune: { code: '00007' },
      commune: { code: '00025' },
      mappingStatus: 'RESOLVED',
      resolutions: [
        { commune: { code: '00025' }, resolvedBy: 'canbo.giangvo', reason: 'Số nhà thuộc phường Giảng Võ theo bản đồ 2025' },
        { commune: { code: '00008' }, resolvedBy: 'canbo.badinh', reason: 'Theo hồ sơ đăng ký thay đổi' },
      ],
    })
    expect(dataOf(await subgraph.execute(QUALITY)).businessMappingQuality).toMatchObject({ total: 13, awaitingReview: 2, resolved: 1 })
  })

  it('When an EXACT address is given, Then it is not resolvable by an official', async () => {
    const result = await subgraph.execute('{ enterprise(enterpriseCode: "0100109106") { headOffice { id } } }')
    const { id } = dataOf(result).enterprise.headOffice
    expect(errorCodesOf(await subgraph.execute(RESOLVE, { id, commune: '00004', reason: 'x' }, { caller: testOfficial('canbo.badinh') }))).toEqual(['BAD_USER_INPUT'])
  })
})
