import { TEST_MACHINE, testOfficial } from '@lienthong/lib/testing'
import { describe, expect, it } from 'vitest'
import { addressesOf, fatherId, motherId } from './fixtures.js'
import { dataOf, errorCodesOf, useTestPopulationSubgraph } from './test-setup.js'

const population = useTestPopulationSubgraph('address_mapping')

const ADDRESS = 'id text legacyCommune { code } commune { code } mappingStatus mappedAt candidates { commune { code } whole primary } resolutions { commune { code } resolvedBy reason resolvedAt }'

const RESIDENCES = /* GraphQL */ `
  query ($personalId: PersonalId!) {
    citizen(personalId: $personalId) { permanentResidence { ${ADDRESS} } hometown { ${ADDRESS} } temporaryResidence { ${ADDRESS} } }
  }
`

const RESOLVE = /* GraphQL */ `
  mutation ($addressId: ID!, $communeCode: AdministrativeUnitCode!, $reason: String!) {
    resolvePopulationAddressMapping(addressId: $addressId, communeCode: $communeCode, reason: $reason) { ${ADDRESS} }
  }
`

const QUALITY = '{ populationMappingQuality { register total exact awaitingReview resolved notFound } }'

interface AddressResult {
  id: string
  text: string
  legacyCommune: { code: string } | null
  commune: { code: string } | null
  mappingStatus: string
  mappedAt: string | null
  candidates: { commune: { code: string }; whole: boolean; primary: boolean }[]
  resolutions: { commune: { code: string }; resolvedBy: string; reason: string; resolvedAt: string }[]
}
type Residences = { citizen: { permanentResidence: AddressResult; hometown: AddressResult; temporaryResidence: AddressResult | null } }

const residencesOf = async (personalId: string) => dataOf(await population.subgraph.execute<Residences>(RESIDENCES, { personalId })).citizen

const STATUS_BY_LEGACY_CODE: Record<string, string> = {
  '00001': 'EXACT',
  '00004': 'EXACT',
  '00006': 'EXACT',
  '00008': 'EXACT',
  '26734': 'EXACT',
  '26740': 'EXACT',
  '00007': 'SPLIT_NEEDS_REVIEW',
  '99999': 'NOT_FOUND',
}

describe('address mapping', () => {
  it('when a legacy commune went whole into one 2025 commune, then the address is EXACT with that commune', async () => {
    const { permanentResidence } = await residencesOf(fatherId(0))
    expect(permanentResidence).toMatchObject({
      legacyCommune: { code: '00001' },
      commune: { code: '00097' },
      mappingStatus: 'EXACT',
      candidates: [{ commune: { code: '00097' }, whole: true, primary: true }],
      resolutions: [],
    })
    expect(Date.parse(permanentResidence.mappedAt!)).not.toBeNaN()
  })

  it('when a legacy commune was split, then the address awaits review with every candidate, primary first', async () => {
    const { permanentResidence } = await residencesOf(fatherId(1))
    expect(permanentResidence).toMatchObject({
      text: 'Số 2 đường Thử Nghiệm, xã 00007',
      legacyCommune: { code: '00007' },
      commune: null,
      mappingStatus: 'SPLIT_NEEDS_REVIEW',
      candidates: [
        { commune: { code: '00025' }, whole: false, primary: true },
        { commune: { code: '00008' }, whole: false, primary: false },
      ],
      resolutions: [],
    })
  })

  it('when the legacy code is unknown or missing, then the address is NOT_FOUND without candidates', async () => {
    for (const [personalId, legacyCommune] of [
      [fatherId(2), { code: '99999' }],
      [fatherId(3), null],
    ] as const) {
      const { permanentResidence } = await residencesOf(personalId)
      expect(permanentResidence).toMatchObject({ legacyCommune, commune: null, mappingStatus: 'NOT_FOUND', candidates: [], resolutions: [] })
    }
  })

  it('when mapping quality is asked, then it counts every address of the slice by status', async () => {
    const addresses = addressesOf(population.slice)
    const count = (status: string) => addresses.filter((address) => (STATUS_BY_LEGACY_CODE[address.legacyCommuneCode ?? ''] ?? 'NOT_FOUND') === status).length
    expect(addresses).toHaveLength(12 + 49 * 5 + 1)
    const { populationMappingQuality } = dataOf(await population.subgraph.execute<{ populationMappingQuality: Record<string, unknown> }>(QUALITY))
    expect(populationMappingQuality).toEqual({
      register: 'POPULATION',
      total: 258,
      exact: count('EXACT'),
      awaitingReview: count('SPLIT_NEEDS_REVIEW'),
      resolved: 0,
      notFound: count('NOT_FOUND'),
    })
    // Household 1's address, family 1's permanent and current residences (4 × 2), father 0's hometown.
    expect(count('SPLIT_NEEDS_REVIEW')).toBe(1 + 4 * 2 + 1)
  })
})

