import { remapAddresses } from '@lienthong/lib/registers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CIVIL_STATUS_FIXTURE, PHUC_XA } from './fixtures.js'
import { createTestCivilStatusDatabase, ingestSlice, type TestCivilStatusDatabase } from './test-setup.js'

let database: TestCivilStatusDatabase

beforeAll(async () => {
  database = await createTestCivilStatusDatabase('ingest')
})

afterAll(async () => {
  await database?.drop()
})

describe('ingestCivilStatusSlice', () => {
  it('when a slice is ingested, then each record is one row and each LegacyAddress one address row', async () => {
    const result = await ingestSlice(database, CIVIL_STATUS_FIXTURE)
    expect(result).toEqual({ addresses: 12, births: 3, marriages: 4, deaths: 1 })

    const db = database.db
    const addresses = await db.selectFrom('address').selectAll().orderBy('id').execute()
    // Never deduplicated: Phúc Xá is recorded twice (a place of birth and a residence), and stays two rows.
    expect(addresses.filter((address) => address.text === PHUC_XA.text)).toHaveLength(2)
    expect(addresses.map((address) => address.mapping_status)).not.toContain(null)

    const birth = await db.selectFrom('birth_registration').selectAll().where('id', '=', 'KS-2022-0001').executeTakeFirstOrThrow()
    const placeOfBirth = addresses.find((address) => address.id === birth.place_of_birth_address_id)
    expect(placeOfBirth).toMatchObject({ legacy_commune_code: '00001', text: PHUC_XA.text, commune_code: '00097', mapping_status: 'EXACT' })

    const marriage = await db.selectFrom('marriage_registration').selectAll().where('id', '=', 'KH-2010-0001').executeTakeFirstOrThrow()
    expect(marriage).toMatchObject({ husband_name: 'Lê Văn Dũng', wife_name: 'Phạm Thi Em', dissolved_on: '2018-09-30', dissolution_reason: 'DIVORCE' })
    expect(marriage.wife_residence_address_id).toBe(marriage.husband_residence_address_id + 1)

    const death = await db.selectFrom('death_registration').selectAll().executeTakeFirstOrThrow()
    expect(addresses.find((address) => address.id === death.place_of_death_address_id)).toMatchObject({ legacy_commune_code: '99999', mapping_status: 'NOT_FOUND' })
  })

  it('when a second chunk is ingested, then its addresses get new ids, mapped at ingest, and earlier rows are not written again', async () => {
    const before = await database.db.selectFrom('address').select(['id', 'mapped_at']).orderBy('id').execute()
    const chunk = {
      births: CIVIL_STATUS_FIXTURE.births.map((birth) => ({ ...birth, id: `${birth.id}-B` })),
      marriages: [],
      deaths: [],
    }
    expect(await ingestSlice(database, chunk)).toEqual({ addresses: 3, births: 3, marriages: 0, deaths: 0 })

    const after = await database.db.selectFrom('address').select(['id', 'mapped_at', 'mapping_status']).orderBy('id').execute()
    expect(after).toHaveLength(15)
    expect(after.slice(0, 12).map(({ id, mapped_at }) => ({ id, mapped_at }))).toEqual(before)
    expect(Math.min(...after.slice(12).map((row) => row.id))).toBeGreaterThan(Math.max(...before.map((row) => row.id)))
    // The fixture's places of birth, in its order: no commune code, Phúc Xá (went whole), Cống Vị (split).
    expect(after.slice(12).map((row) => row.mapping_status)).toEqual(['NOT_FOUND', 'EXACT', 'SPLIT_NEEDS_REVIEW'])
    expect(await remapAddresses(database.db)).toMatchObject({ changed: 0 })
  })

  it('when a record breaks a constraint, then the whole chunk is rolled back', async () => {
    const broken = { births: [], deaths: [], marriages: [{ ...CIVIL_STATUS_FIXTURE.marriages[0]!, id: 'KH-X', dissolvedOn: '2020-01-01', dissolutionReason: null }] }
    await expect(ingestSlice(database, broken)).rejects.toThrow(/marriage_registration_dissolution_check/)
    expect(await database.db.selectFrom('marriage_registration').select('id').where('id', '=', 'KH-X').execute()).toEqual([])
    expect(await database.db.selectFrom('address').select('id').execute()).toHaveLength(15)
  })
})
