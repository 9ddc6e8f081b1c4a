// Public surface of @lienthong/subgraph-audit.
export { createAuditApolloServer, startAuditSubgraph, type AuditSubgraphOptions } from './server.js'
export { AUDIT_TYPE_DEFS, createAuditSchema } from './subgraph.js'
export { createAuditContext, type AuditContext, type AuditServices } from './context.js'
export { dataAccessView, ownPersonalIdOf, type DataAccessView } from './resolvers.js'
