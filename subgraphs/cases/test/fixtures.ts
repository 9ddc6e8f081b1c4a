// Hand-built register evidence for the cases tests: what the gateway would hand
// the cases subgraph about each party (the Citizen fields a procedure @requires).
// Units are real 2025 units of Hồ Chí Minh City (Decision 19/2025/QĐ-TTg) and
// real legacy communes; people, parcels and records are invented.
import { readCatalogueFile, type Catalogue, type Procedure } from '../src/catalogue.js'
import type {
  AddressEvidence,
  CitizenEvidence,
  LandRightEvidence,
  MarriageEvidence,
  PartyEvidence,
  SocialInsuranceEvidence,
  UnitEvidence,
} from '../src/drafts/evidence.js'
import type { PartyRole } from '../src/drafts/vocabulary.js'

/** The date the tests count ages up to (the subgraph's `today`). */
export const TODAY = '2026-11-20'

/** When every hand-built record last changed in its register. */
export const UPDATED_AT = '2026-10-01T08:00:00.000Z'

export const HO_CHI_MINH_CITY = { code: '79', name: 'Thành phố Hồ Chí Minh' }
/** Phường Sài Gòn (2025), which took in the whole of legacy Phường Bến Nghé and part of Phường Đa Kao. */
export const PHUONG_SAI_GON: UnitEvidence = { code: '26740', name: 'Phường Sài Gòn', province: HO_CHI_MINH_CITY }
/** Phường Tân Định (2025), which took in the other part of legacy Phường Đa Kao. */
export const PHUONG_TAN_DINH: UnitEvidence = { code: '26737', name: 'Phường Tân Định', province: HO_CHI_MINH_CITY }

/** A residence in legacy Phường Bến Nghé (26740), mapped whole (EXACT) to Phường Sài Gòn. */
export function benNgheAddress(overrides: Partial<AddressEvidence> = {}): AddressEvidence {
  return {
    id: 'population:address:1',
    text: '12 Lê Lợi, Phường Bến Nghé, Quận 1, Thành phố Hồ Chí Minh',
    mappingStatus: 'EXACT',
    legacyCommune: { code: '26740', name: 'Phường Bến Nghé' },
    commune: PHUONG_SAI_GON,
    candidates: [],
    ...overrides,
  }
}

/** A residence in legacy Phường Đa Kao (26737), split in 2025 between Phường Tân Định and Phường Sài Gòn. */
export function daKaoAddress(overrides: Partial<AddressEvidence> = {}): AddressEvidence {
  return {
    id: 'population:address:2',
    text: '5 Đinh Tiên Hoàng, Phường Đa Kao, Quận 1, Thành phố Hồ Chí Minh',
    mappingStatus: 'SPLIT_NEEDS_REVIEW',
    legacyCommune: { code: '26737', name: 'Phường Đa Kao' },
    commune: null,
    candidates: [{ commune: PHUONG_TAN_DINH }, { commune: PHUONG_SAI_GON }],
    ...overrides,
  }
}

/** A residence whose text names no commune the crosswalk knows. */
export function unknownAddress(overrides: Partial<AddressEvidence> = {}): AddressEvidence {
  return { id: 'population:address:3', text: 'Tổ 4, Khu phố 9', mappingStatus: 'NOT_FOUND', legacyCommune: null, commune: null, candidates: [], ...overrides }
}

/** A living citizen known to every register, never married, with an exactly mapped residence and a household. */
export function citizen(overrides: Partial<CitizenEvidence> = {}): CitizenEvidence {
  return {
    fullName: 'Nguyễn Văn An',
    birthDate: '1995-04-12',
    sex: 'MALE',
    ethnicity: 'Kinh',
    religion: 'Không',
    nationality: 'Việt Nam',
    dateOfDeath: null,
    updatedAt: UPDATED_AT,
    relationshipToHead: 'Con',
    permanentResidence: benNgheAddress(),
    currentResidence: benNgheAddress({ id: 'population:address:4' }),
    household: { id: 'HK-0001', updatedAt: UPDATED_AT, head: { fullName: 'Nguyễn Văn Bình' } },
    father: null,
    mother: null,
    spouse: null,
    maritalStatus: 'NEVER_MARRIED',
    marriages: [],
    deathRegistration: null,
    landRights: [],
    householdBusinesses: [],
    enterprises: [],
    socialInsurance: null,
    civilStatusDiscrepancies: [],
    landDiscrepancies: [],
    businessDiscrepancies: [],
    insuranceDiscrepancies: [],
    ...overrides,
  }
}

