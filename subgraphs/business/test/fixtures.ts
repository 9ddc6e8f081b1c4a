import type { BusinessSlice, LegacyAddress } from '@lienthong/lib/registers'

// A small synthetic business register. Names are made up; legacy commune codes are real
// (migrations/boundary/data/legacy-to-2025.csv): 00001 → 00097 whole, 00004 → 00004 whole,
// 00006 → 00008 whole, 00007 split between 00025 (primary) and 00008; 99999 is no commune.

export const AN = '001090000001' // Nguyễn Văn An, 1990-03-15, lives in 00001
export const BINH = '001190000002' // Trần Thị Bình, 1990-07-20, lives in 00007
export const CUONG = '001085000003' // Lê Văn Cường, 1985-01-01, lives in 00004

export const ENTERPRISE_A = '0100109106' // TNHH hai thành viên; owners An and enterprise B
export const BRANCH_A = '0100109106-001'
export const ENTERPRISE_B = '0100233488' // cổ phần; representatives Bình and Cường

export const HOUSEHOLD_AN = '01A8012345'
export const HOUSEHOLD_BINH = '01B8000002'
export const HOUSEHOLD_CUONG = '01C8000003'

export const address = (legacyCommuneCode: string | null, text: string): LegacyAddress => ({ legacyCommuneCode, text })

export const TEXT = {
  aHeadOffice: 'Số 1 phố Trúc Bạch, Phường Trúc Bạch, Quận Ba Đình, Thành phố Hà Nội',
  anResidence: 'Số 5 phố Phúc Xá, Phường Phúc Xá, Quận Ba Đình, Thành phố Hà Nội',
  bHeadOffice: 'Số 20 phố Kim Mã Thượng, Phường Cống Vị, Quận Ba Đình, Thành phố Hà Nội',
  binhResidence: 'Số 8 ngõ 12 Đào Tấn, Phường Cống Vị, Quận Ba Đình, Thành phố Hà Nội',
  cuongResidence: 'Số 3 phố Quán Thánh, Phường Trúc Bạch, Quận Ba Đình, Thành phố Hà Nội',
  branchHeadOffice: 'Số 9 đường Nguyễn Văn Cừ, Quận Long Biên, Thành phố Hà Nội',
  householdAn: 'Số 2 phố Châu Long, Phường Trúc Bạch, Quận Ba Đình, Thành phố Hà Nội',
  householdBinh: 'Chợ Bưởi, ki-ốt 14, Hà Nội',
  cuongOldResidence: 'Số 40 phố Phúc Xá, Phường Phúc Xá, Quận Ba Đình, Thành phố Hà Nội',
  householdCuong: 'Số 7 phố Vĩnh Phúc, Phường Vĩnh Phúc, Quận Ba Đình, Thành phố Hà Nội',
}

