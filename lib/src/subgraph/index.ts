export { formatSubgraphError, UNEXPECTED_ERROR_MESSAGE } from './format-error.js'
export {
  createSubgraphApolloServer,
  isDatabaseReachable,
  officialOf,
  startSubgraphServer,
  type RunningSubgraph,
  type SubgraphOptions,
  type SubgraphServerDefinition,
} from './subgraph-server.js'
export { runSubgraphMain } from './run-main.js'
