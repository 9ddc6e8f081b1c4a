import {
  AdministrativeUnitCodeScalar,
  DateResolver,
  DateTimeResolver,
  EnterpriseCodeScalar,
  LandParcelIdScalar,
  LegacyAdministrativeUnitCodeScalar,
  PersonalIdScalar,
  SocialInsuranceNumberScalar,
} from '@lienthong/schema'
import { GraphQLError } from 'graphql'
import type { Procedure } from './catalogue.js'
import type { CasesContext } from './context.js'
import { draftFromReference, partiesWithEvidence, partyCitizens, startDraft, type ApplicationDraftInput, type DraftReference } from './drafts/draft.js'
import { evidenceFieldOf } from './drafts/draft-types.js'
import { evaluateDraft, type DraftResult } from './drafts/evaluate.js'

// The five computed fields of a draft share one evaluation per draft object.
const evaluations = new WeakMap<DraftReference, DraftResult>()

function evaluated(draft: DraftReference, context: CasesContext): DraftResult {
  let result = evaluations.get(draft)
  if (!result) {
    result = evaluateDraft(draft.procedure, { parties: partiesWithEvidence(draft), today: context.today })
    evaluations.set(draft, result)
  }
  return result
}

const sourceOf = <T extends { register: string; recordType: string; recordId: string; updatedAt: string | null }>(record: T | null | undefined) =>
  record ? { register: record.register, recordType: record.recordType, recordId: record.recordId, updatedAt: record.updatedAt } : null

/** Resolvers of one procedure's draft type; every draft type behaves the same, only its @requires differ. */
function draftTypeResolvers(draftType: string) {
  const evidenceField = evidenceFieldOf(draftType)
  return {
    __resolveReference: (reference: { __typename: string; id: string } & Record<string, unknown>, context: CasesContext) =>
      draftFromReference(context.procedureByCode, reference),
    parties: (draft: DraftReference) => draft.parties.map(({ role, personalId }) => ({ role, citizen: { personalId } })),
    [evidenceField]: (draft: DraftReference) => partyCitizens(draft.parties),
    fields: (draft: DraftReference, _: unknown, context: CasesContext) => evaluated(draft, context).fields.map((field) => ({ ...field, source: sourceOf(field.source) })),
    documents: (draft: DraftReference, _: unknown, context: CasesContext) =>
      evaluated(draft, context).documents.map((document) => ({
        ...document,
        evidence: document.status === 'WAIVED' ? { source: sourceOf(document.evidence), description: document.evidence.description } : null,
        reason: document.status === 'WAIVED' ? null : document.reason,
      })),
    receivingAuthority: (draft: DraftReference, _: unknown, context: CasesContext) => evaluated(draft, context).receivingAuthority,
    warnings: (draft: DraftReference, _: unknown, context: CasesContext) => evaluated(draft, context).warnings.map((issue) => ({ ...issue, record: sourceOf(issue.record) })),
    blockers: (draft: DraftReference, _: unknown, context: CasesContext) => evaluated(draft, context).blockers.map((issue) => ({ ...issue, record: sourceOf(issue.record) })),
    canProceed: (draft: DraftReference, _: unknown, context: CasesContext) => evaluated(draft, context).blockers.length === 0,
  }
}

/** The resolvers for a schema with these draft types (those the SDL was generated with). */
export function createResolvers(draftTypes: Iterable<string>) {
  return {
    Date: DateResolver,
    DateTime: DateTimeResolver,
    PersonalId: PersonalIdScalar,
    EnterpriseCode: EnterpriseCodeScalar,
    SocialInsuranceNumber: SocialInsuranceNumberScalar,
    LandParcelId: LandParcelIdScalar,
    AdministrativeUnitCode: AdministrativeUnitCodeScalar,
    LegacyAdministrativeUnitCode: LegacyAdministrativeUnitCodeScalar,
    Query: {
      procedures: (_: unknown, __: unknown, context: CasesContext) => context.catalogue.procedures,
      procedure: (_: unknown, { code }: { code: string }, context: CasesContext) => context.procedureByCode.get(code.trim()) ?? null,
      applicationDraft: (_: unknown, { input }: { input: ApplicationDraftInput }, context: CasesContext) => startDraft(context.procedureByCode, input),
    },
    ApplicationDraft: {
      __resolveType: (draft: DraftReference) => draft.__typename,
    },
    Procedure: {
      parties: (procedure: Procedure) => procedure.parties.map((party) => ({ ...party, required: party.role === 'APPLICANT' || party.required === true })),
      documents: (procedure: Procedure) => procedure.documents.map((document) => ({ ...document, party: document.party ?? null, legalBasis: document.legalBasis ?? null })),
      fields: (procedure: Procedure) => procedure.fields.map((field) => ({ ...field, party: field.party ?? null, value: field.value ?? null })),
      catalogueVersion: (procedure: Procedure) => {
        if (!procedure.catalogueVersion) throw new GraphQLError('The procedure was not loaded from the catalogue tables.', { extensions: { code: 'INTERNAL_SERVER_ERROR' } })
        return procedure.catalogueVersion
      },
    },
    ...Object.fromEntries([...draftTypes].map((draftType) => [draftType, draftTypeResolvers(draftType)])),
  }
}
