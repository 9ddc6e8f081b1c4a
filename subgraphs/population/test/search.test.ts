import { describe, expect, it } from 'vitest'
import { DECOMPOSED_NAME, FAMILY_COUNT, fatherId, firstChildId, GRANDFATHER_ID, motherId, secondChildId } from './fixtures.js'
import { dataOf, errorCodesOf, useTestPopulationSubgraph } from './test-setup.js'

const population = useTestPopulationSubgraph('search')

const SEARCH = /* GraphQL */ `
  query ($filter: CitizenSearchFilter!, $first: Int, $after: String) {
    searchCitizens(filter: $filter, first: $first, after: $after) {
      edges { cursor node { personalId fullName } }
      pageInfo { hasNextPage endCursor }
    }
  }
`

interface Page {
  edges: { cursor: string; node: { personalId: string; fullName: string } }[]
  pageInfo: { hasNextPage: boolean; endCursor: string | null }
}

async function search(filter: Record<string, unknown>, first?: number, after?: string): Promise<Page> {
  const variables = { filter, ...(first === undefined ? {} : { first }), ...(after === undefined ? {} : { after }) }
  return dataOf(await population.subgraph.execute<{ searchCitizens: Page }>(SEARCH, variables)).searchCitizens
}

const idsOf = (page: Page) => page.edges.map((edge) => edge.node.personalId)
const sorted = (ids: string[]) => [...ids].sort()
const families = Array.from({ length: FAMILY_COUNT }, (_, family) => family)

