import { TEST_MACHINE, testOfficial } from '@lienthong/lib/testing'
import { describe, expect, it } from 'vitest'
import { dataOf, errorCodeOf, useTestCivilStatusSubgraph } from './test-setup.js'

const civilStatus = useTestCivilStatusSubgraph('address_mapping')

const QUALITY = /* GraphQL */ `query { civilStatusMappingQuality { register total exact awaitingReview resolved notFound } }`

const FULL_ADDRESS = /* GraphQL */ `
  fragment FullAddress on Address {
    id text legacyCommune { code } commune { code } mappingStatus mappedAt
    candidates { commune { code } whole primary }
    resolutions { commune { code } resolvedBy reason resolvedAt }
  }
`

const RESOLVE = /* GraphQL */ `
  mutation Resolve($addressId: ID!, $communeCode: AdministrativeUnitCode!, $reason: String!) {
    resolveCivilStatusAddressMapping(addressId: $addressId, communeCode: $communeCode, reason: $reason) { ...FullAddress }
  }
  ${FULL_ADDRESS}
`

interface FullAddress {
  id: string
  text: string
  legacyCommune: { code: string } | null
  commune: { code: string } | null
  mappingStatus: string
  mappedAt: string | null
  candidates: { commune: { code: string }; whole: boolean; primary: boolean }[]
  resolutions: { commune: { code: string }; resolvedBy: string; reason: string; resolvedAt: string }[]
}

async function marriageResidences(): Promise<{ husbandResidence: FullAddress; wifeResidence: FullAddress }> {
  const { marriageRegistration } = dataOf(
    await civilStatus.subgraph.execute<{ marriageRegistration: { husbandResidence: FullAddress; wifeResidence: FullAddress } }>(/* GraphQL */ `
      query { marriageRegistration(id: "KH-2015-0001") { husbandResidence { ...FullAddress } wifeResidence { ...FullAddress } } }
      ${FULL_ADDRESS}
    `),
  )
  return marriageRegistration
}

