import type { ProcedureCheck, ProcedureDocument } from '../catalogue.js'
import {
  ADDRESS_SELECTION,
  addressIn2025Form,
  ageOn,
  decisiveMarriage,
  insuranceRecord,
  landRecord,
  lastPeriod,
  maritalStatusRecord,
  populationRecord,
  principalParcel,
  type AddressEvidence,
  type PartyEvidence,
  type RecordReference,
} from './evidence.js'

// The vocabulary the procedure catalogue is written in. The catalogue (data)
// says which value fills which form field, which rule may waive which document
// and which checks apply; this file says what each name means, which Citizen
// fields it reads (its GraphQL selection, from which each procedure's
// @requires is generated) and how it is decided.

export const PARTY_ROLES = ['APPLICANT', 'PARTNER', 'MOTHER', 'FATHER', 'DECEASED', 'SPOUSE'] as const
export type PartyRole = (typeof PARTY_ROLES)[number]

/** Everything a rule may look at: the procedure's parties with their evidence, and today's date in Vietnam. */
export interface DraftEvidence {
  parties: PartyEvidence[]
  today: string
}

export function partyOf(draft: DraftEvidence, role: PartyRole): PartyEvidence | undefined {
  return draft.parties.find((party) => party.role === role)
}

export interface FilledValue {
  value: string
  source: RecordReference
  /** For an address value: the address, whose 2025 commune the field also carries. */
  address?: AddressEvidence
}

interface FieldValueDefinition {
  /** The Citizen fields it reads. */
  selection: string
  /** `draft` for a value that depends on another party (the parents' marriage). */
  read(party: PartyEvidence, draft: DraftEvidence): FilledValue | undefined
}

const SEX_LABELS = { MALE: 'Nam', FEMALE: 'Nữ' } as const
const MARITAL_STATUS_LABELS = { NEVER_MARRIED: 'Chưa kết hôn', MARRIED: 'Đang có vợ/chồng', DIVORCED: 'Đã ly hôn', WIDOWED: 'Vợ/chồng đã chết' } as const

function fromPopulation(read: (party: PartyEvidence) => string | null | undefined, selection: string): FieldValueDefinition {
  return {
    selection: `updatedAt ${selection}`,
    read(party) {
      const value = read(party)
      return value === null || value === undefined || value === '' ? undefined : { value, source: populationRecord(party) }
    },
  }
}

function address(field: 'permanentResidence' | 'currentResidence'): FieldValueDefinition {
  return {
    selection: `updatedAt ${field} { ${ADDRESS_SELECTION} }`,
    read(party) {
      const recorded = party.citizen[field]
      const value = addressIn2025Form(recorded)
      // An address whose 2025 commune awaits review is not filled: the official completes it (and a warning says why).
      return value === undefined || !recorded ? undefined : { value, source: { ...populationRecord(party), recordType: 'Address', recordId: recorded.id }, address: recorded }
    },
  }
}

const LAND_SELECTION = `landRights { share parcel { id areaM2 updatedAt address { ${ADDRESS_SELECTION} } uses { purposeCode purposeName areaM2 } certificates { serial issueDate valid } encumbrances { kind beneficiary active } } }`

function fromParcel(read: (right: NonNullable<ReturnType<typeof principalParcel>>) => string | undefined): FieldValueDefinition {
  return {
    selection: LAND_SELECTION,
    read(party) {
      const right = principalParcel(party)
      const value = right && read(right)
      return right && value !== undefined ? { value, source: landRecord(right) } : undefined
    },
  }
}

const INSURANCE_SELECTION =
  'socialInsurance { socialInsuranceNumber contributionMonths currentlyParticipating updatedAt periods { from to months contributionBaseVnd employerCode employer { vietnameseName } } }'

function fromInsurance(read: (record: NonNullable<PartyEvidence['citizen']['socialInsurance']>) => string | undefined): FieldValueDefinition {
  return {
    selection: INSURANCE_SELECTION,
    read(party) {
      const record = party.citizen.socialInsurance
      const value = record ? read(record) : undefined
      return record && value !== undefined ? { value, source: insuranceRecord(record) } : undefined
    },
  }
}

const MARRIAGES_SELECTION = 'maritalStatus marriages { id registrationNumber registrationDate inForce dissolvedOn dissolutionReason updatedAt husband { personalId } wife { personalId } }'

