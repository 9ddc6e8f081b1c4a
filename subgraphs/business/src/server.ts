import type { ApolloServer } from '@apollo/server'
import { createSubgraphApolloServer, startSubgraphServer, type RunningSubgraph, type SubgraphOptions } from '@lienthong/lib/subgraph'
import { migrationFolder } from '@lienthong/migrations'
import { createBusinessContext, loadBusinessServices, type BusinessContext } from './context.js'
import { createBusinessSchema } from './subgraph.js'

/**
 * The business subgraph's Apollo Server, not yet started. Tests run operations
 * on it in-process with `executeOperation(…, { contextValue: createBusinessContext(services, { caller, purpose }) })`.
 */
export function createBusinessApolloServer(): ApolloServer<BusinessContext> {
  return createSubgraphApolloServer<BusinessContext>(createBusinessSchema())
}

/**
 * Starts the business subgraph over HTTP: POST `/graphql`, GET `/healthz` and GET `/readyz`.
 *
 * ```ts
 * const subgraph = await startBusinessSubgraph({ databaseUrl: 'postgres://postgres@127.0.0.1:5432/business', port: 0 })
 * await subgraph.stop()
 * ```
 */
export function startBusinessSubgraph(options: SubgraphOptions): Promise<RunningSubgraph> {
  return startSubgraphServer(
    {
      name: 'business',
      defaultPort: 4005,
      migrationFolder: migrationFolder('business'),
      schema: createBusinessSchema(),
      loadServices: loadBusinessServices,
      createContext: (services, _request, security) => createBusinessContext(services, security),
    },
    options,
  )
}
