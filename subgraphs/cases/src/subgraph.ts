import { buildSubgraphSchema } from '@apollo/subgraph'
import { readSubgraphOwnTypeDefs, subgraphTypeDefs } from '@lienthong/schema'
import { parse, type GraphQLSchema } from 'graphql'
import { readCatalogueFile } from './catalogue.js'
import { citizenSelectionOf } from './drafts/draft-types.js'
import { createResolvers } from './resolvers.js'

/** The cases subgraph's own SDL: `src/schema.graphql` and the draft types generated from the catalogue (`src/draft-types.graphql`). */
export const CASES_TYPE_DEFS = readSubgraphOwnTypeDefs('cases')

/** Per draft type of the committed catalogue file, the Citizen selection its generated @requires holds. */
export const SCHEMA_EVIDENCE_SELECTIONS: ReadonlyMap<string, string> = new Map(
  readCatalogueFile().procedures.map((procedure) => [procedure.draftType, citizenSelectionOf(procedure)]),
)

/** The executable federated schema of the cases subgraph; its resolvers expect a {@link CasesContext}. */
export function createCasesSchema(): GraphQLSchema {
  return buildSubgraphSchema([{ typeDefs: parse(subgraphTypeDefs('cases', CASES_TYPE_DEFS)), resolvers: createResolvers(SCHEMA_EVIDENCE_SELECTIONS.keys()) as never }])
}
