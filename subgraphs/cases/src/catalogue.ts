import { readdirSync, readFileSync } from 'node:fs'
import { catalogueFile, catalogueFolder } from '@lienthong/migrations'
import { CHECK_RULES, DOCUMENT_RULES, FIELD_VALUES, PARTY_ROLES, type CheckRuleName, type DocumentRuleName, type FieldValueName, type PartyRole } from './drafts/vocabulary.js'

/**
 * The procedure catalogue (danh mục thủ tục hành chính): what each procedure's
 * form asks, which documents it lists and which register record waives each.
 * It is data — loaded by migrations into the cases database and read from
 * there — while the meaning of each value, rule and check it may name lives in
 * code (drafts/vocabulary.ts).
 */
export interface Catalogue {
  version: string
  procedures: Procedure[]
}

export type ProcedureLevel = 'COMMUNE' | 'PROVINCE'

/** Where the competent authority is looked for: the applicant's residence, or the parcel for land. */
export type AuthorityBasis = 'PERMANENT_RESIDENCE' | 'CURRENT_RESIDENCE' | 'LAND_PARCEL'

export interface Procedure {
  /** Mã thủ tục in the national procedure database, e.g. "1.000894". */
  code: string
  name: string
  nameEn: string
  /** The GraphQL type of its drafts, e.g. "MarriageRegistrationDraft" (draft-types.graphql is generated from it). */
  draftType: string
  /** Lĩnh vực, e.g. "Hộ tịch". */
  domain: string
  level: ProcedureLevel
  authority: { party: PartyRole; basis: AuthorityBasis; body: string }
  legalBasis: string[]
  parties: ProcedureParty[]
  fields: ProcedureField[]
  documents: ProcedureDocument[]
  checks: ProcedureCheck[]
  /** The catalogue version it was loaded from (set by the loader, not written in the file). */
  catalogueVersion?: string
}

export interface ProcedureParty {
  role: PartyRole
  label: string
  /** For roles other than APPLICANT: whether the draft input must name this person. */
  required?: boolean
  /** Whether the applicant may also be this party (a mother registering her child's birth); otherwise the same person twice is refused. */
  mayBeApplicant?: boolean
}

export interface ProcedureField {
  key: string
  /** The form's Vietnamese label. */
  label: string
  /** Whose record fills it; absent with `value` for a value the applicant declares. */
  party?: PartyRole
  /** Which register value fills it (drafts/vocabulary.ts); absent: declared by the applicant. */
  value?: FieldValueName
  /** False for a suggestion the official may change (e.g. the child's ethnicity taken from the mother); defaults to true. */
  verified?: boolean
}

export interface ProcedureDocument {
  /** Thành phần hồ sơ. */
  key: string
  name: string
  /** Whose document it is; absent: the case's. */
  party?: PartyRole
  /** How a register record can stand in for it (drafts/vocabulary.ts). */
  rule: DocumentRuleName
  /** For AUTHORISATION: the roles that need no authorisation when they apply themselves. */
  unlessApplicantIs?: PartyRole[]
  legalBasis?: string
}

export type CheckSeverity = 'WARNING' | 'BLOCKER'

export interface ProcedureCheck {
  rule: CheckRuleName
  severity: CheckSeverity
  /** The parties checked; absent: every party. */
  parties?: PartyRole[]
  /** UNDER_AGE: years by sex. */
  minimumAge?: { MALE: number; FEMALE: number }
  /** REGISTER_DISAGREEMENT: the registers compared with population. */
  registers?: ('CIVIL_STATUS' | 'LAND' | 'BUSINESS' | 'INSURANCE')[]
  /** INSUFFICIENT_CONTRIBUTIONS: at least `minimumMonths` within the `withinMonths` before employment ended. */
  minimumMonths?: number
  withinMonths?: number
  legalBasis?: string
}

/** The newest catalogue version committed under `migrations/cases/catalogue/` ("2026-11" sorts before "2027-01"). */
export function latestCatalogueVersion(): string {
  const versions = readdirSync(catalogueFolder())
    .map((file) => /^procedures-(.+)\.json$/.exec(file)?.[1])
    .filter((version): version is string => version !== undefined)
    .sort()
  const latest = versions.at(-1)
  if (!latest) throw new Error('no procedure catalogue under migrations/cases/catalogue/')
  return latest
}

/** A catalogue version as committed; by default the newest, which the latest migration loads and the draft types are generated from. */
export function readCatalogueFile(version = latestCatalogueVersion()): Catalogue {
  return validateCatalogue(JSON.parse(readFileSync(catalogueFile(version), 'utf8')) as Catalogue)
}

/**
 * Checks a catalogue names only known roles, values, rules and checks, and
 * that its codes, draft types and keys are unique: a catalogue edit that
 * cannot be served fails at start, with what is wrong.
 */
