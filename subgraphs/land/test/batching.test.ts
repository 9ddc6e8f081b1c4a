import { describe, expect, it } from 'vitest'
import { manyCitizensSlice, syntheticPersonalId } from './fixtures.js'
import { dataOf, expectUpdatedAt, useTestLandSubgraph } from './test-setup.js'

const startedAt = new Date()

const CITIZENS = 20

const ADDRESS = 'id text legacyCommune { code } commune { code } mappingStatus candidates { commune { code } primary } resolutions { reason }'

const LAND_RIGHTS = /* GraphQL */ `
  query($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on Citizen {
        personalId
        landDiscrepancies { recordId field }
        landRights {
          share holderName
          parcel {
            id areaM2 legacyCommune { code } updatedAt
            address { ${ADDRESS} }
            uses { purposeCode purposeName until longTerm }
            certificates { serial valid }
            holders { kind holderName share citizen { personalId } address { ${ADDRESS} } }
            encumbrances { kind securedAmountVnd active }
          }
        }
      }
    }
  }
`

describe('batching', () => {
  const context = useTestLandSubgraph('batching', manyCitizensSlice(CITIZENS))

  async function statementsFor(count: number): Promise<string[]> {
    const representations = Array.from({ length: count }, (_, index) => ({
      __typename: 'Citizen',
      personalId: syntheticPersonalId(index),
      fullName: `Người Thử ${index}`,
    }))
    context.database.statements.length = 0
    const data = dataOf(await context.subgraph.execute(LAND_RIGHTS, { r: representations }))
    const entities = data._entities as { personalId: string; landRights: { parcel: { holders: unknown[]; uses: unknown[]; updatedAt: unknown } }[]; landDiscrepancies: unknown[] }[]
    expect(entities).toHaveLength(count)
    for (const entity of entities) {
      // Own parcel, the shared one, and the previous citizen's shared parcel.
      expect(entity.landRights).toHaveLength(3)
      expect(entity.landRights.every((right) => right.parcel.uses.length === 2)).toBe(true)
      // updatedAt comes with the parcel rows already loaded: no statement of its own.
      for (const right of entity.landRights) expectUpdatedAt(right.parcel.updatedAt, startedAt)
      // "Người Thử Láng Giềng" on the previous citizen's parcel disagrees with population.
      expect(entity.landDiscrepancies).toHaveLength(1)
    }
    return context.database.statements.map((statement) => statement.sql)
  }

  it('When _entities asks for 2 or 20 citizens with every nested list and address, Then the number of statements is the same', async () => {
    const forTwo = await statementsFor(2)
    const forTwenty = await statementsFor(CITIZENS)
    expect(forTwenty.length).toBe(forTwo.length)
    // Statements run concurrently on the pool, so their order may differ: compare them as sets.
    expect([...forTwenty].sort()).toEqual([...forTwo].sort())
    // holders by citizen, parcels, uses, certificates, holders, encumbrances, addresses, crosswalk, resolutions…
    expect(forTwo.length).toBeLessThanOrEqual(14)
  })
})
