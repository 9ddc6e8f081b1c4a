import type { ApolloServer } from '@apollo/server'
import { createSubgraphApolloServer, startSubgraphServer, type RunningSubgraph, type SubgraphOptions } from '@lienthong/lib/subgraph'
import { migrationFolder } from '@lienthong/migrations'
import { createPopulationContext, loadPopulationServices, type PopulationContext } from './context.js'
import { createPopulationSchema } from './subgraph.js'

/**
 * The population subgraph's Apollo Server, not yet started. Tests run operations
 * on it in-process with `executeOperation(…, { contextValue: createPopulationContext(services, { caller, purpose }) })`.
 */
export function createPopulationApolloServer(): ApolloServer<PopulationContext> {
  return createSubgraphApolloServer<PopulationContext>(createPopulationSchema())
}

/**
 * Starts the population subgraph over HTTP: POST `/graphql`, GET `/healthz` and
 * GET `/readyz` (the database answers).
 *
 * ```ts
 * const subgraph = await startPopulationSubgraph({ databaseUrl: 'postgres://postgres@127.0.0.1:5432/lienthong_population', port: 0 })
 * await subgraph.stop()
 * ```
 */
export function startPopulationSubgraph(options: SubgraphOptions): Promise<RunningSubgraph> {
  return startSubgraphServer(
    {
      name: 'population',
      defaultPort: 4002,
      migrationFolder: migrationFolder('population'),
      schema: createPopulationSchema(),
      loadServices: loadPopulationServices,
      createContext: (services, _request, security) => createPopulationContext(services, security),
    },
    options,
  )
}
