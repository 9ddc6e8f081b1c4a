import type { CitizenRecord, HouseholdRecord, LegacyAddress, PopulationSlice } from '@lienthong/lib/registers'

// A small made-up population: 12 families (father = household head, mother, two
// children), and a deceased grandfather in family 0. Ids respect the personal id
// format (province 001, century/sex digit, birth year, 6 digits); legacy commune
// codes are real (migrations/boundary/data/legacy-to-2025.csv).

export const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ'] as const
export const FAMILY_COUNT = SURNAMES.length

/**
 * Legacy commune of each family's permanent residence (and household address):
 * 00001 went whole into 00097; 00007 was split between 00008 and 00025 (primary
 * 00025); 99999 is unknown to the crosswalk; null means none recorded; 00006 and
 * 00008 went whole into 00008; 26734 into 26737; 26740 into 26740.
 */
export const PERMANENT_LEGACY_CODES = ['00001', '00007', '99999', null, '00004', '00006', '00008', '26734', '26740', '00001', '00004', '00006'] as const

const serial = (role: number, family: number) => `${role}${String(family).padStart(5, '0')}`
export const fatherId = (family: number) => `001065${serial(1, family)}`
export const motherId = (family: number) => `001167${serial(2, family)}`
export const firstChildId = (family: number) => `001090${serial(3, family)}`
export const secondChildId = (family: number) => `001301${serial(4, family)}`
export const householdId = (family: number) => `HK0100${String(family).padStart(4, '0')}`
export const GRANDFATHER_ID = '001035000777'
/** Family 0's father names a mother the register does not hold. */
export const UNKNOWN_MOTHER_ID = '001140999999'
/** Family 2's daughter is recorded with decomposed (NFD) diacritics. */
export const DECOMPOSED_NAME = 'Lê Thị Hoà'.normalize('NFD')

const address = (legacyCommuneCode: string | null, text: string): LegacyAddress => ({ legacyCommuneCode, text })

export function residenceOf(family: number): LegacyAddress {
  const code = PERMANENT_LEGACY_CODES[family] ?? null
  return address(code, `Số ${family + 1} đường Thử Nghiệm, xã ${code ?? 'không rõ'}`)
}

function citizen(fields: Partial<CitizenRecord> & Pick<CitizenRecord, 'personalId' | 'fullName' | 'birthDate' | 'sex' | 'householdId' | 'relationshipToHead'>, family: number): CitizenRecord {
  return {
    otherNames: [],
    placeOfBirth: address('00004', 'Phường Trúc Bạch, Quận Ba Đình, Thành phố Hà Nội'),
    placeOfBirthRegistration: address('00004', 'UBND Phường Trúc Bạch, Quận Ba Đình, Thành phố Hà Nội'),
    hometown: address('00001', 'Phường Phúc Xá, Quận Ba Đình, Thành phố Hà Nội'),
    ethnicity: 'Kinh',
    religion: 'Không',
    nationality: 'VN',
    bloodGroup: null,
    idCard: null,
    permanentResidence: residenceOf(family),
    temporaryResidence: null,
    currentResidence: residenceOf(family),
    fatherId: null,
    motherId: null,
    spouseId: null,
    dateOfDeath: null,
    ...fields,
  }
}

/** The test population; every test file ingests it into its own database. */
export function buildTestSlice(): PopulationSlice {
  const citizens: CitizenRecord[] = []
  const households: HouseholdRecord[] = []
  for (let family = 0; family < FAMILY_COUNT; family++) {
    const surname = SURNAMES[family]!
    const day = String(family + 1).padStart(2, '0')
    households.push({ id: householdId(family), headId: fatherId(family), address: residenceOf(family) })
    citizens.push(
      citizen(
        {
          personalId: fatherId(family),
          fullName: `${surname} Văn An`,
          birthDate: `1965-03-${day}`,
          sex: 'MALE',
          householdId: householdId(family),
          relationshipToHead: 'Chủ hộ',
          spouseId: motherId(family),
          idCard: { number: fatherId(family), issueDate: '2021-04-10', expiryDate: null, issuedBy: 'Cục Cảnh sát quản lý hành chính về trật tự xã hội' },
        },
        family,
      ),
      citizen(
        {
          personalId: motherId(family),
          fullName: 'Ngô Thị Bình',
          birthDate: `1967-07-${day}`,
          sex: 'FEMALE',
          householdId: householdId(family),
          relationshipToHead: 'Vợ',
          spouseId: fatherId(family),
        },
        family,
      ),
      citizen(
        {
          personalId: firstChildId(family),
          fullName: `${surname} Minh Khôi`,
          birthDate: '1990-06-15',
          sex: 'MALE',
          householdId: householdId(family),
          relationshipToHead: 'Con',
          fatherId: fatherId(family),
          motherId: motherId(family),
        },
        family,
      ),
      citizen(
        {
          personalId: secondChildId(family),
          fullName: family === 2 ? DECOMPOSED_NAME : `${surname} Thị Hoà`,
          birthDate: `2001-11-${day}`,
          sex: 'FEMALE',
          householdId: householdId(family),
          relationshipToHead: 'Con',
          fatherId: fatherId(family),
          motherId: motherId(family),
        },
        family,
      ),
    )
  }
  // Family 0's father has every optional field, a deceased father and a mother the register does not hold.
  const father0 = citizens[0]!
  Object.assign(father0, {
    otherNames: ['Ba An'],
    hometown: address('00007', 'Phường Cống Vị, Quận Ba Đình, Thành phố Hà Nội'),
    bloodGroup: 'O+',
    idCard: { number: fatherId(0), issueDate: '2021-04-10', expiryDate: '2040-03-01', issuedBy: 'Cục Cảnh sát quản lý hành chính về trật tự xã hội' },
    temporaryResidence: address('26740', 'Số 5 Lê Duẩn, Phường Bến Nghé, Quận 1, Thành phố Hồ Chí Minh'),
    fatherId: GRANDFATHER_ID,
    motherId: UNKNOWN_MOTHER_ID,
  } satisfies Partial<CitizenRecord>)
  citizens.push(
    citizen(
      {
        personalId: GRANDFATHER_ID,
        fullName: 'Nguyễn Văn Cả',
        birthDate: '1935-01-20',
        sex: 'MALE',
        householdId: householdId(0),
        relationshipToHead: 'Bố',
        dateOfDeath: '2010-01-02',
      },
      0,
    ),
  )
  return { citizens, households }
}

/** Every LegacyAddress of a slice, in no particular order: each must become one `address` row. */
export function addressesOf(slice: PopulationSlice): LegacyAddress[] {
  return [
    ...slice.households.map((household) => household.address),
    ...slice.citizens.flatMap((record) =>
      [record.placeOfBirth, record.placeOfBirthRegistration, record.hometown, record.permanentResidence, record.temporaryResidence, record.currentResidence].filter(
        (item): item is LegacyAddress => item !== null,
      ),
    ),
  ]
}
