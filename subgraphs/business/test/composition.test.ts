import { composeServices } from '@apollo/composition'
import { subgraphTypeDefs } from '@lienthong/schema'
import { parse } from 'graphql'
import { describe, expect, it } from 'vitest'
import { BUSINESS_TYPE_DEFS } from '../src/subgraph.js'

// The least of population that business relies on: Citizen's key and the fields businessDiscrepancies @requires.
const POPULATION_STUB = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@authenticated", "@requiresScopes", "@policy"])
  type Query { citizen(personalId: PersonalId!): Citizen }
  type Citizen @key(fields: "personalId") {
    personalId: PersonalId!
    fullName: String!
    birthDate: Date!
    permanentResidence: Address!
  }
`

describe('composition', () => {
  it('When business is composed with population, Then the supergraph composes and carries the business fields', () => {
    const result = composeServices([
      { name: 'business', url: 'http://127.0.0.1:4005/graphql', typeDefs: parse(subgraphTypeDefs('business', BUSINESS_TYPE_DEFS)) },
      { name: 'population', url: 'http://127.0.0.1:4002/graphql', typeDefs: parse(subgraphTypeDefs('population', POPULATION_STUB)) },
    ])
    expect(result.errors?.map((error) => error.message)).toBeUndefined()
    const sdl = result.supergraphSdl ?? ''
    for (const field of ['businessDiscrepancies', 'householdBusinesses', 'businessMappingQuality', 'resolveBusinessAddressMapping', 'branches']) {
      expect(sdl).toContain(field)
    }
  })
})
