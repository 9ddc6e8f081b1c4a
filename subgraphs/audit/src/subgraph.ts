import { readFileSync } from 'node:fs'
import { buildSubgraphSchema } from '@apollo/subgraph'
import { subgraphTypeDefs } from '@lienthong/schema'
import { parse, type GraphQLSchema } from 'graphql'
import { resolvers } from './resolvers.js'

/** The audit subgraph's own SDL, `src/schema.graphql`. */
export const AUDIT_TYPE_DEFS = readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8')

/** The executable federated schema of the audit subgraph; its resolvers expect an {@link AuditContext}. */
export function createAuditSchema(): GraphQLSchema {
  return buildSubgraphSchema([{ typeDefs: parse(subgraphTypeDefs('audit', AUDIT_TYPE_DEFS)), resolvers: resolvers as never }])
}
