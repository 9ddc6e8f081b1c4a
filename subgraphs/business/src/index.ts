// Public surface of @lienthong/subgraph-business.
export { createBusinessApolloServer, startBusinessSubgraph } from './server.js'
export { BUSINESS_TYPE_DEFS, createBusinessSchema } from './subgraph.js'
export { createBusinessContext, loadBusinessServices, type BusinessContext, type BusinessServices } from './context.js'
export { createBusinessLoaders, type BusinessLoaders } from './loaders.js'
export { ingestBusinessSlice, type BusinessIngestCounts } from './ingest.js'
export type * from './database.js'
