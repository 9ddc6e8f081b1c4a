import { readFileSync } from 'node:fs'
import { buildSubgraphSchema } from '@apollo/subgraph'
import { subgraphTypeDefs } from '@lienthong/schema'
import { parse, type GraphQLSchema } from 'graphql'
import { resolvers } from './resolvers.js'

/** The land subgraph's own SDL, `src/schema.graphql`: also what `npm run compose` reads. */
export const LAND_TYPE_DEFS = readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8')

/**
 * The executable federated schema of the land subgraph (its SDL plus the shared
 * register types). Its resolvers expect a {@link LandContext} (see `createLandContext`).
 */
export function createLandSchema(): GraphQLSchema {
  return buildSubgraphSchema([{ typeDefs: parse(subgraphTypeDefs('land', LAND_TYPE_DEFS)), resolvers }])
}
