import { Kind, parse, type SelectionSetNode } from 'graphql'
import type { Catalogue, Procedure } from '../catalogue.js'
import { ADDRESS_SELECTION } from './evidence.js'
import { CHECK_RULES, DOCUMENT_RULES, FIELD_VALUES } from './vocabulary.js'

// Each procedure's drafts are their own GraphQL type whose computed fields
// @requires exactly the Citizen fields that procedure's form, documents and
// checks read. The evidence sits under a field named after the procedure, so
// the query plan's paths differ per type and the gateway fetches a register
// only for drafts that need it (purpose limitation; @apollo/gateway does not
// support type-conditioned fetching, which would otherwise be the tool).

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
 * by `npm run compose` and checked for staleness by the tests).
 */
export function draftTypeDefs(catalogue: Catalogue): string {
  const header = [
    `# Generated from the procedure catalogue ${catalogue.version} (migrations/cases/catalogue/) by \`npm run compose\`: do not edit.`,
    '# Each type @requires the Citizen fields its procedure reads, and nothing else.',
  ]
  const types = catalogue.procedures.map((procedure) => {
    const evidence = evidenceFieldOf(procedure.draftType)
    const requires = `${evidence} { citizen { ${citizenSelectionOf(procedure)} } }`
    return [
      `"${procedure.name} (${procedure.nameEn}, ${procedure.code}): a draft application."`,
      `type ${procedure.draftType} implements ApplicationDraft @key(fields: "id") {`,
      '  id: ID!',
      '  procedure: Procedure!',
      '  parties: [DraftParty!]!',
      `  ${evidence}: [DraftPartyEvidence!]! @inaccessible`,
      ...COMPUTED_FIELDS.map((field) => `  ${field} @requires(fields: ${JSON.stringify(requires)})`),
      '}',
    ].join('\n')
  })
  return `${[...header, '', types.join('\n\n')].join('\n')}\n`
}
