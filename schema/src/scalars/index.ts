import { DateResolver, DateTimeResolver } from 'graphql-scalars'
import { AdministrativeUnitCodeScalar } from './administrative-unit-code.js'
import { EnterpriseCodeScalar } from './enterprise-code.js'
import { HealthInsuranceCardNumberScalar } from './health-insurance-card-number.js'
import { LandParcelIdScalar } from './land-parcel-id.js'
import { LegacyAdministrativeUnitCodeScalar } from './legacy-administrative-unit-code.js'
import { PersonalIdScalar } from './personal-id.js'
import { SocialInsuranceNumberScalar } from './social-insurance-number.js'

export { AdministrativeUnitCodeScalar } from './administrative-unit-code.js'
export { calculateEnterpriseCodeCheckDigit, EnterpriseCodeScalar } from './enterprise-code.js'
export { isAcceptedBy } from './pattern-scalar.js'
export { HealthInsuranceCardNumberScalar } from './health-insurance-card-number.js'
export { LandParcelIdScalar } from './land-parcel-id.js'
export { LegacyAdministrativeUnitCodeScalar } from './legacy-administrative-unit-code.js'
export { PersonalIdScalar } from './personal-id.js'
export { SocialInsuranceNumberScalar } from './social-insurance-number.js'
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
  PersonalId: PersonalIdScalar,
  EnterpriseCode: EnterpriseCodeScalar,
  SocialInsuranceNumber: SocialInsuranceNumberScalar,
  HealthInsuranceCardNumber: HealthInsuranceCardNumberScalar,
  LandParcelId: LandParcelIdScalar,
  Date: DateResolver,
  DateTime: DateTimeResolver,
}
