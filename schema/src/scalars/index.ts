import { DateResolver, DateTimeResolver } from 'graphql-scalars'
import { AdministrativeUnitCodeScalar } from './administrative-unit-code.js'
import { LegacyAdministrativeUnitCodeScalar } from './legacy-administrative-unit-code.js'

export { AdministrativeUnitCodeScalar } from './administrative-unit-code.js'
export { LegacyAdministrativeUnitCodeScalar } from './legacy-administrative-unit-code.js'
export { DateResolver, DateTimeResolver } from 'graphql-scalars'

/**
 * Every lienthong scalar by its GraphQL name, to spread into a subgraph's
 * resolver map. `buildSubgraphSchema` skips names the subgraph's SDL does not
 * declare, so a subgraph can spread the whole map.
 *
 * ```ts
 * buildSubgraphSchema([{ typeDefs, resolvers: { ...scalarResolvers, Query: { … } } }])
 * ```
 */
export const scalarResolvers = {
  AdministrativeUnitCode: AdministrativeUnitCodeScalar,
  LegacyAdministrativeUnitCode: LegacyAdministrativeUnitCodeScalar,
  Date: DateResolver,
  DateTime: DateTimeResolver,
}
