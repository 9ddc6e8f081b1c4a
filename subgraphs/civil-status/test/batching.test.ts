import type { CivilStatusSlice } from '@lienthong/lib/registers'
import { CompiledQuery, sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { dataOf, selectsIn, useTestCivilStatusSubgraph } from './test-setup.js'

// 20 families: a husband and a wife (married, every third divorced), their child
// (birth registered), and for every fourth family the husband's death.
const FAMILIES = 20
const personalId = (family: number, member: number) => `00109${member}${String(family * 10 + member).padStart(6, '0')}`
const husbandOf = (family: number) => personalId(family, 0)
const wifeOf = (family: number) => personalId(family, 1)
const childOf = (family: number) => personalId(family, 2)
const address = (index: number) => ({ legacyCommuneCode: ['00001', '00007', null][index % 3]!, text: `Địa chỉ ${index}` })
const authority = { name: 'UBND Phường Phúc Xá', legacyUnitCode: '00001', communeCode: null }

const SLICE: CivilStatusSlice = {
  births: Array.from({ length: FAMILIES }, (_, family) => ({
    id: `KS-${family}`,
    registrationNumber: `${family}/2015`,
    book: '01/2015',
    registrationDate: '2015-01-10',
    authority,
    childId: childOf(family),
    childName: `Con ${family}`,
    childBirthDate: '2015-01-01',
    childSex: 'MALE' as const,
    fatherId: husbandOf(family),
    motherId: wifeOf(family),
    placeOfBirth: address(family),
  })),
  marriages: Array.from({ length: FAMILIES }, (_, family) => ({
    id: `KH-${family}`,
    registrationNumber: `${family}/2010`,
    book: '01/2010',
    registrationDate: '2010-05-05',
    authority,
    husbandId: husbandOf(family),
    wifeId: wifeOf(family),
    husbandName: `Chồng ${family}`,
    wifeName: `Vợ ${family}`,
    husbandResidence: address(family + 1),
    wifeResidence: address(family + 2),
    dissolvedOn: family % 3 === 0 ? '2019-01-01' : null,
    dissolutionReason: family % 3 === 0 ? ('DIVORCE' as const) : null,
  })),
  deaths: Array.from({ length: FAMILIES / 4 }, (_, index) => ({
    id: `KT-${index}`,
    registrationNumber: `${index}/2023`,
    book: '01/2023',
    registrationDate: '2023-03-03',
    authority,
    deceasedId: husbandOf(index * 4 + 1),
    deceasedName: `Chồng ${index * 4 + 1}`,
    dateOfDeath: '2023-03-01',
    placeOfDeath: address(index),
    declarantId: wifeOf(index * 4 + 1),
  })),
}

const civilStatus = useTestCivilStatusSubgraph('batching', SLICE)

const ADDRESS = /* GraphQL */ `{ id text legacyCommune { code } commune { code } mappingStatus candidates { commune { code } primary } resolutions { reason } }`
const CITIZENS = /* GraphQL */ `
  query Citizens($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Citizen {
        personalId
        birthRegistration { id childName placeOfBirth ${ADDRESS} authority { name legacyUnit { code } commune { code } } updatedAt }
        marriages {
          id inForce husband { personalId } wife { personalId } updatedAt
          husbandResidence ${ADDRESS} wifeResidence ${ADDRESS}
          authority { name legacyUnit { code } commune { code } }
        }
        maritalStatus
        deathRegistration { id placeOfDeath ${ADDRESS} authority { name } updatedAt }
        childrenBirthRegistrations { id updatedAt }
        civilStatusDiscrepancies { field }
      }
    }
  }
`

/** Husbands, wives and children in turn, `count` in all; population agrees about names only loosely (no spouse). */
function representations(count: number) {
  return Array.from({ length: count }, (_, index) => {
    const family = Math.floor(index / 3)
    const id = [husbandOf, wifeOf, childOf][index % 3]!(family)
    return { __typename: 'Citizen', personalId: id, fullName: 'Tên', birthDate: '2015-01-01', spouse: null }
  })
}

async function selectsFor(count: number): Promise<string[]> {
  civilStatus.database.statements.length = 0
  const { _entities } = dataOf(await civilStatus.subgraph.execute<{ _entities: unknown[] }>(CITIZENS, { representations: representations(count) }))
  expect(_entities).toHaveLength(count)
  return selectsIn(civilStatus.database.statements)
}

describe('batching', () => {
  it('when _entities carries 2 or 20 citizens, then the same statements run: one per loader, none per citizen', async () => {
    const two = await selectsFor(2)
    const twenty = await selectsFor(20)
    expect(twenty).toHaveLength(two.length)
    // births as child, marriages, deaths, births as parent, addresses, resolutions, crosswalk.
    expect(twenty).toHaveLength(7)
    expect(new Set(twenty).size).toBe(twenty.length)
  })

  it('when 20 citizens are asked for, then their marriages, status and deaths are each their own', async () => {
    const { _entities } = dataOf(
      await civilStatus.subgraph.execute<{ _entities: { personalId: string; marriages: { id: string }[]; maritalStatus: string; deathRegistration: { id: string } | null }[] }>(
        CITIZENS,
        { representations: representations(20) },
      ),
    )
    expect(_entities.slice(0, 6).map((citizen) => [citizen.personalId, citizen.marriages.map((marriage) => marriage.id), citizen.maritalStatus, citizen.deathRegistration?.id ?? null])).toEqual([
      [husbandOf(0), ['KH-0'], 'DIVORCED', null],
      [wifeOf(0), ['KH-0'], 'DIVORCED', null],
      [childOf(0), [], 'NEVER_MARRIED', null],
      [husbandOf(1), ['KH-1'], 'MARRIED', 'KT-0'],
      [wifeOf(1), ['KH-1'], 'MARRIED', null],
      [childOf(1), [], 'NEVER_MARRIED', null],
    ])
  })

  it('when the loaders look persons up, then PostgreSQL can answer every lookup from an index', async () => {
    await selectsFor(20)
    const lookups = civilStatus.database.statements.filter((statement) => /from "(birth|marriage|death)_registration"/.test(statement.sql))
    expect(lookups).toHaveLength(4)
    await civilStatus.database.db.transaction().execute(async (trx) => {
      // The tables are tiny: forbid sequential scans to see which plans the indexes allow.
      await sql`SET LOCAL enable_seqscan = off`.execute(trx)
      for (const lookup of lookups) {
        const plan = await trx.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`EXPLAIN ${lookup.sql}`, [...lookup.parameters]))
        const text = plan.rows.map((row) => row['QUERY PLAN']).join('\n')
        expect(text, lookup.sql).not.toMatch(/Seq Scan/)
      }
    })
  })
})
