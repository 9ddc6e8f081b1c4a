// What the gateway hands the cases subgraph about each party of a draft: the
// Citizen fields the procedure's @requires selected, fetched from the
// registers by the query planner. Every field is optional — a procedure
// selects only what its fields, documents and checks read — and a register
// that holds nothing for the person answers null or an empty list.

export type MappingStatus = 'EXACT' | 'SPLIT_NEEDS_REVIEW' | 'RESOLVED' | 'NOT_FOUND'
export type MaritalStatus = 'NEVER_MARRIED' | 'MARRIED' | 'DIVORCED' | 'WIDOWED'
export type Sex = 'MALE' | 'FEMALE'

export interface UnitEvidence {
  code: string
  name?: string
  province?: { code: string; name?: string } | null
}

export interface AddressEvidence {
  id: string
  text: string
  mappingStatus: MappingStatus
  legacyCommune?: { code: string; name?: string } | null
  commune?: UnitEvidence | null
  candidates?: { commune: UnitEvidence }[]
}

export interface MarriageEvidence {
  id: string
  registrationNumber: string
  registrationDate: string
  inForce: boolean
  dissolvedOn: string | null
  dissolutionReason: 'DIVORCE' | 'DEATH' | null
  updatedAt: string
  husband: { personalId: string }
  wife: { personalId: string }
}

export interface LandRightEvidence {
  share: number
  parcel: {
    id: string
    areaM2: number
    updatedAt: string
    address: AddressEvidence
    uses: { purposeCode: string; purposeName: string; areaM2: number }[]
    certificates: { serial: string; issueDate: string; valid: boolean }[]
    encumbrances: { kind: 'MORTGAGE' | 'LEASE' | 'EASEMENT' | 'SEIZURE'; beneficiary: string; active: boolean }[]
  }
}

export interface SocialInsuranceEvidence {
  socialInsuranceNumber: string
  contributionMonths: number
  currentlyParticipating: boolean
  updatedAt: string
  periods: {
    from: string
    to: string | null
    months: number
    contributionBaseVnd: number
    employerCode: string
    employer: { vietnameseName?: string } | null
  }[]
}

export interface DiscrepancyEvidence {
  register: 'CIVIL_STATUS' | 'LAND' | 'BUSINESS' | 'INSURANCE'
  recordType: string
  recordId: string
  field: string
}

/** One party's Citizen, as the representation carries it. */
export interface CitizenEvidence {
  fullName?: string | null
  birthDate?: string
  sex?: Sex
  ethnicity?: string
  religion?: string
  nationality?: string
  dateOfDeath?: string | null
  updatedAt?: string
  relationshipToHead?: string
  permanentResidence?: AddressEvidence
  currentResidence?: AddressEvidence
  household?: { id: string; updatedAt: string; head: { fullName?: string | null } | null }
  father?: { personalId: string } | null
  mother?: { personalId: string } | null
  spouse?: { personalId: string; fullName?: string | null } | null
  maritalStatus?: MaritalStatus
  marriages?: MarriageEvidence[]
  deathRegistration?: { id: string; registrationNumber: string; updatedAt: string } | null
  landRights?: LandRightEvidence[]
  householdBusinesses?: { registrationNumber: string; name: string; status: 'OPERATING' | 'SUSPENDED' | 'CLOSED'; updatedAt: string }[]
  enterprises?: { role: 'LEGAL_REPRESENTATIVE' | 'OWNER'; enterprise: { enterpriseCode: string; legalForm?: string; status?: string } }[]
  socialInsurance?: SocialInsuranceEvidence | null
  civilStatusDiscrepancies?: DiscrepancyEvidence[]
  landDiscrepancies?: DiscrepancyEvidence[]
  businessDiscrepancies?: DiscrepancyEvidence[]
  insuranceDiscrepancies?: DiscrepancyEvidence[]
}

/** A party of a draft: who (from the draft's id) and what the registers hold (from the representation). */
export interface PartyEvidence {
  role: import('./vocabulary.js').PartyRole
  personalId: string
  citizen: CitizenEvidence
}

const UNIT = 'code name province { code name }'

/** The Citizen selection of an address: its text, legacy commune, 2025 commune and the candidates of a split. */
export const ADDRESS_SELECTION = `id text mappingStatus legacyCommune { code name } commune { ${UNIT} } candidates { commune { ${UNIT} } }`

/**
 * The register record a value or a waiver rests on: which register, which
 * record, and when that record last changed there.
 */
