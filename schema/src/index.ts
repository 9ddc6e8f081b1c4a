export {
  AdministrativeUnitCodeScalar,
  calculateEnterpriseCodeCheckDigit,
  DateResolver,
  DateTimeResolver,
  EnterpriseCodeScalar,
  HealthInsuranceCardNumberScalar,
  isAcceptedBy,
  LandParcelIdScalar,
  LegacyAdministrativeUnitCodeScalar,
  PersonalIdScalar,
  scalarResolvers,
  SocialInsuranceNumberScalar,
} from './scalars/index.js'
export { GATEWAY_PORT, SUBGRAPHS, subgraphOfRegister, type RegisterName, type SubgraphDefinition, type SubgraphName } from './subgraphs.js'
export { composeSupergraph, readSubgraphOwnTypeDefs, readSupergraphSdl, subgraphTypeDefs, SUPERGRAPH_PATH } from './compose.js'
export { REGISTER_TYPE_DEFS } from './registers/type-defs.js'
export {
  addressResolvers,
  createMappingQualityResolver,
  createResolveAddressMapping,
  loadAddress,
  type AddressParent,
  type RegisterContext,
  type ResolveAddressMappingArgs,
} from './registers/address-resolvers.js'
