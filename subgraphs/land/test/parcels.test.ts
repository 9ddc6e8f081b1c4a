import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { ENTERPRISE, ENTERPRISE_PARCEL, HUSBAND, SAMPLE_SLICE, WIFE } from './fixtures.js'
import { dataOf, errorCodeOf, expectUpdatedAt, useTestLandSubgraph } from './test-setup.js'

// Before the test database exists: every parcel's updatedAt must come after it.
const startedAt = new Date()

const PARCEL_FIELDS = /* GraphQL */ `
  id
  legacyCommune { code }
  mapSheetNumber
  parcelNumber
  areaM2
  address { id register text legacyCommune { code } commune { code } mappingStatus }
  uses { purposeCode purposeName areaM2 until longTerm }
  certificates { serial registryNumber issueDate issuer revokedOn valid }
  holders {
    kind holderName share
    citizen { personalId }
    enterprise { enterpriseCode }
    address { text legacyCommune { code } mappingStatus }
  }
  encumbrances { kind beneficiary registeredOn releasedOn securedAmountVnd active }
  updatedAt
`

describe('landParcel', () => {
  const context = useTestLandSubgraph('parcels', SAMPLE_SLICE)

  it('When a parcel is held jointly by two spouses, Then every field comes back as recorded', async () => {
    const data = dataOf(await context.subgraph.execute(`query($id: LandParcelId!) { landParcel(id: $id) { ${PARCEL_FIELDS} } }`, { id: '00001-12-345' }))
    expectUpdatedAt(data.landParcel.updatedAt, startedAt)
    expect(data.landParcel).toEqual({
      id: '00001-12-345',
      legacyCommune: { code: '00001' },
      mapSheetNumber: 12,
      parcelNumber: 345,
      areaM2: 150.5,
      address: {
        id: expect.stringMatching(/^land:\d+$/),
        register: 'LAND',
        text: 'Số 5 ngõ 12 phố Phúc Xá, Phường Phúc Xá, Quận Ba Đình, Thành phố Hà Nội',
        legacyCommune: { code: '00001' },
        commune: { code: '00097' },
        mappingStatus: 'EXACT',
      },
      uses: [
        { purposeCode: 'ODT', purposeName: 'Đất ở tại đô thị', areaM2: 120.5, until: null, longTerm: true },
        { purposeCode: 'CLN', purposeName: 'Đất trồng cây lâu năm', areaM2: 30, until: '2043-10-15', longTerm: false },
      ],
      certificates: [
        { serial: 'AA 01234567', registryNumber: 'CH00123', issueDate: '2005-03-10', issuer: 'UBND Quận Ba Đình', revokedOn: '2016-08-01', valid: false },
        {
          serial: 'CS 09876543',
          registryNumber: 'CS04567',
          issueDate: '2016-08-01',
          issuer: 'Sở Tài nguyên và Môi trường Thành phố Hà Nội',
          revokedOn: null,
          valid: true,
        },
      ],
      holders: [
        {
          kind: 'CITIZEN',
          holderName: HUSBAND.fullName.normalize('NFD'),
          share: 0.5,
          citizen: { personalId: HUSBAND.personalId },
          enterprise: null,
          address: { text: 'Số 8 phố Cống Vị, Phường Cống Vị, Quận Ba Đình, Thành phố Hà Nội', legacyCommune: { code: '00007' }, mappingStatus: 'SPLIT_NEEDS_REVIEW' },
        },
        {
          kind: 'CITIZEN',
          holderName: WIFE.fullName,
          share: 0.5,
          citizen: { personalId: WIFE.personalId },
          enterprise: null,
          address: { text: 'Số 8 phố Cống Vị, Phường Cống Vị, Quận Ba Đình, Thành phố Hà Nội', legacyCommune: { code: '00007' }, mappingStatus: 'SPLIT_NEEDS_REVIEW' },
        },
      ],
      encumbrances: [
        { kind: 'MORTGAGE', beneficiary: 'Ngân hàng TMCP Sông Hồng', registeredOn: '2012-01-05', releasedOn: '2015-06-30', securedAmountVnd: 800000000, active: false },
        { kind: 'MORTGAGE', beneficiary: 'Ngân hàng TMCP Đồng Bằng', registeredOn: '2020-05-12', releasedOn: null, securedAmountVnd: 2500000000, active: true },
      ],
      updatedAt: data.landParcel.updatedAt,
    })
  })

  it('When a parcel is held by an enterprise, Then the holder is the Enterprise entity and the lease is active', async () => {
    const data = dataOf(await context.subgraph.execute(`{ landParcel(id: "00007-3-78") { ${PARCEL_FIELDS} } }`))
    expectUpdatedAt(data.landParcel.updatedAt, startedAt)
    expect(data.landParcel).toMatchObject({
      id: '00007-3-78',
      legacyCommune: { code: '00007' },
      mapSheetNumber: 3,
      parcelNumber: 78,
      areaM2: 2400,
      address: { text: ENTERPRISE_PARCEL.address.text, commune: null, mappingStatus: 'SPLIT_NEEDS_REVIEW' },
      uses: [{ purposeCode: 'TMD', purposeName: 'Đất thương mại, dịch vụ', areaM2: 2400, until: '2055-12-31', longTerm: false }],
      certificates: [{ serial: 'BD 00011122', registryNumber: 'CT00042', issueDate: '2006-11-20', issuer: 'UBND Thành phố Hà Nội', revokedOn: null, valid: true }],
      holders: [
        {
          kind: 'ENTERPRISE',
          holderName: ENTERPRISE.name,
          share: 1,
          citizen: null,
          enterprise: { enterpriseCode: ENTERPRISE.enterpriseCode },
          address: { text: 'Tầng 3, tòa nhà Hồng Hà, Hà Nội', legacyCommune: null, mappingStatus: 'NOT_FOUND' },
        },
      ],
      encumbrances: [
        { kind: 'LEASE', beneficiary: 'Công ty Cổ phần Kho vận Ngọc Hà', registeredOn: '2019-02-01', releasedOn: null, securedAmountVnd: null, active: true },
      ],
    })
  })

  it('When the parcel does not exist, Then landParcel is null', async () => {
    const data = dataOf(await context.subgraph.execute('{ landParcel(id: "00001-12-346") { id } }'))
    expect(data.landParcel).toBeNull()
  })

  it.each(['00001-12', '1-12-345', '00001-12-345-1', '00001-a-345', ''])('When the id is malformed (%j), Then it is rejected with BAD_USER_INPUT', async (id) => {
    const result = await context.subgraph.execute('query($id: LandParcelId!) { landParcel(id: $id) { id } }', { id })
    expect(errorCodeOf(result)).toBe('BAD_USER_INPUT')
  })

  it('When the gateway resolves LandParcel references, Then known ids resolve and unknown or malformed ones are null', async () => {
    const data = dataOf(
      await context.subgraph.execute('query($r: [_Any!]!) { _entities(representations: $r) { ... on LandParcel { id areaM2 uses { purposeCode } } } }', {
        r: [
          { __typename: 'LandParcel', id: '00160-12-345' },
          { __typename: 'LandParcel', id: '00160-12-999' },
          { __typename: 'LandParcel', id: 'not-a-parcel' },
        ],
      }),
    )
    expect(data._entities).toEqual([{ id: '00160-12-345', areaM2: 80, uses: [{ purposeCode: 'ODT' }] }, null, null])
  })

  it('When a parcel changes in the land register, Then its updatedAt moves forward; an UPDATE writing the same values leaves it', async () => {
    const updatedAt = async () => {
      const data = dataOf(await context.subgraph.execute('{ landParcel(id: "00160-12-345") { updatedAt } }'))
      return expectUpdatedAt(data.landParcel.updatedAt, startedAt).getTime()
    }
    const ingested = await updatedAt()

    await sql`UPDATE land_parcel SET area_m2 = area_m2 WHERE id = '00160-12-345'`.execute(context.database.db)
    expect(await updatedAt()).toBe(ingested)

    // Đo đạc lại: the parcel was re-surveyed.
    await sql`UPDATE land_parcel SET area_m2 = 80.4 WHERE id = '00160-12-345'`.execute(context.database.db)
    expect(await updatedAt()).toBeGreaterThan(ingested)
  })
})
