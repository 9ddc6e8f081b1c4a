import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import {
  DECOMPOSED_NAME,
  fatherId,
  firstChildId,
  GRANDFATHER_ID,
  householdId,
  motherId,
  secondChildId,
} from './fixtures.js'
import { dataOf, errorCodesOf, expectUpdatedAt, useTestPopulationSubgraph } from './test-setup.js'

// Before the test database exists: every record's updatedAt must come after it.
const startedAt = new Date()
const population = useTestPopulationSubgraph('citizens')

const ADDRESS = 'id text legacyCommune { code } commune { code } mappingStatus'

const CITIZEN = /* GraphQL */ `
  query Citizen($personalId: PersonalId!) {
    citizen(personalId: $personalId) {
      personalId fullName otherNames birthDate sex
      placeOfBirth { ${ADDRESS} }
      placeOfBirthRegistration { ${ADDRESS} }
      hometown { ${ADDRESS} }
      ethnicity religion nationality bloodGroup
      idCard { number issueDate expiryDate issuedBy }
      permanentResidence { ${ADDRESS} }
      temporaryResidence { ${ADDRESS} }
      currentResidence { ${ADDRESS} }
      household { id }
      relationshipToHead
      father { personalId fullName deceased dateOfDeath }
      mother { personalId }
      spouse { personalId fullName }
      children { personalId birthDate }
      dateOfDeath deceased
      updatedAt
    }
  }
`

const addressId = expect.stringMatching(/^population:\d+$/)

