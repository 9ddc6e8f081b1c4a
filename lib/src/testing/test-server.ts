import type { ApolloServer, BaseContext } from '@apollo/server'

/** The single result of an operation, as the tests read it. */
export interface ExecutionResultOf<T> {
  data?: T | null
  errors?: readonly { message: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[]
}

/** Who runs an operation: the official the gateway would forward, if any. */
export interface OperationOptions {
  official?: string
}

/** A started subgraph server that runs operations in-process. */
export interface TestServer<TContext extends BaseContext> {
  server: ApolloServer<TContext>
  /** Runs an operation with a fresh per-request context (as `official` when given). */
  execute<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, options?: OperationOptions): Promise<ExecutionResultOf<T>>
  stop(): Promise<void>
}

/**
 * Starts a subgraph's Apollo Server for in-process operations. `contextFor`
 * builds each operation's context, so DataLoader caches never outlive one.
 */
export async function startTestServer<TContext extends BaseContext>(
  server: ApolloServer<TContext>,
  contextFor: (options: OperationOptions) => TContext,
): Promise<TestServer<TContext>> {
  await server.start()
  return {
    server,
    execute: async (query, variables, options = {}) => {
      const response = await server.executeOperation({ query, ...(variables ? { variables } : {}) }, { contextValue: contextFor(options) })
      if (response.body.kind !== 'single') throw new Error('expected a single result')
      return response.body.singleResult as ExecutionResultOf<any>
    },
    stop: () => server.stop(),
  }
}
