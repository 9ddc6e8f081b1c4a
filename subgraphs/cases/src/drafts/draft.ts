import { GraphQLError } from 'graphql'
import type { Procedure } from '../catalogue.js'
import type { CitizenEvidence, PartyEvidence } from './evidence.js'
import { evidenceFieldOf } from './draft-types.js'
import type { PartyRole } from './vocabulary.js'

export interface DraftPartyInput {
  role: PartyRole
  personalId: string
}

export interface ApplicationDraftInput {
  procedureCode: string
  applicantId: string
  parties: DraftPartyInput[]
}

/** A draft as the cases subgraph passes it around: which procedure, who, and (once the gateway has fetched it) the evidence. */
export interface DraftReference {
  __typename: string
  id: string
  procedure: Procedure
  parties: DraftPartyInput[]
  /** Under the procedure's evidence field in representations: one entry per party, in `parties` order. */
  [evidenceField: string]: unknown
}

/** The draft's id: its procedure and parties, so a representation names them without any stored state. */
export function draftIdOf(procedureCode: string, parties: DraftPartyInput[]): string {
  return Buffer.from(JSON.stringify([procedureCode, parties.map(({ role, personalId }) => [role, personalId])])).toString('base64url')
}

function decodeDraftId(id: string): { procedureCode: string; parties: DraftPartyInput[] } {
  try {
    const [procedureCode, parties] = JSON.parse(Buffer.from(id, 'base64url').toString('utf8')) as [string, [PartyRole, string][]]
    return { procedureCode, parties: parties.map(([role, personalId]) => ({ role, personalId })) }
  } catch {
    throw new GraphQLError('Not an application draft id.', { extensions: { code: 'BAD_USER_INPUT' } })
  }
}

function badInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } })
}

/**
 * Checks the input against the procedure (its parties, who is required, who
 * may be the same person) and returns the draft the gateway will complete.
 */
export function startDraft(procedureByCode: ReadonlyMap<string, Procedure>, input: ApplicationDraftInput): DraftReference {
  const procedure = procedureByCode.get(input.procedureCode.trim())
  if (!procedure) {
    throw new GraphQLError(`No procedure with code "${input.procedureCode.slice(0, 20)}" in the catalogue; query \`procedures\` for the codes.`, {
      extensions: { code: 'NOT_FOUND' },
    })
  }
  const known = new Map(procedure.parties.map((party) => [party.role, party]))
  const seenRoles = new Set<PartyRole>()
  for (const party of input.parties) {
    if (party.role === 'APPLICANT') throw badInput('The applicant is given by `applicantId`, not among `parties`.')
    if (!known.has(party.role)) {
      throw badInput(`${procedure.name} (${procedure.code}) has no ${party.role} party; its parties are ${[...known.keys()].join(', ')}.`)
    }
    if (seenRoles.has(party.role)) throw badInput(`The ${party.role} party is given twice.`)
    seenRoles.add(party.role)
  }
  for (const party of procedure.parties) {
    if (party.role !== 'APPLICANT' && party.required && !seenRoles.has(party.role)) {
      throw badInput(`${procedure.name} (${procedure.code}) needs the ${party.role} party (${party.label}) in \`parties\`.`)
    }
  }
  const parties: DraftPartyInput[] = [{ role: 'APPLICANT', personalId: input.applicantId }, ...input.parties]
  for (const [index, party] of parties.entries()) {
    // The latest earlier occurrence: an applicant named as mother may not also be named as father.
    const earlier = parties.slice(0, index).findLast((other) => other.personalId === party.personalId)
    if (!earlier) continue
    const allowed = earlier.role === 'APPLICANT' && known.get(party.role)?.mayBeApplicant
    if (!allowed) throw badInput(`The same person cannot be both the ${earlier.role} and the ${party.role} of a ${procedure.nameEn.toLowerCase()}.`)
  }
  const draft: DraftReference = { __typename: procedure.draftType, id: draftIdOf(procedure.code, parties), procedure, parties }
  draft[evidenceFieldOf(procedure.draftType)] = partyCitizens(parties)
  return draft
}

/** The draft a representation names, from its id. */
export function draftFromReference(procedureByCode: ReadonlyMap<string, Procedure>, reference: { __typename: string; id: string } & Record<string, unknown>): DraftReference {
  const { procedureCode, parties } = decodeDraftId(reference.id)
  const procedure = procedureByCode.get(procedureCode)
  if (!procedure || procedure.draftType !== reference.__typename) throw new GraphQLError('The draft names a procedure the catalogue no longer has.', { extensions: { code: 'NOT_FOUND' } })
  return { ...reference, procedure, parties }
}

export function partyCitizens(parties: DraftPartyInput[]): { citizen: { personalId: string } }[] {
  return parties.map(({ personalId }) => ({ citizen: { personalId } }))
}

/**
 * Pairs each party with what the registers returned for it. A party the
 * population register does not know cannot be drafted for: NOT_FOUND, naming
 * the role, not the id.
 */
export function partiesWithEvidence(draft: DraftReference): PartyEvidence[] {
  const evidence = draft[evidenceFieldOf(draft.procedure.draftType)]
  if (!Array.isArray(evidence) || evidence.length !== draft.parties.length) {
    throw new GraphQLError('The draft was asked for without its register evidence.', { extensions: { code: 'INTERNAL_SERVER_ERROR' } })
  }
  return draft.parties.map((party, index) => {
    const citizen = ((evidence[index] as { citizen?: CitizenEvidence | null } | null)?.citizen ?? {}) as CitizenEvidence
    if (!citizen.fullName) {
      throw new GraphQLError(`The population register holds no citizen with the ${party.role} personal id given.`, {
        extensions: { code: 'NOT_FOUND', role: party.role },
      })
    }
    return { role: party.role, personalId: party.personalId, citizen }
  })
}
