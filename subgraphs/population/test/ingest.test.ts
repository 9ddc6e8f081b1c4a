import { remapAddresses, type LegacyAddress, type PopulationSlice } from '@lienthong/lib/registers'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ingestPopulationSlice } from '../src/ingest.js'
import { addressesOf, buildTestSlice, fatherId, firstChildId, householdId, motherId, residenceOf, secondChildId } from './fixtures.js'
import { createTestPopulationDatabase, dataOf, ingestSlice, startTestPopulationServer, type TestPopulationDatabase } from './test-setup.js'

let database: TestPopulationDatabase
let client: pg.Client

beforeAll(async () => {
  database = await createTestPopulationDatabase('ingest')
  client = new pg.Client({ connectionString: database.url })
  await client.connect()
})
afterAll(async () => {
  await client?.end()
  await database?.drop()
})

const count = async (table: 'address' | 'citizen' | 'household') =>
  (await database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow()).count

/** The fixture's legacy communes as the official crosswalk maps them: 00007 was split, 99999 and none are unknown. */
const MAPPED: Record<string, string> = {
  '00001': '00097|EXACT',
  '00004': '00004|EXACT',
  '00006': '00008|EXACT',
  '00007': 'null|SPLIT_NEEDS_REVIEW',
  '00008': '00008|EXACT',
  '26734': '26737|EXACT',
  '26740': '26740|EXACT',
  '99999': 'null|NOT_FOUND',
  null: 'null|NOT_FOUND',
}
const expectedRow = (address: LegacyAddress) => `${address.legacyCommuneCode}|${address.text}|${MAPPED[String(address.legacyCommuneCode)]}`
const storedRow = (row: { legacy_commune_code: string | null; text: string; commune_code: string | null; mapping_status: string | null }) =>
  `${row.legacy_commune_code}|${row.text}|${row.commune_code}|${row.mapping_status}`

describe('ingestPopulationSlice', () => {
  it('when the caller rolls its transaction back, then nothing of the chunk stays', async () => {
    await client.query('BEGIN')
    await ingestPopulationSlice(client, buildTestSlice())
    await client.query('ROLLBACK')
    expect([await count('address'), await count('citizen'), await count('household')]).toEqual([0, 0, 0])
  })

  it('when a chunk is ingested, then every LegacyAddress becomes one address row, text and code as recorded, mapped by the crosswalk', async () => {
    const slice = buildTestSlice()
    // COPY's separators in the text must survive as written.
    slice.households[0]!.address = { legacyCommuneCode: '00001', text: 'Số 1\tngõ 2\\3\nPhúc Xá' }
    await client.query('BEGIN')
    const result = await ingestPopulationSlice(client, slice)
    await client.query('COMMIT')

    expect(result).toEqual({ citizens: 49, households: 12, addresses: addressesOf(slice).length })
    expect(await count('address')).toBe(addressesOf(slice).length)
    const rows = await database.db.selectFrom('address').select(['legacy_commune_code', 'text', 'commune_code', 'mapping_status', 'mapped_at']).execute()
    expect(rows.map(storedRow).sort()).toEqual(addressesOf(slice).map(expectedRow).sort())
    expect(rows.filter((row) => row.mapped_at === null)).toEqual([])

    const father = await database.db.selectFrom('citizen').selectAll().where('personal_id', '=', fatherId(0)).executeTakeFirstOrThrow()
    expect(father).toMatchObject({
      full_name: 'Nguyễn Văn An',
      other_names: ['Ba An'],
      birth_date: '1965-03-01',
      id_card_expiry_date: '2040-03-01',
      household_id: householdId(0),
      spouse_id: motherId(0),
    })
  })

  it('when the next chunk names citizens of an earlier one, then its addresses are mapped at ingest and the links resolve', async () => {
    expect(await ingestSlice(database, { citizens: [], households: [] })).toEqual({ citizens: 0, households: 0, addresses: 0 })
    const before = await database.db.selectFrom('address').select(['id', 'mapped_at']).orderBy('id').execute()
    const nextChunk: PopulationSlice = {
      households: [],
      citizens: [
        {
          ...buildTestSlice().citizens[3]!,
          personalId: '001325400099',
          fullName: 'Hoàng Thị Út',
          birthDate: '2025-02-03',
          relationshipToHead: 'Con',
          householdId: householdId(4),
          fatherId: fatherId(4),
          motherId: motherId(4),
          permanentResidence: residenceOf(4),
          currentResidence: residenceOf(4),
        },
      ],
    }
    expect(await ingestSlice(database, nextChunk)).toEqual({ citizens: 1, households: 0, addresses: 5 })
    const added = await database.db
      .selectFrom('address')
      .select(['legacy_commune_code', 'text', 'commune_code', 'mapping_status'])
      .where('id', '>', before.at(-1)!.id)
      .execute()
    expect(added.map(storedRow).sort()).toEqual(addressesOf(nextChunk).map(expectedRow).sort())
    // The earlier chunk's rows are not written again, and the SQL rule agrees with the mapping at ingest.
    expect(await database.db.selectFrom('address').select(['id', 'mapped_at']).where('id', '<=', before.at(-1)!.id).orderBy('id').execute()).toEqual(before)
    expect(await remapAddresses(database.db)).toMatchObject({ changed: 0 })

    const subgraph = await startTestPopulationServer(database.db)
    try {
      const { citizen } = dataOf(
        await subgraph.execute<{ citizen: unknown }>(
          'query ($id: PersonalId!) { citizen(personalId: $id) { children { personalId } household { members { citizen { personalId } } } } }',
          { id: fatherId(4) },
        ),
      )
      expect(citizen).toEqual({
        children: [{ personalId: firstChildId(4) }, { personalId: secondChildId(4) }, { personalId: '001325400099' }],
        household: { members: [fatherId(4), motherId(4), firstChildId(4), secondChildId(4), '001325400099'].map((personalId) => ({ citizen: { personalId } })) },
      })
    } finally {
      await subgraph.stop()
    }
  })

  it('when a chunk of 10,000 citizens is ingested, then it loads with a few COPYs', async () => {
    const template = buildTestSlice().citizens[2]!
    const citizens = Array.from({ length: 10_000 }, (_, index) => ({
      ...template,
      personalId: `079090${String(index).padStart(6, '0')}`,
      householdId: `HK79${String(index).padStart(8, '0')}`,
      fatherId: null,
      motherId: null,
    }))
    const households = citizens.map((citizen) => ({ id: citizen.householdId, headId: citizen.personalId, address: residenceOf(0) }))
    const before = await count('address')
    const started = performance.now()
    await client.query('BEGIN')
    const result = await ingestPopulationSlice(client, { citizens, households })
    await client.query('COMMIT')
    const elapsed = performance.now() - started
    expect(result).toEqual({ citizens: 10_000, households: 10_000, addresses: 60_000 })
    expect(await count('address')).toBe(before + 60_000)
    // A generous bound: a per-row INSERT would take far longer.
    expect(elapsed).toBeLessThan(15_000)
  })
})
