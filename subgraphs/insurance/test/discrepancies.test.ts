import { describe, expect, it } from 'vitest'
import { dataOf, useTestInsuranceSubgraph } from './test-setup.js'

const insurance = useTestInsuranceSubgraph('discrepancies')

const DISCREPANCIES = /* GraphQL */ `
  query Discrepancies($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Citizen { personalId insuranceDiscrepancies { register recordType recordId field registerValue populationValue } }
    }
  }
`

/** What the gateway sends for Nguyễn Văn An: the key and the population fields the resolver requires. */
function an(population: { fullName?: string | null; birthDate?: string | null; legacyCommune?: string | null }) {
  const { fullName = 'Nguyễn Văn An', birthDate = '1990-03-15', legacyCommune = '00001' } = population
  return {
    __typename: 'Citizen',
    personalId: '001090000001',
    fullName,
    birthDate,
    permanentResidence: legacyCommune === null ? { legacyCommune: null } : { legacyCommune: { code: legacyCommune } },
  }
}

async function discrepanciesOf(representation: Record<string, unknown>) {
  const { _entities } = dataOf(
    await insurance.subgraph.execute<{ _entities: { insuranceDiscrepancies: unknown[] }[] }>(DISCREPANCIES, { representations: [representation] }),
  )
  return _entities[0]!.insuranceDiscrepancies
}

const AN_BOOK = { register: 'INSURANCE', recordType: 'SocialInsuranceRecord', recordId: '0100000001' }

describe('Citizen.insuranceDiscrepancies', () => {
  it('when population agrees with the book, then there is none', async () => {
    expect(await discrepanciesOf(an({}))).toEqual([])
  })

  it('when the names differ only in Unicode normalization, then there is none', async () => {
    expect(await discrepanciesOf(an({ fullName: 'Nguyễn Văn An'.normalize('NFD') }))).toEqual([])
  })

  it('when population spells the name differently, then FULL_NAME', async () => {
    expect(await discrepanciesOf(an({ fullName: 'Nguyễn Văn Ân' }))).toEqual([
      { ...AN_BOOK, field: 'FULL_NAME', registerValue: 'Nguyễn Văn An', populationValue: 'Nguyễn Văn Ân' },
    ])
  })

  it('when population has another birth date, then BIRTH_DATE', async () => {
    expect(await discrepanciesOf(an({ birthDate: '1990-05-13' }))).toEqual([
      { ...AN_BOOK, field: 'BIRTH_DATE', registerValue: '1990-03-15', populationValue: '1990-05-13' },
    ])
  })

  it('when the permanent residence is in another legacy commune, then RESIDENCE', async () => {
    expect(await discrepanciesOf(an({ legacyCommune: '00004' }))).toEqual([
      { ...AN_BOOK, field: 'RESIDENCE', registerValue: '00001', populationValue: '00004' },
    ])
  })

  it('when everything differs, then one discrepancy per field', async () => {
    const found = await discrepanciesOf(an({ fullName: 'Nguyễn An', birthDate: '1991-03-15', legacyCommune: '00007' }))
    expect(found.map((discrepancy) => (discrepancy as { field: string }).field)).toEqual(['FULL_NAME', 'BIRTH_DATE', 'RESIDENCE'])
  })

  it('when population does not know the citizen (required fields null), then there is none', async () => {
    expect(await discrepanciesOf({ __typename: 'Citizen', personalId: '001090000001', fullName: null, birthDate: null, permanentResidence: null })).toEqual([])
  })

  it('when either residence has no legacy commune code, then residence is not compared', async () => {
    expect(await discrepanciesOf(an({ legacyCommune: null }))).toEqual([])
    // Lê Văn Cường's book recorded a residence without a code.
    const cuong = { __typename: 'Citizen', personalId: '079200000003', fullName: 'Lê Văn Cường', birthDate: '2000-12-01', permanentResidence: { legacyCommune: { code: '26740' } } }
    expect(await discrepanciesOf(cuong)).toEqual([])
  })

  it('when the citizen has no book, then there is none', async () => {
    const child = { __typename: 'Citizen', personalId: '001225000004', fullName: 'Bé Con', birthDate: '2025-01-01', permanentResidence: { legacyCommune: { code: '00001' } } }
    expect(await discrepanciesOf(child)).toEqual([])
  })
})
