import type { BusinessSlice } from '@lienthong/lib/registers'
import { createTestDatabase, ingestInTransaction, startTestServer, useTestSubgraph, type ExecutionResultOf, type OperationOptions } from '@lienthong/lib/testing'
import { migrationFolder } from '@lienthong/migrations'
import type { CompiledQuery, Kysely } from 'kysely'
import { createBusinessContext, loadBusinessServices, type BusinessServices } from '../src/context.js'
import type { BusinessDatabase } from '../src/database.js'
import { ingestBusinessSlice, type BusinessIngestCounts } from '../src/ingest.js'
import { createBusinessApolloServer } from '../src/server.js'

export { dataOf, errorCodesOf, expectUpdatedAt } from '@lienthong/lib/testing'
export type { ExecutionResultOf }


/** A test file's migrated business database holding one ingested slice, and the in-process subgraph over it. */
export interface BusinessTestContext {
  url: string
  db: Kysely<BusinessDatabase>
  /** Every statement kysely ran, in order; clear it before the operation you measure. */
  statements: CompiledQuery[]
  ingested: BusinessIngestCounts
  services: BusinessServices
  /** Runs an operation in-process with a fresh per-request context, by TEST_OFFICIAL unless `options` name another caller. */
  execute<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, options?: OperationOptions): Promise<ExecutionResultOf<T>>
}

/**
 * Gives a test file its own database (migrated with the production migrations,
 * with at most `maxConnections` connections, by default one), ingests `slice` as the seed does
 * (one transaction, mapping at ingest) and starts the real Apollo Server over it;
 * all removed after the file.
 */
export function useTestBusinessSubgraph(feature: string, slice: BusinessSlice, { maxConnections }: { maxConnections?: number } = {}): BusinessTestContext {
  const context = useTestSubgraph({
    createDatabase: () => createTestDatabase<BusinessDatabase>({ subgraph: 'business', feature, migrationFolder: migrationFolder('business'), maxConnections }),
    ingest: async (database) => ({ ingested: await ingestInTransaction(database.url, (client) => ingestBusinessSlice(client, slice)) }),
    startServer: async ({ db }) => {
      const services = await loadBusinessServices(db)
      const subgraph = await startTestServer(createBusinessApolloServer(), (security) => createBusinessContext(services, security))
      return { ...subgraph, services }
    },
  })
  // The business tests read the database and the server flat on one object.
  return {
    get url() {
      return context.database.url
    },
    get db() {
      return context.database.db
    },
    get statements() {
      return context.database.statements
    },
    get ingested() {
      return context.ingested
    },
    get services() {
      return context.subgraph.services
    },
    execute: (query, variables, options) => context.subgraph.execute(query, variables, options),
  }
}
