import type { PopulationSlice } from '@lienthong/lib/registers'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ingestPopulationSlice } from '../src/ingest.js'
import { addressesOf, buildTestSlice, fatherId, firstChildId, householdId, motherId, residenceOf, secondChildId } from './fixtures.js'
import { createTestPopulationDatabase, dataOf, ingestAndRemap, startTestPopulationServer, type TestPopulationDatabase } from './test-setup.js'

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

describe('ingestPopulationSlice', () => {
  it('when the caller rolls its transaction back, then nothing of the chunk stays', async () => {
    await client.query('BEGIN')
    await ingestPopulationSlice(client, buildTestSlice())
    await client.query('ROLLBACK')
    expect([await count('address'), await count('citizen'), await count('household')]).toEqual([0, 0, 0])
  })

  it('when a chunk is ingested, then every LegacyAddress becomes one unmapped address row, text and code as recorded', async () => {
    const slice = buildTestSlice()
    // COPY's separators in the text must survive as written.
    slice.households[0]!.address = { legacyCommuneCode: '00001', text: 'Số 1\tngõ 2\\3\nPhúc Xá' }
    await client.query('BEGIN')
    const result = await ingestPopulationSlice(client, slice)
    await client.query('COMMIT')

    expect(result).toEqual({ citizens: 49, households: 12, addresses: addressesOf(slice).length })
    expect(await count('address')).toBe(addressesOf(slice).length)
    const rows = await database.db.selectFrom('address').select(['legacy_commune_code', 'text', 'mapping_status', 'commune_code']).execute()
    expect(rows.every((row) => row.mapping_status === null && row.commune_code === null)).toBe(true)
    const recorded = (address: { legacyCommuneCode: string | null; text: string }) => `${address.legacyCommuneCode}|${address.text}`
    expect(rows.map((row) => `${row.legacy_commune_code}|${row.text}`).sort()).toEqual(addressesOf(slice).map(recorded).sort())

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

  it('when the next chunk names citizens of an earlier one, then remapping maps only its addresses and the links resolve', async () => {
    await ingestAndRemap(database, { citizens: [], households: [] })
    const mappedBefore = await count('address')
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
    const { remap } = await ingestAndRemap(database, nextChunk)
    expect(remap).toEqual({ exact: 5, splitNeedsReview: 0, notFound: 0, changed: 5 })
    expect(await count('address')).toBe(mappedBefore + 5)

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
