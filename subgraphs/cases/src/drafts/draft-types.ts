import { readFileSync } from 'node:fs'
import { buildSubgraphSchema } from '@apollo/subgraph'
import { conjoinRequirements, readAuthorizationRequirements, type Alternatives, type FieldRequirement } from '@lienthong/lib/authorization'
import { readSubgraphOwnTypeDefs, SUBGRAPHS, subgraphTypeDefs } from '@lienthong/schema'
import { getNamedType, isInterfaceType, isObjectType, Kind, parse, type SelectionSetNode } from 'graphql'
import type { Catalogue, Procedure } from '../catalogue.js'
import { ADDRESS_SELECTION } from './evidence.js'
import { CHECK_RULES, DOCUMENT_RULES, FIELD_VALUES } from './vocabulary.js'

// Each procedure's drafts are their own GraphQL type whose computed fields
// @requires exactly the Citizen fields that procedure's form, documents and
// checks read. The evidence sits under a field named after the procedure, so
// the query plan's paths differ per type and the gateway fetches a register
// only for drafts that need it (purpose limitation; @apollo/gateway does not
// support type-conditioned fetching, which would otherwise be the tool).
//
// Authorization (issue 5): composition refuses a @requires field that does not
// carry the requirements of every field its selection reads
// (MISSING_TRANSITIVE_AUTH_REQUIREMENTS). The computed fields' @authenticated,
// @requiresScopes and @policy are therefore computed here from the other
// subgraphs' SDL files, never written by hand: a register that tightens a field
// a procedure reads changes the generated type (and the staleness test fails
// until `npm run compose` is run).

/** Read for every party: whether the population register knows the person, and when it last changed. */
const ALWAYS_SELECTED = 'fullName updatedAt'

const AUTHORITY_SELECTIONS: Record<Procedure['authority']['basis'], string> = {
  PERMANENT_RESIDENCE: `permanentResidence { ${ADDRESS_SELECTION} }`,
  CURRENT_RESIDENCE: `currentResidence { ${ADDRESS_SELECTION} }`,
  LAND_PARCEL: FIELD_VALUES.landParcelAddress.selection,
}

/** The draft fields computed from the evidence; each carries the procedure's @requires. */
const COMPUTED_FIELDS = [
  'fields: [DraftField!]!',
  'documents: [DraftDocument!]!',
  'receivingAuthority: ReceivingAuthority',
  'warnings: [DraftIssue!]!',
  'blockers: [DraftIssue!]!',
  'canProceed: Boolean!',
]

/** Every draft type: drafting is for callers holding cases:draft. */
export const DRAFT_TYPE_SCOPES: Alternatives = [['cases:draft']]

/**
 * What the computed fields of a procedure naming parties besides the applicant
 * also need: the `citizen_self` policy of `applicationDraft` binds only
 * `input.applicantId`, so another person's records reach agencies only.
 */
export const OTHER_PARTIES_POLICIES: Alternatives = [['agency']]

/**
 * What the subgraphs other than the drafts' own generated types require to
 * read each field, as composition merges it (the AND of every subgraph
 * declaring the field).
 */
export interface RegisterRequirements {
  /** Per field coordinate ("Citizen.religion"): the field's own, its type's and its returned type's requirements; absent: public. */
  readonly fields: ReadonlyMap<string, FieldRequirement>
  /** Per field coordinate: the named type it returns, to follow a nested selection. */
  readonly returnTypes: ReadonlyMap<string, string>
}

/**
 * Reads the requirements from the SDL files of every subgraph but cases, and
 * of the cases subgraph's own `schema.graphql` (its stubs of the registers'
 * types), each built as its subgraph serves it.
 */
