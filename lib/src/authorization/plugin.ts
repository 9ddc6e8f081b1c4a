import type { ApolloServerPlugin, BaseContext } from '@apollo/server'
import {
  authorizeOperation,
  type AuthorizationDecision,
  type AuthorizationPolicies,
  type AuthorizationSubject,
} from './authorize-operation.js'
import { assertPoliciesRegistered, type AuthorizationRequirements } from './requirements.js'

export interface AuthorizationPluginOptions<TContext extends BaseContext, TCaller extends AuthorizationSubject, TPurpose> {
  /**
   * At the gateway: `readAuthorizationRequirements(supergraphSdl)`; the walk
   * runs on the API schema Apollo Server executes, whose coordinates are the
   * supergraph's. In a subgraph: `readAuthorizationRequirements(subgraphSchema)`.
   */
  requirements: AuthorizationRequirements
  /** Every policy name the requirements use; checked when the plugin is created. */
  policies: AuthorizationPolicies<TCaller, TPurpose>
  /** The verified caller of a request, or null/undefined when it is anonymous. */
  callerOf(contextValue: TContext): TCaller | null | undefined
  /** The case the request serves, if any (given to policies). */
  purposeOf?(contextValue: TContext): TPurpose | null | undefined
  /**
   * Told every decision before the request goes on (or is refused), e.g. for
   * the audit trail: `decision.fields` lists the coordinates read. An error it
   * throws fails the request.
   */
  onDecision?(decision: AuthorizationDecision, contextValue: TContext, operationName: string | null): void | Promise<void>
}

/**
 * An Apollo Server plugin that authorizes each operation once it is parsed,
 * validated and resolved, before anything executes (`didResolveOperation`):
 * a refused request gets one error (FORBIDDEN or UNAUTHENTICATED, see
 * authorizeOperation) with HTTP 403/401 and no `data`; no resolver runs and,
 * at the gateway, no subgraph is called. In a subgraph the gateway's
 * `_entities` queries select their fields in inline fragments on the entity
 * types, which the same walk checks.
 *
 * Throws at creation when a policy the requirements use is not registered.
 *
 * ```ts
 * new ApolloServer<GatewayContext>({ gateway, plugins: [createAuthorizationPlugin({
 *   requirements: readAuthorizationRequirements(supergraphSdl),
 *   policies: { citizen_self: ({ caller, args }) => caller.kind === 'citizen' && caller.personalId === args['personalId'] },
 *   callerOf: (context) => context.caller,
 *   purposeOf: (context) => context.purpose,
 * })] })
 * ```
 */
export function createAuthorizationPlugin<TContext extends BaseContext, TCaller extends AuthorizationSubject, TPurpose = unknown>(
  options: AuthorizationPluginOptions<TContext, TCaller, TPurpose>,
): ApolloServerPlugin<TContext> {
  const { requirements, policies, callerOf, purposeOf, onDecision } = options
  assertPoliciesRegistered(requirements, policies)
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(requestContext) {
          const { contextValue } = requestContext
          const decision = await authorizeOperation<TCaller, TPurpose>({
            schema: requestContext.schema,
            requirements,
            document: requestContext.document,
            operationName: requestContext.operationName,
            variables: requestContext.request.variables,
            caller: callerOf(contextValue),
            purpose: purposeOf?.(contextValue),
            policies,
          })
          await onDecision?.(decision, contextValue, requestContext.operationName)
          if (!decision.allowed) throw decision.error
        },
      }
    },
  }
}
