import type { CivilStatusSlice, LegacyAddress, RegisteringAuthority } from '@lienthong/lib/registers'

// A small synthetic civil-status slice: made-up people, personal ids that respect the
// format (province 001, century+sex digit, birth year, 6 digits), real legacy commune codes:
// 00001 went whole into 00097, 00004 into 00004, 00006 and 00008 into 00008;
// 00007 was split between 00008 and 00025 (primary 00025); 99999 does not exist.

/** Personal ids of the people in {@link CIVIL_STATUS_FIXTURE}. */
export const PEOPLE = {
  /** Nguyễn Văn An, male, 1990: married to Bình (in force). */
  an: '001090000101',
  /** Trần Thị Bình, female, 1990. */
  binh: '001190000102',
  /** Nguyễn Văn Cường, male, 2022: their son, never married. */
  cuong: '001222000103',
  /** Lê Văn Dũng, male, 1985: divorced from Em. */
  dung: '001085000104',
  /** Phạm Thị Em, female, 1987: divorced from Dũng, remarried to Hùng. */
  em: '001187000105',
  /** Hoàng Thị Phương, female, 1950: widowed. */
  phuong: '001150000106',
  /** Vũ Văn Giang, male, 1948: Phương's husband, died 2020. */
  giang: '001048000107',
  /** Đỗ Văn Hùng, male, 1986. */
  hung: '001086000108',
  /** Nguyễn Thị Hà, female, 2025: An and Bình's daughter, registered after 1 July 2025. */
  ha: '001325000109',
} as const

const address = (legacyCommuneCode: string | null, text: string): LegacyAddress => ({ legacyCommuneCode, text })
const legacyAuthority = (name: string, legacyUnitCode: string): RegisteringAuthority => ({ name, legacyUnitCode, communeCode: null })

export const PHUC_XA = address('00001', 'Số 5 phố Phúc Xá, Phường Phúc Xá, Quận Ba Đình, Thành phố Hà Nội')
export const CONG_VI = address('00007', 'Số 12 ngõ 34 phố Đội Cấn, Phường Cống Vị, Quận Ba Đình, Thành phố Hà Nội')

export const CIVIL_STATUS_FIXTURE: CivilStatusSlice = {
  births: [
    {
      id: 'KS-1990-0001',
      registrationNumber: '15/1990',
      book: '01/1990',
      registrationDate: '1990-03-20',
      authority: legacyAuthority('UBND Quận Ba Đình', '001'),
      childId: PEOPLE.an,
      childName: 'Nguyễn Văn An',
      childBirthDate: '1990-03-15',
      childSex: 'MALE',
      fatherId: null,
      motherId: null,
      // The source recorded no commune code.
      placeOfBirth: address(null, 'Bệnh viện Phụ sản Hà Nội'),
    },
    {
      id: 'KS-2022-0001',
      registrationNumber: '123/2022',
      book: '01/2022',
      registrationDate: '2022-05-10',
      authority: legacyAuthority('UBND Phường Phúc Xá', '00001'),
      childId: PEOPLE.cuong,
      childName: 'Nguyễn Văn Cường',
      childBirthDate: '2022-05-01',
      childSex: 'MALE',
      fatherId: PEOPLE.an,
      motherId: PEOPLE.binh,
      placeOfBirth: PHUC_XA,
    },
    {
      id: 'KS-2025-0001',
      registrationNumber: '7/2025',
      book: '01/2025',
      registrationDate: '2025-08-10',
      authority: { name: 'UBND Phường Hồng Hà', legacyUnitCode: null, communeCode: '00097' },
      childId: PEOPLE.ha,
      childName: 'Nguyễn Thị Hà',
      childBirthDate: '2025-08-01',
      childSex: 'FEMALE',
      fatherId: PEOPLE.an,
      motherId: PEOPLE.binh,
      placeOfBirth: CONG_VI,
    },
  ],
  marriages: [
    {
      id: 'KH-2015-0001',
      registrationNumber: '45/2015',
      book: '01/2015',
      registrationDate: '2015-10-02',
      authority: legacyAuthority('UBND Phường Cống Vị', '00007'),
      husbandId: PEOPLE.an,
      wifeId: PEOPLE.binh,
      husbandName: 'Nguyễn Văn An',
      wifeName: 'Trần Thị Bình',
      husbandResidence: CONG_VI,
      wifeResidence: PHUC_XA,
      dissolvedOn: null,
      dissolutionReason: null,
    },
    {
      id: 'KH-2010-0001',
      registrationNumber: '12/2010',
      book: '01/2010',
      registrationDate: '2010-06-12',
      authority: legacyAuthority('UBND Phường Trúc Bạch', '00004'),
      husbandId: PEOPLE.dung,
      wifeId: PEOPLE.em,
      husbandName: 'Lê Văn Dũng',
      // Spelled without the tone mark on this record only.
      wifeName: 'Phạm Thi Em',
      husbandResidence: address('00004', 'Số 8 phố Trúc Bạch, Phường Trúc Bạch, Quận Ba Đình, Thành phố Hà Nội'),
      wifeResidence: address('00004', 'Số 8 phố Trúc Bạch, Phường Trúc Bạch, Quận Ba Đình, Thành phố Hà Nội'),
      dissolvedOn: '2018-09-30',
      dissolutionReason: 'DIVORCE',
    },
    {
      id: 'KH-1970-0001',
      registrationNumber: '3/1970',
      book: '01/1970',
      registrationDate: '1970-01-15',
      authority: legacyAuthority('UBND Phường Vĩnh Phúc', '00006'),
      husbandId: PEOPLE.giang,
      wifeId: PEOPLE.phuong,
      husbandName: 'Vũ Văn Giang',
      wifeName: 'Hoàng Thị Phương',
      husbandResidence: address('00006', 'Phường Vĩnh Phúc, Quận Ba Đình, Thành phố Hà Nội'),
      wifeResidence: address('00006', 'Phường Vĩnh Phúc, Quận Ba Đình, Thành phố Hà Nội'),
      dissolvedOn: '2020-05-01',
      dissolutionReason: 'DEATH',
    },
    {
      id: 'KH-2020-0001',
      registrationNumber: '88/2020',
      book: '01/2020',
      registrationDate: '2020-11-20',
      authority: legacyAuthority('UBND Phường Liễu Giai', '00008'),
      husbandId: PEOPLE.hung,
      wifeId: PEOPLE.em,
      husbandName: 'Đỗ Văn Hùng',
      wifeName: 'Phạm Thị Em',
      husbandResidence: address('00008', 'Số 3 phố Liễu Giai, Phường Liễu Giai, Quận Ba Đình, Thành phố Hà Nội'),
      wifeResidence: address('00008', 'Số 3 phố Liễu Giai, Phường Liễu Giai, Quận Ba Đình, Thành phố Hà Nội'),
      dissolvedOn: null,
      dissolutionReason: null,
    },
  ],
  deaths: [
    {
      id: 'KT-2020-0001',
      registrationNumber: '9/2020',
      book: '01/2020',
      registrationDate: '2020-05-03',
      authority: legacyAuthority('UBND Phường Vĩnh Phúc', '00006'),
      deceasedId: PEOPLE.giang,
      deceasedName: 'Vũ Văn Giang',
      dateOfDeath: '2020-05-01',
      // A commune code the crosswalk does not know.
      placeOfDeath: address('99999', 'Xã Không Tồn Tại, Huyện Không Tồn Tại'),
      declarantId: PEOPLE.phuong,
    },
  ],
}