describe('citizen', () => {
  it('when asked for the father of family 0, then every Art. 9 field is as recorded, with its addresses mapped', async () => {
    const { citizen } = dataOf(
      await population.subgraph.execute<{ citizen: { updatedAt: unknown; permanentResidence: { id: string }; currentResidence: { id: string } } }>(CITIZEN, {
        personalId: fatherId(0),
      }),
    )
    expectUpdatedAt(citizen.updatedAt, startedAt)
    expect(citizen).toEqual({
      personalId: fatherId(0),
      fullName: 'Nguyễn Văn An',
      otherNames: ['Ba An'],
      birthDate: '1965-03-01',
      sex: 'MALE',
      placeOfBirth: { id: addressId, text: 'Phường Trúc Bạch, Quận Ba Đình, Thành phố Hà Nội', legacyCommune: { code: '00004' }, commune: { code: '00004' }, mappingStatus: 'EXACT' },
      placeOfBirthRegistration: {
        id: addressId,
        text: 'UBND Phường Trúc Bạch, Quận Ba Đình, Thành phố Hà Nội',
        legacyCommune: { code: '00004' },
        commune: { code: '00004' },
        mappingStatus: 'EXACT',
      },
      hometown: { id: addressId, text: 'Phường Cống Vị, Quận Ba Đình, Thành phố Hà Nội', legacyCommune: { code: '00007' }, commune: null, mappingStatus: 'SPLIT_NEEDS_REVIEW' },
      ethnicity: 'Kinh',
      religion: 'Không',
      nationality: 'VN',
      bloodGroup: 'O+',
      idCard: { number: fatherId(0), issueDate: '2021-04-10', expiryDate: '2040-03-01', issuedBy: 'Cục Cảnh sát quản lý hành chính về trật tự xã hội' },
      permanentResidence: { id: addressId, text: 'Số 1 đường Thử Nghiệm, xã 00001', legacyCommune: { code: '00001' }, commune: { code: '00097' }, mappingStatus: 'EXACT' },
      temporaryResidence: {
        id: addressId,
        text: 'Số 5 Lê Duẩn, Phường Bến Nghé, Quận 1, Thành phố Hồ Chí Minh',
        legacyCommune: { code: '26740' },
        commune: { code: '26740' },
        mappingStatus: 'EXACT',
      },
      currentResidence: { id: addressId, text: 'Số 1 đường Thử Nghiệm, xã 00001', legacyCommune: { code: '00001' }, commune: { code: '00097' }, mappingStatus: 'EXACT' },
      household: { id: householdId(0) },
      relationshipToHead: 'Chủ hộ',
      father: { personalId: GRANDFATHER_ID, fullName: 'Nguyễn Văn Cả', deceased: true, dateOfDeath: '2010-01-02' },
      // The recorded mother is not in the register.
      mother: null,
      spouse: { personalId: motherId(0), fullName: 'Ngô Thị Bình' },
      children: [
        { personalId: firstChildId(0), birthDate: '1990-06-15' },
        { personalId: secondChildId(0), birthDate: '2001-11-01' },
      ],
      dateOfDeath: null,
      deceased: false,
      updatedAt: citizen.updatedAt,
    })
    // Permanent and current residence are two records of the source: two address rows even with the same text.
    const { permanentResidence, currentResidence } = citizen
    expect(permanentResidence.id).not.toBe(currentResidence.id)
  })

  it('when a citizen has no card, no temporary residence and no spouse, then those fields are null', async () => {
    const { citizen } = dataOf(
      await population.subgraph.execute<{ citizen: Record<string, unknown> }>(CITIZEN, { personalId: secondChildId(3) }),
    )
    expect(citizen).toMatchObject({
      fullName: 'Phạm Thị Hoà',
      sex: 'FEMALE',
      bloodGroup: null,
      idCard: null,
      temporaryResidence: null,
      spouse: null,
      children: [],
      father: { personalId: fatherId(3) },
      mother: { personalId: motherId(3) },
      // Family 3's residence has no legacy commune recorded.
      permanentResidence: { text: 'Số 4 đường Thử Nghiệm, xã không rõ', legacyCommune: null, commune: null, mappingStatus: 'NOT_FOUND' },
    })
  })

  it('when a name was recorded with decomposed diacritics, then it is returned exactly as recorded', async () => {
    const { citizen } = dataOf(await population.subgraph.execute<{ citizen: { fullName: string } }>(CITIZEN, { personalId: secondChildId(2) }))
    expect(citizen.fullName).toBe(DECOMPOSED_NAME)
    expect(citizen.fullName).not.toBe(DECOMPOSED_NAME.normalize('NFC'))
  })

  it('when the deceased grandfather is asked for, then he is deceased and his son is his only child', async () => {
    const { citizen } = dataOf(await population.subgraph.execute<{ citizen: Record<string, unknown> }>(CITIZEN, { personalId: GRANDFATHER_ID }))
    expect(citizen).toMatchObject({ deceased: true, dateOfDeath: '2010-01-02', relationshipToHead: 'Bố', children: [{ personalId: fatherId(0), birthDate: '1965-03-01' }] })
  })

  it('when the personal id is unknown, then citizen is null', async () => {
    const result = dataOf(await population.subgraph.execute<{ citizen: unknown }>(CITIZEN, { personalId: '079090123456' }))
    expect(result.citizen).toBeNull()
  })

  it('when the personal id is not 12 digits, then it is rejected with BAD_USER_INPUT', async () => {
    for (const personalId of ['00106510000', 'abcdefghijkl', '0010651000000']) {
      const result = await population.subgraph.execute(CITIZEN, { personalId })
      expect(errorCodesOf(result)).toEqual(['BAD_USER_INPUT'])
    }
  })
})

describe('citizens', () => {
  const CITIZENS = 'query ($ids: [PersonalId!]!) { citizens(personalIds: $ids) { personalId fullName } }'

  it('when several ids are asked, then the result follows their order with null for unknown ids and repeats', async () => {
    const ids = [motherId(5), '079090123456', fatherId(1), motherId(5)]
    const { citizens } = dataOf(await population.subgraph.execute<{ citizens: unknown[] }>(CITIZENS, { ids }))
    expect(citizens).toEqual([
      { personalId: motherId(5), fullName: 'Ngô Thị Bình' },
      null,
      { personalId: fatherId(1), fullName: 'Trần Văn An' },
      { personalId: motherId(5), fullName: 'Ngô Thị Bình' },
    ])
  })

  it('when 500 ids are asked, then they are answered; 501 are rejected with BAD_USER_INPUT', async () => {
    const ids = Array.from({ length: 501 }, (_, index) => `0790901${String(index).padStart(5, '0')}`)
    const five = await population.subgraph.execute<{ citizens: unknown[] }>(CITIZENS, { ids: ids.slice(0, 500) })
    expect(dataOf(five).citizens).toHaveLength(500)
    const tooMany = await population.subgraph.execute(CITIZENS, { ids })
    expect(errorCodesOf(tooMany)).toEqual(['BAD_USER_INPUT'])
    expect(tooMany.errors?.[0]?.message).toMatch(/at most 500/)
  })

  it('when one id is malformed, then the call is rejected with BAD_USER_INPUT', async () => {
    const result = await population.subgraph.execute(CITIZENS, { ids: [fatherId(0), '12'] })
    expect(errorCodesOf(result)).toEqual(['BAD_USER_INPUT'])
  })
})

