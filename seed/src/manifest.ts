import type {
  BusinessSlice,
  CivilStatusSlice,
  InsuranceSlice,
  LandSlice,
  LegacyAddress,
  NationChunk,
  PopulationSlice,
} from '@lienthong/lib/registers'

/** The register databases the seed fills (database names). */
export const REGISTERS = ['population', 'civil-status', 'land', 'business', 'insurance'] as const
export type RegisterName = (typeof REGISTERS)[number]

/** The connection URL of every register database, as `seedRegisters` takes them. */
export function registerDatabaseUrls(urlOf: (database: RegisterName) => string): Record<RegisterName, string> {
  return Object.fromEntries(REGISTERS.map((database) => [database, urlOf(database)])) as Record<RegisterName, string>
}

/** The kinds of defect the generator injects; nothing else may disagree between registers. */
export const DEFECT_KINDS = ['SPLIT_COMMUNE', 'UNKNOWN_COMMUNE', 'NAME_MISSPELLED', 'STALE_RESIDENCE', 'MARRIAGE_MISSING_FROM_POPULATION'] as const
export type DefectKind = (typeof DEFECT_KINDS)[number]

/** Register enum of the GraphQL `RegisterDiscrepancy` (registers compared with population). */
export type DiscrepancyRegister = 'CIVIL_STATUS' | 'LAND' | 'BUSINESS' | 'INSURANCE'
export type DiscrepancyField = 'FULL_NAME' | 'BIRTH_DATE' | 'RESIDENCE' | 'SPOUSE'

/** A discrepancy a register's `<register>Discrepancies` must report for a citizen. */
export interface ExpectedDiscrepancy {
  register: DiscrepancyRegister
  personalId: string
  field: DiscrepancyField
  /** GraphQL type name of the record: BirthRegistration, MarriageRegistration, LandParcel, LegalRepresentative, HouseholdBusiness, SocialInsuranceRecord. */
  recordType: string
  recordId: string
  kind: DefectKind
}

/** Addresses a register will hold: every LegacyAddress of its slices is one address row. */
export interface AddressCounts {
  total: number
  /** Under a legacy commune the crosswalk splits (mapping SPLIT_NEEDS_REVIEW). */
  split: number
  /** Under a legacy commune code the crosswalk does not know (mapping NOT_FOUND). */
  unknown: number
}

/** What the generator produced and injected, filled as chunks are produced. */
export interface DefectManifest {
  seed: number
  citizens: number
  chunks: number
  addresses: Record<RegisterName, AddressCounts>
  /**
   * Injected defects per kind and register: for SPLIT_COMMUNE and
   * UNKNOWN_COMMUNE the addresses concerned, for the others the records.
   */
  injected: Record<DefectKind, Partial<Record<RegisterName, number>>>
  /** Households living in a split / unknown legacy commune. */
  households: { total: number; splitCommune: number; unknownCommune: number }
  discrepancies: ExpectedDiscrepancy[]
}

export function emptyManifest(seed: number, citizens: number): DefectManifest {
  const counts = (): AddressCounts => ({ total: 0, split: 0, unknown: 0 })
  return {
    seed,
    citizens,
    chunks: 0,
    addresses: { population: counts(), 'civil-status': counts(), land: counts(), business: counts(), insurance: counts() },
    injected: {
      SPLIT_COMMUNE: {},
      UNKNOWN_COMMUNE: {},
      NAME_MISSPELLED: {},
      STALE_RESIDENCE: {},
      MARRIAGE_MISSING_FROM_POPULATION: {},
    },
    households: { total: 0, splitCommune: 0, unknownCommune: 0 },
    discrepancies: [],
  }
}

// ───── every LegacyAddress of a slice, register by register ─────

type Visit = (address: LegacyAddress) => void

function visitPopulation(slice: PopulationSlice, visit: Visit): void {
  for (const citizen of slice.citizens) {
    visit(citizen.placeOfBirth)
    visit(citizen.placeOfBirthRegistration)
    visit(citizen.hometown)
    visit(citizen.permanentResidence)
    if (citizen.temporaryResidence) visit(citizen.temporaryResidence)
    visit(citizen.currentResidence)
  }
  for (const household of slice.households) visit(household.address)
}

function visitCivilStatus(slice: CivilStatusSlice, visit: Visit): void {
  for (const birth of slice.births) visit(birth.placeOfBirth)
  for (const marriage of slice.marriages) {
    visit(marriage.husbandResidence)
    visit(marriage.wifeResidence)
  }
  for (const death of slice.deaths) visit(death.placeOfDeath)
}

function visitLand(slice: LandSlice, visit: Visit): void {
  for (const parcel of slice.parcels) {
    visit(parcel.address)
    for (const holder of parcel.holders) visit(holder.address)
  }
}

function visitBusiness(slice: BusinessSlice, visit: Visit): void {
  for (const enterprise of slice.enterprises) {
    visit(enterprise.headOffice)
    for (const representative of enterprise.representatives) visit(representative.residence)
  }
  for (const business of slice.householdBusinesses) {
    visit(business.ownerResidence)
    visit(business.address)
  }
}

function visitInsurance(slice: InsuranceSlice, visit: Visit): void {
  for (const record of slice.socialInsurance) visit(record.residence)
}

/** Calls `visit` for every LegacyAddress of the register's slice of a chunk: each becomes one address row there. */
export function forEachAddress(register: RegisterName, chunk: NationChunk, visit: Visit): void {
  switch (register) {
    case 'population':
      return visitPopulation(chunk.population, visit)
    case 'civil-status':
      return visitCivilStatus(chunk.civilStatus, visit)
    case 'land':
      return visitLand(chunk.land, visit)
    case 'business':
      return visitBusiness(chunk.business, visit)
    case 'insurance':
      return visitInsurance(chunk.insurance, visit)
  }
}
