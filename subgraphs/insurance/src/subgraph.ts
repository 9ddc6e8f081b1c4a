import { readFileSync } from 'node:fs'
import { buildSubgraphSchema } from '@apollo/subgraph'
import { subgraphTypeDefs } from '@lienthong/schema'
import { parse, type GraphQLSchema } from 'graphql'
import { resolvers } from './resolvers.js'

/** The insurance subgraph's own SDL, `src/schema.graphql`: also what `npm run compose` reads. */
export const INSURANCE_TYPE_DEFS = readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8')

/**
 * The executable federated schema of the insurance subgraph: its own SDL with
 * the shared register types appended. Its resolvers expect an
 * {@link InsuranceContext} (see `createInsuranceContext`).
 */
export function createInsuranceSchema(): GraphQLSchema {
  return buildSubgraphSchema([
    { typeDefs: parse(subgraphTypeDefs('insurance', INSURANCE_TYPE_DEFS)), resolvers },
  ])
}
