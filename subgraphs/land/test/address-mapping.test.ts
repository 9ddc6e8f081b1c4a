import { TEST_MACHINE, testOfficial } from '@lienthong/lib/testing'
import { describe, expect, it } from 'vitest'
import { SAMPLE_SLICE } from './fixtures.js'
import { dataOf, errorCodeOf, useTestLandSubgraph } from './test-setup.js'

const ADDRESS_FIELDS = /* GraphQL */ `
  id register text legacyCommune { code } commune { code } mappingStatus mappedAt
  candidates { commune { code } whole primary }
  resolutions { commune { code } resolvedBy reason resolvedAt }
`

const RESOLVE = /* GraphQL */ `
  mutation($addressId: ID!, $communeCode: AdministrativeUnitCode!, $reason: String!) {
    resolveLandAddressMapping(addressId: $addressId, communeCode: $communeCode, reason: $reason) { ${ADDRESS_FIELDS} }
  }
`

const QUALITY = '{ landMappingQuality { register total exact awaitingReview resolved notFound } }'

describe('address mapping of the land register', () => {
  const context = useTestLandSubgraph('address_mapping', SAMPLE_SLICE)

  async function parcelAddresses(id: string) {
    const data = dataOf(
      await context.subgraph.execute(`query($id: LandParcelId!) { landParcel(id: $id) { address { ${ADDRESS_FIELDS} } holders { address { ${ADDRESS_FIELDS} } } } }`, { id }),
    )
    return data.landParcel as { address: any; holders: { address: any }[] }
  }

  it('When a legacy commune went whole into one 2025 commune, Then the address is EXACT with that commune', async () => {
    const { address } = await parcelAddresses('00001-12-345')
    expect(address).toMatchObject({
      register: 'LAND',
      legacyCommune: { code: '00001' },
      commune: { code: '00097' },
      mappingStatus: 'EXACT',
      candidates: [{ commune: { code: '00097' }, whole: true, primary: true }],
      resolutions: [],
    })
    expect(new Date(address.mappedAt).getTime()).not.toBeNaN()
  })

  it('When a legacy commune was split, Then the address needs review and lists the candidates, primary first', async () => {
    const { holders } = await parcelAddresses('00001-12-345')
    for (const { address } of holders) {
      expect(address).toMatchObject({
        legacyCommune: { code: '00007' },
        commune: null,
        mappingStatus: 'SPLIT_NEEDS_REVIEW',
        candidates: [
          { commune: { code: '00025' }, whole: false, primary: true },
          { commune: { code: '00008' }, whole: false, primary: false },
        ],
      })
    }
  })

  it('When the code is missing or unknown, Then the address is NOT_FOUND without candidates', async () => {
    const enterpriseParcel = await parcelAddresses('00007-3-78')
    expect(enterpriseParcel.holders[0]!.address).toMatchObject({ legacyCommune: null, commune: null, mappingStatus: 'NOT_FOUND', candidates: [] })
    const misspelled = await parcelAddresses('00160-12-345')
    expect(misspelled.address).toMatchObject({ commune: { code: '00160' }, mappingStatus: 'EXACT' })
    expect(misspelled.holders[0]!.address).toMatchObject({ legacyCommune: { code: '99999' }, commune: null, mappingStatus: 'NOT_FOUND', candidates: [] })
  })

  it('When nothing was resolved yet, Then the mapping quality counts every address once', async () => {
    const data = dataOf(await context.subgraph.execute(QUALITY))
    expect(data.landMappingQuality).toEqual({ register: 'LAND', total: 7, exact: 2, awaitingReview: 3, resolved: 0, notFound: 2 })
  })

  it('When no official calls, Then resolving is refused: UNAUTHENTICATED when anonymous, FORBIDDEN for a machine client', async () => {
    const { holders } = await parcelAddresses('00001-12-345')
    const variables = { addressId: holders[0]!.address.id, communeCode: '00008', reason: 'Số nhà thuộc phần sáp nhập vào Ngọc Hà' }
    expect(errorCodeOf(await context.subgraph.execute(RESOLVE, variables, { caller: null }))).toBe('UNAUTHENTICATED')
    expect(errorCodeOf(await context.subgraph.execute(RESOLVE, variables, { caller: TEST_MACHINE }))).toBe('FORBIDDEN')
  })

  it('When the commune is not a candidate, Then it is rejected with BAD_USER_INPUT', async () => {
    const { holders } = await parcelAddresses('00001-12-345')
    const result = await context.subgraph.execute(
      RESOLVE,
      { addressId: holders[0]!.address.id, communeCode: '00097', reason: 'Nhầm phường' },
      { caller: testOfficial('can-bo-dia-chinh-01') },
    )
    expect(errorCodeOf(result)).toBe('BAD_USER_INPUT')
  })

  it('When the address id is not a land address, Then it is rejected with BAD_USER_INPUT', async () => {
    const result = await context.subgraph.execute(RESOLVE, { addressId: 'population:1', communeCode: '00008', reason: 'x' }, { caller: testOfficial('can-bo-dia-chinh-01') })
    expect(errorCodeOf(result)).toBe('BAD_USER_INPUT')
  })

  it('When an official resolves a split address twice, Then both choices are kept, the latest in force, and the record is unchanged', async () => {
    const before = (await parcelAddresses('00001-12-345')).holders[0]!.address
    const first = dataOf(
      await context.subgraph.execute(
        RESOLVE,
        { addressId: before.id, communeCode: '00008', reason: 'Số 8 phố Cống Vị thuộc phần về Phường Ngọc Hà' },
        { caller: testOfficial('can-bo-dia-chinh-01') },
      ),
    )
    expect(first.resolveLandAddressMapping).toMatchObject({
      id: before.id,
      text: before.text,
      legacyCommune: { code: '00007' },
      commune: { code: '00008' },
      mappingStatus: 'RESOLVED',
      resolutions: [{ commune: { code: '00008' }, resolvedBy: 'can-bo-dia-chinh-01', reason: 'Số 8 phố Cống Vị thuộc phần về Phường Ngọc Hà' }],
    })
    dataOf(
      await context.subgraph.execute(
        RESOLVE,
        { addressId: before.id, communeCode: '00025', reason: 'Đối chiếu bản đồ: thuộc Phường Giảng Võ' },
        { caller: testOfficial('can-bo-dia-chinh-02') },
      ),
    )
    const after = (await parcelAddresses('00001-12-345')).holders
    expect(after[0]!.address).toMatchObject({
      text: before.text,
      legacyCommune: { code: '00007' },
      commune: { code: '00025' },
      mappingStatus: 'RESOLVED',
      candidates: before.candidates,
      resolutions: [
        { commune: { code: '00025' }, resolvedBy: 'can-bo-dia-chinh-02', reason: 'Đối chiếu bản đồ: thuộc Phường Giảng Võ' },
        { commune: { code: '00008' }, resolvedBy: 'can-bo-dia-chinh-01', reason: 'Số 8 phố Cống Vị thuộc phần về Phường Ngọc Hà' },
      ],
    })
    // The spouse's address row is its own: still waiting for review.
    expect(after[1]!.address).toMatchObject({ mappingStatus: 'SPLIT_NEEDS_REVIEW', resolutions: [] })

    const data = dataOf(await context.subgraph.execute(QUALITY))
    expect(data.landMappingQuality).toEqual({ register: 'LAND', total: 7, exact: 2, awaitingReview: 2, resolved: 1, notFound: 2 })
  })

  it('When an EXACT address is "resolved", Then it is rejected with BAD_USER_INPUT', async () => {
    const { address } = await parcelAddresses('00001-12-345')
    const result = await context.subgraph.execute(RESOLVE, { addressId: address.id, communeCode: '00097', reason: 'x' }, { caller: testOfficial('can-bo-dia-chinh-01') })
    expect(errorCodeOf(result)).toBe('BAD_USER_INPUT')
  })
})
