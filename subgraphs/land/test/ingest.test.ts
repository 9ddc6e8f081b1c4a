import { remapAddresses, type LandSlice } from '@lienthong/lib/registers'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ingestLandSlice } from '../src/ingest.js'
import { ENTERPRISE_PARCEL, JOINT_PARCEL, MISSPELLED_PARCEL, SAMPLE_SLICE } from './fixtures.js'
import { createTestLandDatabase, type TestLandDatabase } from './test-setup.js'

describe('ingestLandSlice', () => {
  let database: TestLandDatabase
  let client: pg.Client
  beforeAll(async () => {
    database = await createTestLandDatabase('ingest')
    client = new pg.Client({ connectionString: database.url })
    await client.connect()
  })
  afterAll(async () => {
    await client?.end()
    await database?.drop()
  })

  async function tableCounts() {
    const result = await client.query<Record<string, number>>(`
      SELECT (SELECT count(*) FROM address)::int AS addresses, (SELECT count(*) FROM land_parcel)::int AS parcels,
             (SELECT count(*) FROM land_use)::int AS uses, (SELECT count(*) FROM land_certificate)::int AS certificates,
             (SELECT count(*) FROM land_right_holder)::int AS holders, (SELECT count(*) FROM land_encumbrance)::int AS encumbrances`)
    return result.rows[0]
  }

  it('When a slice is ingested, Then every LegacyAddress becomes one address row (identical texts included), mapped by the crosswalk, and COPY fills each table', async () => {
    const counts = await ingestLandSlice(client, { parcels: [JOINT_PARCEL, ENTERPRISE_PARCEL] })
    expect(counts).toEqual({ addresses: 5, parcels: 2, uses: 3, certificates: 3, holders: 3, encumbrances: 3 })
    expect(await tableCounts()).toEqual(counts)
    const addresses = await client.query('SELECT legacy_commune_code, text, commune_code, mapping_status, mapped_at IS NOT NULL AS mapped FROM address ORDER BY id')
    // 00001 went whole to 00097; 00007 was split; an address without a commune code is not found.
    expect(addresses.rows).toEqual([
      { legacy_commune_code: '00001', text: JOINT_PARCEL.address.text, commune_code: '00097', mapping_status: 'EXACT', mapped: true },
      { legacy_commune_code: '00007', text: JOINT_PARCEL.holders[0]!.address.text, commune_code: null, mapping_status: 'SPLIT_NEEDS_REVIEW', mapped: true },
      { legacy_commune_code: '00007', text: JOINT_PARCEL.holders[1]!.address.text, commune_code: null, mapping_status: 'SPLIT_NEEDS_REVIEW', mapped: true },
      { legacy_commune_code: '00007', text: ENTERPRISE_PARCEL.address.text, commune_code: null, mapping_status: 'SPLIT_NEEDS_REVIEW', mapped: true },
      { legacy_commune_code: null, text: 'Tầng 3, tòa nhà Hồng Hà, Hà Nội', commune_code: null, mapping_status: 'NOT_FOUND', mapped: true },
    ])
    const holders = await client.query(`
      SELECT h.holder_id, a.text FROM land_right_holder h JOIN address a ON a.id = h.address_id ORDER BY h.parcel_id, h.position`)
    expect(holders.rows.map((row) => row.holder_id)).toEqual(['001085000001', '001187000002', '0100109106'])
  })

  it('When a second chunk is ingested, Then its addresses get new ids, mapped at ingest as the SQL rule maps them', async () => {
    const counts = await ingestLandSlice(client, { parcels: [MISSPELLED_PARCEL] })
    expect(counts.addresses).toBe(2)
    const added = await client.query('SELECT legacy_commune_code, commune_code, mapping_status FROM address WHERE id > 5 ORDER BY id')
    expect(added.rows).toEqual([
      { legacy_commune_code: '00160', commune_code: '00160', mapping_status: 'EXACT' },
      { legacy_commune_code: '99999', commune_code: null, mapping_status: 'NOT_FOUND' },
    ])
    expect((await tableCounts())!.addresses).toBe(7)
    expect(await remapAddresses(database.db)).toMatchObject({ changed: 0 })
  })

  it.each<[string, LandSlice]>([
    ['an unknown land-use purpose code', { parcels: [{ ...JOINT_PARCEL, mapSheetNumber: 99, uses: [{ purposeCode: 'XYZ', areaM2: 10, until: null }] }] }],
    ['a parcel repeated in the chunk', { parcels: [{ ...JOINT_PARCEL, mapSheetNumber: 98 }, { ...JOINT_PARCEL, mapSheetNumber: 98 }] }],
    ['a map sheet number 0', { parcels: [{ ...JOINT_PARCEL, mapSheetNumber: 0 }] }],
  ])('When the slice has %s, Then nothing is written', async (_case, slice) => {
    const before = await tableCounts()
    await expect(ingestLandSlice(client, slice)).rejects.toThrow(/land parcel/)
    expect(await tableCounts()).toEqual(before)
  })

  it('When a parcel already exists, Then the COPY fails on its key inside the caller transaction', async () => {
    await client.query('BEGIN')
    await expect(ingestLandSlice(client, SAMPLE_SLICE)).rejects.toThrow(/duplicate key/)
    await client.query('ROLLBACK')
    expect((await tableCounts())!.parcels).toBe(3)
  })
})
