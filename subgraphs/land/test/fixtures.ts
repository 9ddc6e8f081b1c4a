import type { LandParcelRecord, LandSlice } from '@lienthong/lib/registers'

// A small synthetic land register: made-up people, companies and banks. Legacy commune codes are
// real (migrations/boundary/data/legacy-to-2025.csv): 00001 Phúc Xá went whole into 2025 commune
// 00097; 00007 Cống Vị was split between 00008 and 00025 (primary 00025); 00160 Nghĩa Tân went
// whole into 00160; 99999 is no commune.

export const HUSBAND = { personalId: '001085000001', fullName: 'Trần Văn Minh' }
export const WIFE = { personalId: '001187000002', fullName: 'Lê Thị Hoa' }
/** Holds nothing in the land register. */
export const STRANGER = { personalId: '079090000003', fullName: 'Phạm Quốc Bảo' }
/** A valid enterprise code (check digit). */
export const ENTERPRISE = { enterpriseCode: '0100109106', name: 'Công ty TNHH Thương mại Hồng Hà' }

/** Held jointly by the spouses; one mortgage in force, one released; a revoked and a valid certificate. */
export const JOINT_PARCEL: LandParcelRecord = {
  legacyCommuneCode: '00001',
  mapSheetNumber: 12,
  parcelNumber: 345,
  areaM2: 150.5,
  address: { legacyCommuneCode: '00001', text: 'Số 5 ngõ 12 phố Phúc Xá, Phường Phúc Xá, Quận Ba Đình, Thành phố Hà Nội' },
  uses: [
    { purposeCode: 'ODT', areaM2: 120.5, until: null },
    { purposeCode: 'CLN', areaM2: 30, until: '2043-10-15' },
  ],
  certificates: [
    { serial: 'AA 01234567', registryNumber: 'CH00123', issueDate: '2005-03-10', issuer: 'UBND Quận Ba Đình', revokedOn: '2016-08-01' },
    { serial: 'CS 09876543', registryNumber: 'CS04567', issueDate: '2016-08-01', issuer: 'Sở Tài nguyên và Môi trường Thành phố Hà Nội', revokedOn: null },
  ],
  holders: [
    // Written decomposed (NFD) by the source: the same name as population's after NFC.
    {
      kind: 'CITIZEN',
      holderId: HUSBAND.personalId,
      holderName: HUSBAND.fullName.normalize('NFD'),
      share: 0.5,
      address: { legacyCommuneCode: '00007', text: 'Số 8 phố Cống Vị, Phường Cống Vị, Quận Ba Đình, Thành phố Hà Nội' },
    },
    {
      kind: 'CITIZEN',
      holderId: WIFE.personalId,
      holderName: WIFE.fullName,
      share: 0.5,
      address: { legacyCommuneCode: '00007', text: 'Số 8 phố Cống Vị, Phường Cống Vị, Quận Ba Đình, Thành phố Hà Nội' },
    },
  ],
  encumbrances: [
    { kind: 'MORTGAGE', beneficiary: 'Ngân hàng TMCP Sông Hồng', registeredOn: '2012-01-05', releasedOn: '2015-06-30', securedAmountVnd: 800_000_000 },
    { kind: 'MORTGAGE', beneficiary: 'Ngân hàng TMCP Đồng Bằng', registeredOn: '2020-05-12', releasedOn: null, securedAmountVnd: 2_500_000_000 },
  ],
}

/** Held by an enterprise; leased out; its holder address has no commune code. */
export const ENTERPRISE_PARCEL: LandParcelRecord = {
  legacyCommuneCode: '00007',
  mapSheetNumber: 3,
  parcelNumber: 78,
  areaM2: 2400,
  address: { legacyCommuneCode: '00007', text: 'Số 40 phố Vạn Bảo, Phường Cống Vị, Quận Ba Đình, Thành phố Hà Nội' },
  uses: [{ purposeCode: 'TMD', areaM2: 2400, until: '2055-12-31' }],
  certificates: [{ serial: 'BD 00011122', registryNumber: 'CT00042', issueDate: '2006-11-20', issuer: 'UBND Thành phố Hà Nội', revokedOn: null }],
  holders: [
    {
      kind: 'ENTERPRISE',
      holderId: ENTERPRISE.enterpriseCode,
      holderName: ENTERPRISE.name,
      share: 1,
      address: { legacyCommuneCode: null, text: 'Tầng 3, tòa nhà Hồng Hà, Hà Nội' },
    },
  ],
  encumbrances: [{ kind: 'LEASE', beneficiary: 'Công ty Cổ phần Kho vận Ngọc Hà', registeredOn: '2019-02-01', releasedOn: null, securedAmountVnd: null }],
}

