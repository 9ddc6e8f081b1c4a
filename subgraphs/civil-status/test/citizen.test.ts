import { describe, expect, it } from 'vitest'
import { PEOPLE } from './fixtures.js'
import { dataOf, errorCodeOf, useTestCivilStatusSubgraph } from './test-setup.js'

const civilStatus = useTestCivilStatusSubgraph('citizen')

const CITIZENS = /* GraphQL */ `
  query Citizens($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Citizen {
        personalId
        birthRegistration { id childName }
        childrenBirthRegistrations { id }
        marriages { id inForce husband { personalId } wife { personalId } }
        maritalStatus
        deathRegistration { id dateOfDeath }
      }
    }
  }
`

interface CitizenResult {
  personalId: string
  birthRegistration: { id: string; childName: string } | null
  childrenBirthRegistrations: { id: string }[]
  marriages: { id: string; inForce: boolean; husband: { personalId: string }; wife: { personalId: string } }[]
  maritalStatus: string
  deathRegistration: { id: string; dateOfDeath: string } | null
}

async function citizens(...personalIds: string[]): Promise<CitizenResult[]> {
  const representations = personalIds.map((personalId) => ({ __typename: 'Citizen', personalId }))
  return dataOf(await civilStatus.subgraph.execute<{ _entities: CitizenResult[] }>(CITIZENS, { representations }))._entities
}

describe('Citizen', () => {
  it('when the gateway sends Citizen representations, then each gets its own births, marriages and death, in order', async () => {
    const [an, giang, unknown] = await citizens(PEOPLE.an, PEOPLE.giang, '001099999999')
    expect(an).toEqual({
      personalId: PEOPLE.an,
      birthRegistration: { id: 'KS-1990-0001', childName: 'Nguyễn Văn An' },
      childrenBirthRegistrations: [{ id: 'KS-2025-0001' }, { id: 'KS-2022-0001' }],
      marriages: [{ id: 'KH-2015-0001', inForce: true, husband: { personalId: PEOPLE.an }, wife: { personalId: PEOPLE.binh } }],
      maritalStatus: 'MARRIED',
      deathRegistration: null,
    })
    expect(giang).toEqual({
      personalId: PEOPLE.giang,
      birthRegistration: null,
      childrenBirthRegistrations: [],
      marriages: [{ id: 'KH-1970-0001', inForce: false, husband: { personalId: PEOPLE.giang }, wife: { personalId: PEOPLE.phuong } }],
      maritalStatus: 'WIDOWED',
      deathRegistration: { id: 'KT-2020-0001', dateOfDeath: '2020-05-01' },
    })
    // A citizen civil status knows nothing about.
    expect(unknown).toEqual({
      personalId: '001099999999',
      birthRegistration: null,
      childrenBirthRegistrations: [],
      marriages: [],
      maritalStatus: 'NEVER_MARRIED',
      deathRegistration: null,
    })
  })

  it('when a citizen married twice, then marriages come newest first, the dissolved one included', async () => {
    const [em] = await citizens(PEOPLE.em)
    expect(em!.marriages.map((marriage) => [marriage.id, marriage.inForce])).toEqual([
      ['KH-2020-0001', true],
      ['KH-2010-0001', false],
    ])
  })

  it('when a representation carries a malformed personal id, then BAD_USER_INPUT comes back', async () => {
    const result = await civilStatus.subgraph.execute(CITIZENS, { representations: [{ __typename: 'Citizen', personalId: '12345' }] })
    expect(errorCodeOf(result)).toBe('BAD_USER_INPUT')
  })
})

describe('Citizen.maritalStatus', () => {
  it.each([
    ['no marriage registered', PEOPLE.cuong, 'NEVER_MARRIED'],
    ['a marriage in force', PEOPLE.an, 'MARRIED'],
    ['a marriage in force for the wife too', PEOPLE.binh, 'MARRIED'],
    ['the latest marriage dissolved by divorce', PEOPLE.dung, 'DIVORCED'],
    ['the latest marriage ended by the death of the spouse', PEOPLE.phuong, 'WIDOWED'],
    ['a divorce, then a marriage in force', PEOPLE.em, 'MARRIED'],
  ])('when the records show %s, then it is derived from them', async (_case, personalId, expected) => {
    const [citizen] = await citizens(personalId)
    expect(citizen!.maritalStatus).toBe(expected)
  })
})
