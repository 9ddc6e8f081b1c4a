// Public surface of @lienthong/subgraph-population.
export { createPopulationApolloServer, startPopulationSubgraph } from './server.js'
export { createPopulationSchema, POPULATION_TYPE_DEFS } from './subgraph.js'
export { createPopulationContext, loadPopulationServices, type PopulationContext, type PopulationServices } from './context.js'
export { createPopulationLoaders, type PopulationLoaders } from './loaders.js'
export { ingestPopulationSlice, type PopulationIngestResult } from './ingest.js'
export { MAX_CITIZENS_PER_CALL } from './resolvers.js'
export type { CitizenRow, CitizenTable, HouseholdRow, HouseholdTable, PopulationDatabase } from './database.js'