describe('address mapping', () => {
  it('when the legacy commune went whole into one 2025 commune, then it is EXACT with that commune as its only candidate', async () => {
    const { wifeResidence } = await marriageResidences()
    expect(wifeResidence).toMatchObject({
      legacyCommune: { code: '00001' },
      commune: { code: '00097' },
      mappingStatus: 'EXACT',
      candidates: [{ commune: { code: '00097' }, whole: true, primary: true }],
      resolutions: [],
    })
    expect(new Date(wifeResidence.mappedAt!).getTime()).toBeGreaterThan(Date.now() - 10 * 60_000)
  })

  it('when the legacy commune was split, then it is SPLIT_NEEDS_REVIEW with every successor as a candidate, the primary first', async () => {
    const { husbandResidence } = await marriageResidences()
    expect(husbandResidence).toMatchObject({
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

  it('when the source recorded no commune code or one the crosswalk does not know, then it is NOT_FOUND without candidates', async () => {
    const data = dataOf(
      await civilStatus.subgraph.execute<Record<string, { placeOfBirth?: FullAddress; placeOfDeath?: FullAddress }>>(/* GraphQL */ `
        query {
          birth: birthRegistration(id: "KS-1990-0001") { placeOfBirth { ...FullAddress } }
          death: deathRegistration(id: "KT-2020-0001") { placeOfDeath { ...FullAddress } }
        }
        ${FULL_ADDRESS}
      `),
    )
    expect(data.birth!.placeOfBirth).toMatchObject({ legacyCommune: null, commune: null, mappingStatus: 'NOT_FOUND', candidates: [] })
    expect(data.death!.placeOfDeath).toMatchObject({ legacyCommune: { code: '99999' }, commune: null, mappingStatus: 'NOT_FOUND', candidates: [] })
  })

  it('when asked for mapping quality before any resolution, then every address is counted by status', async () => {
    const { civilStatusMappingQuality } = dataOf(await civilStatus.subgraph.execute(QUALITY))
    // 3 places of birth + 2 × 4 residences at marriage + 1 place of death.
    expect(civilStatusMappingQuality).toEqual({ register: 'CIVIL_STATUS', total: 12, exact: 8, awaitingReview: 2, resolved: 0, notFound: 2 })
  })
})

describe('resolveCivilStatusAddressMapping', () => {
  it('when the request is anonymous, then UNAUTHENTICATED comes back; from a machine client, FORBIDDEN; and nothing is recorded', async () => {
    const { husbandResidence } = await marriageResidences()
    const variables = { addressId: husbandResidence.id, communeCode: '00025', reason: 'Đội Cấn thuộc Giảng Võ' }
    expect(errorCodeOf(await civilStatus.subgraph.execute(RESOLVE, variables, { caller: null }))).toBe('UNAUTHENTICATED')
    expect(errorCodeOf(await civilStatus.subgraph.execute(RESOLVE, variables, { caller: TEST_MACHINE }))).toBe('FORBIDDEN')
    expect((await marriageResidences()).husbandResidence.resolutions).toEqual([])
  })

  it('when the commune is not a candidate, or the address is not split, or the id is malformed, then BAD_USER_INPUT comes back', async () => {
    const { husbandResidence, wifeResidence } = await marriageResidences()
    const official = { caller: testOfficial('Cán bộ Tư pháp Phường Giảng Võ') }
    expect(errorCodeOf(await civilStatus.subgraph.execute(RESOLVE, { addressId: husbandResidence.id, communeCode: '00097', reason: 'x' }, official))).toBe(
      'BAD_USER_INPUT',
    )
    expect(errorCodeOf(await civilStatus.subgraph.execute(RESOLVE, { addressId: wifeResidence.id, communeCode: '00097', reason: 'x' }, official))).toBe(
      'BAD_USER_INPUT',
    )
    expect(errorCodeOf(await civilStatus.subgraph.execute(RESOLVE, { addressId: 'population:1', communeCode: '00025', reason: 'x' }, official))).toBe(
      'BAD_USER_INPUT',
    )
    expect(errorCodeOf(await civilStatus.subgraph.execute(RESOLVE, { addressId: 'civil-status:999999', communeCode: '00025', reason: 'x' }, official))).toBe(
      'NOT_FOUND',
    )
    expect((await marriageResidences()).husbandResidence.resolutions).toEqual([])
  })

  it('when an official resolves a split address twice, then the latest choice is in force, both are kept and the record is unchanged', async () => {
    const { husbandResidence: before } = await marriageResidences()

    const first = dataOf(
      await civilStatus.subgraph.execute<{ resolveCivilStatusAddressMapping: FullAddress }>(
        RESOLVE,
        { addressId: before.id, communeCode: '00008', reason: 'Theo bản đồ cũ' },
        { caller: testOfficial('Cán bộ A') },
      ),
    ).resolveCivilStatusAddressMapping
    expect(first).toMatchObject({ id: before.id, mappingStatus: 'RESOLVED', commune: { code: '00008' } })
    expect(first.resolutions.map((resolution) => [resolution.commune.code, resolution.resolvedBy, resolution.reason])).toEqual([
      ['00008', 'Cán bộ A', 'Theo bản đồ cũ'],
    ])

    await civilStatus.subgraph.execute(RESOLVE, { addressId: before.id, communeCode: '00025', reason: 'Số 12 ngõ 34 Đội Cấn thuộc Phường Giảng Võ' }, { caller: testOfficial('Cán bộ B') })

    const { husbandResidence: after } = await marriageResidences()
    expect(after).toMatchObject({
      id: before.id,
      text: before.text,
      legacyCommune: { code: '00007' },
      mappingStatus: 'RESOLVED',
      commune: { code: '00025' },
      candidates: before.candidates,
    })
    expect(after.resolutions.map((resolution) => [resolution.commune.code, resolution.resolvedBy])).toEqual([
      ['00025', 'Cán bộ B'],
      ['00008', 'Cán bộ A'],
    ])
    const row = await civilStatus.database.db.selectFrom('address').selectAll().where('id', '=', Number(before.id.split(':')[1])).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ legacy_commune_code: '00007', text: before.text, mapping_status: 'SPLIT_NEEDS_REVIEW', commune_code: null })

    const { civilStatusMappingQuality } = dataOf(await civilStatus.subgraph.execute(QUALITY))
    expect(civilStatusMappingQuality).toEqual({ register: 'CIVIL_STATUS', total: 12, exact: 8, awaitingReview: 1, resolved: 1, notFound: 2 })
  })
})
