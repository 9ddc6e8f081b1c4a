// Public surface of @lienthong/subgraph-land.
export { createLandApolloServer, startLandSubgraph, type LandSubgraphOptions, type RunningLandSubgraph } from './server.js'
export { createLandSchema, LAND_TYPE_DEFS } from './subgraph.js'
export { createLandContext, loadLandServices, type LandContext, type LandServices } from './context.js'
export { createLandLoaders, type LandLoaders } from './loaders.js'
export { ingestLandSlice, type LandIngestCounts } from './ingest.js'
export { landParcelId } from './parcel-id.js'
export { LAND_USE_PURPOSES, landUsePurposeName } from './land-use-purposes.js'
export type {
  EncumbranceKind,
  LandCertificateRow,
  LandDatabase,
  LandEncumbranceRow,
  LandParcelRow,
  LandRightHolderKind,
  LandRightHolderRow,
  LandUseRow,
} from './database.js'