export function validateCatalogue(catalogue: Catalogue): Catalogue {
  const problems: string[] = []
  const seenCodes = new Set<string>()
  const seenTypes = new Set<string>()
  for (const procedure of catalogue.procedures) {
    const where = `procedure ${procedure.code}`
    if (!/^\d\.\d{6}$/.test(procedure.code)) problems.push(`${where}: code must look like "1.000894"`)
    if (seenCodes.has(procedure.code)) problems.push(`${where}: duplicate code`)
    seenCodes.add(procedure.code)
    if (!/^[A-Z][A-Za-z]+Draft$/.test(procedure.draftType)) problems.push(`${where}: draftType must be a PascalCase name ending in Draft`)
    if (seenTypes.has(procedure.draftType)) problems.push(`${where}: duplicate draftType ${procedure.draftType}`)
    seenTypes.add(procedure.draftType)
    if (procedure.level !== 'COMMUNE' && procedure.level !== 'PROVINCE') problems.push(`${where}: level must be COMMUNE or PROVINCE`)
    const roles = new Set(procedure.parties.map((party) => party.role))
    if (!roles.has('APPLICANT')) problems.push(`${where}: parties must include APPLICANT`)
    for (const party of procedure.parties) {
      if (!PARTY_ROLES.includes(party.role)) problems.push(`${where}: unknown party role ${party.role}`)
    }
    const knownRole = (role: PartyRole | undefined, what: string) => {
      if (role !== undefined && !roles.has(role)) problems.push(`${where}: ${what} names party ${role}, which the procedure does not have`)
    }
    knownRole(procedure.authority.party, 'authority')
    if (!['PERMANENT_RESIDENCE', 'CURRENT_RESIDENCE', 'LAND_PARCEL'].includes(procedure.authority.basis)) {
      problems.push(`${where}: unknown authority basis ${procedure.authority.basis}`)
    }
    const keys = new Set<string>()
    for (const field of procedure.fields) {
      if (keys.has(field.key)) problems.push(`${where}: duplicate field ${field.key}`)
      keys.add(field.key)
      knownRole(field.party, `field ${field.key}`)
      if (field.value !== undefined && !(field.value in FIELD_VALUES)) problems.push(`${where}: field ${field.key} has unknown value ${field.value}`)
      if (field.value !== undefined && field.party === undefined) problems.push(`${where}: field ${field.key} has a value but no party`)
    }
    const documentKeys = new Set<string>()
    for (const document of procedure.documents) {
      if (documentKeys.has(document.key)) problems.push(`${where}: duplicate document ${document.key}`)
      documentKeys.add(document.key)
      knownRole(document.party, `document ${document.key}`)
      if (!(document.rule in DOCUMENT_RULES)) problems.push(`${where}: document ${document.key} has unknown rule ${document.rule}`)
      for (const role of document.unlessApplicantIs ?? []) knownRole(role, `document ${document.key}`)
    }
    for (const check of procedure.checks) {
      if (!(check.rule in CHECK_RULES)) problems.push(`${where}: unknown check ${check.rule}`)
      for (const problem of checkParameterProblems(check)) problems.push(`${where}: check ${check.rule} ${problem}`)
      if (check.severity !== 'WARNING' && check.severity !== 'BLOCKER') problems.push(`${where}: check ${check.rule} severity must be WARNING or BLOCKER`)
      for (const role of check.parties ?? []) knownRole(role, `check ${check.rule}`)
    }
  }
  if (problems.length > 0) throw new Error(`the procedure catalogue ${catalogue.version} is invalid:\n- ${problems.join('\n- ')}`)
  return catalogue
}

const DISCREPANCY_REGISTERS = ['CIVIL_STATUS', 'LAND', 'BUSINESS', 'INSURANCE']

/** The parameters a check cannot work without, and their ranges. */
function checkParameterProblems(check: ProcedureCheck): string[] {
  const isCount = (value: unknown) => Number.isInteger(value) && (value as number) > 0
  switch (check.rule) {
    case 'UNDER_AGE':
      return isCount(check.minimumAge?.MALE) && isCount(check.minimumAge?.FEMALE) ? [] : ['needs minimumAge { MALE, FEMALE } in whole years']
    case 'REGISTER_DISAGREEMENT':
      return (check.registers ?? []).length > 0 && (check.registers ?? []).every((register) => DISCREPANCY_REGISTERS.includes(register))
        ? []
        : [`needs registers, each one of ${DISCREPANCY_REGISTERS.join(', ')}`]
    case 'INSUFFICIENT_CONTRIBUTIONS':
      return isCount(check.minimumMonths) && isCount(check.withinMonths) && check.minimumMonths! <= check.withinMonths! ? [] : ['needs minimumMonths ≤ withinMonths, whole months']
    default:
      return []
  }
}
