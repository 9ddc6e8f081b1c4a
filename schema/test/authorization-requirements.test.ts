import { readAuthorizationRequirements, type FieldRequirement } from '@lienthong/lib/authorization'
import { buildSchema, getNamedType, isObjectType, Kind, parse, print, type GraphQLObjectType } from 'graphql'
import { describe, expect, it } from 'vitest'
import { readSubgraphOwnTypeDefs, readSupergraphSdl, SUBGRAPHS, subgraphTypeDefs } from '../src/index.js'

// The authorization requirements (issue 5) as the gateway reads them from the
// committed supergraph: a directive lost in a subgraph's SDL, or dropped by a
// composition change, fails here instead of silently opening a field.

const SUPERGRAPH_SDL = readSupergraphSdl()
const REQUIREMENTS = readAuthorizationRequirements(SUPERGRAPH_SDL)
const SUPERGRAPH = buildSchema(SUPERGRAPH_SDL, { assumeValidSDL: true })

const AGENCY: FieldRequirement['policies'] = [['agency']]
const CASE_BOUND: FieldRequirement['policies'] = [['agency', 'purpose_bound']]
const SELF_OR_CASE_BOUND: FieldRequirement['policies'] = [['agency', 'purpose_bound'], ['citizen_self']]

/** Requirement literals in the canonical form readAuthorizationRequirements returns (each alternative sorted). */
const scopes = (...alternatives: string[][]): FieldRequirement => ({ authenticated: true, scopes: alternatives.map((alternative) => [...alternative].sort()) })
const withPolicies = (requirement: FieldRequirement, policies: FieldRequirement['policies']): FieldRequirement => ({ ...requirement, ...(policies ? { policies } : {}) })

const EXPECTED: Record<string, FieldRequirement | undefined> = {
  // boundary and the procedure catalogue are public
  'Query.provinces': undefined,
  'Query.convertLegacyAddress': undefined,
  'AdministrativeUnit.name': undefined,
  'AdministrativeUnit.code': undefined,
  'Query.procedures': undefined,
  'Procedure.documents': undefined,
  // population
  'Citizen.personalId': { authenticated: true },
  'Citizen.fullName': scopes(['population:read']),
  'Citizen.permanentResidence': scopes(['population:read']),
  'Citizen.religion': scopes(['population:read', 'population:sensitive']),
  'Citizen.ethnicity': scopes(['population:read', 'population:sensitive']),
  'Citizen.bloodGroup': scopes(['population:read', 'population:sensitive']),
  'Citizen.idCard': scopes(['population:read', 'population:sensitive']),
  'IdentityCard.number': scopes(['population:sensitive']),
  'Citizen.father': withPolicies(scopes(['population:read']), AGENCY),
  'Citizen.children': withPolicies(scopes(['population:read']), AGENCY),
  'Household.members': scopes(['population:read']),
  'Household.head': withPolicies(scopes(['population:read']), AGENCY),
  'HouseholdMember.citizen': withPolicies(scopes(['population:read']), AGENCY),
  'Query.citizen': { authenticated: true, policies: SELF_OR_CASE_BOUND },
  'Query.citizens': { authenticated: true, policies: SELF_OR_CASE_BOUND },
  'Query.searchCitizens': { authenticated: true, policies: CASE_BOUND },
  'Query.allCitizens': withPolicies(scopes(['admin']), AGENCY),
  // shared register types
  'AddressResolution.resolvedBy': scopes(['address:resolve'], ['audit:read']),
  'AddressResolution.reason': undefined,
  'Address.text': undefined,
  'Query.populationMappingQuality': { authenticated: true, policies: AGENCY },
  'Mutation.resolvePopulationAddressMapping': withPolicies(scopes(['address:resolve']), [['official']]),
  'Mutation.resolveLandAddressMapping': withPolicies(scopes(['address:resolve']), [['official']]),
  // civil status
  'Citizen.maritalStatus': scopes(['civil-status:read']),
  'Citizen.civilStatusDiscrepancies': withPolicies(scopes(['civil-status:read', 'population:read']), AGENCY),
  'MarriageRegistration.husband': withPolicies(scopes(['civil-status:read']), AGENCY),
  'MarriageRegistration.registrationNumber': scopes(['civil-status:read']),
  'Query.marriageRegistration': withPolicies(scopes(['civil-status:read']), CASE_BOUND),
  // land
  'LandParcel.areaM2': scopes(['land:read']),
  'LandParcel.encumbrances': scopes(['land:read', 'land:encumbrances']),
  'Encumbrance.kind': scopes(['land:read', 'land:encumbrances']),
  'Encumbrance.securedAmountVnd': scopes(['land:read', 'land:encumbrances']),
  'LandRightHolder.citizen': withPolicies(scopes(['land:read']), AGENCY),
  'Citizen.landRights': scopes(['land:read']),
  'Enterprise.landRights': scopes(['land:read']),
  'Citizen.landDiscrepancies': withPolicies(scopes(['land:read', 'population:read']), AGENCY),
  'Query.landParcel': withPolicies(scopes(['land:read']), CASE_BOUND),
  // business
  'Enterprise.enterpriseCode': { authenticated: true },
  'Enterprise.vietnameseName': scopes(['business:read']),
  'LegalRepresentative.birthDate': withPolicies(scopes(['business:read']), AGENCY),
  'LegalRepresentative.title': scopes(['business:read']),
  'HouseholdBusiness.ownerResidence': withPolicies(scopes(['business:read']), AGENCY),
  'Query.enterprise': scopes(['business:read']),
  'Query.householdBusiness': withPolicies(scopes(['business:read']), AGENCY),
  'Citizen.businessDiscrepancies': withPolicies(scopes(['business:read', 'population:read']), AGENCY),
  // insurance
  'SocialInsuranceRecord.fullName': scopes(['insurance:read']),
  'SocialInsuranceRecord.contributionMonths': scopes(['insurance:read', 'insurance:contributions']),
  'SocialInsuranceRecord.periods': scopes(['insurance:read', 'insurance:contributions']),
  'ParticipationPeriod.contributionBaseVnd': scopes(['insurance:read', 'insurance:contributions']),
  'HealthInsuranceCard.citizen': withPolicies(scopes(['insurance:read']), AGENCY),
  'Query.socialInsuranceRecord': withPolicies(scopes(['insurance:read']), CASE_BOUND),
  'Citizen.insuranceDiscrepancies': withPolicies(scopes(['insurance:read', 'population:read']), AGENCY),
  // cases
  'Query.applicationDraft': withPolicies(scopes(['cases:draft']), SELF_OR_CASE_BOUND),
  'MarriageRegistrationDraft.procedure': scopes(['cases:draft']),
  'MarriageRegistrationDraft.fields': withPolicies(scopes(['cases:draft', 'civil-status:read', 'population:read', 'population:sensitive']), AGENCY),
  'TemporaryResidenceDraft.fields': scopes(['cases:draft', 'land:encumbrances', 'land:read', 'population:read', 'population:sensitive']),
  'UnemploymentBenefitDraft.warnings': withPolicies(scopes(['business:read', 'cases:draft', 'insurance:contributions', 'insurance:read', 'population:read']), AGENCY),
  'DraftParty.citizen': { authenticated: true, policies: AGENCY },
  'DraftParty.role': undefined,
}

