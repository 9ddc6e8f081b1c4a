import { readFileSync } from 'node:fs'
import { conjoinRequirements, readAuthorizationRequirements, type FieldRequirement } from '@lienthong/lib/authorization'
import { readSupergraphSdl } from '@lienthong/schema'
import {
  buildSchema,
  getNamedType,
  isObjectType,
  Kind,
  parse,
  print,
  validate,
  type FieldNode,
  type GraphQLSchema,
  type ObjectTypeDefinitionNode,
  type SelectionSetNode,
  type StringValueNode,
} from 'graphql'
import { describe, expect, it } from 'vitest'
import { readCatalogueFile } from '../src/catalogue.js'
import {
  authorizationDirectivesOf,
  citizenSelectionOf,
  computedFieldRequirementOf,
  draftTypeDefs,
  evidenceFieldOf,
  readRegisterRequirements,
  requirementOfSelection,
  type RegisterRequirements,
} from '../src/drafts/draft-types.js'
import { createCasesSchema } from '../src/subgraph.js'
import { DEATH, MARRIAGE, procedureOf, TEMPORARY_RESIDENCE, UNEMPLOYMENT_BENEFIT } from './fixtures.js'

const GENERATED_SDL = readFileSync(new URL('../src/draft-types.graphql', import.meta.url), 'utf8')
const CATALOGUE = readCatalogueFile()
const COMPUTED_FIELDS = ['fields', 'documents', 'receivingAuthority', 'warnings', 'blockers', 'canProceed']
/** What the other subgraphs' SDL files require, as the generator reads them. */
const REGISTERS = readRegisterRequirements()
/** The committed supergraph (`npm run compose`; schema/test checks it is fresh) and its requirements, read independently. */
const SUPERGRAPH_SDL = readSupergraphSdl()
const SUPERGRAPH_REQUIREMENTS = readAuthorizationRequirements(SUPERGRAPH_SDL)

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
      expect(type.directives?.map((directive) => directive.name.value)).toEqual(['key', 'requiresScopes'])
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

/** The directives of a computed field of a generated draft type but @requires, as SDL text. */
function authorizationDirectivesIn(draftType: string, field: string): string {
  const definition = generatedType(draftType).fields?.find((candidate) => candidate.name.value === field)
  return (definition?.directives ?? []).filter((directive) => directive.name.value !== 'requires').map((directive) => print(directive)).join(' ')
}

/**
 * What the composed supergraph requires to read a selection from `typeName`:
 * each selected field's requirement as readAuthorizationRequirements reads it
 * (field, its type, its returned type), AND-ed — independent of the generator's
 * reading of the subgraph files.
 */
function supergraphRequirementOfSelection(schema: GraphQLSchema, typeName: string, selectionSet: SelectionSetNode): (FieldRequirement | undefined)[] {
  return selectionSet.selections.flatMap((node) => {
    const field = node as FieldNode
    const type = schema.getType(typeName)
    if (!isObjectType(type)) throw new Error(`${typeName} is not an object type of the supergraph`)
    const definition = type.getFields()[field.name.value]
    if (!definition) throw new Error(`${typeName}.${field.name.value} is not in the supergraph`)
    const nested = field.selectionSet ? supergraphRequirementOfSelection(schema, getNamedType(definition.type).name, field.selectionSet) : []
    return [SUPERGRAPH_REQUIREMENTS.get(`${typeName}.${field.name.value}`), ...nested]
  })
}

