// Public surface of @lienthong/subgraph-boundary.
export {
  createBoundaryApolloServer,
  startBoundarySubgraph,
  type BoundarySubgraphOptions,
  type RunningBoundarySubgraph,
} from './server.js'
export { BOUNDARY_TYPE_DEFS, createBoundarySchema } from './subgraph.js'
export { createBoundaryContext, loadBoundaryServices, type BoundaryContext, type BoundaryServices } from './context.js'
export { createLoaders, type BoundaryLoaders } from './loaders.js'
export { findGazetteerData } from './repository.js'
export type { BoundaryDatabase } from './database.js'
export type { AdministrativeUnit, LegacyAdministrativeUnit, Succession } from './model.js'
export { createAddressConverter, type AddressConverter } from './address/converter.js'
export { readGazetteerDataFromFiles } from './address/gazetteer-files.js'
export type { AddressConversionResult, ConversionStatus, GazetteerData, SuccessionCandidate } from './address/types.js'
