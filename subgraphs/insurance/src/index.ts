// Public surface of @lienthong/subgraph-insurance.
export { createInsuranceApolloServer, startInsuranceSubgraph } from './server.js'
export { createInsuranceSchema, INSURANCE_TYPE_DEFS } from './subgraph.js'
export { createInsuranceContext, loadInsuranceServices, type InsuranceContext, type InsuranceServices } from './context.js'
export { createInsuranceLoaders, type InsuranceLoaders } from './loaders.js'
export { ingestInsuranceSlice, type InsuranceIngestCounts } from './ingest.js'
export type {
  HealthInsuranceCardRow,
  HealthInsuranceCardTable,
  InsuranceDatabase,
  ParticipationPeriodRow,
  ParticipationPeriodTable,
  SocialInsuranceRecordRow,
  SocialInsuranceRecordTable,
} from './database.js'
