// Tables of the cases database (migrations/cases/): the procedure catalogue. Drafts are computed, not stored.

export interface ProcedureTable {
  code: string
  name: string
  name_en: string
  draft_type: string
  domain: string
  level: string
  authority_party: string
  authority_basis: string
  authority_body: string
  legal_basis: string[]
  catalogue_version: string
}

export interface ProcedurePartyTable {
  procedure_code: string
  position: number
  role: string
  label: string
  required: boolean
  may_be_applicant: boolean
}

export interface ProcedureFieldTable {
  procedure_code: string
  position: number
  key: string
  label: string
  party: string | null
  value: string | null
  verified: boolean
}

export interface ProcedureDocumentTable {
  procedure_code: string
  position: number
  key: string
  name: string
  party: string | null
  rule: string
  unless_applicant_is: string[]
  legal_basis: string | null
}

export interface ProcedureCheckTable {
  procedure_code: string
  position: number
  rule: string
  severity: string
  parties: string[] | null
  parameters: Record<string, unknown>
  legal_basis: string | null
}

export interface CasesDatabase {
  procedure: ProcedureTable
  procedure_party: ProcedurePartyTable
  procedure_field: ProcedureFieldTable
  procedure_document: ProcedureDocumentTable
  procedure_check: ProcedureCheckTable
}
