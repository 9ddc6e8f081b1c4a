import { readFileSync } from 'node:fs'
import { buildSubgraphSchema } from '@apollo/subgraph'
import { subgraphTypeDefs } from '@lienthong/schema'
import { parse, type GraphQLSchema } from 'graphql'
import { resolvers } from './resolvers.js'

/** The business subgraph's own SDL, `src/schema.graphql` (what `npm run compose` reads). */
export const BUSINESS_TYPE_DEFS = readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8')

/**
 * The executable federated schema of the business subgraph: its own SDL plus
 * the shared register types. Its resolvers expect a {@link BusinessContext}.
 */
export function createBusinessSchema(): GraphQLSchema {
  return buildSubgraphSchema([{ typeDefs: parse(subgraphTypeDefs('business', BUSINESS_TYPE_DEFS)), resolvers }])
}