export function readRegisterRequirements(): RegisterRequirements {
  const casesSchemaFile = readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8')
  const typeDefs = [
    ...SUBGRAPHS.filter(({ name }) => name !== 'cases').map(({ name }) => subgraphTypeDefs(name, readSubgraphOwnTypeDefs(name))),
    subgraphTypeDefs('cases', casesSchemaFile),
  ]
  const fields = new Map<string, FieldRequirement>()
  const returnTypes = new Map<string, string>()
  for (const sdl of typeDefs) {
    const schema = buildSubgraphSchema([{ typeDefs: parse(sdl) }])
    for (const [coordinate, requirement] of readAuthorizationRequirements(schema)) {
      fields.set(coordinate, conjoinRequirements(fields.get(coordinate), requirement)!)
    }
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || (!isObjectType(type) && !isInterfaceType(type))) continue
      for (const field of Object.values(type.getFields())) returnTypes.set(`${type.name}.${field.name}`, getNamedType(field.type).name)
    }
  }
  return { fields, returnTypes }
}

/**
 * What reading `selection` (GraphQL syntax) on `typeName` requires: the AND of
 * the requirement of every field it selects, at any depth; undefined when all
 * are public. Throws on a field no subgraph declares.
 */
export function requirementOfSelection(registers: RegisterRequirements, typeName: string, selection: string): FieldRequirement | undefined {
  const walk = (parentType: string, selectionSet: SelectionSetNode): (FieldRequirement | undefined)[] =>
    selectionSet.selections.flatMap((node) => {
      if (node.kind !== Kind.FIELD) throw new Error('evidence selections are plain fields, without fragments')
      const coordinate = `${parentType}.${node.name.value}`
      const returnType = registers.returnTypes.get(coordinate)
      if (returnType === undefined) throw new Error(`no subgraph declares ${coordinate}`)
      return [registers.fields.get(coordinate), ...(node.selectionSet ? walk(returnType, node.selectionSet) : [])]
    })
  const [operation] = parse(`{ ${selection} }`).definitions
  if (operation?.kind !== Kind.OPERATION_DEFINITION) throw new Error(`not a selection: ${selection}`)
  return conjoinRequirements(...walk(typeName, operation.selectionSet))
}

/**
 * What a procedure's computed fields require: what their @requires reads (the
 * parties' evidence, from `DraftPartyEvidence.citizen` down), @authenticated in
 * any case, and {@link OTHER_PARTIES_POLICIES} when the procedure names parties
 * besides the applicant.
 */
export function computedFieldRequirementOf(procedure: Procedure, registers: RegisterRequirements): FieldRequirement {
  const evidence = requirementOfSelection(registers, 'DraftPartyEvidence', `citizen { ${citizenSelectionOf(procedure)} }`)
  const otherParties = procedure.parties.some((party) => party.role !== 'APPLICANT')
  return conjoinRequirements({ authenticated: true }, evidence, otherParties ? { authenticated: true, policies: OTHER_PARTIES_POLICIES } : undefined)!
}

/** A requirement as SDL directives: `@authenticated @requiresScopes(scopes: [["a", "b"]]) @policy(policies: [["p"]])`. */
export function authorizationDirectivesOf(requirement: FieldRequirement): string {
  return [
    ...(requirement.authenticated ? ['@authenticated'] : []),
    ...(requirement.scopes ? [`@requiresScopes(scopes: ${printAlternatives(requirement.scopes)})`] : []),
    ...(requirement.policies ? [`@policy(policies: ${printAlternatives(requirement.policies)})`] : []),
  ].join(' ')
}

function printAlternatives(alternatives: Alternatives): string {
  return `[${alternatives.map((alternative) => `[${alternative.map((name) => JSON.stringify(name)).join(', ')}]`).join(', ')}]`
}

/** `MarriageRegistrationDraft` → `marriageRegistrationEvidence`: the field the procedure's evidence is fetched under. */
export function evidenceFieldOf(draftType: string): string {
  const stem = draftType.replace(/Draft$/, '')
  return `${stem.charAt(0).toLowerCase()}${stem.slice(1)}Evidence`
}

