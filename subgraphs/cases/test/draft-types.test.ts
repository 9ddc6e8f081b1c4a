import { readFileSync } from 'node:fs'
import { Kind, parse, validate, type FieldNode, type ObjectTypeDefinitionNode, type SelectionSetNode, type StringValueNode } from 'graphql'
import { describe, expect, it } from 'vitest'
import { readCatalogueFile } from '../src/catalogue.js'
import { citizenSelectionOf, draftTypeDefs, evidenceFieldOf } from '../src/drafts/draft-types.js'
import { createCasesSchema } from '../src/subgraph.js'
import { MARRIAGE, procedureOf, UNEMPLOYMENT_BENEFIT } from './fixtures.js'

const GENERATED_SDL = readFileSync(new URL('../src/draft-types.graphql', import.meta.url), 'utf8')
const CATALOGUE = readCatalogueFile()
const COMPUTED_FIELDS = ['fields', 'documents', 'receivingAuthority', 'warnings', 'blockers', 'canProceed']

/** The Citizen fields a selection reads at its top level. */
function topLevelFields(selection: string): string[] {
  const [operation] = parse(`{ ${selection} }`).definitions
  if (operation?.kind !== Kind.OPERATION_DEFINITION) throw new Error('not a selection')
  return operation.selectionSet.selections.map((field) => (field as FieldNode).name.value)
}

/** The sub-selection of `name` in a selection set, if selected. */
function subSelection(selectionSet: SelectionSetNode | undefined, name: string): SelectionSetNode | undefined {
  return selectionSet?.selections.map((selection) => selection as FieldNode).find((field) => field.name.value === name)?.selectionSet
}

/** The generated type of a draft type, from the committed SDL. */
function generatedType(draftType: string): ObjectTypeDefinitionNode {
  const type = parse(GENERATED_SDL).definitions.find((definition): definition is ObjectTypeDefinitionNode => definition.kind === Kind.OBJECT_TYPE_DEFINITION && definition.name.value === draftType)
  if (!type) throw new Error(`${draftType} is not in src/draft-types.graphql`)
  return type
}

/** The `@requires(fields:)` of a computed field of a generated draft type. */
function requiresOf(draftType: string, field: string): string {
  const definition = generatedType(draftType).fields?.find((candidate) => candidate.name.value === field)
  const requires = definition?.directives?.find((directive) => directive.name.value === 'requires')
  return (requires?.arguments?.find((argument) => argument.name.value === 'fields')?.value as StringValueNode | undefined)?.value ?? ''
}

/** The Citizen selection under `<evidence> { citizen { … } }` of a @requires. */
function citizenSelectionIn(requires: string, evidenceField: string): string[] {
  const [operation] = parse(`{ ${requires} }`).definitions
  if (operation?.kind !== Kind.OPERATION_DEFINITION) throw new Error('not a selection')
  const citizen = subSelection(subSelection(operation.selectionSet, evidenceField), 'citizen')
  return (citizen?.selections ?? []).map((selection) => (selection as FieldNode).name.value)
}

describe('src/draft-types.graphql', () => {
  it('is what draftTypeDefs generates from the committed catalogue (when this fails, run `npm run compose`)', () => {
    expect(GENERATED_SDL, 'src/draft-types.graphql is stale: run `npm run compose`').toBe(draftTypeDefs(CATALOGUE))
  })

  it('declares one type per procedure, implementing ApplicationDraft, keyed by id, with an inaccessible evidence field of its own', () => {
    const evidenceFields = new Set<string>()
    for (const procedure of CATALOGUE.procedures) {
      const type = generatedType(procedure.draftType)
      expect(type.interfaces?.map((named) => named.name.value)).toEqual(['ApplicationDraft'])
      expect(type.directives?.map((directive) => directive.name.value)).toEqual(['key'])
      const evidence = type.fields?.find((field) => field.name.value === evidenceFieldOf(procedure.draftType))
      expect(evidence?.directives?.map((directive) => directive.name.value)).toEqual(['inaccessible'])
      evidenceFields.add(evidenceFieldOf(procedure.draftType))
    }
    // Distinct paths per type: the query plan cannot merge two procedures' register fetches.
    expect(evidenceFields.size).toBe(CATALOGUE.procedures.length)
    expect(evidenceFieldOf('MarriageRegistrationDraft')).toBe('marriageRegistrationEvidence')
  })

  it("gives each computed field of a type the same @requires: the procedure's evidence field with its Citizen selection", () => {
    for (const procedure of CATALOGUE.procedures) {
      const expected = `${evidenceFieldOf(procedure.draftType)} { citizen { ${citizenSelectionOf(procedure)} } }`
      for (const field of COMPUTED_FIELDS) expect(requiresOf(procedure.draftType, field), `${procedure.draftType}.${field}`).toBe(expected)
    }
  })
})

describe('citizenSelectionOf', () => {
  it('for marriage registration, reads marital status and names, and nothing of land, insurance or business', () => {
    const marriage = procedureOf(MARRIAGE)
    const inSdl = citizenSelectionIn(requiresOf(marriage.draftType, 'fields'), 'marriageRegistrationEvidence')
    expect(inSdl).toEqual(topLevelFields(citizenSelectionOf(marriage)))
    expect(inSdl).toEqual(expect.arrayContaining(['fullName', 'maritalStatus', 'marriages', 'birthDate', 'sex', 'father', 'mother', 'permanentResidence']))
    for (const foreign of ['landRights', 'socialInsurance', 'enterprises', 'householdBusinesses', 'landDiscrepancies', 'insuranceDiscrepancies']) {
      expect(inSdl).not.toContain(foreign)
    }
  })

  it('for the unemployment benefit, reads the social insurance book and not the marriages', () => {
    const unemployment = procedureOf(UNEMPLOYMENT_BENEFIT)
    const inSdl = citizenSelectionIn(requiresOf(unemployment.draftType, 'fields'), 'unemploymentBenefitEvidence')
    expect(inSdl).toEqual(expect.arrayContaining(['fullName', 'socialInsurance', 'insuranceDiscrepancies']))
    for (const foreign of ['marriages', 'maritalStatus', 'landRights', 'enterprises', 'civilStatusDiscrepancies']) expect(inSdl).not.toContain(foreign)
    // The contribution periods with their dates: INSUFFICIENT_CONTRIBUTIONS counts months from them.
    expect(citizenSelectionOf(unemployment)).toContain('periods { from to months contributionBaseVnd employerCode employer { vietnameseName } }')
  })

  it('merges what several values, rules and checks read into one selection naming each field once', () => {
    for (const procedure of CATALOGUE.procedures) {
      const fields = topLevelFields(citizenSelectionOf(procedure))
      expect(new Set(fields).size, procedure.code).toBe(fields.length)
      // Read for every party: whether population knows the person, and when its record changed.
      expect(fields.slice(0, 2), procedure.code).toEqual(['fullName', 'updatedAt'])
    }
  })

  it("for every procedure, parses as GraphQL and is a valid selection on the subgraph's Citizen", () => {
    const schema = createCasesSchema()
    for (const procedure of CATALOGUE.procedures) {
      const selection = citizenSelectionOf(procedure)
      const document = parse(`query Evidence { _entities(representations: []) { ... on Citizen { ${selection} } } }`)
      expect(validate(schema, document).map((error) => error.message), procedure.code).toEqual([])
    }
  })
})
