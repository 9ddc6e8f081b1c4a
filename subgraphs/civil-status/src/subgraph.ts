import { readFileSync } from 'node:fs'
import { buildSubgraphSchema } from '@apollo/subgraph'
import { subgraphTypeDefs } from '@lienthong/schema'
import { parse, type GraphQLSchema } from 'graphql'
import { resolvers } from './resolvers.js'

/** The civil-status subgraph's own SDL, `src/schema.graphql`: also what `npm run compose` reads. */
export const CIVIL_STATUS_TYPE_DEFS = readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8')

/**
 * The executable federated schema of the civil-status subgraph (its SDL plus the
 * shared register types). Its resolvers expect a {@link CivilStatusContext}
 * (see `createCivilStatusContext`).
 */
export function createCivilStatusSchema(): GraphQLSchema {
  return buildSubgraphSchema([{ typeDefs: parse(subgraphTypeDefs('civil-status', CIVIL_STATUS_TYPE_DEFS)), resolvers }])
}
