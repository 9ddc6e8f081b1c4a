import { readFileSync } from 'node:fs'
import type { Kysely } from 'kysely'
import { catalogueFile } from '../../index.ts'

// The catalogue file's shape, as far as loading needs it (the cases subgraph
// validates names against its vocabulary when it starts).
interface CatalogueFile {
  version: string
  procedures: {
    code: string
    name: string
    nameEn: string
    draftType: string
    domain: string
    level: string
    authority: { party: string; basis: string; body: string }
    legalBasis: string[]
    parties: { role: string; label: string; required?: boolean; mayBeApplicant?: boolean }[]
    fields: { key: string; label: string; party?: string; value?: string; verified?: boolean }[]
    documents: { key: string; name: string; party?: string; rule: string; unlessApplicantIs?: string[]; legalBasis?: string }[]
    checks: ({ rule: string; severity: string; parties?: string[]; legalBasis?: string } & Record<string, unknown>)[]
  }[]
}

/** Replaces the whole catalogue with the version in `procedures-<version>.json`, in the migration's transaction: one insert per table. */
export async function replaceCatalogue(db: Kysely<any>, version: string): Promise<void> {
  const catalogue = JSON.parse(readFileSync(catalogueFile(version), 'utf8')) as CatalogueFile
  const { procedures } = catalogue
  // Each child row keeps its procedure's code and its position in the file's list.
  const rowsOf = <T, R>(list: (procedure: CatalogueFile['procedures'][number]) => T[], row: (item: T) => R) =>
    procedures.flatMap((procedure) => list(procedure).map((item, position) => ({ procedure_code: procedure.code, position, ...row(item) })))
  await db.deleteFrom('procedure').execute()
  await db
    .insertInto('procedure')
    .values(
      procedures.map((procedure) => ({
        code: procedure.code,
        name: procedure.name,
        name_en: procedure.nameEn,
        draft_type: procedure.draftType,
        domain: procedure.domain,
        level: procedure.level,
        authority_party: procedure.authority.party,
        authority_basis: procedure.authority.basis,
        authority_body: procedure.authority.body,
        legal_basis: procedure.legalBasis,
        catalogue_version: catalogue.version,
      })),
    )
    .execute()
  await db
    .insertInto('procedure_party')
    .values(rowsOf((procedure) => procedure.parties, (party) => ({ role: party.role, label: party.label, required: party.required ?? false, may_be_applicant: party.mayBeApplicant ?? false })))
    .execute()
  await db
    .insertInto('procedure_field')
    .values(
      rowsOf(
        (procedure) => procedure.fields,
        (field) => ({ key: field.key, label: field.label, party: field.party ?? null, value: field.value ?? null, verified: field.verified ?? true }),
      ),
    )
    .execute()
  await db
    .insertInto('procedure_document')
    .values(
      rowsOf(
        (procedure) => procedure.documents,
        (document) => ({
          key: document.key,
          name: document.name,
          party: document.party ?? null,
          rule: document.rule,
          unless_applicant_is: document.unlessApplicantIs ?? [],
          legal_basis: document.legalBasis ?? null,
        }),
      ),
    )
    .execute()
  await db
    .insertInto('procedure_check')
    .values(
      rowsOf(
        (procedure) => procedure.checks,
        ({ rule, severity, parties, legalBasis, ...parameters }) => ({ rule, severity, parties: parties ?? null, parameters: JSON.stringify(parameters), legal_basis: legalBasis ?? null }),
      ),
    )
    .execute()
}
