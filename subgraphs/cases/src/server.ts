import type { ApolloServer } from '@apollo/server'
import { createSubgraphApolloServer, startSubgraphServer, type RunningSubgraph, type SubgraphOptions } from '@lienthong/lib/subgraph'
import { migrationFolder } from '@lienthong/migrations'
import type { Kysely } from 'kysely'
import { createCasesContext, loadCasesServices, type CasesContext } from './context.js'
import type { CasesDatabase } from './database.js'
import { SCHEMA_EVIDENCE_SELECTIONS, createCasesSchema } from './subgraph.js'

/** The cases subgraph's Apollo Server, not yet started: tests run operations in-process with `createCasesContext(services, { caller, purpose })`. */
export function createCasesApolloServer(): ApolloServer<CasesContext> {
  return createSubgraphApolloServer<CasesContext>(createCasesSchema())
}

/**
 * Starts the cases subgraph over HTTP: POST `/graphql`, GET `/healthz` and
 * GET `/readyz`. It reads only its own database (the catalogue); the registers'
 * data reaches it through the gateway, as the representations of its drafts.
 */
export function startCasesSubgraph(options: SubgraphOptions): Promise<RunningSubgraph> {
  return startSubgraphServer(
    {
      name: 'cases',
      defaultPort: 4007,
      migrationFolder: migrationFolder('cases'),
      schema: createCasesSchema(),
      loadServices: (db: Kysely<CasesDatabase>) => loadCasesServices(db, SCHEMA_EVIDENCE_SELECTIONS),
      createContext: (services, _request, security) => createCasesContext(services, security),
    },
    options,
  )
}