/** Every field of an object type of the API (not the join/link machinery), as "Type.field" with its named return type. */
function apiFields(): { coordinate: string; type: GraphQLObjectType; returns: string }[] {
  return Object.values(SUPERGRAPH.getTypeMap())
    .filter((type): type is GraphQLObjectType => isObjectType(type) && !type.name.startsWith('__') && !type.name.startsWith('join__') && !type.name.startsWith('link__'))
    .flatMap((type) => Object.values(type.getFields()).map((field) => ({ coordinate: `${type.name}.${field.name}`, type, returns: getNamedType(field.type).name })))
}

describe('authorization requirements of the supergraph', () => {
  it.each(Object.entries(EXPECTED))('%s', (coordinate, expected) => {
    const [typeName, fieldName] = coordinate.split('.') as [string, string]
    const type = SUPERGRAPH.getType(typeName)
    expect(isObjectType(type) && type.getFields()[fieldName], `${coordinate} is not in the supergraph`).toBeTruthy()
    expect(REQUIREMENTS.get(coordinate)).toEqual(expected)
  })

  it('leaves public exactly the boundary queries and the procedure catalogue, and no mutation', () => {
    const boundaryQueries = parse(readSubgraphOwnTypeDefs('boundary'))
      .definitions.flatMap((definition) => (definition.kind === Kind.OBJECT_TYPE_DEFINITION && definition.name.value === 'Query' ? (definition.fields ?? []) : []))
      .map((field) => field.name.value)
    expect(boundaryQueries.length).toBeGreaterThan(5)
    const publicQueries = Object.keys(SUPERGRAPH.getQueryType()?.getFields() ?? {}).filter((name) => !REQUIREMENTS.has(`Query.${name}`))
    expect(publicQueries.sort()).toEqual([...boundaryQueries, 'procedures', 'procedure'].sort())
    const mutations = Object.keys(SUPERGRAPH.getMutationType()?.getFields() ?? {})
    expect(mutations.length).toBeGreaterThan(0)
    for (const name of mutations) expect(REQUIREMENTS.get(`Mutation.${name}`)?.authenticated, `Mutation.${name}`).toBe(true)
  })

  it('needs a verified caller for every field of a Citizen or an Enterprise, and population:read for every Citizen field but the key', () => {
    for (const { coordinate, type } of apiFields().filter(({ type }) => type.name === 'Citizen' || type.name === 'Enterprise')) {
      expect(REQUIREMENTS.get(coordinate)?.authenticated, coordinate).toBe(true)
    }
    const populationFields = parse(readSubgraphOwnTypeDefs('population')).definitions.flatMap((definition) =>
      definition.kind === Kind.OBJECT_TYPE_DEFINITION && definition.name.value === 'Citizen' ? (definition.fields ?? []) : [],
    )
    for (const field of populationFields.filter((candidate) => candidate.name.value !== 'personalId')) {
      const requirement = REQUIREMENTS.get(`Citizen.${field.name.value}`)
      expect(requirement?.scopes?.every((alternative) => alternative.includes('population:read')), `Citizen.${field.name.value}`).toBe(true)
    }
  })

  it('keeps every way to another person’s record for agencies: only the entry points that bind a citizen to their own id are not', () => {
    const toCitizen = apiFields().filter(({ returns }) => returns === 'Citizen')
    expect(toCitizen.length).toBeGreaterThan(15)
    // citizen(personalId:) and citizens(personalIds:) bind a citizen to their own id (citizen_self); an edge of a
    // CitizenConnection is reached only through the agency searches; DraftPartyEvidence is behind @inaccessible
    // evidence fields the query planner alone reads.
    const entryPoints = new Set(['Query.citizen', 'Query.citizens', 'CitizenEdge.node', 'DraftPartyEvidence.citizen'])
    for (const { coordinate } of toCitizen.filter(({ coordinate }) => !entryPoints.has(coordinate))) {
      const policies = REQUIREMENTS.get(coordinate)?.policies
      expect(policies?.length && policies.every((alternative) => alternative.includes('agency')), coordinate).toBe(true)
    }
    for (const { coordinate } of apiFields().filter(({ returns }) => returns === 'CitizenConnection')) {
      expect(REQUIREMENTS.get(coordinate)?.policies?.every((alternative) => alternative.includes('agency')), coordinate).toBe(true)
    }
    const evidenceFields = apiFields().filter(({ returns }) => returns === 'DraftPartyEvidence')
    expect(evidenceFields.length).toBeGreaterThan(0)
    for (const { type, coordinate } of evidenceFields) {
      const fieldName = coordinate.split('.')[1]!
      expect(type.getFields()[fieldName]?.astNode?.directives?.map((directive) => directive.name.value), coordinate).toContain('inaccessible')
    }
  })

  it('declares each type-level requirement identically in every subgraph defining the type (each subgraph enforces only its own SDL)', () => {
    const authorizationDirectives = new Set(['authenticated', 'requiresScopes', 'policy'])
    /** Type name → subgraph → its type-level authorization directives, printed. */
    const declared = new Map<string, Map<string, string>>()
    for (const { name } of SUBGRAPHS) {
      for (const definition of parse(subgraphTypeDefs(name, readSubgraphOwnTypeDefs(name))).definitions) {
        if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue
        const printed = (definition.directives ?? []).filter((directive) => authorizationDirectives.has(directive.name.value)).map((directive) => print(directive))
        const bySubgraph = declared.get(definition.name.value) ?? new Map<string, string>()
        bySubgraph.set(name, [bySubgraph.get(name), ...printed].filter(Boolean).sort().join(' '))
        declared.set(definition.name.value, bySubgraph)
      }
    }
    const shared = [...declared].filter(([, bySubgraph]) => bySubgraph.size > 1)
    expect(shared.map(([typeName]) => typeName)).toEqual(expect.arrayContaining(['Citizen', 'Enterprise', 'MarriageRegistration', 'Encumbrance', 'ParticipationPeriod']))
    for (const [typeName, bySubgraph] of shared) {
      expect(new Set(bySubgraph.values()).size, `${typeName}: ${JSON.stringify(Object.fromEntries(bySubgraph))}`).toBe(1)
    }
    expect(declared.get('Citizen')?.get('cases')).toBe('@authenticated')
    expect(declared.get('Encumbrance')?.get('cases')).toBe('@requiresScopes(scopes: [["land:read", "land:encumbrances"]])')
  })
})
