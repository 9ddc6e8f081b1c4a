import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { dataOf, useTestBoundarySubgraph } from './test-setup.js'

const boundary = useTestBoundarySubgraph('legacy_units')

interface SuccessionResult {
  commune: { code: string; name: string }
  relation: 'WHOLE' | 'PART'
  isPrimary: boolean
}

const LEGACY_COMMUNE = /* GraphQL */ `
  query LegacyCommune($code: LegacyAdministrativeUnitCode!) {
    legacyCommune(code: $code) {
      code name shortName type typeLabel level
      district { code name type }
      province { code name }
      newProvince { code name }
      successors { commune { code name } relation isPrimary }
    }
  }
`

describe('legacy communes and their successors', () => {
  it('when asking for Phường Bến Nghé (26740), then it went wholly into Phường Sài Gòn (26740), its primary successor', async () => {
    const { legacyCommune } = dataOf(await boundary.subgraph.execute<{ legacyCommune: Record<string, unknown> }>(LEGACY_COMMUNE, { code: '26740' }))
    expect(legacyCommune).toEqual({
      code: '26740',
      name: 'Phường Bến Nghé',
      shortName: 'Bến Nghé',
      type: 'WARD',
      typeLabel: 'phường',
      level: 'COMMUNE',
      district: { code: '760', name: 'Quận 1', type: 'URBAN_DISTRICT' },
      province: { code: '79', name: 'Thành phố Hồ Chí Minh' },
      newProvince: { code: '79', name: 'Thành phố Hồ Chí Minh' },
      successors: [{ commune: { code: '26740', name: 'Phường Sài Gòn' }, relation: 'WHOLE', isPrimary: true }],
    })
  })

  it('when asking for Phường Đa Kao (26737), then it was split: 26737 Tân Định primary, 26740 Sài Gòn not', async () => {
    const { legacyCommune } = dataOf(await boundary.subgraph.execute<{ legacyCommune: { successors: SuccessionResult[] } }>(LEGACY_COMMUNE, { code: '26737' }))
    expect(legacyCommune.successors).toEqual([
      { commune: { code: '26737', name: 'Phường Tân Định' }, relation: 'PART', isPrimary: true },
      { commune: { code: '26740', name: 'Phường Sài Gòn' }, relation: 'PART', isPrimary: false },
    ])
  })

  it('when asking for an unknown legacy commune code, then the result is null', async () => {
    const { legacyCommune } = dataOf(await boundary.subgraph.execute<{ legacyCommune: null }>(LEGACY_COMMUNE, { code: '99999' }))
    expect(legacyCommune).toBeNull()
  })

  it('when asking legacyCommune() for a 3-digit code, then BAD_USER_INPUT says a legacy commune code has 5 digits', async () => {
    const result = await boundary.subgraph.execute(LEGACY_COMMUNE, { code: '760' })
    expect(result.errors?.[0]?.message).toBe('a legacy commune code has 5 digits')
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
  })
})

describe('the crosswalk as a whole', () => {
  it('when checking every legacy commune, then each of the 10,035 has a successor and each split one exactly one primary', async () => {
    const { rows } = await sql<{ communes: number; without_successor: number; split: number; split_without_one_primary: number; whole_not_primary: number }>`
      WITH per_commune AS (
        SELECT legacy_commune.code,
               count(legacy_succession.new_commune_code) AS successors,
               count(*) FILTER (WHERE legacy_succession.is_primary) AS primaries,
               bool_or(legacy_succession.relation = 'whole') AS whole
        FROM legacy_commune
        LEFT JOIN legacy_succession ON legacy_succession.legacy_commune_code = legacy_commune.code
        GROUP BY legacy_commune.code
      )
      SELECT count(*) AS communes,
             count(*) FILTER (WHERE successors = 0) AS without_successor,
             count(*) FILTER (WHERE successors > 1) AS split,
             count(*) FILTER (WHERE successors > 1 AND primaries <> 1) AS split_without_one_primary,
             count(*) FILTER (WHERE successors = 1 AND (primaries <> 1 OR NOT whole)) AS whole_not_primary
      FROM per_commune
    `.execute(boundary.database.db)
    const counts = rows[0]!
    expect(counts.communes).toBe(10_035)
    expect(counts.without_successor).toBe(0)
    expect(counts.split).toBeGreaterThan(400)
    expect(counts.split_without_one_primary).toBe(0)
    expect(counts.whole_not_primary).toBe(0)
  })

  it('when resolving all 10,035 legacy communes through _entities, then each answers with successors, the primary first', async () => {
    const { rows } = await sql<{ code: string }>`SELECT code FROM legacy_commune ORDER BY code`.execute(boundary.database.db)
    const representations = rows.map(({ code }) => ({ __typename: 'LegacyAdministrativeUnit', code }))
    const { _entities } = dataOf(
      await boundary.subgraph.execute<{ _entities: { code: string; successors: { relation: string; isPrimary: boolean }[] }[] }>(
        'query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on LegacyAdministrativeUnit { code successors { relation isPrimary } } } }',
        { representations },
      ),
    )
    expect(_entities).toHaveLength(10_035)
    const broken = _entities.filter(
      ({ successors }) =>
        successors.length === 0 ||
        !successors[0]!.isPrimary ||
        successors.filter((successor) => successor.isPrimary).length !== 1 ||
        successors.some((successor) => successor.relation !== (successors.length === 1 ? 'WHOLE' : 'PART')),
    )
    expect(broken.map((entity) => entity.code)).toEqual([])
  })
})

