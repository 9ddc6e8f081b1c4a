import { describe, expect, it } from 'vitest'
import { dataOf, selectsIn, useTestBoundarySubgraph } from './test-setup.js'

const boundary = useTestBoundarySubgraph('administrative_units')

interface Unit {
  code: string
  name: string
  type?: string
  typeLabel?: string
  level?: string
}
interface Page {
  totalCount: number
  nodes: Unit[]
  pageInfo: { hasNextPage: boolean; endCursor: string | null }
}

describe('provinces', () => {
  it('when listing provinces, then there are the 34 of 2025 in code order', async () => {
    const { provinces } = dataOf(await boundary.subgraph.execute<{ provinces: Unit[] }>('{ provinces { code name level } }'))
    expect(provinces).toHaveLength(34)
    expect(provinces.map((province) => province.code)).toEqual([...provinces.map((province) => province.code)].sort())
    expect(provinces.every((province) => province.level === 'PROVINCE')).toBe(true)
    expect(provinces[0]).toEqual({ code: '01', name: 'Thành phố Hà Nội', level: 'PROVINCE' })
  })

  it('when asking for province 79, then it is Hồ Chí Minh City, a central city with 168 communes', async () => {
    const { province } = dataOf(
      await boundary.subgraph.execute<{ province: Unit & { nameEn: string; areaKm2: number; population: number; province: null; communes: Page } }>(
        '{ province(code: "79") { code name nameEn type typeLabel level areaKm2 population province { code } communes { totalCount } } }',
      ),
    )
    expect(province).toEqual({
      code: '79',
      name: 'Thành phố Hồ Chí Minh',
      nameEn: 'Ho Chi Minh',
      type: 'CENTRAL_CITY',
      typeLabel: 'thành phố',
      level: 'PROVINCE',
      areaKm2: 6772.59,
      population: 14002598,
      province: null,
      communes: { totalCount: 168 },
    })
  })

  it('when asking for province 01, then Hà Nội has 126 communes', async () => {
    const { province } = dataOf(await boundary.subgraph.execute<{ province: { communes: Page } }>('{ province(code: "01") { communes { totalCount } } }'))
    expect(province.communes.totalCount).toBe(126)
  })

  it('when asking for a province code that does not exist, then the result is null, not an error', async () => {
    const result = dataOf(await boundary.subgraph.execute<{ province: null }>('{ province(code: "99") { code } }'))
    expect(result.province).toBeNull()
  })

  it('when asking province() for a 5-digit code, then BAD_USER_INPUT says a province code has 2 digits', async () => {
    const result = await boundary.subgraph.execute('{ province(code: "26740") { code } }')
    expect(result.errors?.[0]?.message).toBe('a province code has 2 digits')
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
  })
})

describe('communes', () => {
  it('when asking for commune 26740, then it is Phường Sài Gòn of Hồ Chí Minh City', async () => {
    const { commune } = dataOf(
      await boundary.subgraph.execute<{ commune: Unit & { province: Unit; communes: Page; predecessors: unknown[] } }>(
        '{ commune(code: "26740") { code name type typeLabel level province { code name } communes { totalCount nodes { code } } } }',
      ),
    )
    expect(commune).toEqual({
      code: '26740',
      name: 'Phường Sài Gòn',
      type: 'WARD',
      typeLabel: 'phường',
      level: 'COMMUNE',
      province: { code: '79', name: 'Thành phố Hồ Chí Minh' },
      communes: { totalCount: 0, nodes: [] },
    })
  })

  it('when asking for a special zone, then its type is SPECIAL_ZONE', async () => {
    const { commune } = dataOf(await boundary.subgraph.execute<{ commune: Unit }>('{ commune(code: "26732") { name type typeLabel } }'))
    expect(commune).toEqual({ name: 'Đặc khu Côn Đảo', type: 'SPECIAL_ZONE', typeLabel: 'đặc khu' })
  })

  it('when asking commune() for a 2-digit code, then BAD_USER_INPUT says a commune code has 5 digits', async () => {
    const result = await boundary.subgraph.execute('{ commune(code: "79") { code } }')
    expect(result.errors?.[0]?.message).toBe('a commune code has 5 digits')
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
  })

  it('when asking for the predecessors of Phường Sài Gòn, then Bến Nghé (whole) and part of Đa Kao are among them', async () => {
    const { commune } = dataOf(
      await boundary.subgraph.execute<{ commune: { predecessors: { legacyCommune: Unit; relation: string; isPrimary: boolean }[] } }>(
        '{ commune(code: "26740") { predecessors { legacyCommune { code name } relation isPrimary } } }',
      ),
    )
    expect(commune.predecessors).toContainEqual({ legacyCommune: { code: '26740', name: 'Phường Bến Nghé' }, relation: 'WHOLE', isPrimary: true })
    expect(commune.predecessors).toContainEqual({ legacyCommune: { code: '26737', name: 'Phường Đa Kao' }, relation: 'PART', isPrimary: false })
    const codes = commune.predecessors.map((predecessor) => predecessor.legacyCommune.code)
    expect(codes).toEqual([...codes].sort())
  })

  it('when asking for the predecessors of a special zone formed from an island district, then the district is its whole predecessor', async () => {
    const { commune } = dataOf(
      await boundary.subgraph.execute<{ commune: { predecessors: { legacyCommune: Unit; relation: string; isPrimary: boolean }[] } }>(
        '{ commune(code: "26732") { predecessors { legacyCommune { code name level } relation isPrimary } } }',
      ),
    )
    expect(commune.predecessors).toEqual([
      { legacyCommune: { code: '755', name: 'Huyện Côn Đảo', level: 'DISTRICT' }, relation: 'WHOLE', isPrimary: true },
    ])
  })
})

