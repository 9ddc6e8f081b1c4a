/**
 * The record formats of the registers' source systems: what each register
 * ingests (`ingest<Register>Slice`) and the seed generator produces, chunk by chunk: records as each register's source system wrote
 * them, with legacy (pre-2025) unit codes and old address text. Mapping to
 * 2025 happens in the register at ingest, never here.
 *
 * All data is synthetic. Ids are globally unique across chunks; a record may
 * refer to a citizen or enterprise of an earlier chunk, never a later one.
 */

/** An address as a source system wrote it before 2025. */
export interface LegacyAddress {
  /** Legacy commune code (Decision 124/2004), 5 digits; null when the source recorded none. */
  legacyCommuneCode: string | null
  /** Full text with the old unit names, e.g. "Số 12 ngõ 34 phố Láng Hạ, Phường Láng Hạ, Quận Đống Đa, Thành phố Hà Nội". */
  text: string
}

export type Sex = 'MALE' | 'FEMALE'

// ───────────── population (CSDL quốc gia về dân cư) ─────────────

export interface CitizenRecord {
  /** Số định danh cá nhân: 12 digits, consistent with birth-registration province, century, sex and birth year. */
  personalId: string
  /** Họ, chữ đệm và tên khai sinh, with correct diacritics. */
  fullName: string
  /** Tên gọi khác; usually empty. */
  otherNames: string[]
  birthDate: string // YYYY-MM-DD
  sex: Sex
  placeOfBirth: LegacyAddress
  placeOfBirthRegistration: LegacyAddress
  /** Quê quán. */
  hometown: LegacyAddress
  /** Dân tộc, e.g. "Kinh", "Tày". */
  ethnicity: string
  /** Tôn giáo, e.g. "Không", "Phật giáo", "Công giáo". */
  religion: string
  /** ISO 3166-1 alpha-2, "VN" for Vietnamese citizens. */
  nationality: string
  /** Nhóm máu, e.g. "O+", or null when not declared. */
  bloodGroup: string | null
  /** The chip-based identity card (căn cước), or null for a child without one. */
  idCard: { number: string; issueDate: string; expiryDate: string | null; issuedBy: string } | null
  permanentResidence: LegacyAddress
  temporaryResidence: LegacyAddress | null
  /** Nơi ở hiện tại; often equal to the permanent residence. */
  currentResidence: LegacyAddress
  householdId: string
  /** Quan hệ với chủ hộ: "Chủ hộ", "Vợ", "Chồng", "Con", "Bố", "Mẹ", "Cháu", … */
  relationshipToHead: string
  fatherId: string | null
  motherId: string | null
  /** The spouse in the population register; null when unmarried, widowed or divorced (or a "marriage missing from population" defect). */
  spouseId: string | null
  dateOfDeath: string | null
}

export interface HouseholdRecord {
  /** Số hộ khẩu / household id, e.g. "HK01000123". */
  id: string
  headId: string
  address: LegacyAddress
}

// ───────────── civil status (hộ tịch) ─────────────

/** The authority that registered a civil-status event: a legacy commune or district People's Committee (before 2025) or a 2025 commune. */
export interface RegisteringAuthority {
  /** Name as written on the record, e.g. "UBND Phường Láng Hạ". */
  name: string
  /** Legacy unit code (commune 5 digits or district 3 digits) when registered before 1 July 2025, else null. */
  legacyUnitCode: string | null
  /** 2025 commune code when registered on or after 1 July 2025, else null. */
  communeCode: string | null
}

export interface BirthRegistrationRecord {
  id: string
  /** Số đăng ký, e.g. "123/2015". */
  registrationNumber: string
  /** Quyển số, e.g. "01/2015". */
  book: string
  registrationDate: string
  authority: RegisteringAuthority
  childId: string
  /** As recorded on the birth register (a "name spelled differently" defect may change it). */
  childName: string
  childBirthDate: string
  childSex: Sex
  fatherId: string | null
  motherId: string | null
  placeOfBirth: LegacyAddress
}

export interface MarriageRegistrationRecord {
  id: string
  registrationNumber: string
  book: string
  registrationDate: string
  authority: RegisteringAuthority
  husbandId: string
  wifeId: string
  husbandName: string
  wifeName: string
  /** Residence of each spouse as declared at registration. */
  husbandResidence: LegacyAddress
  wifeResidence: LegacyAddress
  /** When the marriage ended (divorce decree or death); null while in force. */
  dissolvedOn: string | null
  dissolutionReason: 'DIVORCE' | 'DEATH' | null
}

export interface DeathRegistrationRecord {
  id: string
  registrationNumber: string
  book: string
  registrationDate: string
  authority: RegisteringAuthority
  deceasedId: string
  deceasedName: string
  dateOfDeath: string
  placeOfDeath: LegacyAddress
  /** Người đi khai tử. */
  declarantId: string | null
}

// ───────────── land (đất đai) ─────────────

export interface LandParcelRecord {
  /** Legacy commune of the cadastral map; with the sheet and parcel numbers it identifies the parcel. */
  legacyCommuneCode: string
  mapSheetNumber: number
  parcelNumber: number
  /** Diện tích, m². */
  areaM2: number
  address: LegacyAddress
  /** Mục đích sử dụng: land-use purpose codes (Law on Land 2024 Art. 9; e.g. "ONT", "ODT", "LUC", "CLN"), with the area of each and its term. */
  uses: { purposeCode: string; areaM2: number; until: string | null /* null = lâu dài (long-term) */ }[]
  certificates: LandCertificateRecord[]
  holders: LandRightHolderRecord[]
  encumbrances: EncumbranceRecord[]
}

