import type { ApolloServer } from '@apollo/server'
import { createSubgraphApolloServer, startSubgraphServer, type RunningSubgraph, type SubgraphOptions } from '@lienthong/lib/subgraph'
import { migrationFolder } from '@lienthong/migrations'
import { createInsuranceContext, loadInsuranceServices, type InsuranceContext } from './context.js'
import { createInsuranceSchema } from './subgraph.js'

/**
 * The insurance subgraph's Apollo Server, not yet started. Tests run operations
 * on it in-process with `executeOperation(…, { contextValue: createInsuranceContext(services, { caller, purpose }) })`.
 */
export function createInsuranceApolloServer(): ApolloServer<InsuranceContext> {
  return createSubgraphApolloServer<InsuranceContext>(createInsuranceSchema())
}

/**
 * Starts the insurance subgraph over HTTP: POST `/graphql`, GET `/healthz` and
 * GET `/readyz` (the database answers).
 *
 * ```ts
 * const subgraph = await startInsuranceSubgraph({ databaseUrl: 'postgres://postgres@127.0.0.1:5432/insurance', port: 0 })
 * await subgraph.stop()
 * ```
 */
export function startInsuranceSubgraph(options: SubgraphOptions): Promise<RunningSubgraph> {
  return startSubgraphServer(
    {
      name: 'insurance',
      defaultPort: 4006,
      migrationFolder: migrationFolder('insurance'),
      schema: createInsuranceSchema(),
      loadServices: loadInsuranceServices,
      createContext: (services, _request, security) => createInsuranceContext(services, security),
    },
    options,
  )
}