describe('paging through a province’s communes', () => {
  const PAGE = /* GraphQL */ `
    query Page($after: String) {
      province(code: "79") { communes(first: 50, after: $after) { totalCount nodes { code } pageInfo { hasNextPage endCursor } } }
    }
  `

  it('when walking pages of 50 with first/after, then all 168 communes come once each, in code order', async () => {
    const seen: string[] = []
    let after: string | null = null
    let pages = 0
    for (;;) {
      const result: { province: { communes: Page } } = dataOf(await boundary.subgraph.execute(PAGE, { after }))
      const { communes } = result.province
      expect(communes.totalCount).toBe(168)
      seen.push(...communes.nodes.map((node) => node.code))
      pages += 1
      if (!communes.pageInfo.hasNextPage) break
      after = communes.pageInfo.endCursor
      expect(after).not.toBeNull()
    }
    expect(pages).toBe(4)
    expect(seen).toHaveLength(168)
    expect(new Set(seen).size).toBe(168)
    expect(seen).toEqual([...seen].sort())
  })

  it('when the cursor is past the last commune, then the page is empty but totalCount still counts the province', async () => {
    const first = dataOf(
      await boundary.subgraph.execute<{ province: { communes: Page } }>('{ province(code: "79") { communes(first: 500) { pageInfo { hasNextPage endCursor } } } }'),
    )
    expect(first.province.communes.pageInfo.hasNextPage).toBe(false)
    const last = dataOf(await boundary.subgraph.execute<{ province: { communes: Page } }>(PAGE, { after: first.province.communes.pageInfo.endCursor }))
    expect(last.province.communes).toEqual({ totalCount: 168, nodes: [], pageInfo: { hasNextPage: false, endCursor: null } })
  })

  it('when first is above 500, then BAD_USER_INPUT says the limit', async () => {
    const result = await boundary.subgraph.execute('{ province(code: "79") { communes(first: 501) { totalCount } } }')
    expect(result.errors?.[0]?.message).toBe('first must be between 0 and 500')
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
  })

  it('when after is not a cursor the server made, then BAD_USER_INPUT says to pass endCursor', async () => {
    for (const after of ['26740', 'bm90IGEgY3Vyc29y', '']) {
      const result = await boundary.subgraph.execute(PAGE, { after: after || 'x' })
      expect(result.errors?.[0]?.message).toBe('after must be a cursor returned as pageInfo.endCursor by a previous page')
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
    }
  })
})

describe('batching', () => {
  it('when every province lists its communes, then one statement loads all 34 pages and the totals add up to 3,321', async () => {
    boundary.database.statements.length = 0
    const { provinces } = dataOf(
      await boundary.subgraph.execute<{ provinces: { code: string; communes: Page }[] }>(
        '{ provinces { code communes(first: 3) { totalCount nodes { code province { code } } } } }',
      ),
    )
    const selects = selectsIn(boundary.database.statements)
    // One for the provinces, one for all 34 pages; every nested province is already loaded.
    expect(selects).toHaveLength(2)
    expect(provinces.reduce((sum, province) => sum + province.communes.totalCount, 0)).toBe(3321)
    for (const province of provinces) {
      expect(province.communes.nodes).toHaveLength(3)
      expect(province.communes.nodes.every((node) => (node as unknown as { province: { code: string } }).province.code === province.code)).toBe(true)
    }
  })
})