/** Register values a form field may be filled with; the party is the field's. */
export const FIELD_VALUES = {
  personalId: fromPopulation((party) => (party.citizen.fullName ? party.personalId : undefined), 'fullName'),
  fullName: fromPopulation((party) => party.citizen.fullName, 'fullName'),
  birthDate: fromPopulation((party) => party.citizen.birthDate, 'birthDate'),
  sex: fromPopulation((party) => party.citizen.sex && SEX_LABELS[party.citizen.sex], 'sex'),
  ethnicity: fromPopulation((party) => party.citizen.ethnicity, 'ethnicity'),
  religion: fromPopulation((party) => party.citizen.religion, 'religion'),
  nationality: fromPopulation((party) => party.citizen.nationality, 'nationality'),
  dateOfDeath: fromPopulation((party) => party.citizen.dateOfDeath, 'dateOfDeath'),
  relationshipToHead: fromPopulation((party) => party.citizen.relationshipToHead, 'relationshipToHead'),
  householdHeadName: {
    selection: 'household { id updatedAt head { fullName } }',
    read(party) {
      const household = party.citizen.household
      const name = household?.head?.fullName
      return household && name ? { value: name, source: { register: 'POPULATION', recordType: 'Household', recordId: household.id, updatedAt: household.updatedAt } } : undefined
    },
  },
  spouseName: fromPopulation((party) => party.citizen.spouse?.fullName, 'spouse { personalId fullName }'),
  spousePersonalId: fromPopulation((party) => party.citizen.spouse?.personalId, 'spouse { personalId fullName }'),
  permanentResidence: address('permanentResidence'),
  currentResidence: address('currentResidence'),
  maritalStatus: {
    selection: MARRIAGES_SELECTION,
    read(party) {
      const status = party.citizen.maritalStatus
      return status ? { value: MARITAL_STATUS_LABELS[status], source: maritalStatusRecord(party) } : undefined
    },
  },
  /** The field's party's marriage in force with the FATHER (the birth registration's parents). */
  parentsMarriage: {
    selection: MARRIAGES_SELECTION,
    read(party, draft) {
      const father = partyOf(draft, 'FATHER')
      const marriage = father && marriageBetween(party, father.personalId)
      return marriage
        ? { value: marriage.registrationNumber, source: { register: 'CIVIL_STATUS', recordType: 'MarriageRegistration', recordId: marriage.id, updatedAt: marriage.updatedAt } }
        : undefined
    },
  },
  landParcelId: fromParcel((right) => right.parcel.id),
  landParcelAddress: {
    selection: LAND_SELECTION,
    read(party) {
      const right = principalParcel(party)
      const value = addressIn2025Form(right?.parcel.address)
      return right && value !== undefined ? { value, source: landRecord(right), address: right.parcel.address } : undefined
    },
  },
  landParcelArea: fromParcel((right) => String(right.parcel.areaM2)),
  landParcelPurpose: fromParcel((right) => right.parcel.uses.map((use) => `${use.purposeName} (${use.purposeCode})`).join('; ') || undefined),
  landCertificateSerial: fromParcel((right) => right.parcel.certificates.find((certificate) => certificate.valid)?.serial),
  socialInsuranceNumber: fromInsurance((record) => record.socialInsuranceNumber),
  contributionMonths: fromInsurance((record) => String(record.contributionMonths)),
  lastEmployerName: fromInsurance((record) => lastPeriod(record)?.employer?.vietnameseName),
  lastEmployerCode: fromInsurance((record) => lastPeriod(record)?.employerCode),
  lastPeriodEnd: fromInsurance((record) => lastPeriod(record)?.to ?? undefined),
  lastContributionBase: fromInsurance((record) => {
    const base = lastPeriod(record)?.contributionBaseVnd
    return base === undefined ? undefined : String(base)
  }),
} satisfies Record<string, FieldValueDefinition>

export type FieldValueName = keyof typeof FIELD_VALUES

export type DocumentOutcome =
  | { status: 'WAIVED'; evidence: RecordReference & { description: string } }
  | { status: 'REQUIRED'; reason: string }
  | { status: 'NOT_APPLICABLE'; reason: string }

interface DocumentRuleDefinition {
  selection: string
  /** `party` is the document's party, undefined when the document is the case's. */
  decide(document: ProcedureDocument, party: PartyEvidence | undefined, draft: DraftEvidence): DocumentOutcome
}