describe('searchCitizens', () => {
  it('when searching by exact full name, then only that name matches, in personal id order', async () => {
    expect(idsOf(await search({ fullName: 'Trần Văn An' }))).toEqual([fatherId(1)])
    // Exact: a prefix of the name is not enough.
    expect(idsOf(await search({ fullName: 'Trần Văn' }))).toEqual([])
  })

  it('when the name was recorded decomposed (NFD), then both NFC and NFD queries find it', async () => {
    expect(idsOf(await search({ fullName: 'Lê Thị Hoà' }))).toEqual([secondChildId(2)])
    expect(idsOf(await search({ fullName: DECOMPOSED_NAME }))).toEqual([secondChildId(2)])
    expect(idsOf(await search({ namePrefix: 'Lê Thị' }))).toEqual([secondChildId(2)])
  })

  it('when searching by name prefix, then names starting with it match and LIKE wildcards are literal', async () => {
    expect(idsOf(await search({ namePrefix: 'Nguyễn' }))).toEqual(sorted([fatherId(0), firstChildId(0), secondChildId(0), GRANDFATHER_ID]))
    expect(idsOf(await search({ namePrefix: 'Nguyễn Văn' }))).toEqual(sorted([fatherId(0), GRANDFATHER_ID]))
    expect(idsOf(await search({ namePrefix: '%' }))).toEqual([])
    expect(idsOf(await search({ namePrefix: 'Ng_' }))).toEqual([])
  })

  it('when searching by birth date, then citizens born that day match', async () => {
    expect(idsOf(await search({ birthDate: '1965-03-01' }))).toEqual([fatherId(0)])
    const page = await search({ birthDate: '1990-06-15' }, 100)
    expect(idsOf(page)).toEqual(sorted(families.map(firstChildId)))
  })

  it('when searching by the 2025 commune of the permanent residence, then the communes legacy communes went into count', async () => {
    // 00006 (families 5 and 11) and 00008 (family 6) went whole into 00008; family 1's 00007 was split and is not resolved.
    const family = (index: number) => [fatherId(index), motherId(index), firstChildId(index), secondChildId(index)]
    expect(idsOf(await search({ communeCode: '00008' }, 100))).toEqual(sorted([...family(5), ...family(6), ...family(11)]))
    // 00001 (families 0 and 9) went into 00097; the grandfather lives with family 0.
    expect(idsOf(await search({ communeCode: '00097' }, 100))).toEqual(sorted([...family(0), ...family(9), GRANDFATHER_ID]))
    expect(idsOf(await search({ communeCode: '00025' }, 100))).toEqual([])
  })

  it('when searching by legacy commune, then the recorded legacy code counts', async () => {
    expect(idsOf(await search({ legacyCommuneCode: '00007' }, 100))).toEqual(sorted([fatherId(1), motherId(1), firstChildId(1), secondChildId(1)]))
  })

  it('when several criteria are given, then citizens must match all of them', async () => {
    expect(idsOf(await search({ birthDate: '1990-06-15', communeCode: '00097' }))).toEqual(sorted([firstChildId(0), firstChildId(9)]))
    expect(idsOf(await search({ namePrefix: 'Ngô', legacyCommuneCode: '00004' }))).toEqual(sorted([motherId(4), motherId(10)]))
    expect(idsOf(await search({ fullName: 'Ngô Thị Bình', birthDate: '1965-03-01' }))).toEqual([])
  })

  it('when paging through 12 matches 5 at a time, then the pages join without duplicates or gaps', async () => {
    const all = await search({ fullName: 'Ngô Thị Bình' }, 100)
    expect(idsOf(all)).toEqual(sorted(families.map(motherId)))
    expect(all.pageInfo.hasNextPage).toBe(false)

    const seen: string[] = []
    const pageSizes: number[] = []
    let after: string | undefined
    for (;;) {
      const page = await search({ fullName: 'Ngô Thị Bình' }, 5, after)
      seen.push(...idsOf(page))
      pageSizes.push(page.edges.length)
      expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null)
      if (!page.pageInfo.hasNextPage) break
      after = page.pageInfo.endCursor!
    }
    expect(pageSizes).toEqual([5, 5, 2])
    expect(seen).toEqual(idsOf(all))
    expect(new Set(seen).size).toBe(seen.length)
  })

  it('when a page ends exactly at the last match, then hasNextPage is false and the next page is empty', async () => {
    const page = await search({ fullName: 'Ngô Thị Bình' }, 12)
    expect(page.pageInfo.hasNextPage).toBe(false)
    const after = await search({ fullName: 'Ngô Thị Bình' }, 5, page.pageInfo.endCursor!)
    expect(after).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: null } })
  })

  it('when first is not given, then 20 citizens come per page', async () => {
    const page = await search({ namePrefix: 'Ng' })
    expect(page.edges).toHaveLength(16) // 12 mothers and the 4 Nguyễn
    expect(page.pageInfo.hasNextPage).toBe(false)
  })

  it('when the filter has no criterion, or only blank ones, then it is rejected with BAD_USER_INPUT', async () => {
    for (const filter of [{}, { fullName: '  ' }, { namePrefix: '' }, { fullName: null }]) {
      expect(errorCodesOf(await population.subgraph.execute(SEARCH, { filter }))).toEqual(['BAD_USER_INPUT'])
    }
  })

  it('when first or after or a code is out of range, then it is rejected with BAD_USER_INPUT', async () => {
    const filter = { fullName: 'Ngô Thị Bình' }
    expect(errorCodesOf(await population.subgraph.execute(SEARCH, { filter, first: 501 }))).toEqual(['BAD_USER_INPUT'])
    expect(errorCodesOf(await population.subgraph.execute(SEARCH, { filter, first: -1 }))).toEqual(['BAD_USER_INPUT'])
    expect(errorCodesOf(await population.subgraph.execute(SEARCH, { filter, after: 'not-a-cursor' }))).toEqual(['BAD_USER_INPUT'])
    expect(errorCodesOf(await population.subgraph.execute(SEARCH, { filter: { communeCode: '01' } }))).toEqual(['BAD_USER_INPUT'])
    expect(errorCodesOf(await population.subgraph.execute(SEARCH, { filter: { legacyCommuneCode: '001' } }))).toEqual(['BAD_USER_INPUT'])
    expect(errorCodesOf(await population.subgraph.execute(SEARCH, { filter: { birthDate: '1990-02-30' } }))).toEqual(['BAD_USER_INPUT'])
  })
})
