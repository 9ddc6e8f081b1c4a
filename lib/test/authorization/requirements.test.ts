import { readFileSync } from 'node:fs'
import { buildSubgraphSchema } from '@apollo/subgraph'
import {
  assertPoliciesRegistered,
  conjoinRequirements,
  policyNamesOf,
  readAuthorizationRequirements,
  type AuthorizationRequirements,
  type FieldRequirement,
} from '@lienthong/lib/authorization'
import { buildSchema, parse } from 'graphql'
import { describe, expect, it } from 'vitest'
import { composeTestSupergraph, TEST_POLICIES, TEST_SUBGRAPHS } from './fixtures.js'

/** A map as a plain object sorted by coordinate, for readable diffs. */
const asObject = (requirements: AuthorizationRequirements): Record<string, FieldRequirement> =>
  Object.fromEntries([...requirements].sort(([left], [right]) => left.localeCompare(right)))

/** What the subgraphs require together: composition AND-merges a coordinate's requirements across subgraphs. */
function conjoinSubgraphs(readings: readonly AuthorizationRequirements[]): AuthorizationRequirements {
  const combined = new Map<string, FieldRequirement>()
  for (const reading of readings) {
    for (const [coordinate, requirement] of reading) combined.set(coordinate, conjoinRequirements(combined.get(coordinate), requirement)!)
  }
  return combined
}

const SCOPES_CIVIL = [['civil-status:read']]