describe('authorization of the draft types', () => {
  it('puts cases:draft on every draft type, and on each computed field @authenticated with what the registers require of its @requires', () => {
    for (const procedure of CATALOGUE.procedures) {
      const type = generatedType(procedure.draftType)
      const typeScopes = type.directives?.find((directive) => directive.name.value === 'requiresScopes')
      expect(typeScopes && print(typeScopes), procedure.draftType).toBe('@requiresScopes(scopes: [["cases:draft"]])')
      expect(SUPERGRAPH_REQUIREMENTS.get(`${procedure.draftType}.id`), procedure.draftType).toEqual({ authenticated: true, scopes: [['cases:draft']] })
      const expected = authorizationDirectivesOf(computedFieldRequirementOf(procedure, REGISTERS))
      expect(expected.startsWith('@authenticated @requiresScopes(scopes: [["'), procedure.draftType).toBe(true)
      for (const field of COMPUTED_FIELDS) expect(authorizationDirectivesIn(procedure.draftType, field), `${procedure.draftType}.${field}`).toBe(expected)
    }
  })

  it('matches, per computed field, what the composed supergraph requires of every field its @requires reads (no drift between generator and composition)', () => {
    const schema = buildSchema(SUPERGRAPH_SDL, { assumeValidSDL: true })
    for (const procedure of CATALOGUE.procedures) {
      const [operation] = parse(`{ ${requiresOf(procedure.draftType, 'fields')} }`).definitions
      if (operation?.kind !== Kind.OPERATION_DEFINITION) throw new Error('not a selection')
      const reads = conjoinRequirements(...supergraphRequirementOfSelection(schema, procedure.draftType, operation.selectionSet))
      const otherParties = procedure.parties.some((party) => party.role !== 'APPLICANT') ? { authenticated: true, policies: [['agency']] } : undefined
      for (const field of COMPUTED_FIELDS) {
        // The supergraph's requirement of the field holds its type's cases:draft, as does the evidence field the walk starts with.
        expect(SUPERGRAPH_REQUIREMENTS.get(`${procedure.draftType}.${field}`), `${procedure.draftType}.${field}`).toEqual(conjoinRequirements(reads, otherParties))
      }
    }
  })

  it('follows the registers: a requirement added to a Citizen field a procedure reads reaches that procedure’s draft type only', () => {
    const fields = new Map(REGISTERS.fields)
    fields.set('Citizen.maritalStatus', conjoinRequirements(fields.get('Citizen.maritalStatus'), { authenticated: true, scopes: [['civil-status:marital-test']] })!)
    const tightened: RegisterRequirements = { fields, returnTypes: REGISTERS.returnTypes }
    const sdl = draftTypeDefs(CATALOGUE, tightened)
    const fieldsLine = (draftType: string) => sdl.split('\n').slice(sdl.split('\n').findIndex((line) => line.startsWith(`type ${draftType} `))).find((line) => line.startsWith('  fields:')) ?? ''
    expect(fieldsLine(procedureOf(MARRIAGE).draftType)).toContain('"civil-status:marital-test"')
    expect(fieldsLine(procedureOf(UNEMPLOYMENT_BENEFIT).draftType)).not.toContain('civil-status:marital-test')
    expect(sdl).not.toBe(GENERATED_SDL)
  })

  it('carries the sensitive and narrow scopes of what a procedure reads: ethnicity, encumbrances, contributions', () => {
    const scopesOf = (code: string) => computedFieldRequirementOf(procedureOf(code), REGISTERS).scopes?.flat() ?? []
    expect(scopesOf(MARRIAGE)).toEqual(expect.arrayContaining(['population:read', 'population:sensitive', 'civil-status:read']))
    expect(scopesOf(MARRIAGE)).not.toContain('land:read')
    expect(scopesOf(TEMPORARY_RESIDENCE)).toEqual(expect.arrayContaining(['land:read', 'land:encumbrances']))
    expect(scopesOf(UNEMPLOYMENT_BENEFIT)).toEqual(expect.arrayContaining(['insurance:read', 'insurance:contributions', 'business:read']))
  })

  it('leaves to agencies every procedure naming another party, and lets a citizen complete only the procedures README.md lists', () => {
    expect(computedFieldRequirementOf(procedureOf(DEATH), REGISTERS).policies).toEqual([['agency']])
    for (const procedure of CATALOGUE.procedures.filter((candidate) => candidate.parties.some((party) => party.role !== 'APPLICANT'))) {
      expect(computedFieldRequirementOf(procedure, REGISTERS).policies, procedure.code).toEqual([['agency']])
    }
    const citizenDraftable = CATALOGUE.procedures.filter((procedure) => !computedFieldRequirementOf(procedure, REGISTERS).policies).map((procedure) => procedure.draftType)
    expect(citizenDraftable, 'update the Authorization section of subgraphs/cases/README.md').toEqual([procedureOf(TEMPORARY_RESIDENCE).draftType])
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
    for (const draftType of citizenDraftable) expect(readme).toContain(`citizen can complete: \`${draftType}\``)
  })
})

describe('requirementOfSelection', () => {
  it('AND-s the requirements of nested fields and their types, and refuses a field no subgraph declares', () => {
    expect(requirementOfSelection(REGISTERS, 'Citizen', 'landRights { parcel { encumbrances { kind } } }')).toEqual({
      authenticated: true,
      scopes: [['land:encumbrances', 'land:read']],
    })
    expect(requirementOfSelection(REGISTERS, 'Citizen', 'father { personalId }')).toEqual({ authenticated: true, scopes: [['population:read']], policies: [['agency']] })
    expect(requirementOfSelection(REGISTERS, 'AdministrativeUnit', 'code')).toBeUndefined()
    expect(() => requirementOfSelection(REGISTERS, 'Citizen', 'shoeSize')).toThrow(/Citizen\.shoeSize/)
  })
})