const noParty = (document: ProcedureDocument): DocumentOutcome => ({ status: 'REQUIRED', reason: `The draft names no ${document.party ?? 'party'} whose records could replace it.` })

/** A document the party's principal parcel stands in for: `missing` says why it is required without one. */
function waivedByParcel(missing: string, describe: (parcelId: string) => string): DocumentRuleDefinition {
  return {
    selection: LAND_SELECTION,
    decide(document, party) {
      if (!party) return noParty(document)
      const right = principalParcel(party)
      if (!right) return { status: 'REQUIRED', reason: missing }
      return { status: 'WAIVED', evidence: { ...landRecord(right), description: describe(right.parcel.id) } }
    },
  }
}

/** How a register record can stand in for a document component. */
export const DOCUMENT_RULES = {
  NOT_IN_REGISTERS: {
    selection: '',
    decide: () => ({ status: 'REQUIRED', reason: 'No connected register holds this document: the applicant submits it.' }),
  },
  IDENTITY_RECORD: {
    selection: 'fullName updatedAt',
    decide(document, party) {
      if (!party) return noParty(document)
      return { status: 'WAIVED', evidence: { ...populationRecord(party), description: 'Identity looked up in the national population database by personal id (Decree 104/2022/NĐ-CP).' } }
    },
  },
  RESIDENCE_RECORD: {
    selection: 'household { id updatedAt }',
    decide(document, party) {
      if (!party) return noParty(document)
      const household = party.citizen.household
      if (!household) return { status: 'REQUIRED', reason: 'The population register holds no household for this person.' }
      return {
        status: 'WAIVED',
        evidence: { register: 'POPULATION', recordType: 'Household', recordId: household.id, updatedAt: household.updatedAt, description: 'Residence looked up in the population database instead of a household book (Decree 104/2022/NĐ-CP).' },
      }
    },
  },
  MARITAL_STATUS_RECORD: {
    selection: MARRIAGES_SELECTION,
    decide(document, party) {
      if (!party) return noParty(document)
      if (!party.citizen.maritalStatus) return { status: 'REQUIRED', reason: 'The civil-status register gave no marital status for this person.' }
      const record = maritalStatusRecord(party)
      const description =
        record.recordType === 'MarriageRegistration'
          ? `Marital status ${party.citizen.maritalStatus} from the marriage registration in the civil-status database.`
          : 'No marriage registered in the civil-status database: never married.'
      return { status: 'WAIVED', evidence: { ...record, description } }
    },
  },
  MARRIAGE_DISSOLUTION_RECORD: {
    selection: MARRIAGES_SELECTION,
    decide(document, party) {
      if (!party) return noParty(document)
      const status = party.citizen.maritalStatus
      if (status === 'NEVER_MARRIED' || status === 'MARRIED') {
        return { status: 'NOT_APPLICABLE', reason: status === 'MARRIED' ? 'A marriage is in force: nothing was dissolved.' : 'Never married: there is no divorce or death to prove.' }
      }
      const marriage = decisiveMarriage(party)
      if (!marriage?.dissolvedOn) return { status: 'REQUIRED', reason: 'The civil-status register records no dissolved marriage for this person.' }
      return {
        status: 'WAIVED',
        evidence: {
          register: 'CIVIL_STATUS',
          recordType: 'MarriageRegistration',
          recordId: marriage.id,
          updatedAt: marriage.updatedAt,
          description: `The marriage registration records its dissolution (${marriage.dissolutionReason === 'DEATH' ? 'death of the spouse' : 'divorce'}) on ${marriage.dissolvedOn}.`,
        },
      }
    },
  },
  PARENTS_MARRIAGE_RECORD: {
    selection: MARRIAGES_SELECTION,
    decide(_document, _party, draft) {
      const mother = partyOf(draft, 'MOTHER')
      const father = partyOf(draft, 'FATHER')
      if (!father) return { status: 'NOT_APPLICABLE', reason: 'No father is named: the birth is registered without the parents’ marriage.' }
      const marriage = mother && marriageBetween(mother, father.personalId)
      if (!marriage) return { status: 'REQUIRED', reason: 'The civil-status register holds no marriage in force between the mother and the father.' }
      return {
        status: 'WAIVED',
        evidence: { register: 'CIVIL_STATUS', recordType: 'MarriageRegistration', recordId: marriage.id, updatedAt: marriage.updatedAt, description: 'The parents’ marriage registration in the civil-status database.' },
      }
    },
  },
  AUTHORISATION: {
    selection: '',
    decide(document, _party, draft) {
      const applicant = partyOf(draft, 'APPLICANT')
      const exempt = (document.unlessApplicantIs ?? []).find((role) => partyOf(draft, role)?.personalId === applicant?.personalId)
      return exempt
        ? { status: 'NOT_APPLICABLE', reason: `The applicant is the ${exempt.toLowerCase()} and applies in person.` }
        : { status: 'REQUIRED', reason: 'The applicant applies on behalf of another person: a written authorisation is needed.' }
    },
  },
  LAND_RIGHT_HELD: waivedByParcel(
    'The land register holds no land-use right for this person (looked up first, Decree 154/2024/NĐ-CP Art. 5).',
    (parcelId) => `Land-use right to parcel ${parcelId} in the land register.`,
  ),
  UNLESS_LAND_RIGHT_HELD: {
    selection: LAND_SELECTION,
    decide(document, party) {
      if (!party) return noParty(document)
      const right = principalParcel(party)
      return right
        ? { status: 'NOT_APPLICABLE', reason: `The applicant holds the land-use right to parcel ${right.parcel.id}: no other owner must consent.` }
        : { status: 'REQUIRED', reason: 'The applicant holds no land-use right in the land register: the owner’s consent is needed.' }
    },
  },
  CADASTRAL_MAP_RECORD: waivedByParcel('The land register holds no parcel for this person.', (parcelId) => `Parcel ${parcelId} (map sheet and parcel number) in the cadastral records.`),
  SOCIAL_INSURANCE_RECORD: {
    selection: INSURANCE_SELECTION,
    decide(document, party) {
      if (!party) return noParty(document)
      const record = party.citizen.socialInsurance
      if (!record) return { status: 'REQUIRED', reason: 'The insurance register holds no social insurance book for this person.' }
      return { status: 'WAIVED', evidence: { ...insuranceRecord(record), description: 'Contribution history looked up in the social insurance database.' } }
    },
  },
} satisfies Record<string, DocumentRuleDefinition>

