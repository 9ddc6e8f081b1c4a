export { formatSubgraphError, UNEXPECTED_ERROR_MESSAGE, withoutVariableValue } from './format-error.js'
export {
  createSubgraphApolloServer,
  isDatabaseReachable,
  startSubgraphServer,
  type RunningSubgraph,
  type SubgraphOptions,
  type SubgraphServerDefinition,
} from './subgraph-server.js'
export { runSubgraphMain } from './run-main.js'
export { officialSubjectOf, securityContextOf, type SecurityContext } from './security-context.js'
export {
  DEVELOPMENT_GATEWAY_SECRET_FILE,
  GATEWAY_SECRET_MIN_BYTES,
  GATEWAY_SIGNATURE_HEADER,
  GATEWAY_TOKEN_CLOCK_SKEW_SECONDS,
  GATEWAY_TOKEN_ISSUER,
  GATEWAY_TOKEN_LIFETIME_SECONDS,
  GATEWAY_TOKEN_TYPE,
  isProductionMode,
  readGatewaySecret,
  requireGatewaySignature,
  signSubgraphRequest,
  verifiedGatewayRequestOf,
  verifySubgraphRequest,
  type GatewayCaller,
  type GatewayCitizenCaller,
  type GatewayMachineCaller,
  type GatewayOfficialCaller,
  type GatewayPurpose,
  type GatewaySecret,
  type RequireGatewaySignatureOptions,
  type SignSubgraphRequestOptions,
  type VerifiedGatewayRequest,
  type VerifySubgraphRequestOptions,
} from './gateway-signature.js'