describe('household', () => {
  const HOUSEHOLD = /* GraphQL */ `
    query ($id: ID!) {
      household(id: $id) {
        id
        head { personalId }
        address { text legacyCommune { code } commune { code } mappingStatus }
        members { relationshipToHead citizen { personalId household { id } } }
        updatedAt
      }
    }
  `

  it('when asked for household 0, then the head comes first and the other members oldest first', async () => {
    const { household } = dataOf(await population.subgraph.execute<{ household: { updatedAt: unknown } }>(HOUSEHOLD, { id: householdId(0) }))
    expectUpdatedAt(household.updatedAt, startedAt)
    const member = (personalId: string, relationshipToHead: string) => ({ relationshipToHead, citizen: { personalId, household: { id: householdId(0) } } })
    expect(household).toEqual({
      id: householdId(0),
      head: { personalId: fatherId(0) },
      address: { text: 'Số 1 đường Thử Nghiệm, xã 00001', legacyCommune: { code: '00001' }, commune: { code: '00097' }, mappingStatus: 'EXACT' },
      members: [
        member(fatherId(0), 'Chủ hộ'),
        member(GRANDFATHER_ID, 'Bố'),
        member(motherId(0), 'Vợ'),
        member(firstChildId(0), 'Con'),
        member(secondChildId(0), 'Con'),
      ],
      updatedAt: household.updatedAt,
    })
  })

  it('when the household id is unknown, then household is null', async () => {
    expect(dataOf(await population.subgraph.execute<{ household: unknown }>(HOUSEHOLD, { id: 'HK9999999999' })).household).toBeNull()
    expect(dataOf(await population.subgraph.execute<{ household: unknown }>(HOUSEHOLD, { id: '' })).household).toBeNull()
  })
})

describe('updatedAt', () => {
  const RECORDS = 'query ($personalId: PersonalId!, $householdId: ID!) { citizen(personalId: $personalId) { updatedAt } household(id: $householdId) { updatedAt } }'

  /** The served updatedAt of family 4's second child and household, in epoch milliseconds. */
  async function updatedAtOfFamily4() {
    const { citizen, household } = dataOf(
      await population.subgraph.execute<{ citizen: { updatedAt: unknown }; household: { updatedAt: unknown } }>(RECORDS, {
        personalId: secondChildId(4),
        householdId: householdId(4),
      }),
    )
    return { citizen: expectUpdatedAt(citizen.updatedAt, startedAt).getTime(), household: expectUpdatedAt(household.updatedAt, startedAt).getTime() }
  }

  it('when a citizen and a household change in the register, then their updatedAt moves forward; an UPDATE writing the same values leaves it', async () => {
    const { db } = population.database
    const ingested = await updatedAtOfFamily4()

    await sql`UPDATE citizen SET blood_group = blood_group WHERE personal_id = ${secondChildId(4)}`.execute(db)
    await sql`UPDATE household SET head_id = head_id WHERE id = ${householdId(4)}`.execute(db)
    expect(await updatedAtOfFamily4()).toEqual(ingested)

    await sql`UPDATE citizen SET blood_group = 'AB-' WHERE personal_id = ${secondChildId(4)}`.execute(db)
    await sql`UPDATE household SET head_id = ${motherId(4)} WHERE id = ${householdId(4)}`.execute(db)
    const changed = await updatedAtOfFamily4()
    expect(changed.citizen).toBeGreaterThan(ingested.citizen)
    expect(changed.household).toBeGreaterThan(ingested.household)
  })
})