describe('legacy districts and provinces', () => {
  it('when asking for Quận 1 (760), then it is an urban district of Hồ Chí Minh City with no successor of its own', async () => {
    const { legacyDistrict } = dataOf(
      await boundary.subgraph.execute<{ legacyDistrict: Record<string, unknown> }>(
        '{ legacyDistrict(code: "760") { code name type typeLabel level province { code } district { code } successors { relation } newProvince { code } } }',
      ),
    )
    expect(legacyDistrict).toEqual({
      code: '760',
      name: 'Quận 1',
      type: 'URBAN_DISTRICT',
      typeLabel: 'quận',
      level: 'DISTRICT',
      province: { code: '79' },
      district: null,
      successors: [],
      newProvince: { code: '79' },
    })
  })

  it('when asking for the island district Côn Đảo (755), which had no communes, then it went wholly into Đặc khu Côn Đảo', async () => {
    const { legacyDistrict } = dataOf(
      await boundary.subgraph.execute<{ legacyDistrict: { successors: unknown[] } }>(
        '{ legacyDistrict(code: "755") { successors { legacyCommune { code } commune { code name type } relation isPrimary } } }',
      ),
    )
    expect(legacyDistrict.successors).toEqual([
      { legacyCommune: { code: '755' }, commune: { code: '26732', name: 'Đặc khu Côn Đảo', type: 'SPECIAL_ZONE' }, relation: 'WHOLE', isPrimary: true },
    ])
  })

  it('when asking for a district-level city and a district town, then their types are PROVINCIAL_CITY and DISTRICT_TOWN', async () => {
    const { rows } = await sql<{ code: string; type: string }>`
      SELECT DISTINCT ON (type) code, type FROM legacy_district WHERE type IN ('thành phố', 'thị xã') ORDER BY type, code
    `.execute(boundary.database.db)
    for (const row of rows) {
      const { legacyDistrict } = dataOf(
        await boundary.subgraph.execute<{ legacyDistrict: { type: string; typeLabel: string } }>(
          'query ($code: LegacyAdministrativeUnitCode!) { legacyDistrict(code: $code) { type typeLabel } }',
          { code: row.code },
        ),
      )
      expect(legacyDistrict).toEqual({ type: row.type === 'thành phố' ? 'PROVINCIAL_CITY' : 'DISTRICT_TOWN', typeLabel: row.type })
    }
    expect(rows).toHaveLength(2)
  })

  it('when asking for legacy province Bà Rịa - Vũng Tàu (77), then its new province is Hồ Chí Minh City', async () => {
    const { legacyProvince } = dataOf(
      await boundary.subgraph.execute<{ legacyProvince: Record<string, unknown> }>(
        '{ legacyProvince(code: "77") { code type level province { code } successors { relation } newProvince { code name } } }',
      ),
    )
    expect(legacyProvince).toEqual({
      code: '77',
      type: 'PROVINCE',
      level: 'PROVINCE',
      province: null,
      successors: [],
      newProvince: { code: '79', name: 'Thành phố Hồ Chí Minh' },
    })
  })
})