export type DocumentRuleName = keyof typeof DOCUMENT_RULES

function marriageBetween(party: PartyEvidence, otherPersonalId: string) {
  return party.citizen.marriages?.find(
    (marriage) => marriage.inForce && (marriage.husband.personalId === otherPersonalId || marriage.wife.personalId === otherPersonalId),
  )
}

export interface DraftIssue {
  code: string
  message: string
  party?: PartyRole
  record?: RecordReference
  legalBasis?: string
}

interface CheckRuleDefinition {
  /** The Citizen fields it reads, for these parameters. */
  selection: string | ((check: ProcedureCheck) => string)
  /** `parties` are those the check names (all by default), deduplicated by person. */
  check(check: ProcedureCheck, parties: PartyEvidence[], draft: DraftEvidence): Omit<DraftIssue, 'code' | 'legalBasis'>[]
}

const REGISTER_DISCREPANCY_FIELDS = {
  CIVIL_STATUS: 'civilStatusDiscrepancies',
  LAND: 'landDiscrepancies',
  BUSINESS: 'businessDiscrepancies',
  INSURANCE: 'insuranceDiscrepancies',
} as const

/** Warnings and blockers: what a desk must know before accepting the dossier. */
export const CHECK_RULES = {
  PARTY_DECEASED: {
    selection: 'dateOfDeath updatedAt',
    check: (_check, parties) =>
      parties
        .filter((party) => party.citizen.dateOfDeath)
        .map((party) => ({ party: party.role, message: `The ${label(party.role)} is recorded as deceased (${party.citizen.dateOfDeath}).`, record: populationRecord(party) })),
  },
  ALREADY_DEATH_REGISTERED: {
    selection: 'deathRegistration { id registrationNumber updatedAt }',
    check: (_check, parties) =>
      parties.flatMap((party) => {
        const registration = party.citizen.deathRegistration
        return registration
          ? [{ party: party.role, message: `The death is already registered (registration ${registration.registrationNumber}).`, record: { register: 'CIVIL_STATUS' as const, recordType: 'DeathRegistration', recordId: registration.id, updatedAt: registration.updatedAt } }]
          : []
      }),
  },
  ADDRESS_AWAITING_REVIEW: {
    selection: `updatedAt permanentResidence { ${ADDRESS_SELECTION} }`,
    check: (_check, parties) =>
      parties.flatMap((party) => {
        const residence = party.citizen.permanentResidence
        if (!residence || residence.mappingStatus === 'EXACT' || residence.mappingStatus === 'RESOLVED') return []
        const message =
          residence.mappingStatus === 'SPLIT_NEEDS_REVIEW'
            ? `The ${label(party.role)}'s permanent residence is in a legacy commune that was split in 2025: an official must choose its 2025 commune.`
            : `The ${label(party.role)}'s permanent residence names no known commune: it must be corrected in the population register.`
        return [{ party: party.role, message, record: { ...populationRecord(party), recordType: 'Address', recordId: residence.id } }]
      }),
  },
  REGISTER_DISAGREEMENT: {
    selection: (check) => (check.registers ?? []).map((register) => `${REGISTER_DISCREPANCY_FIELDS[register]} { register recordType recordId field }`).join(' '),
    check: (check, parties) =>
      parties.flatMap((party) =>
        (check.registers ?? []).flatMap((register) =>
          (party.citizen[REGISTER_DISCREPANCY_FIELDS[register]] ?? []).map((discrepancy) => ({
            party: party.role,
            message: `The ${register.toLowerCase().replace('_', '-')} register's ${discrepancy.recordType} disagrees with the population register on ${discrepancy.field}.`,
            record: { register: discrepancy.register, recordType: discrepancy.recordType, recordId: discrepancy.recordId, updatedAt: null },
          })),
        ),
      ),
  },
  UNDER_AGE: {
    selection: 'birthDate sex updatedAt',
    check: (check, parties, draft) =>
      parties.flatMap((party) => {
        const { birthDate, sex } = party.citizen
        const minimum = sex && check.minimumAge?.[sex]
        if (!birthDate || minimum === undefined || ageOn(birthDate, draft.today) >= minimum) return []
        return [{ party: party.role, message: `The ${label(party.role)} is under ${minimum}, the legal age for this procedure.`, record: populationRecord(party) }]
      }),
  },
  ALREADY_MARRIED: {
    selection: MARRIAGES_SELECTION,
    check: (_check, parties) =>
      parties
        .filter((party) => party.citizen.maritalStatus === 'MARRIED')
        .map((party) => ({ party: party.role, message: `The ${label(party.role)} is married: a marriage registration is in force.`, record: maritalStatusRecord(party) })),
  },
  SAME_SEX_PARTIES: {
    selection: 'sex updatedAt',
    check(_check, parties) {
      const sexes = new Set(parties.map((party) => party.citizen.sex).filter(Boolean))
      return parties.length >= 2 && sexes.size === 1 ? [{ message: 'Both parties are of the same sex; the law does not recognise marriage between them.' }] : []
    },
  },
  CLOSE_RELATIVES: {
    selection: 'father { personalId } mother { personalId }',
    check(_check, parties) {
      const [first, second] = parties
      if (!first || !second) return []
      const parentsOf = (party: PartyEvidence) => [party.citizen.father?.personalId, party.citizen.mother?.personalId].filter((id): id is string => Boolean(id))
      const siblings = parentsOf(first).some((id) => parentsOf(second).includes(id))
      const parentAndChild = parentsOf(first).includes(second.personalId) || parentsOf(second).includes(first.personalId)
      return siblings || parentAndChild
        ? [{ message: siblings ? 'The parties share a parent in the population register.' : 'One party is the other’s parent in the population register.' }]
        : []
    },
  },
  PARENTS_NOT_MARRIED: {
    selection: MARRIAGES_SELECTION,
    check(_check, _parties, draft) {
      const mother = partyOf(draft, 'MOTHER')
      const father = partyOf(draft, 'FATHER')
      if (!mother || !father || marriageBetween(mother, father.personalId)) return []
      return [{ party: 'FATHER', message: 'No marriage in force between the mother and the father: paternity is established by acknowledgement (nhận cha).' }]
    },
  },
  NO_LAND_RIGHT: {
    selection: LAND_SELECTION,
    check: (_check, parties) =>
      parties.filter((party) => !principalParcel(party)).map((party) => ({ party: party.role, message: `The land register holds no land-use right for the ${label(party.role)}.` })),
  },
  LAND_SEIZED: {
    selection: LAND_SELECTION,
    check: (_check, parties) => activeEncumbrances(parties, 'SEIZURE', (parcel) => `Parcel ${parcel} is under an active seizure (kê biên).`),
  },
  LAND_MORTGAGED: {
    selection: LAND_SELECTION,
    check: (_check, parties) => activeEncumbrances(parties, 'MORTGAGE', (parcel, beneficiary) => `Parcel ${parcel} is mortgaged to ${beneficiary}: the certificate is held by the lender.`),
  },
  EXISTING_HOUSEHOLD_BUSINESS: {
    selection: 'householdBusinesses { registrationNumber name status updatedAt }',
    check: (_check, parties) =>
      parties.flatMap((party) =>
        (party.citizen.householdBusinesses ?? []).filter((business) => business.status !== 'CLOSED').map((business) => ({
          party: party.role,
          message: `The ${label(party.role)} already owns household business ${business.registrationNumber}; an individual may register only one.`,
          record: { register: 'BUSINESS' as const, recordType: 'HouseholdBusiness', recordId: business.registrationNumber, updatedAt: business.updatedAt },
        })),
      ),
  },
  PRIVATE_ENTERPRISE_OWNER: {
    selection: 'enterprises { role enterprise { enterpriseCode legalForm status } }',
    check: (_check, parties) =>
      parties.flatMap((party) =>
        (party.citizen.enterprises ?? [])
          .filter(({ role, enterprise }) => role === 'OWNER' && enterprise.legalForm === 'PRIVATE' && enterprise.status !== 'DISSOLVED' && enterprise.status !== 'BANKRUPT')
          .map(({ enterprise }) => ({
            party: party.role,
            message: `The ${label(party.role)} owns private enterprise ${enterprise.enterpriseCode}, and its owner may not also own a household business.`,
            record: { register: 'BUSINESS' as const, recordType: 'Enterprise', recordId: enterprise.enterpriseCode, updatedAt: null },
          })),
      ),
  },
  NO_SOCIAL_INSURANCE: {
    selection: INSURANCE_SELECTION,
    check: (_check, parties) =>
      parties.filter((party) => !party.citizen.socialInsurance).map((party) => ({ party: party.role, message: `The insurance register holds no social insurance book for the ${label(party.role)}.` })),
  },
  STILL_CONTRIBUTING: {
    selection: INSURANCE_SELECTION,
    check: (_check, parties) =>
      parties
        .filter((party) => party.citizen.socialInsurance?.currentlyParticipating)
        .map((party) => ({ party: party.role, message: 'Contributions are still being paid: the employment has not ended.', record: insuranceRecord(party.citizen.socialInsurance!) })),
  },
  INSUFFICIENT_CONTRIBUTIONS: {
    selection: INSURANCE_SELECTION,
    check: (check, parties) =>
      parties.flatMap((party) => {
        const record = party.citizen.socialInsurance
        const last = record && lastPeriod(record)
        if (!record || !last?.to || record.currentlyParticipating) return []
        const within = check.withinMonths! // validateCatalogue requires both
        const minimum = check.minimumMonths!
        const months = monthsWithin(record.periods, last.to, within)
        return months >= minimum
          ? []
          : [{ party: party.role, message: `${months} months of contributions in the ${within} months before employment ended; at least ${minimum} are needed.`, record: insuranceRecord(record) }]
      }),
  },
} satisfies Record<string, CheckRuleDefinition>

export type CheckRuleName = keyof typeof CHECK_RULES

function activeEncumbrances(parties: PartyEvidence[], kind: 'SEIZURE' | 'MORTGAGE', message: (parcel: string, beneficiary: string) => string) {
  return parties.flatMap((party) => {
    const right = principalParcel(party)
    return (right?.parcel.encumbrances ?? [])
      .filter((encumbrance) => encumbrance.kind === kind && encumbrance.active)
      .map((encumbrance) => ({ party: party.role, message: message(right!.parcel.id, encumbrance.beneficiary), record: landRecord(right!) }))
  })
}

/** Calendar months the periods touch within the `months` months up to `end` ('YYYY-MM-DD'), each month counted once. */
function monthsWithin(periods: { from: string; to: string | null }[], end: string, months: number): number {
  const index = (date: string) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1
  const windowEnd = index(end)
  const windowStart = windowEnd - months + 1
  const covered = new Set<number>()
  for (const period of periods) {
    for (let month = Math.max(index(period.from), windowStart); month <= Math.min(index(period.to ?? end), windowEnd); month++) covered.add(month)
  }
  return covered.size
}

function label(role: PartyRole): string {
  return role.toLowerCase()
}
