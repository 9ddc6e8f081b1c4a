import type { ApolloServer } from '@apollo/server'
import { createSubgraphApolloServer, startSubgraphServer, type RunningSubgraph, type SubgraphOptions } from '@lienthong/lib/subgraph'
import { migrationFolder } from '@lienthong/migrations'
import { createLandContext, loadLandServices, type LandContext } from './context.js'
import type { LandDatabase } from './database.js'
import { createLandSchema } from './subgraph.js'

/**
 * The land subgraph's Apollo Server, not yet started. Tests run operations on
 * it in-process with `executeOperation(…, { contextValue: createLandContext(services, { caller, purpose }) })`.
 */
export function createLandApolloServer(): ApolloServer<LandContext> {
  return createSubgraphApolloServer<LandContext>(createLandSchema())
}

export type LandSubgraphOptions = SubgraphOptions
export type RunningLandSubgraph = RunningSubgraph

/**
 * Starts the land subgraph over HTTP: POST `/graphql`, GET `/healthz` and
 * GET `/readyz` (the database answers).
 *
 * ```ts
 * const subgraph = await startLandSubgraph({ databaseUrl: 'postgres://postgres@127.0.0.1:5432/land', port: 0 })
 * await subgraph.stop()
 * ```
 */
export function startLandSubgraph(options: SubgraphOptions): Promise<RunningSubgraph> {
  return startSubgraphServer<LandDatabase, Awaited<ReturnType<typeof loadLandServices>>, LandContext>(
    {
      name: 'land',
      defaultPort: 4004,
      migrationFolder: migrationFolder('land'),
      schema: createLandSchema(),
      loadServices: loadLandServices,
      createContext: (services, _request, security) => createLandContext(services, security),
    },
    options,
  )
}
