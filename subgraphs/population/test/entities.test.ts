import { describe, expect, it } from 'vitest'
import { FAMILY_COUNT, fatherId, firstChildId, GRANDFATHER_ID, householdId, motherId, secondChildId } from './fixtures.js'
import { dataOf, expectUpdatedAt, selectsIn, useTestPopulationSubgraph } from './test-setup.js'

const startedAt = new Date()
const population = useTestPopulationSubgraph('entities')

const ADDRESS = 'id text legacyCommune { code } commune { code } mappingStatus mappedAt candidates { commune { code } whole primary } resolutions { commune { code } reason }'

const CITIZEN_ENTITIES = /* GraphQL */ `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      __typename
      ... on Citizen {
        personalId fullName otherNames birthDate sex ethnicity religion nationality bloodGroup
        idCard { number issueDate expiryDate issuedBy }
        placeOfBirth { ${ADDRESS} }
        placeOfBirthRegistration { ${ADDRESS} }
        hometown { ${ADDRESS} }
        permanentResidence { ${ADDRESS} }
        temporaryResidence { ${ADDRESS} }
        currentResidence { ${ADDRESS} }
        relationshipToHead dateOfDeath deceased updatedAt
        household { id head { personalId } address { ${ADDRESS} } members { relationshipToHead citizen { personalId updatedAt } } updatedAt }
        father { personalId fullName permanentResidence { ${ADDRESS} } }
        mother { personalId fullName permanentResidence { ${ADDRESS} } }
        spouse { personalId fullName }
        children { personalId fullName }
      }
    }
  }
`

const citizenRepresentation = (personalId: unknown) => ({ __typename: 'Citizen', personalId })

describe('_entities', () => {
  it('when other registers @require fullName, birthDate, permanentResidence and spouse, then they resolve from the representation key', async () => {
    const query = /* GraphQL */ `
      query ($representations: [_Any!]!) {
        _entities(representations: $representations) {
          ... on Citizen { personalId fullName birthDate permanentResidence { legacyCommune { code } } spouse { personalId } }
        }
      }
    `
    const representations = [
      // What the gateway sends when another subgraph contributes fields: the key and its own fields' values.
      { __typename: 'Citizen', personalId: fatherId(1), civilStatusDiscrepancies: [] },
      citizenRepresentation(firstChildId(0)),
      citizenRepresentation('079090123456'),
      citizenRepresentation(79),
      citizenRepresentation('0010651'),
      citizenRepresentation(fatherId(3)),
    ]
    const { _entities } = dataOf(await population.subgraph.execute<{ _entities: unknown[] }>(query, { representations }))
    expect(_entities).toEqual([
      { personalId: fatherId(1), fullName: 'Trần Văn An', birthDate: '1965-03-02', permanentResidence: { legacyCommune: { code: '00007' } }, spouse: { personalId: motherId(1) } },
      { personalId: firstChildId(0), fullName: 'Nguyễn Minh Khôi', birthDate: '1990-06-15', permanentResidence: { legacyCommune: { code: '00001' } }, spouse: null },
      null,
      null,
      null,
      // No legacy commune was recorded for family 3.
      { personalId: fatherId(3), fullName: 'Phạm Văn An', birthDate: '1965-03-04', permanentResidence: { legacyCommune: null }, spouse: { personalId: motherId(3) } },
    ])
  })

  it('when a Household representation is sent, then the household resolves with its members', async () => {
    const query = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Household { id head { personalId } members { citizen { personalId } } } } }'
    const { _entities } = dataOf(
      await population.subgraph.execute<{ _entities: unknown[] }>(query, { r: [{ __typename: 'Household', id: householdId(4) }, { __typename: 'Household', id: 'HK404' }] }),
    )
    expect(_entities).toEqual([
      {
        id: householdId(4),
        head: { personalId: fatherId(4) },
        members: [fatherId(4), motherId(4), firstChildId(4), secondChildId(4)].map((personalId) => ({ citizen: { personalId } })),
      },
      null,
    ])
  })

  it('when 2 or 20 citizens are resolved with every nested field, then both cost the same number of SQL statements', async () => {
    // Families 0 and 1 between them have every kind of address (EXACT, split, with a resolution lookup), parents and children.
    const two = [firstChildId(0), fatherId(1)]
    const twenty = Array.from({ length: FAMILY_COUNT }, (_, family) => [firstChildId(family), fatherId(family)]).flat().slice(0, 20)
    expect(twenty).toHaveLength(20)

    const statementsFor = async (ids: string[]) => {
      population.database.statements.length = 0
      const { _entities } = dataOf(
        await population.subgraph.execute<{ _entities: { personalId: string; updatedAt: unknown; household: { members: unknown[]; updatedAt: unknown } }[] }>(CITIZEN_ENTITIES, {
          representations: ids.map(citizenRepresentation),
        }),
      )
      expect(_entities.map((entity) => entity.personalId)).toEqual(ids)
      expect(_entities.every((entity) => entity.household.members.length >= 4)).toBe(true)
      // updatedAt comes with the rows already loaded: no statement of its own.
      for (const entity of _entities) [entity.updatedAt, entity.household.updatedAt].forEach((updatedAt) => expectUpdatedAt(updatedAt, startedAt))
      return selectsIn(population.database.statements)
    }

    const forTwo = await statementsFor(two)
    const forTwenty = await statementsFor(twenty)
    expect(forTwenty).toHaveLength(forTwo.length)
    expect(population.database.statements.length).toBe(forTwenty.length)
    // One statement per loader and level, not per citizen: a handful whatever N is.
    expect(forTwenty.length).toBeLessThanOrEqual(14)
  })

  it('when the nested fields of one citizen are resolved, then father, mother, spouse and children are the right people', async () => {
    const { _entities } = dataOf(
      await population.subgraph.execute<{ _entities: Record<string, unknown>[] }>(CITIZEN_ENTITIES, { representations: [citizenRepresentation(fatherId(0))] }),
    )
    expect(_entities[0]).toMatchObject({
      father: { personalId: GRANDFATHER_ID, fullName: 'Nguyễn Văn Cả' },
      mother: null,
      spouse: { personalId: motherId(0), fullName: 'Ngô Thị Bình' },
      children: [
        { personalId: firstChildId(0), fullName: 'Nguyễn Minh Khôi' },
        { personalId: secondChildId(0), fullName: 'Nguyễn Thị Hoà' },
      ],
      hometown: {
        mappingStatus: 'SPLIT_NEEDS_REVIEW',
        candidates: [
          { commune: { code: '00025' }, whole: false, primary: true },
          { commune: { code: '00008' }, whole: false, primary: false },
        ],
        resolutions: [],
      },
    })
  })
})