export function party(role: PartyRole, personalId: string, overrides: Partial<CitizenEvidence> = {}): PartyEvidence {
  return { role, personalId, citizen: citizen(overrides) }
}

// Personal ids: province 079 (Hồ Chí Minh City), century+sex digit, two digits of the birth year, six random digits.
export const MAN = '079095000101' // born 1995, male
export const WOMAN = '079197000202' // born 1997, female
export const OTHER_MAN = '079093000303'
export const OTHER_WOMAN = '079196000404'
export const GRANDMOTHER = '079160000505'
export const FATHER_OF_BOTH = '079065000606'
export const MOTHER_OF_BOTH = '079167000707'

export function marriage(overrides: Partial<MarriageEvidence> & Pick<MarriageEvidence, 'id'>): MarriageEvidence {
  return {
    registrationNumber: `${overrides.id}/2020`,
    registrationDate: '2020-05-20',
    inForce: true,
    dissolvedOn: null,
    dissolutionReason: null,
    updatedAt: UPDATED_AT,
    husband: { personalId: MAN },
    wife: { personalId: WOMAN },
    ...overrides,
  }
}

/** A land-use right to a parcel of legacy Phường Bến Nghé; `valid` gives it a valid certificate. */
export function landRight({
  parcelId,
  share,
  valid,
  areaM2 = 80,
  encumbrances = [],
  address = benNgheAddress({ id: `land:address:${parcelId}` }),
}: {
  parcelId: string
  share: number
  valid: boolean
  areaM2?: number
  encumbrances?: LandRightEvidence['parcel']['encumbrances']
  address?: AddressEvidence
}): LandRightEvidence {
  return {
    share,
    parcel: {
      id: parcelId,
      areaM2,
      updatedAt: UPDATED_AT,
      address,
      uses: [{ purposeCode: 'ODT', purposeName: 'Đất ở tại đô thị', areaM2 }],
      certificates: [{ serial: `AA ${parcelId.replace(/\D/g, '').slice(-8).padStart(8, '0')}`, issueDate: '2015-06-01', valid }],
      encumbrances,
    },
  }
}

export type Period = SocialInsuranceEvidence['periods'][number]

export function period(from: string, to: string | null, overrides: Partial<Period> = {}): Period {
  return { from, to, months: 0, contributionBaseVnd: 9_000_000, employerCode: '0100109106', employer: { vietnameseName: 'Công ty Cổ phần Sữa Việt Nam' }, ...overrides }
}

export function socialInsurance(periods: Period[], overrides: Partial<SocialInsuranceEvidence> = {}): SocialInsuranceEvidence {
  return { socialInsuranceNumber: '7912345678', contributionMonths: 60, currentlyParticipating: false, updatedAt: UPDATED_AT, periods, ...overrides }
}

const CATALOGUE = readCatalogueFile()

/** A procedure of a catalogue, by code. */
export function procedureIn(catalogue: Catalogue, code: string): Procedure {
  const procedure = catalogue.procedures.find((candidate) => candidate.code === code)
  if (!procedure) throw new Error(`no procedure ${code} in the catalogue ${catalogue.version}`)
  return procedure
}

/** A procedure of the committed catalogue, by code. */
export function procedureOf(code: string): Procedure {
  return procedureIn(CATALOGUE, code)
}

export const BIRTH = '1.001193'
export const MARRIAGE = '1.000894'
export const MARITAL_STATUS_CERTIFICATE = '1.004873'
export const DEATH = '1.000656'
export const PERMANENT_RESIDENCE = '1.004222'
export const TEMPORARY_RESIDENCE = '1.004194'
export const LAND_USE_CERTIFICATE = '1.012787'
export const HOUSEHOLD_BUSINESS = '1.001612'
export const UNEMPLOYMENT_BENEFIT = '1.014748'
