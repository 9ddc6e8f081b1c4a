import type { ApolloServer } from '@apollo/server'
import { createSubgraphApolloServer, startSubgraphServer, type RunningSubgraph, type SubgraphOptions } from '@lienthong/lib/subgraph'
import { migrationFolder } from '@lienthong/migrations'
import { createCivilStatusContext, loadCivilStatusServices, type CivilStatusContext } from './context.js'
import { createCivilStatusSchema } from './subgraph.js'

/**
 * The civil-status subgraph's Apollo Server, not yet started. Tests run operations
 * on it in-process with `executeOperation(…, { contextValue: createCivilStatusContext(services, { caller, purpose }) })`.
 */
export function createCivilStatusApolloServer(): ApolloServer<CivilStatusContext> {
  return createSubgraphApolloServer<CivilStatusContext>(createCivilStatusSchema())
}

/**
 * Starts the civil-status subgraph over HTTP: POST `/graphql`, GET `/healthz` and
 * GET `/readyz` (the database answers). Migrates the database first unless `migrate: false`.
 *
 * ```ts
 * const subgraph = await startCivilStatusSubgraph({ databaseUrl: 'postgres://postgres@127.0.0.1:5432/lienthong_civil_status', port: 0 })
 * await subgraph.stop()
 * ```
 */
export function startCivilStatusSubgraph(options: SubgraphOptions): Promise<RunningSubgraph> {
  return startSubgraphServer(
    {
      name: 'civil-status',
      defaultPort: 4003,
      migrationFolder: migrationFolder('civil-status'),
      schema: createCivilStatusSchema(),
      loadServices: loadCivilStatusServices,
      createContext: (services, _request, security) => createCivilStatusContext(services, security),
    },
    options,
  )
}
