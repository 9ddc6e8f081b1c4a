// Public surface of @lienthong/subgraph-civil-status (hộ tịch).
export { createCivilStatusApolloServer, startCivilStatusSubgraph } from './server.js'
export { CIVIL_STATUS_TYPE_DEFS, createCivilStatusSchema } from './subgraph.js'
export { createCivilStatusContext, loadCivilStatusServices, type CivilStatusContext, type CivilStatusServices } from './context.js'
export { createCivilStatusLoaders, type CivilStatusLoaders } from './loaders.js'
export { ingestCivilStatusSlice, type CivilStatusIngestResult } from './ingest.js'
export { findDiscrepancies, maritalStatusOf, type Discrepancy, type MaritalStatus, type PersonRecords } from './model.js'
export type {
  BirthRegistrationRow,
  BirthRegistrationTable,
  CivilStatusDatabase,
  DeathRegistrationRow,
  DeathRegistrationTable,
  MarriageRegistrationRow,
  MarriageRegistrationTable,
} from './database.js'
