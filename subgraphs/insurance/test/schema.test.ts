import { composeServices } from '@apollo/composition'
import { subgraphTypeDefs } from '@lienthong/schema'
import { parse } from 'graphql'
import { describe, expect, it } from 'vitest'
import { INSURANCE_TYPE_DEFS } from '../src/subgraph.js'

// Minimal stand-ins for the owners of Citizen (population) and Enterprise (business), with the fields insurance
// relies on, so this test checks insurance's federation directives without depending on the other subgraphs' code.
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
const BUSINESS_STUB = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@authenticated", "@requiresScopes", "@policy"])
  type Query { enterprise(enterpriseCode: EnterpriseCode!): Enterprise }
  type Enterprise @key(fields: "enterpriseCode") { enterpriseCode: EnterpriseCode! name: String! }
`

describe('insurance SDL', () => {
  it('composes with the owners of Citizen and Enterprise into a supergraph with the insurance fields', () => {
    const result = composeServices(
      [
        { name: 'population', typeDefs: POPULATION_STUB },
        { name: 'business', typeDefs: BUSINESS_STUB },
        { name: 'insurance', typeDefs: INSURANCE_TYPE_DEFS },
      ].map(({ name, typeDefs }) => ({ name, url: `http://127.0.0.1/${name}`, typeDefs: parse(subgraphTypeDefs(name as 'insurance', typeDefs)) })),
    )
    expect(result.errors?.map((error) => error.message)).toBeUndefined()
    const supergraph = result.supergraphSdl ?? ''
    for (const field of ['socialInsurance: SocialInsuranceRecord', 'healthInsuranceCards: [HealthInsuranceCard!]!', 'insuranceDiscrepancies: [RegisterDiscrepancy!]!', 'insuranceMappingQuality: MappingQuality!']) {
      expect(supergraph).toContain(field)
    }
  })
})