export interface LandCertificateRecord {
  /** Số phát hành (serial), e.g. "AA 01234567". */
  serial: string
  /** Số vào sổ cấp GCN, e.g. "CH01234". */
  registryNumber: string
  issueDate: string
  /** Issuing authority as written, e.g. "UBND Quận Đống Đa", "Sở Tài nguyên và Môi trường Thành phố Hà Nội". */
  issuer: string
  /** Null while valid. */
  revokedOn: string | null
}

export interface LandRightHolderRecord {
  kind: 'CITIZEN' | 'ENTERPRISE'
  /** Personal id for a citizen, enterprise code for an enterprise. */
  holderId: string
  /** Name as recorded on the land register (a defect may spell it differently). */
  holderName: string
  /** Share of the right, 0 < share ≤ 1; spouses often hold jointly. */
  share: number
  /** Holder's address on the certificate as recorded then. */
  address: LegacyAddress
}

export interface EncumbranceRecord {
  kind: 'MORTGAGE' | 'LEASE' | 'EASEMENT' | 'SEIZURE'
  /** Bên nhận thế chấp etc., e.g. a bank's name. */
  beneficiary: string
  registeredOn: string
  releasedOn: string | null
  /** Secured amount in VND, for a mortgage; else null. */
  securedAmountVnd: number | null
}

// ───────────── business (đăng ký doanh nghiệp) ─────────────

export interface EnterpriseRecord {
  /** Mã số doanh nghiệp: 10 digits with a valid check digit; a branch appends -NNN. */
  enterpriseCode: string
  /** For a branch (chi nhánh): the parent's code; else null. */
  parentCode: string | null
  vietnameseName: string
  foreignName: string | null
  shortName: string | null
  /** "TNHH_ONE_MEMBER" | "TNHH_MULTI_MEMBER" | "JOINT_STOCK" | "PARTNERSHIP" | "PRIVATE" | "BRANCH" */
  legalForm: string
  /** "OPERATING" | "SUSPENDED" | "DISSOLVING" | "DISSOLVED" | "BANKRUPT" */
  status: string
  registeredOn: string
  charterCapitalVnd: number
  headOffice: LegacyAddress
  representatives: { personalId: string; name: string; birthDate: string; title: string; residence: LegacyAddress }[]
  owners: { kind: 'CITIZEN' | 'ENTERPRISE'; ownerId: string; name: string; capitalShare: number }[]
  /** VSIC 2018 codes (4 or 5 digits); exactly one is the main line. */
  businessLines: { vsicCode: string; name: string; isMain: boolean }[]
}

/** Hộ kinh doanh, registered at the (legacy district / 2025 commune) level. */
export interface HouseholdBusinessRecord {
  /** Số giấy chứng nhận đăng ký hộ kinh doanh, e.g. "01A8012345". */
  registrationNumber: string
  name: string
  ownerId: string
  ownerName: string
  ownerBirthDate: string
  ownerResidence: LegacyAddress
  address: LegacyAddress
  registeredOn: string
  authority: RegisteringAuthority
  capitalVnd: number
  businessLines: { vsicCode: string; name: string; isMain: boolean }[]
  status: 'OPERATING' | 'SUSPENDED' | 'CLOSED'
}

// ───────────── insurance (bảo hiểm xã hội, bảo hiểm y tế) ─────────────

export interface SocialInsuranceRecord {
  /** Mã số BHXH, 10 digits, lifelong. */
  socialInsuranceNumber: string
  personalId: string
  /** As recorded by the insurance agency (a defect may differ from population). */
  fullName: string
  birthDate: string
  sex: Sex
  /** Residence as recorded by the insurance agency (a "stale residence" defect keeps an old one). */
  residence: LegacyAddress
  /** Participation periods, oldest first. */
  periods: { employerCode: string; from: string; to: string | null; contributionBaseVnd: number; kind: 'COMPULSORY' | 'VOLUNTARY' }[]
}

export interface HealthInsuranceCardRecord {
  /** 15 characters: 2-letter beneficiary group + benefit level digit + 2-digit province + 10-digit BHXH number. */
  cardNumber: string
  socialInsuranceNumber: string
  personalId: string
  beneficiaryGroup: string
  benefitLevel: number
  /** Nơi đăng ký khám chữa bệnh ban đầu: facility code and name. */
  primaryCareFacility: { code: string; name: string }
  validFrom: string
  validTo: string
}

// ───────────── a chunk and what each register receives ─────────────

export interface PopulationSlice {
  citizens: CitizenRecord[]
  households: HouseholdRecord[]
}
export interface CivilStatusSlice {
  births: BirthRegistrationRecord[]
  marriages: MarriageRegistrationRecord[]
  deaths: DeathRegistrationRecord[]
}
export interface LandSlice {
  parcels: LandParcelRecord[]
}
export interface BusinessSlice {
  enterprises: EnterpriseRecord[]
  householdBusinesses: HouseholdBusinessRecord[]
}
export interface InsuranceSlice {
  socialInsurance: SocialInsuranceRecord[]
  healthInsuranceCards: HealthInsuranceCardRecord[]
}

export interface NationChunk {
  population: PopulationSlice
  civilStatus: CivilStatusSlice
  land: LandSlice
  business: BusinessSlice
  insurance: InsuranceSlice
}
