import type { Kysely } from 'kysely'
import { validateCatalogue, type Catalogue, type Procedure } from './catalogue.js'
import type { CasesDatabase } from './database.js'

/**
 * The catalogue as the cases database holds it, validated against the
 * vocabulary: a row naming an unknown rule or value stops the subgraph at
 * start rather than producing wrong drafts.
 */
export async function loadCatalogue(db: Kysely<CasesDatabase>): Promise<Catalogue> {
  const [procedures, parties, fields, documents, checks] = await Promise.all([
    db.selectFrom('procedure').selectAll().orderBy('code').execute(),
    db.selectFrom('procedure_party').selectAll().orderBy('procedure_code').orderBy('position').execute(),
    db.selectFrom('procedure_field').selectAll().orderBy('procedure_code').orderBy('position').execute(),
    db.selectFrom('procedure_document').selectAll().orderBy('procedure_code').orderBy('position').execute(),
    db.selectFrom('procedure_check').selectAll().orderBy('procedure_code').orderBy('position').execute(),
  ])
  const partiesOf = byProcedure(parties)
  const fieldsOf = byProcedure(fields)
  const documentsOf = byProcedure(documents)
  const checksOf = byProcedure(checks)
  const versions = new Set(procedures.map((row) => row.catalogue_version))
  return validateCatalogue({
    version: [...versions].sort().join('+') || 'empty',
    procedures: procedures.map(
      (row): Procedure =>
        ({
          code: row.code,
          name: row.name,
          nameEn: row.name_en,
          draftType: row.draft_type,
          domain: row.domain,
          level: row.level,
          authority: { party: row.authority_party, basis: row.authority_basis, body: row.authority_body },
          legalBasis: row.legal_basis,
          parties: (partiesOf.get(row.code) ?? []).map((party) => ({ role: party.role, label: party.label, required: party.required, mayBeApplicant: party.may_be_applicant })),
          fields: (fieldsOf.get(row.code) ?? []).map((field) => ({
            key: field.key,
            label: field.label,
            ...(field.party ? { party: field.party } : {}),
            ...(field.value ? { value: field.value } : {}),
            verified: field.verified,
          })),
          documents: (documentsOf.get(row.code) ?? []).map((document) => ({
            key: document.key,
            name: document.name,
            ...(document.party ? { party: document.party } : {}),
            rule: document.rule,
            unlessApplicantIs: document.unless_applicant_is,
            ...(document.legal_basis ? { legalBasis: document.legal_basis } : {}),
          })),
          checks: (checksOf.get(row.code) ?? []).map((check) => ({
            rule: check.rule,
            severity: check.severity,
            ...(check.parties ? { parties: check.parties } : {}),
            ...check.parameters,
            ...(check.legal_basis ? { legalBasis: check.legal_basis } : {}),
          })),
          catalogueVersion: row.catalogue_version,
        }) as Procedure,
    ),
  })
}

function byProcedure<R extends { procedure_code: string }>(rows: R[]): Map<string, R[]> {
  const groups = new Map<string, R[]>()
  for (const row of rows) groups.set(row.procedure_code, [...(groups.get(row.procedure_code) ?? []), row])
  return groups
}