export const businessSlice: BusinessSlice = {
  enterprises: [
    {
      enterpriseCode: ENTERPRISE_A,
      parentCode: null,
      vietnameseName: 'Công ty TNHH Thương mại Sông Hồng',
      foreignName: 'Song Hong Trading Company Limited',
      shortName: 'SONG HONG CO., LTD',
      legalForm: 'TNHH_MULTI_MEMBER',
      status: 'OPERATING',
      registeredOn: '2012-05-04',
      charterCapitalVnd: 5_000_000_000,
      headOffice: address('00004', TEXT.aHeadOffice),
      representatives: [{ personalId: AN, name: 'Nguyễn Văn An', birthDate: '1990-03-15', title: 'Giám đốc', residence: address('00001', TEXT.anResidence) }],
      owners: [
        { kind: 'CITIZEN', ownerId: AN, name: 'Nguyễn Văn An', capitalShare: 0.6 },
        { kind: 'ENTERPRISE', ownerId: ENTERPRISE_B, name: 'Công ty Cổ phần Đầu tư Ba Đình', capitalShare: 0.4 },
      ],
      businessLines: [
        { vsicCode: '4669', name: 'Bán buôn chuyên doanh khác chưa được phân vào đâu', isMain: false },
        { vsicCode: '4610', name: 'Đại lý, môi giới, đấu giá hàng hóa', isMain: true },
      ],
    },
    {
      enterpriseCode: ENTERPRISE_B,
      parentCode: null,
      vietnameseName: 'Công ty Cổ phần Đầu tư Ba Đình',
      foreignName: null,
      shortName: null,
      legalForm: 'JOINT_STOCK',
      status: 'SUSPENDED',
      registeredOn: '2008-11-20',
      charterCapitalVnd: 12_500_000_000,
      headOffice: address('00007', TEXT.bHeadOffice),
      representatives: [
        { personalId: BINH, name: 'Trần Thị Bình', birthDate: '1990-07-20', title: 'Chủ tịch Hội đồng quản trị', residence: address('00007', TEXT.binhResidence) },
        // Recorded in decomposed Unicode (NFD): the same name once normalised, so no discrepancy.
        { personalId: CUONG, name: 'Lê Văn Cường'.normalize('NFD'), birthDate: '1985-01-01', title: 'Tổng giám đốc', residence: address('00004', TEXT.cuongResidence) },
      ],
      owners: [
        { kind: 'CITIZEN', ownerId: BINH, name: 'Trần Thị Bình', capitalShare: 0.7 },
        // Owners' names are not compared with population.
        { kind: 'CITIZEN', ownerId: CUONG, name: 'Lê Cường', capitalShare: 0.3 },
      ],
      businessLines: [{ vsicCode: '6810', name: 'Kinh doanh bất động sản, quyền sử dụng đất thuộc chủ sở hữu, chủ sử dụng hoặc đi thuê', isMain: true }],
    },
    {
      enterpriseCode: BRANCH_A,
      parentCode: ENTERPRISE_A,
      vietnameseName: 'Chi nhánh Long Biên - Công ty TNHH Thương mại Sông Hồng',
      foreignName: null,
      shortName: null,
      legalForm: 'BRANCH',
      status: 'OPERATING',
      registeredOn: '2019-02-01',
      charterCapitalVnd: 0,
      headOffice: address(null, TEXT.branchHeadOffice),
      representatives: [{ personalId: AN, name: 'Nguyễn Văn An', birthDate: '1990-03-15', title: 'Trưởng chi nhánh', residence: address('00001', TEXT.anResidence) }],
      owners: [],
      businessLines: [{ vsicCode: '4610', name: 'Đại lý, môi giới, đấu giá hàng hóa', isMain: true }],
    },
  ],
  householdBusinesses: [
    {
      registrationNumber: HOUSEHOLD_AN,
      name: 'Hộ kinh doanh Tạp hóa An Phát',
      ownerId: AN,
      ownerName: 'Nguyễn Văn An',
      ownerBirthDate: '1990-03-15',
      ownerResidence: address('00001', TEXT.anResidence),
      address: address('00004', TEXT.householdAn),
      registeredOn: '2016-09-12',
      authority: { name: 'UBND Quận Ba Đình', legacyUnitCode: '001', communeCode: null },
      capitalVnd: 50_000_000,
      businessLines: [
        { vsicCode: '4711', name: 'Bán lẻ lương thực, thực phẩm, đồ uống, thuốc lá, thuốc lào trong các cửa hàng kinh doanh tổng hợp', isMain: true },
        { vsicCode: '4722', name: 'Bán lẻ thực phẩm trong các cửa hàng chuyên doanh', isMain: false },
      ],
      status: 'OPERATING',
    },
    {
      registrationNumber: HOUSEHOLD_BINH,
      name: 'Hộ kinh doanh Bình Hoa',
      ownerId: BINH,
      ownerName: 'Trần Thị Bình',
      ownerBirthDate: '1990-07-20',
      ownerResidence: address('00007', TEXT.binhResidence),
      address: address('99999', TEXT.householdBinh),
      registeredOn: '2025-08-01',
      authority: { name: 'UBND Phường Ngọc Hà', legacyUnitCode: null, communeCode: '00008' },
      capitalVnd: 30_000_000,
      businessLines: [{ vsicCode: '4773', name: 'Bán lẻ hàng hóa khác mới trong các cửa hàng chuyên doanh', isMain: true }],
      status: 'SUSPENDED',
    },
    {
      registrationNumber: HOUSEHOLD_CUONG,
      name: 'Hộ kinh doanh Cường Thịnh',
      ownerId: CUONG,
      // Spelled differently, born on another day, and the old residence (00001) instead of 00004.
      ownerName: 'Lê Văn Cương',
      ownerBirthDate: '1985-01-10',
      ownerResidence: address('00001', TEXT.cuongOldResidence),
      address: address('00006', TEXT.householdCuong),
      registeredOn: '2014-03-03',
      authority: { name: 'UBND Quận Ba Đình', legacyUnitCode: '001', communeCode: null },
      capitalVnd: 100_000_000,
      businessLines: [{ vsicCode: '5610', name: 'Nhà hàng và các dịch vụ ăn uống phục vụ lưu động', isMain: true }],
      status: 'CLOSED',
    },
  ],
}

/** What the population register says about the fixture citizens: the `@requires` fields of businessDiscrepancies. */
export const population = {
  [AN]: { fullName: 'Nguyễn Văn An', birthDate: '1990-03-15', permanentResidence: { legacyCommune: { code: '00001' } } },
  [BINH]: { fullName: 'Trần Thị Bình', birthDate: '1990-07-20', permanentResidence: { legacyCommune: { code: '00007' } } },
  [CUONG]: { fullName: 'Lê Văn Cường', birthDate: '1985-01-01', permanentResidence: { legacyCommune: { code: '00004' } } },
}
