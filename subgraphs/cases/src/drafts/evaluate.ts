import type { Procedure, ProcedureCheck } from '../catalogue.js'
import { communeOf, principalParcel, provinceOf, type AddressEvidence, type PartyEvidence, type RecordReference, type UnitEvidence } from './evidence.js'
import { CHECK_RULES, DOCUMENT_RULES, FIELD_VALUES, partyOf, type DocumentOutcome, type DraftEvidence, type DraftIssue, type FilledValue, type PartyRole } from './vocabulary.js'

export interface DraftFieldResult {
  key: string
  label: string
  party: PartyRole | null
  value: string | null
  source: RecordReference | null
  verified: boolean
  commune: { code: string } | null
}

export type DraftDocumentResult = {
  key: string
  name: string
  party: PartyRole | null
  legalBasis: string | null
} & DocumentOutcome

export interface ReceivingAuthorityResult {
  name: string
  level: Procedure['level']
  unit: { code: string }
  basis: string
}

export interface DraftResult {
  fields: DraftFieldResult[]
  documents: DraftDocumentResult[]
  receivingAuthority: ReceivingAuthorityResult | null
  warnings: DraftIssue[]
  blockers: DraftIssue[]
}

/**
 * Fills a procedure's form, decides each document and runs its checks, from
 * the registers' answers about the parties. Pure: the same evidence gives the
 * same draft.
 */
export function evaluateDraft(procedure: Procedure, draft: DraftEvidence): DraftResult {
  const fields = procedure.fields.map((field): DraftFieldResult => {
    const party = field.party && partyOf(draft, field.party)
    const filled: FilledValue | undefined = party && field.value ? FIELD_VALUES[field.value].read(party, draft) : undefined
    return {
      key: field.key,
      label: field.label,
      party: field.party ?? null,
      value: filled?.value ?? null,
      source: filled?.source ?? null,
      verified: filled !== undefined && field.verified !== false,
      commune: unitReference(communeOf(filled?.address)),
    }
  })
  const documents = procedure.documents.map((document): DraftDocumentResult => {
    const party = document.party && partyOf(draft, document.party)
    return { key: document.key, name: document.name, party: document.party ?? null, legalBasis: document.legalBasis ?? null, ...DOCUMENT_RULES[document.rule].decide(document, party, draft) }
  })
  const issuesOf = (severity: ProcedureCheck['severity']) => procedure.checks.filter((check) => check.severity === severity).flatMap((check) => runCheck(check, draft))
  const authority = receivingAuthorityOf(procedure, draft)
  const warnings = [...issuesOf('WARNING'), ...authority.warnings]
  const blockers = issuesOf('BLOCKER')
  return { fields, documents, receivingAuthority: authority.authority, warnings, blockers }
}

function runCheck(check: ProcedureCheck, draft: DraftEvidence): DraftIssue[] {
  const wanted = check.parties ?? draft.parties.map((party) => party.role)
  // The applicant may also be a party (a mother registering her child): check each person once, under their first role.
  const seen = new Set<string>()
  const parties = draft.parties.filter((party) => wanted.includes(party.role) && !seen.has(party.personalId) && seen.add(party.personalId))
  return CHECK_RULES[check.rule].check(check, parties, draft).map((issue) => ({ code: check.rule, ...issue, ...(check.legalBasis ? { legalBasis: check.legalBasis } : {}) }))
}

const BASIS_LABELS = {
  PERMANENT_RESIDENCE: 'permanent residence',
  CURRENT_RESIDENCE: 'current residence',
  LAND_PARCEL: 'location of the parcel',
} as const

/**
 * The competent body: the 2025 commune (or its province, for a province-level
 * procedure) of the authority party's residence, or of the parcel for land.
 */
function receivingAuthorityOf(procedure: Procedure, draft: DraftEvidence): { authority: ReceivingAuthorityResult | null; warnings: DraftIssue[] } {
  const { party: role, basis, body } = procedure.authority
  const party = partyOf(draft, role)
  const address = party && authorityAddress(party, basis)
  const unit = procedure.level === 'COMMUNE' ? communeOf(address) : provinceOf(address)
  const basisLabel = `${BASIS_LABELS[basis]} of the ${role.toLowerCase()}`
  if (!unit?.name) {
    return {
      authority: null,
      warnings: [
        {
          code: 'AUTHORITY_UNDETERMINED',
          message: `The receiving ${procedure.level === 'COMMUNE' ? 'commune' : 'province'} cannot be determined from the ${basisLabel}: ${address ? 'its 2025 commune is not known' : 'the registers hold none'}.`,
          party: role,
        },
      ],
    }
  }
  return { authority: { name: `${body} ${unit.name}`, level: procedure.level, unit: { code: unit.code }, basis: basisLabel }, warnings: [] }
}

function authorityAddress(party: PartyEvidence, basis: Procedure['authority']['basis']): AddressEvidence | undefined {
  switch (basis) {
    case 'PERMANENT_RESIDENCE':
      return party.citizen.permanentResidence
    case 'CURRENT_RESIDENCE':
      return party.citizen.currentResidence
    case 'LAND_PARCEL':
      return principalParcel(party)?.parcel.address
  }
}

function unitReference(unit: UnitEvidence | undefined): { code: string } | null {
  return unit ? { code: unit.code } : null
}
