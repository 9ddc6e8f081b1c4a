// Public surface of @lienthong/subgraph-cases.
export { createCasesApolloServer, startCasesSubgraph } from './server.js'
export { CASES_TYPE_DEFS, SCHEMA_EVIDENCE_SELECTIONS, createCasesSchema } from './subgraph.js'
export { createCasesContext, loadCasesServices, type CasesContext, type CasesServices } from './context.js'
export { readCatalogueFile, validateCatalogue, type Catalogue, type Procedure } from './catalogue.js'
export { draftTypeDefs, citizenSelectionOf, evidenceFieldOf } from './drafts/draft-types.js'
export { loadCatalogue } from './repository.js'
export type { ApplicationDraftInput, DraftPartyInput } from './drafts/draft.js'
export type { PartyRole } from './drafts/vocabulary.js'
