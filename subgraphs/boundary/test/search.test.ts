import { describe, expect, it } from 'vitest'
import { foldText } from '../src/address/normalize.js'
import { dataOf, useTestBoundarySubgraph } from './test-setup.js'

const boundary = useTestBoundarySubgraph('search')

// `code` has another scalar type on each union member, so the legacy one is aliased.
const SEARCH = /* GraphQL */ `
  query Search($text: String!, $provinceCode: AdministrativeUnitCode, $includeLegacy: Boolean! = true, $first: Int) {
    searchAdministrativeUnits(text: $text, provinceCode: $provinceCode, includeLegacy: $includeLegacy, first: $first) {
      __typename
      ... on AdministrativeUnit { code name province { code } }
      ... on LegacyAdministrativeUnit { legacyCode: code name newProvince { code } }
    }
  }
`

interface Hit {
  __typename: 'AdministrativeUnit' | 'LegacyAdministrativeUnit'
  code?: string
  legacyCode?: string
  name: string
  province?: { code: string } | null
  newProvince?: { code: string } | null
}

async function search(variables: Record<string, unknown>): Promise<Hit[]> {
  return dataOf(await boundary.subgraph.execute<{ searchAdministrativeUnits: Hit[] }>(SEARCH, variables)).searchAdministrativeUnits
}

const label = (hit: Hit) => `${hit.__typename === 'AdministrativeUnit' ? 'new' : 'legacy'} ${hit.code ?? hit.legacyCode} ${hit.name}`

describe('searchAdministrativeUnits', () => {
  it('when searching "ben nghe" without diacritics, then legacy Phường Bến Nghé comes first', async () => {
    const hits = await search({ text: 'ben nghe' })
    expect(hits[0]).toEqual({ __typename: 'LegacyAdministrativeUnit', legacyCode: '26740', name: 'Phường Bến Nghé', newProvince: { code: '79' } })
    expect(hits.every((hit) => foldText(hit.name).includes('ben nghe'))).toBe(true)
  })

  it('when searching "Hoà Bình", "Hòa Bình" or "hoa binh", then the results are the same: tone placement and diacritics do not matter', async () => {
    const oldStyle = await search({ text: 'Hoà Bình', first: 40 })
    const newStyle = await search({ text: 'Hòa Bình', first: 40 })
    const bare = await search({ text: 'HOA BINH', first: 40 })
    expect(newStyle.map(label)).toEqual(oldStyle.map(label))
    expect(bare.map(label)).toEqual(oldStyle.map(label))
    // The legacy province is written "Tỉnh Hoà Bình" (old style), its communes "Hòa Bình" (new style): both are found.
    expect(oldStyle.map(label)).toContain('legacy 17 Tỉnh Hoà Bình')
  })

  it('when searching "hoa binh", then exact 2025 matches come first, then exact legacy ones starting with the legacy province', async () => {
    const hits = await search({ text: 'hoa binh', first: 40 })
    expect(hits.slice(0, 6).map(label)).toEqual([
      'new 04795 Phường Hòa Bình',
      'new 11533 Phường Hòa Bình',
      'new 27211 Phường Hòa Bình',
      'new 29830 Xã Hòa Bình',
      'new 31891 Xã Hòa Bình',
      'legacy 17 Tỉnh Hoà Bình',
    ])
    // Every exact match (short name "Hòa Bình") comes before any unit whose name only starts with or contains it.
    const exact = hits.map((hit) => foldText(hit.name).replace(/^(tinh|thanh pho|phuong|xa|thi tran|huyen|quan|thi xa) /, '') === 'hoa binh')
    expect(exact.indexOf(false)).toBeGreaterThan(exact.lastIndexOf(true))
  })

  it('when searching with a prefix, then names starting with it come before names containing it', async () => {
    const hits = await search({ text: 'Sài', includeLegacy: false, first: 10 })
    const startsWith = (hit: Hit) => foldText(hit.name).replace(/^(phuong|xa|dac khu|thanh pho|tinh) /, '').startsWith('sai')
    expect(hits.length).toBeGreaterThan(1)
    const flags = hits.map(startsWith)
    expect(flags[0]).toBe(true)
    expect(flags.indexOf(false) === -1 || flags.indexOf(false) > flags.lastIndexOf(true)).toBe(true)
  })

  it('when filtering by provinceCode 25 (Phú Thọ), then only its communes and the legacy units that went into it are found', async () => {
    const hits = await search({ text: 'hoa binh', provinceCode: '25', first: 100 })
    expect(hits.map(label)).toContain('new 04795 Phường Hòa Bình')
    expect(hits.map(label)).toContain('legacy 17 Tỉnh Hoà Bình')
    for (const hit of hits) {
      expect(hit.__typename === 'AdministrativeUnit' ? hit.province?.code : hit.newProvince?.code).toBe('25')
    }
    expect(hits.map(label)).not.toContain('new 27211 Phường Hòa Bình')
  })

  it('when includeLegacy is false, then only 2025 units are returned', async () => {
    const hits = await search({ text: 'hoa binh', includeLegacy: false, first: 100 })
    expect(hits).toHaveLength(hits.filter((hit) => hit.__typename === 'AdministrativeUnit').length)
    expect(hits.map(label)).toContain('new 29830 Xã Hòa Bình')
    expect(await search({ text: 'ben nghe', includeLegacy: false })).toEqual([])
  })

  it('when first is given, then at most that many results come back', async () => {
    expect(await search({ text: 'an', first: 3 })).toHaveLength(3)
  })

  it('when the text has no letter or digit, then BAD_USER_INPUT says what is expected', async () => {
    const result = await boundary.subgraph.execute(SEARCH, { text: '  ,. ' })
    expect(result.errors?.[0]?.message).toBe('text must contain at least one letter or digit')
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
  })

  it('when first is above 100, then BAD_USER_INPUT says the limit', async () => {
    const result = await boundary.subgraph.execute(SEARCH, { text: 'an', first: 101 })
    expect(result.errors?.[0]?.message).toBe('first must be between 0 and 100')
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
  })

  it('when provinceCode is a commune code, then BAD_USER_INPUT says a province code has 2 digits', async () => {
    const result = await boundary.subgraph.execute(SEARCH, { text: 'an', provinceCode: '26740' })
    expect(result.errors?.[0]?.message).toBe('a province code has 2 digits')
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
  })
})
