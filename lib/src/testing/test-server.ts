import type { ApolloServer } from '@apollo/server'
import type { SecurityContext } from '../subgraph/security-context.js'
import { testSecurityContext, type SecurityOptions } from './test-security.js'

/** The single result of an operation, as the tests read it. */
export interface ExecutionResultOf<T> {
  data?: T | null
  errors?: readonly { message: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[]
}

/**
 * Who runs an operation and why, as the gateway's signature would say:
 * TEST_OFFICIAL for TEST_PURPOSE unless `caller`/`purpose` say otherwise (`null`: none).
 */
export type OperationOptions = SecurityOptions

/** A started subgraph server that runs operations in-process. */
export interface TestServer<TContext extends SecurityContext> {
  server: ApolloServer<TContext>
  /** Runs an operation with a fresh per-request context, by TEST_OFFICIAL unless `options` name another caller. */
  execute<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, options?: OperationOptions): Promise<ExecutionResultOf<T>>
  stop(): Promise<void>
}

/**
 * Starts a subgraph's Apollo Server for in-process operations. `contextFor`
 * builds each operation's context from the security part the gateway's
 * signature would give (spread it into the context), so DataLoader caches
 * never outlive one operation.
 *
 * ```ts
 * startTestServer(createLandApolloServer(), (security) => createLandContext(services, security))
 * ```
 */
export async function startTestServer<TContext extends SecurityContext>(
  server: ApolloServer<TContext>,
  contextFor: (security: SecurityContext) => TContext,
): Promise<TestServer<TContext>> {
  await server.start()
  return {
    server,
    execute: async (query, variables, options = {}) => {
      const response = await server.executeOperation({ query, ...(variables ? { variables } : {}) }, { contextValue: contextFor(testSecurityContext(options)) })
      if (response.body.kind !== 'single') throw new Error('expected a single result')
      return response.body.singleResult as ExecutionResultOf<any>
    },
    stop: () => server.stop(),
  }
}
