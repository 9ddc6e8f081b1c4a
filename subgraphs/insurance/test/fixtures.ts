import type { HealthInsuranceCardRecord, InsuranceSlice, SocialInsuranceRecord } from '@lienthong/lib/registers'

// A small synthetic insurance slice: made-up people, identifiers built by hand in the real formats, real legacy
// commune codes (00001 went whole into 2025 commune 00097; 00007 was split between 00008 and 00025, primary 00025;
// 00004 went whole into 00004).

/** The date every test counts "today" from (validity, open periods). */
export const TODAY = '2026-11-22'

/** An employee since 2012 with one closed and one open period, residence in a legacy commune mapped EXACT. */
export const AN: SocialInsuranceRecord = {
  socialInsuranceNumber: '0100000001',
  personalId: '001090000001',
  fullName: 'Nguyễn Văn An',
  birthDate: '1990-03-15',
  sex: 'MALE',
  residence: { legacyCommuneCode: '00001', text: 'Số 12 phố Phúc Xá, Phường Phúc Xá, Quận Ba Đình, Thành phố Hà Nội' },
  periods: [
    { employerCode: '0100109106', from: '2012-01-01', to: '2015-12-31', contributionBaseVnd: 5_000_000, kind: 'COMPULSORY' },
    { employerCode: '0100233488-001', from: '2016-03-10', to: null, contributionBaseVnd: 12_500_000.5, kind: 'COMPULSORY' },
  ],
}

/** A voluntary participant whose residence lies in a split legacy commune. */
export const BINH: SocialInsuranceRecord = {
  socialInsuranceNumber: '0100000002',
  personalId: '001190000002',
  fullName: 'Trần Thị Bình',
  birthDate: '1990-07-01',
  sex: 'FEMALE',
  residence: { legacyCommuneCode: '00007', text: 'Số 5 ngõ 8 phố Cống Vị, Phường Cống Vị, Quận Ba Đình, Thành phố Hà Nội' },
  periods: [
    { employerCode: '', from: '2018-05-20', to: '2019-05-19', contributionBaseVnd: 1_500_000, kind: 'VOLUNTARY' },
    { employerCode: '0100109106', from: '2020-01-15', to: '2020-02-13', contributionBaseVnd: 4_000_000, kind: 'COMPULSORY' },
  ],
}

/** A book without periods, whose residence was recorded without a commune code. */
export const CUONG: SocialInsuranceRecord = {
  socialInsuranceNumber: '7900000003',
  personalId: '079200000003',
  fullName: 'Lê Văn Cường',
  birthDate: '2000-12-01',
  sex: 'MALE',
  residence: { legacyCommuneCode: null, text: 'Ấp 3, xã Tân Thạnh, huyện Không Rõ' },
  periods: [],
}

export const AN_CURRENT_CARD: HealthInsuranceCardRecord = {
  cardNumber: 'DN4010100000001',
  socialInsuranceNumber: '0100000001',
  personalId: '001090000001',
  beneficiaryGroup: 'DN',
  benefitLevel: 4,
  primaryCareFacility: { code: '01-001', name: 'Bệnh viện Đa khoa Xanh Pôn' },
  validFrom: '2026-01-01',
  validTo: '2026-12-31',
}

export const AN_EXPIRED_CARD: HealthInsuranceCardRecord = {
  cardNumber: 'HC4010100000001',
  socialInsuranceNumber: '0100000001',
  personalId: '001090000001',
  beneficiaryGroup: 'HC',
  benefitLevel: 4,
  primaryCareFacility: { code: '01-002', name: 'Trạm y tế phường Phúc Xá' },
  validFrom: '2024-01-01',
  validTo: '2025-12-31',
}

export const BINH_CARD: HealthInsuranceCardRecord = {
  cardNumber: 'CN3010100000002',
  socialInsuranceNumber: '0100000002',
  personalId: '001190000002',
  beneficiaryGroup: 'CN',
  benefitLevel: 3,
  primaryCareFacility: { code: '01-003', name: 'Trạm y tế phường Cống Vị' },
  validFrom: '2026-11-22',
  validTo: '2027-11-21',
}

/** A child's card (TE): a BHXH number without a social insurance book. */
export const CHILD_CARD: HealthInsuranceCardRecord = {
  cardNumber: 'TE1010100000004',
  socialInsuranceNumber: '0100000004',
  personalId: '001225000004',
  beneficiaryGroup: 'TE',
  benefitLevel: 1,
  primaryCareFacility: { code: '01-004', name: 'Bệnh viện Nhi Trung ương' },
  validFrom: '2025-03-01',
  validTo: '2031-02-28',
}

/** A card of a group this register does not list. */
export const UNLISTED_GROUP_CARD: HealthInsuranceCardRecord = {
  cardNumber: 'QN5797900000003',
  socialInsuranceNumber: '7900000003',
  personalId: '079200000003',
  beneficiaryGroup: 'QN',
  benefitLevel: 5,
  primaryCareFacility: { code: '79-001', name: 'Bệnh viện Quân y 175' },
  validFrom: '2026-11-23',
  validTo: '2027-11-22',
}

/** Personal id of the n-th bulk employee (n from 0), for the batching tests. */
export function bulkPersonalId(n: number): string {
  return `001095${String(n).padStart(6, '0')}`
}

/** 20 employees, each with a book of two periods (residence in 00004, EXACT) and one card. */
function bulkEmployees(count: number): { records: SocialInsuranceRecord[]; cards: HealthInsuranceCardRecord[] } {
  const records: SocialInsuranceRecord[] = []
  const cards: HealthInsuranceCardRecord[] = []
  for (let n = 0; n < count; n++) {
    const socialInsuranceNumber = `015${String(n).padStart(7, '0')}`
    records.push({
      socialInsuranceNumber,
      personalId: bulkPersonalId(n),
      fullName: `Phạm Văn Số ${n}`,
      birthDate: '1995-01-01',
      sex: 'MALE',
      residence: { legacyCommuneCode: '00004', text: `Số ${n} phố Trúc Bạch, Phường Trúc Bạch, Quận Ba Đình, Thành phố Hà Nội` },
      periods: [
        { employerCode: '0100109106', from: '2017-01-01', to: '2019-12-31', contributionBaseVnd: 6_000_000, kind: 'COMPULSORY' },
        { employerCode: '0100233488', from: '2020-01-01', to: null, contributionBaseVnd: 9_000_000, kind: 'COMPULSORY' },
      ],
    })
    cards.push({
      cardNumber: `DN401${socialInsuranceNumber}`,
      socialInsuranceNumber,
      personalId: bulkPersonalId(n),
      beneficiaryGroup: 'DN',
      benefitLevel: 4,
      primaryCareFacility: { code: '01-001', name: 'Bệnh viện Đa khoa Xanh Pôn' },
      validFrom: '2026-01-01',
      validTo: '2026-12-31',
    })
  }
  return { records, cards }
}

export const BULK_EMPLOYEES = 20

/** The whole test slice: 3 + 20 books (23 addresses: 21 EXACT, 1 split, 1 without code) and 5 + 20 cards. */
export function testSlice(): InsuranceSlice {
  const bulk = bulkEmployees(BULK_EMPLOYEES)
  return {
    socialInsurance: [AN, BINH, CUONG, ...bulk.records],
    healthInsuranceCards: [AN_EXPIRED_CARD, AN_CURRENT_CARD, BINH_CARD, CHILD_CARD, UNLISTED_GROUP_CARD, ...bulk.cards],
  }
}
