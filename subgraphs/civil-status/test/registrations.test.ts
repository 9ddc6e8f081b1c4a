import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { PEOPLE } from './fixtures.js'
import { dataOf, errorCodeOf, expectUpdatedAt, useTestCivilStatusSubgraph } from './test-setup.js'

// Before the test database exists: every registration's updatedAt must come after it.
const startedAt = new Date()
const civilStatus = useTestCivilStatusSubgraph('registrations')

const ADDRESS = /* GraphQL */ `fragment AddressFields on Address { id register text legacyCommune { code } commune { code } mappingStatus }`
const AUTHORITY = /* GraphQL */ `fragment AuthorityFields on RegisteringAuthority { name legacyUnit { code } commune { code } }`

describe('birthRegistration', () => {
  it('when asked by id, then every field comes back as recorded, with persons as Citizen references', async () => {
    const { birthRegistration } = dataOf(
      await civilStatus.subgraph.execute(
        /* GraphQL */ `
          query { birthRegistration(id: "KS-2022-0001") {
            __typename id registrationNumber book registrationDate authority { ...AuthorityFields }
            child { personalId } childName childBirthDate childSex father { personalId } mother { personalId }
            placeOfBirth { ...AddressFields } updatedAt
          } }
          ${ADDRESS} ${AUTHORITY}
        `,
      ),
    )
    expectUpdatedAt(birthRegistration.updatedAt, startedAt)
    expect(birthRegistration).toEqual({
      __typename: 'BirthRegistration',
      id: 'KS-2022-0001',
      registrationNumber: '123/2022',
      book: '01/2022',
      registrationDate: '2022-05-10',
      authority: { name: 'UBND Phường Phúc Xá', legacyUnit: { code: '00001' }, commune: null },
      child: { personalId: PEOPLE.cuong },
      childName: 'Nguyễn Văn Cường',
      childBirthDate: '2022-05-01',
      childSex: 'MALE',
      father: { personalId: PEOPLE.an },
      mother: { personalId: PEOPLE.binh },
      placeOfBirth: {
        id: expect.stringMatching(/^civil-status:\d+$/),
        register: 'CIVIL_STATUS',
        text: 'Số 5 phố Phúc Xá, Phường Phúc Xá, Quận Ba Đình, Thành phố Hà Nội',
        legacyCommune: { code: '00001' },
        commune: { code: '00097' },
        mappingStatus: 'EXACT',
      },
      updatedAt: birthRegistration.updatedAt,
    })
  })

  it('when the birth was registered after 1 July 2025, then the authority is a 2025 commune and the unknown parents are null', async () => {
    const { after, before } = dataOf(
      await civilStatus.subgraph.execute<{ after: unknown; before: unknown }>(/* GraphQL */ `
        query {
          after: birthRegistration(id: "KS-2025-0001") { authority { name legacyUnit { code } commune { code } } }
          before: birthRegistration(id: "KS-1990-0001") { authority { legacyUnit { code } } father { personalId } mother { personalId } }
        }
      `),
    )
    expect(after).toEqual({ authority: { name: 'UBND Phường Hồng Hà', legacyUnit: null, commune: { code: '00097' } } })
    expect(before).toEqual({ authority: { legacyUnit: { code: '001' } }, father: null, mother: null })
  })
})