/** The wife alone, her name misspelled by the land register; her address code is unknown. */
export const MISSPELLED_PARCEL: LandParcelRecord = {
  legacyCommuneCode: '00160',
  mapSheetNumber: 12,
  parcelNumber: 345,
  areaM2: 80,
  address: { legacyCommuneCode: '00160', text: 'Số 20 ngõ 3 phố Nghĩa Tân, Phường Nghĩa Tân, Quận Cầu Giấy, Thành phố Hà Nội' },
  uses: [{ purposeCode: 'ODT', areaM2: 80, until: null }],
  certificates: [{ serial: 'CE 11223344', registryNumber: 'CS08888', issueDate: '2018-04-02', issuer: 'UBND Quận Cầu Giấy', revokedOn: null }],
  holders: [
    {
      kind: 'CITIZEN',
      holderId: WIFE.personalId,
      holderName: 'Lê Thi Hoa',
      share: 1,
      address: { legacyCommuneCode: '99999', text: 'Xóm 4, xã Không Có, Hà Nội' },
    },
  ],
  encumbrances: [],
}

export const SAMPLE_SLICE: LandSlice = { parcels: [JOINT_PARCEL, ENTERPRISE_PARCEL, MISSPELLED_PARCEL] }

/** The personal id of the i-th (0-based) synthetic citizen of {@link manyCitizensSlice}. */
export function syntheticPersonalId(index: number): string {
  return `0010900${String(index).padStart(5, '0')}`
}

/**
 * `count` citizens, each holding a parcel of their own and half of a parcel
 * shared with the next citizen, every parcel with uses, certificates and
 * encumbrances: for counting statements.
 */
export function manyCitizensSlice(count: number): LandSlice {
  const parcels: LandParcelRecord[] = []
  for (let index = 0; index < count; index++) {
    const personalId = syntheticPersonalId(index)
    const neighbourId = syntheticPersonalId((index + 1) % count)
    const common = {
      legacyCommuneCode: '00007',
      mapSheetNumber: 40 + index,
      areaM2: 100 + index,
      uses: [
        { purposeCode: 'ONT', areaM2: 60, until: null },
        { purposeCode: 'LUC', areaM2: 40 + index, until: '2045-01-01' },
      ],
      certificates: [{ serial: `AB ${String(index).padStart(8, '0')}`, registryNumber: `CH${index}`, issueDate: '2010-01-01', issuer: 'UBND Quận Ba Đình', revokedOn: null }],
      encumbrances: [{ kind: 'MORTGAGE' as const, beneficiary: 'Ngân hàng TMCP Sông Hồng', registeredOn: '2021-01-01', releasedOn: null, securedAmountVnd: 1_000_000 }],
    }
    parcels.push({
      ...common,
      parcelNumber: 1,
      address: { legacyCommuneCode: '00007', text: `Số ${index} phố Cống Vị` },
      holders: [{ kind: 'CITIZEN', holderId: personalId, holderName: `Người Thử ${index}`, share: 1, address: { legacyCommuneCode: '00001', text: `Số ${index} phố Phúc Xá` } }],
    })
    parcels.push({
      ...common,
      parcelNumber: 2,
      address: { legacyCommuneCode: '00001', text: `Số ${index} phố Phúc Xá` },
      holders: [
        { kind: 'CITIZEN', holderId: personalId, holderName: `Người Thử ${index}`, share: 0.5, address: { legacyCommuneCode: '00007', text: 'Phường Cống Vị' } },
        { kind: 'CITIZEN', holderId: neighbourId, holderName: 'Người Thử Láng Giềng', share: 0.5, address: { legacyCommuneCode: null, text: 'Hà Nội' } },
      ],
    })
  }
  return { parcels }
}
