export { startGateway, type GatewayServerOptions, type RunningGateway } from './server.js'
export { createGateway, type GatewayOptions, type LienthongGateway } from './gateway.js'
export { subgraphEndpointsOf, type SubgraphEndpoint } from './subgraph-endpoints.js'
export { DEFAULT_EXPLORER_QUERY, EXPLORER_CONTENT_SECURITY_POLICY } from './explorer/explorer-route.js'