describe('marriageRegistration', () => {
  it('when asked for a marriage in force, then both spouses, names, residences and inForce come back', async () => {
    const { marriageRegistration } = dataOf(
      await civilStatus.subgraph.execute(
        /* GraphQL */ `
          query { marriageRegistration(id: "KH-2015-0001") {
            id registrationNumber book registrationDate authority { ...AuthorityFields }
            husband { personalId } wife { personalId } husbandName wifeName
            husbandResidence { ...AddressFields } wifeResidence { ...AddressFields }
            dissolvedOn dissolutionReason inForce updatedAt
          } }
          ${ADDRESS} ${AUTHORITY}
        `,
      ),
    )
    expectUpdatedAt(marriageRegistration.updatedAt, startedAt)
    expect(marriageRegistration).toEqual({
      id: 'KH-2015-0001',
      registrationNumber: '45/2015',
      book: '01/2015',
      registrationDate: '2015-10-02',
      authority: { name: 'UBND Phường Cống Vị', legacyUnit: { code: '00007' }, commune: null },
      husband: { personalId: PEOPLE.an },
      wife: { personalId: PEOPLE.binh },
      husbandName: 'Nguyễn Văn An',
      wifeName: 'Trần Thị Bình',
      husbandResidence: {
        id: expect.stringMatching(/^civil-status:\d+$/),
        register: 'CIVIL_STATUS',
        text: 'Số 12 ngõ 34 phố Đội Cấn, Phường Cống Vị, Quận Ba Đình, Thành phố Hà Nội',
        legacyCommune: { code: '00007' },
        commune: null,
        mappingStatus: 'SPLIT_NEEDS_REVIEW',
      },
      wifeResidence: {
        id: expect.stringMatching(/^civil-status:\d+$/),
        register: 'CIVIL_STATUS',
        text: 'Số 5 phố Phúc Xá, Phường Phúc Xá, Quận Ba Đình, Thành phố Hà Nội',
        legacyCommune: { code: '00001' },
        commune: { code: '00097' },
        mappingStatus: 'EXACT',
      },
      dissolvedOn: null,
      dissolutionReason: null,
      inForce: true,
      updatedAt: marriageRegistration.updatedAt,
    })
  })

  it('when asked for dissolved marriages, then the date and reason of the dissolution come back and inForce is false', async () => {
    const { divorce, death } = dataOf(
      await civilStatus.subgraph.execute(/* GraphQL */ `
        query {
          divorce: marriageRegistration(id: "KH-2010-0001") { dissolvedOn dissolutionReason inForce }
          death: marriageRegistration(id: "KH-1970-0001") { dissolvedOn dissolutionReason inForce }
        }
      `),
    )
    expect(divorce).toEqual({ dissolvedOn: '2018-09-30', dissolutionReason: 'DIVORCE', inForce: false })
    expect(death).toEqual({ dissolvedOn: '2020-05-01', dissolutionReason: 'DEATH', inForce: false })
  })
})

describe('deathRegistration', () => {
  it('when asked by id, then every field comes back, the unknown commune of the place of death NOT_FOUND', async () => {
    const { deathRegistration } = dataOf(
      await civilStatus.subgraph.execute(
        /* GraphQL */ `
          query { deathRegistration(id: "KT-2020-0001") {
            id registrationNumber book registrationDate authority { ...AuthorityFields }
            deceased { personalId } deceasedName dateOfDeath placeOfDeath { ...AddressFields } declarant { personalId } updatedAt
          } }
          ${ADDRESS} ${AUTHORITY}
        `,
      ),
    )
    expectUpdatedAt(deathRegistration.updatedAt, startedAt)
    expect(deathRegistration).toEqual({
      id: 'KT-2020-0001',
      registrationNumber: '9/2020',
      book: '01/2020',
      registrationDate: '2020-05-03',
      authority: { name: 'UBND Phường Vĩnh Phúc', legacyUnit: { code: '00006' }, commune: null },
      deceased: { personalId: PEOPLE.giang },
      deceasedName: 'Vũ Văn Giang',
      dateOfDeath: '2020-05-01',
      placeOfDeath: {
        id: expect.stringMatching(/^civil-status:\d+$/),
        register: 'CIVIL_STATUS',
        text: 'Xã Không Tồn Tại, Huyện Không Tồn Tại',
        legacyCommune: { code: '99999' },
        commune: null,
        mappingStatus: 'NOT_FOUND',
      },
      declarant: { personalId: PEOPLE.phuong },
      updatedAt: deathRegistration.updatedAt,
    })
  })
})

