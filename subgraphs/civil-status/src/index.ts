// Public surface of @lienthong/subgraph-civil-status (hộ tịch).
export { createCivilStatusApolloServer, startCivilStatusSubgraph } from './server.js'
export { CIVIL_STATUS_TYPE_DEFS, createCivilStatusSchema } from './subgraph.js'
export {
  addressTablesOf,
  createCivilStatusContext,
  loadCivilStatusServices,
  type CivilStatusContext,
  type CivilStatusServices,
} from './context.js'
export { createCivilStatusLoaders, type CivilStatusLoaders, type PersonRecords } from './loaders.js'
export { ingestCivilStatusSlice, type CivilStatusIngestResult } from './ingest.js'
export { findDiscrepancies, maritalStatusOf, type Discrepancy, type MaritalStatus } from './model.js'
export type {
  BirthRegistrationRow,
  BirthRegistrationTable,
  CivilStatusDatabase,
  DeathRegistrationRow,
  DeathRegistrationTable,
  MarriageRegistrationRow,
  MarriageRegistrationTable,
} from './database.js'
