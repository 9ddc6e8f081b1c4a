import { readFileSync } from 'node:fs'
import { buildSubgraphSchema } from '@apollo/subgraph'
import { subgraphTypeDefs } from '@lienthong/schema'
import { parse, type GraphQLSchema } from 'graphql'
import { resolvers } from './resolvers.js'

/** The boundary subgraph's SDL, `src/schema.graphql`: also what `npm run compose` reads. */
export const BOUNDARY_TYPE_DEFS = readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8')

/**
 * The executable federated schema of the boundary subgraph. Its resolvers
 * expect a {@link BoundaryContext} (see `createBoundaryContext`).
 */
export function createBoundarySchema(): GraphQLSchema {
  return buildSubgraphSchema([{ typeDefs: parse(subgraphTypeDefs('boundary', BOUNDARY_TYPE_DEFS)), resolvers }])
}