export interface RecordReference {
  register: 'POPULATION' | 'CIVIL_STATUS' | 'LAND' | 'BUSINESS' | 'INSURANCE'
  recordType: string
  recordId: string
  updatedAt: string | null
}

/** The population record of a party. */
export function populationRecord(party: PartyEvidence): RecordReference {
  return { register: 'POPULATION', recordType: 'Citizen', recordId: party.personalId, updatedAt: party.citizen.updatedAt ?? null }
}

/** The marriage registration that decides a party's marital status: the one in force, else the latest. */
export function decisiveMarriage(party: PartyEvidence): MarriageEvidence | undefined {
  const marriages = party.citizen.marriages ?? []
  return marriages.find((marriage) => marriage.inForce) ?? [...marriages].sort((a, b) => b.registrationDate.localeCompare(a.registrationDate))[0]
}

/** The marriage registration record of a party, or (none registered) the civil-status register's answer for the person. */
export function maritalStatusRecord(party: PartyEvidence): RecordReference {
  const marriage = decisiveMarriage(party)
  return marriage
    ? { register: 'CIVIL_STATUS', recordType: 'MarriageRegistration', recordId: marriage.id, updatedAt: marriage.updatedAt }
    : { register: 'CIVIL_STATUS', recordType: 'MarriageRegistrations', recordId: party.personalId, updatedAt: null }
}

/**
 * The parcel a land-related procedure is about: among the party's land rights
 * the one with a valid certificate and the largest share (then the lowest
 * parcel id), else the largest share of any.
 */
export function principalParcel(party: PartyEvidence): LandRightEvidence | undefined {
  const rights = [...(party.citizen.landRights ?? [])].sort((a, b) => b.share - a.share || a.parcel.id.localeCompare(b.parcel.id))
  return rights.find((right) => right.parcel.certificates.some((certificate) => certificate.valid)) ?? rights[0]
}

export function landRecord(right: LandRightEvidence): RecordReference {
  return { register: 'LAND', recordType: 'LandParcel', recordId: right.parcel.id, updatedAt: right.parcel.updatedAt }
}

export function insuranceRecord(record: SocialInsuranceEvidence): RecordReference {
  return { register: 'INSURANCE', recordType: 'SocialInsuranceRecord', recordId: record.socialInsuranceNumber, updatedAt: record.updatedAt }
}

/** The latest participation period of a social insurance book (the employment that ended). */
export function lastPeriod(record: SocialInsuranceEvidence): SocialInsuranceEvidence['periods'][number] | undefined {
  return [...record.periods].sort((a, b) => b.from.localeCompare(a.from))[0]
}

/** The 2025 commune of an address when it is known: EXACT, or RESOLVED by an official. */
export function communeOf(address: AddressEvidence | undefined): UnitEvidence | undefined {
  if (!address || (address.mappingStatus !== 'EXACT' && address.mappingStatus !== 'RESOLVED')) return undefined
  return address.commune ?? undefined
}

/**
 * The 2025 province of an address: its commune's, or, for a split commune,
 * the one province all candidates share (a legacy province went wholly into
 * one 2025 province).
 */
export function provinceOf(address: AddressEvidence | undefined): UnitEvidence | undefined {
  const commune = communeOf(address)
  if (commune?.province) return commune.province
  const provinces = new Map((address?.candidates ?? []).flatMap(({ commune }) => (commune.province ? [[commune.province.code, commune.province]] : [])))
  return provinces.size === 1 ? [...provinces.values()][0] : undefined
}

/**
 * An address written in its 2025 form: what the register recorded before the
 * legacy commune's name (house, street, hamlet), then the 2025 commune and
 * province. Undefined while the 2025 commune is not known.
 */
export function addressIn2025Form(address: AddressEvidence | undefined): string | undefined {
  const commune = communeOf(address)
  if (!address || !commune?.name || !commune.province?.name) return undefined
  const legacyName = address.legacyCommune?.name
  const at = legacyName ? address.text.toLocaleLowerCase('vi').indexOf(legacyName.toLocaleLowerCase('vi')) : -1
  const street = at > 0 ? address.text.slice(0, at).replace(/[\s,]+$/u, '') : ''
  return [street, commune.name, commune.province.name].filter((part) => part !== '').join(', ')
}

/** Completed years of age on a date, both 'YYYY-MM-DD'. */
export function ageOn(birthDate: string, date: string): number {
  const years = Number(date.slice(0, 4)) - Number(birthDate.slice(0, 4))
  return date.slice(5) < birthDate.slice(5) ? years - 1 : years
}