describe('lookups by id', () => {
  it('when no registration has the id, then null comes back', async () => {
    const data = dataOf(
      await civilStatus.subgraph.execute(/* GraphQL */ `
        query { birthRegistration(id: "KS-0000-0000") { id } marriageRegistration(id: "KS-2022-0001") { id } deathRegistration(id: "nope") { id } }
      `),
    )
    expect(data).toEqual({ birthRegistration: null, marriageRegistration: null, deathRegistration: null })
  })

  it('when the id is empty or too long, then BAD_USER_INPUT comes back', async () => {
    expect(errorCodeOf(await civilStatus.subgraph.execute('query { birthRegistration(id: "  ") { id } }'))).toBe('BAD_USER_INPUT')
    const long = 'K'.repeat(101)
    expect(errorCodeOf(await civilStatus.subgraph.execute(`query { deathRegistration(id: "${long}") { id } }`))).toBe('BAD_USER_INPUT')
  })

  it('when the gateway sends registration representations, then each resolves in order, unknown or malformed ids to null', async () => {
    const representations = [
      { __typename: 'MarriageRegistration', id: 'KH-2020-0001' },
      { __typename: 'BirthRegistration', id: 'KS-2025-0001' },
      { __typename: 'DeathRegistration', id: 'KT-2020-0001' },
      { __typename: 'BirthRegistration', id: 'KS-9999-9999' },
      { __typename: 'DeathRegistration', id: 42 },
      { __typename: 'MarriageRegistration' },
    ]
    const { _entities } = dataOf(
      await civilStatus.subgraph.execute<{ _entities: unknown[] }>(
        /* GraphQL */ `
          query ($representations: [_Any!]!) { _entities(representations: $representations) {
            __typename
            ... on MarriageRegistration { id husbandName }
            ... on BirthRegistration { id childName }
            ... on DeathRegistration { id deceasedName }
          } }
        `,
        { representations },
      ),
    )
    expect(_entities).toEqual([
      { __typename: 'MarriageRegistration', id: 'KH-2020-0001', husbandName: 'Đỗ Văn Hùng' },
      { __typename: 'BirthRegistration', id: 'KS-2025-0001', childName: 'Nguyễn Thị Hà' },
      { __typename: 'DeathRegistration', id: 'KT-2020-0001', deceasedName: 'Vũ Văn Giang' },
      null,
      null,
      null,
    ])
  })
})

describe('updatedAt', () => {
  const REGISTRATIONS = /* GraphQL */ `
    query {
      birthRegistration(id: "KS-2025-0001") { updatedAt }
      marriageRegistration(id: "KH-2020-0001") { updatedAt }
      deathRegistration(id: "KT-2020-0001") { updatedAt }
    }
  `

  /** The served updatedAt of one birth, one marriage and one death registration, in epoch milliseconds. */
  async function updatedAtOfRegistrations() {
    const data = dataOf(await civilStatus.subgraph.execute<Record<'birthRegistration' | 'marriageRegistration' | 'deathRegistration', { updatedAt: unknown }>>(REGISTRATIONS))
    return {
      birth: expectUpdatedAt(data.birthRegistration.updatedAt, startedAt).getTime(),
      marriage: expectUpdatedAt(data.marriageRegistration.updatedAt, startedAt).getTime(),
      death: expectUpdatedAt(data.deathRegistration.updatedAt, startedAt).getTime(),
    }
  }

  it('when registrations change in the books, then their updatedAt moves forward; an UPDATE writing the same values leaves it', async () => {
    const { db } = civilStatus.database
    const ingested = await updatedAtOfRegistrations()

    await sql`UPDATE birth_registration SET book = book WHERE id = 'KS-2025-0001'`.execute(db)
    await sql`UPDATE marriage_registration SET book = book WHERE id = 'KH-2020-0001'`.execute(db)
    await sql`UPDATE death_registration SET book = book WHERE id = 'KT-2020-0001'`.execute(db)
    expect(await updatedAtOfRegistrations()).toEqual(ingested)

    // A correction of the book entry (cải chính hộ tịch), as the register would write it.
    await sql`UPDATE birth_registration SET child_name = child_name || ' (cải chính)' WHERE id = 'KS-2025-0001'`.execute(db)
    await sql`UPDATE marriage_registration SET book = '02/2020' WHERE id = 'KH-2020-0001'`.execute(db)
    await sql`UPDATE death_registration SET book = '02/2020' WHERE id = 'KT-2020-0001'`.execute(db)
    const changed = await updatedAtOfRegistrations()
    expect(changed.birth).toBeGreaterThan(ingested.birth)
    expect(changed.marriage).toBeGreaterThan(ingested.marriage)
    expect(changed.death).toBeGreaterThan(ingested.death)
  })
})