describe('resolvePopulationAddressMapping', () => {
  it('when no official is given, then it is refused (UNAUTHENTICATED when anonymous, FORBIDDEN for a machine client) and nothing is recorded', async () => {
    const { permanentResidence } = await residencesOf(motherId(1))
    const variables = { addressId: permanentResidence.id, communeCode: '00008', reason: 'Tổ dân phố 3' }
    expect(errorCodesOf(await population.subgraph.execute(RESOLVE, variables, { caller: null }))).toEqual(['UNAUTHENTICATED'])
    expect(errorCodesOf(await population.subgraph.execute(RESOLVE, variables, { caller: TEST_MACHINE }))).toEqual(['FORBIDDEN'])
    expect((await residencesOf(motherId(1))).permanentResidence.resolutions).toEqual([])
  })

  it('when the commune is not a candidate, the address is not split, or the id is malformed, then it is rejected with BAD_USER_INPUT', async () => {
    const official = { caller: testOfficial('can.bo.01') }
    const split = (await residencesOf(motherId(1))).permanentResidence
    const exact = (await residencesOf(motherId(0))).permanentResidence
    const cases = [
      { addressId: split.id, communeCode: '00097', reason: 'Sai xã' },
      { addressId: exact.id, communeCode: '00097', reason: 'Đã rõ' },
      { addressId: split.id, communeCode: '00008', reason: '   ' },
      { addressId: 'land:1', communeCode: '00008', reason: 'Khác sổ' },
      { addressId: '42', communeCode: '00008', reason: 'Không tiền tố' },
    ]
    for (const variables of cases) {
      expect(errorCodesOf(await population.subgraph.execute(RESOLVE, variables, official))).toEqual(['BAD_USER_INPUT'])
    }
    expect(errorCodesOf(await population.subgraph.execute(RESOLVE, { addressId: 'population:999999999', communeCode: '00008', reason: 'x' }, official))).toEqual([
      'NOT_FOUND',
    ])
  })

  it('when an official resolves a split address twice, then the latest choice is in force, history is kept and the record is untouched', async () => {
    const before = (await residencesOf(fatherId(1))).permanentResidence
    const first = dataOf(
      await population.subgraph.execute<{ resolvePopulationAddressMapping: AddressResult }>(
        RESOLVE,
        { addressId: before.id, communeCode: '00008', reason: 'Tổ dân phố 3 thuộc phường Ngọc Hà' },
        { caller: testOfficial('can.bo.01') },
      ),
    ).resolvePopulationAddressMapping
    expect(first).toMatchObject({
      id: before.id,
      text: before.text,
      legacyCommune: { code: '00007' },
      commune: { code: '00008' },
      mappingStatus: 'RESOLVED',
      resolutions: [{ commune: { code: '00008' }, resolvedBy: 'can.bo.01', reason: 'Tổ dân phố 3 thuộc phường Ngọc Hà' }],
    })

    const second = dataOf(
      await population.subgraph.execute<{ resolvePopulationAddressMapping: AddressResult }>(
        RESOLVE,
        { addressId: before.id, communeCode: '00025', reason: 'Xác minh lại theo bản đồ' },
        { caller: testOfficial('can.bo.02') },
      ),
    ).resolvePopulationAddressMapping
    expect(second.commune).toEqual({ code: '00025' })
    expect(second.resolutions.map((resolution) => [resolution.commune.code, resolution.resolvedBy])).toEqual([
      ['00025', 'can.bo.02'],
      ['00008', 'can.bo.01'],
    ])

    const row = await population.database.db
      .selectFrom('address')
      .selectAll()
      .where('id', '=', Number(before.id.split(':')[1]))
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({ text: before.text, legacy_commune_code: '00007', commune_code: null, mapping_status: 'SPLIT_NEEDS_REVIEW' })

    // Seen again in a new request, and by searchCitizens: the resolution in force counts, the superseded one does not.
    expect((await residencesOf(fatherId(1))).permanentResidence).toMatchObject({ mappingStatus: 'RESOLVED', commune: { code: '00025' } })
    const search = async (communeCode: string) =>
      dataOf(
        await population.subgraph.execute<{ searchCitizens: { edges: { node: { personalId: string } }[] } }>(
          'query ($c: AdministrativeUnitCode!) { searchCitizens(filter: { communeCode: $c }, first: 100) { edges { node { personalId } } } }',
          { c: communeCode },
        ),
      ).searchCitizens.edges.map((edge) => edge.node.personalId)
    expect(await search('00025')).toEqual([fatherId(1)])
    expect(await search('00008')).not.toContain(fatherId(1))

    const { populationMappingQuality } = dataOf(await population.subgraph.execute<{ populationMappingQuality: { awaitingReview: number; resolved: number } }>(QUALITY))
    expect(populationMappingQuality.resolved).toBe(1)
  })
})
