import { TEST_MACHINE, testOfficial } from '@lienthong/lib/testing'
import { describe, expect, it } from 'vitest'
import { dataOf, errorCodesOf, useTestInsuranceSubgraph } from './test-setup.js'

const insurance = useTestInsuranceSubgraph('address_mapping')

const RESIDENCE = /* GraphQL */ `
  query Residence($number: SocialInsuranceNumber!) {
    socialInsuranceRecord(socialInsuranceNumber: $number) {
      residence {
        id register text legacyCommune { code } commune { code } mappingStatus mappedAt
        candidates { commune { code } whole primary }
        resolutions { commune { code } resolvedBy reason resolvedAt }
      }
    }
  }
`

const RESOLVE = /* GraphQL */ `
  mutation Resolve($addressId: ID!, $communeCode: AdministrativeUnitCode!, $reason: String!) {
    resolveInsuranceAddressMapping(addressId: $addressId, communeCode: $communeCode, reason: $reason) {
      id text legacyCommune { code } commune { code } mappingStatus
      resolutions { commune { code } resolvedBy reason }
    }
  }
`

const QUALITY = /* GraphQL */ `
  query { insuranceMappingQuality { register total exact awaitingReview resolved notFound } }
`

type Residence = {
  id: string
  text: string
  commune: { code: string } | null
  mappingStatus: string
  mappedAt: string | null
  candidates: unknown[]
  resolutions: unknown[]
}

async function residenceOf(number: string): Promise<Residence> {
  const data = dataOf(await insurance.subgraph.execute<{ socialInsuranceRecord: { residence: Residence } }>(RESIDENCE, { number }))
  return data.socialInsuranceRecord.residence
}

describe('residence mapping', () => {
  it('when the legacy commune went whole into one 2025 commune, then EXACT with that commune', async () => {
    const residence = await residenceOf('0100000001')
    expect(residence).toMatchObject({
      register: 'INSURANCE',
      legacyCommune: { code: '00001' },
      commune: { code: '00097' },
      mappingStatus: 'EXACT',
      candidates: [{ commune: { code: '00097' }, whole: true, primary: true }],
      resolutions: [],
    })
    expect(residence.id).toMatch(/^insurance:\d+$/)
    expect(residence.mappedAt).not.toBeNull()
  })

  it('when the legacy commune was split, then SPLIT_NEEDS_REVIEW with the candidates, primary first, and no commune', async () => {
    expect(await residenceOf('0100000002')).toMatchObject({
      legacyCommune: { code: '00007' },
      commune: null,
      mappingStatus: 'SPLIT_NEEDS_REVIEW',
      candidates: [
        { commune: { code: '00025' }, whole: false, primary: true },
        { commune: { code: '00008' }, whole: false, primary: false },
      ],
    })
  })

  it('when the residence was recorded without a commune code, then NOT_FOUND without candidates', async () => {
    expect(await residenceOf('7900000003')).toMatchObject({ legacyCommune: null, commune: null, mappingStatus: 'NOT_FOUND', candidates: [] })
  })
})

describe('resolveInsuranceAddressMapping and insuranceMappingQuality', () => {
  it('counts every address by status before any resolution', async () => {
    expect(dataOf(await insurance.subgraph.execute(QUALITY))).toEqual({
      insuranceMappingQuality: { register: 'INSURANCE', total: 23, exact: 21, awaitingReview: 1, resolved: 0, notFound: 1 },
    })
  })

  it('when the request is anonymous, then the resolution is refused with UNAUTHENTICATED; from a machine client, with FORBIDDEN', async () => {
    const { id } = await residenceOf('0100000002')
    const variables = { addressId: id, communeCode: '00025', reason: 'Số nhà thuộc Phường Giảng Võ' }
    expect(errorCodesOf(await insurance.subgraph.execute(RESOLVE, variables, { caller: null }))).toEqual(['UNAUTHENTICATED'])
    expect(errorCodesOf(await insurance.subgraph.execute(RESOLVE, variables, { caller: TEST_MACHINE }))).toEqual(['FORBIDDEN'])
    expect(dataOf(await insurance.subgraph.execute(QUALITY)).insuranceMappingQuality).toMatchObject({ resolved: 0 })
  })

  it('when the commune is not a candidate, or the address is not split, then BAD_USER_INPUT', async () => {
    const split = await residenceOf('0100000002')
    const notCandidate = await insurance.subgraph.execute(RESOLVE, { addressId: split.id, communeCode: '00097', reason: 'sai' }, { caller: testOfficial('can-bo-01') })
    expect(errorCodesOf(notCandidate)).toEqual(['BAD_USER_INPUT'])
    const exact = await residenceOf('0100000001')
    const notSplit = await insurance.subgraph.execute(RESOLVE, { addressId: exact.id, communeCode: '00097', reason: 'x' }, { caller: testOfficial('can-bo-01') })
    expect(errorCodesOf(notSplit)).toEqual(['BAD_USER_INPUT'])
    const malformed = await insurance.subgraph.execute(RESOLVE, { addressId: 'land:1', communeCode: '00025', reason: 'x' }, { caller: testOfficial('can-bo-01') })
    expect(errorCodesOf(malformed)).toEqual(['BAD_USER_INPUT'])
  })

  it('when an official resolves a split address twice, then the latest choice is in force, history is kept and the recorded text and code never change', async () => {
    const before = await residenceOf('0100000002')
    const first = dataOf(
      await insurance.subgraph.execute(RESOLVE, { addressId: before.id, communeCode: '00025', reason: 'Số 5 ngõ 8 nằm phía Giảng Võ' }, { caller: testOfficial('can-bo-01') }),
    )
    expect(first.resolveInsuranceAddressMapping).toMatchObject({
      id: before.id,
      text: before.text,
      legacyCommune: { code: '00007' },
      commune: { code: '00025' },
      mappingStatus: 'RESOLVED',
      resolutions: [{ commune: { code: '00025' }, resolvedBy: 'can-bo-01', reason: 'Số 5 ngõ 8 nằm phía Giảng Võ' }],
    })

    dataOf(await insurance.subgraph.execute(RESOLVE, { addressId: before.id, communeCode: '00008', reason: 'Đối chiếu bản đồ: Ngọc Hà' }, { caller: testOfficial('can-bo-02') }))
    const after = await residenceOf('0100000002')
    expect(after).toMatchObject({
      text: before.text,
      legacyCommune: { code: '00007' },
      commune: { code: '00008' },
      mappingStatus: 'RESOLVED',
      resolutions: [
        { commune: { code: '00008' }, resolvedBy: 'can-bo-02', reason: 'Đối chiếu bản đồ: Ngọc Hà' },
        { commune: { code: '00025' }, resolvedBy: 'can-bo-01', reason: 'Số 5 ngõ 8 nằm phía Giảng Võ' },
      ],
    })
    const stored = await insurance.database.db.selectFrom('address').selectAll().where('id', '=', Number(before.id.split(':')[1])).executeTakeFirstOrThrow()
    expect(stored).toMatchObject({ legacy_commune_code: '00007', text: before.text, commune_code: null, mapping_status: 'SPLIT_NEEDS_REVIEW' })

    expect(dataOf(await insurance.subgraph.execute(QUALITY))).toEqual({
      insuranceMappingQuality: { register: 'INSURANCE', total: 23, exact: 21, awaitingReview: 0, resolved: 1, notFound: 1 },
    })
  })
})
