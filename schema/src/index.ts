export {
  AdministrativeUnitCodeScalar,
  DateResolver,
  DateTimeResolver,
  LegacyAdministrativeUnitCodeScalar,
  scalarResolvers,
} from './scalars/index.js'
export { GATEWAY_PORT, SUBGRAPHS, type SubgraphDefinition } from './subgraphs.js'
export { composeSupergraph, readSupergraphSdl, SUPERGRAPH_PATH } from './compose.js'
