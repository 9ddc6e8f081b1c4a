import { describe, expect, it } from 'vitest'
import { dataOf, selectsIn, useTestBoundarySubgraph } from './test-setup.js'

const boundary = useTestBoundarySubgraph('entities')

const ENTITIES = /* GraphQL */ `
  query Entities($representations: [_Any!]!) {
    _entities(representations: $representations) {
      __typename
      ... on AdministrativeUnit { code name level }
      # code and level have other types on legacy units, so they need aliases here.
      ... on LegacyAdministrativeUnit { legacyCode: code name legacyLevel: level }
    }
  }
`

type Entity = { __typename: string; code?: string; legacyCode?: string; name: string; level?: string; legacyLevel?: string } | null

describe('_entities', () => {
  it('when the gateway sends AdministrativeUnit representations, then each resolves in order, unknown or malformed codes to null', async () => {
    const representations = ['79', '26740', '01', '00004', '99999', 79].map((code) => ({ __typename: 'AdministrativeUnit', code }))
    const { _entities } = dataOf(await boundary.subgraph.execute<{ _entities: Entity[] }>(ENTITIES, { representations }))
    expect(_entities).toEqual([
      { __typename: 'AdministrativeUnit', code: '79', name: 'Thành phố Hồ Chí Minh', level: 'PROVINCE' },
      { __typename: 'AdministrativeUnit', code: '26740', name: 'Phường Sài Gòn', level: 'COMMUNE' },
      { __typename: 'AdministrativeUnit', code: '01', name: 'Thành phố Hà Nội', level: 'PROVINCE' },
      { __typename: 'AdministrativeUnit', code: '00004', name: 'Phường Ba Đình', level: 'COMMUNE' },
      null,
      null,
    ])
  })

  it('when the gateway sends LegacyAdministrativeUnit representations of every level, then each resolves to its own level', async () => {
    const representations = ['26740', '760', '79', '26737'].map((code) => ({ __typename: 'LegacyAdministrativeUnit', code }))
    const { _entities } = dataOf(await boundary.subgraph.execute<{ _entities: Entity[] }>(ENTITIES, { representations }))
    expect(_entities).toEqual([
      { __typename: 'LegacyAdministrativeUnit', legacyCode: '26740', name: 'Phường Bến Nghé', legacyLevel: 'COMMUNE' },
      { __typename: 'LegacyAdministrativeUnit', legacyCode: '760', name: 'Quận 1', legacyLevel: 'DISTRICT' },
      { __typename: 'LegacyAdministrativeUnit', legacyCode: '79', name: 'Thành phố Hồ Chí Minh', legacyLevel: 'PROVINCE' },
      { __typename: 'LegacyAdministrativeUnit', legacyCode: '26737', name: 'Phường Đa Kao', legacyLevel: 'COMMUNE' },
    ])
  })

  it('when one _entities call carries 100 commune representations, then one SELECT loads them all', async () => {
    const rows = await boundary.database.db.selectFrom('commune').select('code').orderBy('code').limit(100).execute()
    const representations = rows.map(({ code }) => ({ __typename: 'AdministrativeUnit', code }))
    boundary.database.statements.length = 0

    const { _entities } = dataOf(await boundary.subgraph.execute<{ _entities: Entity[] }>(ENTITIES, { representations }))

    expect(_entities.map((entity) => entity?.code)).toEqual(rows.map((row) => row.code))
    const selects = selectsIn(boundary.database.statements)
    expect(selects).toHaveLength(1)
    expect(selects[0]).toMatch(/from "commune" where "code" in \(\$1, \$2, .*\$100\)/)
  })

  it('when one _entities call carries 100 legacy commune representations, then one SELECT loads them all', async () => {
    const rows = await boundary.database.db.selectFrom('legacy_commune').select('code').orderBy('code').limit(100).execute()
    const representations = rows.map(({ code }) => ({ __typename: 'LegacyAdministrativeUnit', code }))
    boundary.database.statements.length = 0

    const { _entities } = dataOf(await boundary.subgraph.execute<{ _entities: Entity[] }>(ENTITIES, { representations }))

    expect(_entities.map((entity) => entity?.legacyCode)).toEqual(rows.map((row) => row.code))
    expect(_entities.every((entity) => entity?.legacyLevel === 'COMMUNE')).toBe(true)
    expect(_entities).toHaveLength(100)
    const selects = selectsIn(boundary.database.statements)
    expect(selects).toHaveLength(1)
    expect(selects[0]).toMatch(/from "legacy_commune" where "code" in/)
  })

  it('when 100 legacy communes also ask for their successors and the successor communes, then three SELECTs answer everything', async () => {
    const rows = await boundary.database.db.selectFrom('legacy_commune').select('code').where('province_code', '=', '79').orderBy('code').limit(100).execute()
    const representations = rows.map(({ code }) => ({ __typename: 'LegacyAdministrativeUnit', code }))
    boundary.database.statements.length = 0

    const result = dataOf(
      await boundary.subgraph.execute<{ _entities: { successors: { commune: { name: string } }[] }[] }>(
        'query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on LegacyAdministrativeUnit { successors { commune { name } } } } }',
        { representations },
      ),
    )

    expect(result._entities.every((entity) => entity.successors.length > 0)).toBe(true)
    const selects = selectsIn(boundary.database.statements)
    expect(selects).toHaveLength(3)
    expect(selects[0]).toMatch(/from "legacy_commune"/)
    expect(selects[1]).toMatch(/from "legacy_succession"/)
    expect(selects[2]).toMatch(/from "commune"/)
  })
})
