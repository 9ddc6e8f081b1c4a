import { readFileSync } from 'node:fs'
import { buildSubgraphSchema } from '@apollo/subgraph'
import { subgraphTypeDefs } from '@lienthong/schema'
import { parse, type GraphQLSchema } from 'graphql'
import { resolvers } from './resolvers.js'

/** The population subgraph's own SDL, `src/schema.graphql`: also what `npm run compose` reads. */
export const POPULATION_TYPE_DEFS = readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8')

/**
 * The executable federated schema of the population subgraph: its own SDL plus
 * the shared register types. Its resolvers expect a {@link PopulationContext}
 * (see `createPopulationContext`).
 */
export function createPopulationSchema(): GraphQLSchema {
  return buildSubgraphSchema([{ typeDefs: parse(subgraphTypeDefs('population', POPULATION_TYPE_DEFS)), resolvers }])
}