describe('readAuthorizationRequirements', () => {
  const supergraphSdl = composeTestSupergraph(TEST_SUBGRAPHS)

  it('finds the directives composition writes into the supergraph, under its SECURITY links', () => {
    expect(supergraphSdl).toContain('@link(url: "https://specs.apollo.dev/authenticated/v0.1", for: SECURITY)')
    expect(supergraphSdl).toContain('@link(url: "https://specs.apollo.dev/requiresScopes/v0.1", for: SECURITY)')
    expect(supergraphSdl).toContain('@link(url: "https://specs.apollo.dev/policy/v0.1", for: SECURITY)')

    expect(asObject(readAuthorizationRequirements(supergraphSdl))).toEqual({
      // A type's requirement applies to the fields returning it (Query.citizen, Query.record) and to its own fields.
      'Query.citizen': { authenticated: true, policies: [['agency'], ['citizen_self']] },
      'Query.record': { authenticated: true, scopes: SCOPES_CIVIL },
      'Citizen.personalId': { authenticated: true },
      'Citizen.fullName': { authenticated: true, scopes: [['population:read']] },
      'Citizen.religion': { authenticated: true, scopes: [['population:read', 'population:sensitive']] },
      // The field's own scope AND the enum's.
      'Citizen.bloodGroup': { authenticated: true, scopes: [['population:read', 'population:sensitive']] },
      // The scalar's alternatives.
      'Citizen.idCardNumber': { authenticated: true, scopes: [['admin'], ['population:sensitive']] },
      'Citizen.landRights': { authenticated: true, scopes: [['land:read']] },
      'LandRight.encumbered': { authenticated: true, scopes: [['land:encumbrances']] },
      'BirthRecord.id': { authenticated: true, scopes: SCOPES_CIVIL },
      'BirthRecord.registeredOn': { authenticated: true, scopes: SCOPES_CIVIL },
      'BirthRecord.childName': { authenticated: true, scopes: SCOPES_CIVIL },
      'DeathRecord.registeredOn': { authenticated: true, policies: [['purpose_bound']] },
      // An interface field requires what it requires on every implementation.
      'Record.id': { authenticated: true, scopes: SCOPES_CIVIL },
      'Record.registeredOn': { authenticated: true, scopes: SCOPES_CIVIL, policies: [['purpose_bound']] },
    })
  })

  it('reads the same requirements from the subgraph schemas (buildSubgraphSchema) as from the supergraph', () => {
    const fromSubgraphs = conjoinSubgraphs(TEST_SUBGRAPHS.map(({ typeDefs }) => readAuthorizationRequirements(buildSubgraphSchema([{ typeDefs }]))))
    expect(fromSubgraphs.size).toBeGreaterThan(10)
    expect(asObject(fromSubgraphs)).toEqual(asObject(readAuthorizationRequirements(supergraphSdl)))
  })

  it('reads one subgraph alone: only what it declares, with `extend type` and renamed or namespaced directives', () => {
    const typeDefs = parse(/* GraphQL */ `
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", {name: "@requiresScopes", as: "@scopes"}])
      type Query { parcel(id: ID!): Parcel @federation__authenticated }
      type Parcel @key(fields: "id") { id: ID! area: Float @scopes(scopes: [["land:read"]]) }
      extend type Owner @key(fields: "personalId") @federation__policy(policies: [["citizen_self"]]) {
        personalId: ID!
        share: Float @scopes(scopes: ["land:read", "admin"])
      }
    `)
    expect(asObject(readAuthorizationRequirements(buildSubgraphSchema([{ typeDefs }])))).toEqual({
      'Query.parcel': { authenticated: true },
      'Parcel.area': { authenticated: true, scopes: [['land:read']] },
      'Owner.personalId': { authenticated: true, policies: [['citizen_self']] },
      // `scopes: ["land:read", "admin"]` coerces to [["land:read"], ["admin"]], as GraphQL input coercion reads a list of lists.
      'Owner.share': { authenticated: true, scopes: [['admin'], ['land:read']], policies: [['citizen_self']] },
    })
  })

  it('follows composition when subgraphs rename a directive and disagree on a shared field', () => {
    const link = '@link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", {name: "@requiresScopes", as: "@scopes"}])'
    const subgraphs = [
      {
        name: 'a',
        url: 'http://127.0.0.1:1/graphql',
        typeDefs: parse(`extend schema ${link}
          type Query { unit(code: ID!): Unit }
          type Unit @key(fields: "code") @scopes(scopes: [["x"], ["y"]]) { code: ID! name: String @shareable @scopes(scopes: [["n1"]]) }`),
      },
      {
        name: 'b',
        url: 'http://127.0.0.1:2/graphql',
        typeDefs: parse(`extend schema ${link}
          type Unit @key(fields: "code") @scopes(scopes: [["z"]]) {
            code: ID!
            name: String @shareable @scopes(scopes: [["n2"]])
            note: String @federation__policy(policies: [["purpose_bound"]])
          }`),
      },
    ]
    const supergraphSdl = composeTestSupergraph(subgraphs)
    // The supergraph keeps the subgraphs' names through imports on its SECURITY links.
    expect(supergraphSdl).toContain('import: [{name: "@requiresScopes", as: "@scopes"}]')
    expect(supergraphSdl).toContain('import: [{name: "@policy", as: "@federation__policy"}]')

    const fromSupergraph = readAuthorizationRequirements(supergraphSdl)
    expect(fromSupergraph.get('Unit.name')).toEqual({ authenticated: true, scopes: [['n1', 'n2', 'x', 'z'], ['n1', 'n2', 'y', 'z']] })
    expect(fromSupergraph.get('Unit.note')).toEqual({ authenticated: true, scopes: [['x', 'z'], ['y', 'z']], policies: [['purpose_bound']] })
    const fromSubgraphs = conjoinSubgraphs(subgraphs.map(({ typeDefs }) => readAuthorizationRequirements(buildSubgraphSchema([{ typeDefs }]))))
    // Where both subgraphs declare the coordinate, they together require what the supergraph does…
    for (const coordinate of ['Unit.code', 'Unit.name']) expect(fromSubgraphs.get(coordinate), coordinate).toEqual(fromSupergraph.get(coordinate))
    // …but a subgraph alone does not know the type-level requirement another subgraph puts on the same type: the
    // gateway enforces [x or y] and z, subgraph a only [x or y] (b only z). Hence the README's rule: declare a
    // type's requirement identically in every subgraph that defines the type.
    expect(fromSubgraphs.get('Query.unit')).toEqual({ authenticated: true, scopes: [['x'], ['y']] })
    expect(fromSupergraph.get('Query.unit')).toEqual({ authenticated: true, scopes: [['x', 'z'], ['y', 'z']] })
    expect(fromSubgraphs.get('Unit.note')).toEqual({ authenticated: true, scopes: [['z']], policies: [['purpose_bound']] })
  })

  it('reads plain SDL that defines the directives without @link, under their standard names', () => {
    const schema = buildSchema(/* GraphQL */ `
      directive @authenticated on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM
      directive @requiresScopes(scopes: [[String!]!]!) on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM
      directive @policy(policies: [[String!]!]!) on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM
      type Query { a: String @authenticated b: String @requiresScopes(scopes: [["s"]]) @policy(policies: [["p", "q"]]) c: String }
    `)
    expect(asObject(readAuthorizationRequirements(schema))).toEqual({
      'Query.a': { authenticated: true },
      'Query.b': { authenticated: true, scopes: [['s']], policies: [['p', 'q']] },
    })
  })

  it('rejects a directive whose arguments are not lists of names', () => {
    const sdl = `
      directive @requiresScopes(scopes: [[String!]!]!) on FIELD_DEFINITION
      type Query { a: String @requiresScopes(scopes: [[1]]) }
    `
    expect(() => readAuthorizationRequirements(buildSchema(sdl, { assumeValidSDL: true }))).toThrow(/Query\.a/)
  })

  it('reads the checked-in supergraph of the registers', () => {
    const sdl = readFileSync(new URL('../../../schema/supergraph.graphql', import.meta.url), 'utf8')
    const requirements = readAuthorizationRequirements(sdl)
    const schema = buildSchema(sdl, { assumeValidSDL: true })
    for (const coordinate of requirements.keys()) {
      const [typeName, fieldName] = coordinate.split('.') as [string, string]
      expect(schema.getType(typeName), coordinate).toBeDefined()
      expect(fieldName.length).toBeGreaterThan(0)
    }
  })
})

describe('assertPoliciesRegistered', () => {
  const requirements = readAuthorizationRequirements(composeTestSupergraph(TEST_SUBGRAPHS))

  it('passes when every policy the schema names is registered', () => {
    expect(policyNamesOf(requirements)).toEqual(['agency', 'citizen_self', 'purpose_bound'])
    expect(() => assertPoliciesRegistered(requirements, TEST_POLICIES)).not.toThrow()
  })

  it('names the policies nobody registered, including names that only exist on Object.prototype', () => {
    const { purpose_bound: _purposeBound, ...withoutPurpose } = TEST_POLICIES
    expect(() => assertPoliciesRegistered(requirements, withoutPurpose)).toThrow(/purpose_bound/)
    const withToString = new Map([['Query.a', { authenticated: true, policies: [['toString']] }]])
    expect(() => assertPoliciesRegistered(withToString, {})).toThrow(/toString/)
  })
})
