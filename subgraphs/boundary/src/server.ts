import type { ApolloServer } from '@apollo/server'
import { createSubgraphApolloServer, startSubgraphServer, type RunningSubgraph, type SubgraphOptions } from '@lienthong/lib/subgraph'
import { migrationFolder } from '@lienthong/migrations'
import { createBoundaryContext, loadBoundaryServices, type BoundaryContext } from './context.js'
import { createBoundarySchema } from './subgraph.js'

/**
 * The boundary subgraph's Apollo Server, not yet started. Tests run operations
 * on it in-process with `executeOperation(…, { contextValue: createBoundaryContext(services, { caller, purpose }) })`.
 */
export function createBoundaryApolloServer(): ApolloServer<BoundaryContext> {
  return createSubgraphApolloServer<BoundaryContext>(createBoundarySchema())
}

export type BoundarySubgraphOptions = SubgraphOptions
export type RunningBoundarySubgraph = RunningSubgraph

/**
 * Starts the boundary subgraph over HTTP: POST `/graphql`, GET `/healthz` and
 * GET `/readyz` (the database answers).
 *
 * ```ts
 * const subgraph = await startBoundarySubgraph({ databaseUrl: 'postgres://postgres@127.0.0.1:5432/lienthong_boundary', port: 0 })
 * await subgraph.stop()
 * ```
 */
export function startBoundarySubgraph(options: SubgraphOptions): Promise<RunningSubgraph> {
  return startSubgraphServer(
    {
      name: 'boundary',
      defaultPort: 4001,
      migrationFolder: migrationFolder('boundary'),
      schema: createBoundarySchema(),
      loadServices: loadBoundaryServices,
      createContext: (services, _request, security) => createBoundaryContext(services, security),
    },
    options,
  )
}
