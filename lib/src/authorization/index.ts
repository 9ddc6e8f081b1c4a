// Authorization of GraphQL operations by the federation directives @authenticated,
// @requiresScopes and @policy, at the gateway and again in each subgraph. See README.md.
export {
  authorizeOperation,
  type AuthorizationDecision,
  type AuthorizationPolicies,
  type AuthorizationPolicy,
  type AuthorizationSubject,
  type AuthorizeOperationOptions,
  type DeniedField,
  type PolicyInput,
} from './authorize-operation.js'
export { authorizationDirectiveNames, type AuthorizationDirective, type AuthorizationDirectiveNames } from './directive-names.js'
export { createAuthorizationPlugin, type AuthorizationPluginOptions } from './plugin.js'
export { supergraphForEnforcingGateway } from './supergraph.js'
export {
  assertPoliciesRegistered,
  conjoinRequirements,
  normalizeAlternatives,
  policyNamesOf,
  readAuthorizationRequirements,
  type Alternatives,
  type AuthorizationRequirements,
  type FieldRequirement,
} from './requirements.js'
export { LIENTHONG_POLICIES, LIENTHONG_SCOPES, type LienthongPolicyName, type LienthongScope } from './policies.js'