/** The Citizen fields a procedure reads, merged into one selection set (GraphQL syntax, fields in first-use order). */
export function citizenSelectionOf(procedure: Procedure): string {
  const parts = [
    ALWAYS_SELECTED,
    AUTHORITY_SELECTIONS[procedure.authority.basis],
    ...procedure.fields.flatMap((field) => (field.value ? [FIELD_VALUES[field.value].selection] : [])),
    ...procedure.documents.map((document) => DOCUMENT_RULES[document.rule].selection),
    ...procedure.checks.map((check) => {
      const selection = CHECK_RULES[check.rule].selection
      return typeof selection === 'function' ? selection(check) : selection
    }),
  ]
  return printSelections(mergeSelections(parts.filter((part) => part.trim() !== '')))
}

interface MergedField {
  children: Map<string, MergedField>
}

function mergeSelections(selections: string[]): Map<string, MergedField> {
  const root = new Map<string, MergedField>()
  const add = (into: Map<string, MergedField>, selectionSet: SelectionSetNode) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind !== Kind.FIELD) throw new Error('evidence selections are plain fields, without fragments')
      const name = selection.name.value
      const field = into.get(name) ?? { children: new Map() }
      into.set(name, field)
      if (selection.selectionSet) add(field.children, selection.selectionSet)
    }
  }
  for (const selection of selections) {
    const [operation] = parse(`{ ${selection} }`).definitions
    if (operation?.kind !== Kind.OPERATION_DEFINITION) throw new Error(`not a selection: ${selection}`)
    add(root, operation.selectionSet)
  }
  return root
}

/** Whether every field `needed` selects is also in `available` (both Citizen selections). */
export function selectionCovers(available: string, needed: string): boolean {
  const covers = (have: Map<string, MergedField>, want: Map<string, MergedField>): boolean =>
    [...want].every(([name, field]) => {
      const present = have.get(name)
      return present !== undefined && covers(present.children, field.children)
    })
  return covers(mergeSelections([available]), mergeSelections([needed]))
}

function printSelections(fields: Map<string, MergedField>): string {
  return [...fields].map(([name, field]) => (field.children.size > 0 ? `${name} { ${printSelections(field.children)} }` : name)).join(' ')
}

/**
 * The SDL of every procedure's draft type (`src/draft-types.graphql`, written
 * by `npm run compose` and checked for staleness by the tests). The computed
 * fields' authorization comes from `registers` (by default the other
 * subgraphs' SDL files, {@link readRegisterRequirements}).
 */
export function draftTypeDefs(catalogue: Catalogue, registers: RegisterRequirements = readRegisterRequirements()): string {
  const header = [
    `# Generated from the procedure catalogue ${catalogue.version} (migrations/cases/catalogue/) by \`npm run compose\`: do not edit.`,
    '# Each type @requires the Citizen fields its procedure reads, and nothing else; its computed fields carry what',
    '# reading those fields requires in the registers (@authenticated, @requiresScopes, @policy), computed from their SDL.',
  ]
  const types = catalogue.procedures.map((procedure) => {
    const evidence = evidenceFieldOf(procedure.draftType)
    const requires = `${evidence} { citizen { ${citizenSelectionOf(procedure)} } }`
    const authorization = authorizationDirectivesOf(computedFieldRequirementOf(procedure, registers))
    return [
      `"${procedure.name} (${procedure.nameEn}, ${procedure.code}): a draft application."`,
      `type ${procedure.draftType} implements ApplicationDraft @key(fields: "id") @requiresScopes(scopes: ${printAlternatives(DRAFT_TYPE_SCOPES)}) {`,
      '  id: ID!',
      '  procedure: Procedure!',
      '  parties: [DraftParty!]!',
      `  ${evidence}: [DraftPartyEvidence!]! @inaccessible`,
      ...COMPUTED_FIELDS.map((field) => `  ${field} ${authorization} @requires(fields: ${JSON.stringify(requires)})`),
      '}',
    ].join('\n')
  })
  return `${[...header, '', types.join('\n\n')].join('\n')}\n`
}
