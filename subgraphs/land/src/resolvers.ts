import { compareWithPopulation, todayInVietnam } from '@lienthong/lib'
import {
  addressResolvers,
  createMappingQualityResolver,
  createResolveAddressMapping,
  isAcceptedBy,
  LandParcelIdScalar,
  loadAddress,
  scalarResolvers,
} from '@lienthong/schema'
import type { LandContext } from './context.js'
import type { LandCertificateRow, LandEncumbranceRow, LandParcelRow, LandRightHolderRow, LandUseRow } from './database.js'
import { landUsePurposeName } from './land-use-purposes.js'

/** A Citizen representation from the gateway; `fullName` is there when `landDiscrepancies` is asked. */
interface CitizenReference {
  personalId: string
  fullName?: string | null
}

interface EnterpriseReference {
  enterpriseCode: string
}

export const resolvers = {
  ...scalarResolvers,
  ...addressResolvers,
  Query: {
    // The LandParcelId scalar has already checked the id.
    landParcel: async (_parent: unknown, { id }: { id: string }, context: LandContext) => (await context.loaders.parcelById.load(id)) ?? null,
    landMappingQuality: createMappingQualityResolver('LAND'),
  },
  Mutation: {
    resolveLandAddressMapping: createResolveAddressMapping('LAND'),
  },
  LandParcel: {
    // A malformed id from another subgraph cannot name a parcel: null, not an error.
    __resolveReference: async ({ id }: { id?: unknown }, context: LandContext) =>
      isAcceptedBy(LandParcelIdScalar, id) ? ((await context.loaders.parcelById.load(id)) ?? null) : null,
    legacyCommune: (parcel: LandParcelRow) => ({ code: parcel.legacy_commune_code }),
    mapSheetNumber: (parcel: LandParcelRow) => parcel.map_sheet_number,
    parcelNumber: (parcel: LandParcelRow) => parcel.parcel_number,
    areaM2: (parcel: LandParcelRow) => parcel.area_m2,
    address: (parcel: LandParcelRow, _args: unknown, context: LandContext) => loadAddress(context, 'LAND', parcel.address_id),
    uses: (parcel: LandParcelRow, _args: unknown, context: LandContext) => context.loaders.usesByParcelId.load(parcel.id),
    certificates: (parcel: LandParcelRow, _args: unknown, context: LandContext) => context.loaders.certificatesByParcelId.load(parcel.id),
    holders: (parcel: LandParcelRow, _args: unknown, context: LandContext) => context.loaders.holdersByParcelId.load(parcel.id),
    encumbrances: (parcel: LandParcelRow, _args: unknown, context: LandContext) => context.loaders.encumbrancesByParcelId.load(parcel.id),
    // A Date: the DateTime scalar serialises it as an ISO 8601 instant (as Address.mappedAt).
    updatedAt: (parcel: LandParcelRow) => parcel.updated_at,
  },
  LandUse: {
    purposeCode: (use: LandUseRow) => use.purpose_code,
    // Ingest accepts only codes of the table; the code itself is the fallback for a row loaded otherwise.
    purposeName: (use: LandUseRow) => landUsePurposeName(use.purpose_code) ?? use.purpose_code,
    areaM2: (use: LandUseRow) => use.area_m2,
    until: (use: LandUseRow) => use.until,
    longTerm: (use: LandUseRow) => use.until === null,
  },
  LandUseRightCertificate: {
    registryNumber: (certificate: LandCertificateRow) => certificate.registry_number,
    issueDate: (certificate: LandCertificateRow) => certificate.issue_date,
    revokedOn: (certificate: LandCertificateRow) => certificate.revoked_on,
    valid: (certificate: LandCertificateRow) => !onOrBeforeToday(certificate.revoked_on),
  },
  LandRightHolder: {
    citizen: (holder: LandRightHolderRow) => (holder.kind === 'CITIZEN' ? { personalId: holder.holder_id } : null),
    enterprise: (holder: LandRightHolderRow) => (holder.kind === 'ENTERPRISE' ? { enterpriseCode: holder.holder_id } : null),
    holderName: (holder: LandRightHolderRow) => holder.holder_name,
    address: (holder: LandRightHolderRow, _args: unknown, context: LandContext) => loadAddress(context, 'LAND', holder.address_id),
  },
  Encumbrance: {
    registeredOn: (encumbrance: LandEncumbranceRow) => encumbrance.registered_on,
    releasedOn: (encumbrance: LandEncumbranceRow) => encumbrance.released_on,
    securedAmountVnd: (encumbrance: LandEncumbranceRow) =>
      encumbrance.secured_amount_vnd === null ? null : Number(encumbrance.secured_amount_vnd),
    active: (encumbrance: LandEncumbranceRow) => !onOrBeforeToday(encumbrance.released_on),
  },
  LandRight: {
    parcel: (holding: LandRightHolderRow, _args: unknown, context: LandContext) => context.loaders.parcelById.load(holding.parcel_id),
    holderName: (holding: LandRightHolderRow) => holding.holder_name,
  },
  Citizen: {
    // No database round trip per representation: the fields batch by personal id.
    __resolveReference: (reference: CitizenReference) => reference,
    landRights: (citizen: CitizenReference, _args: unknown, context: LandContext) => context.loaders.holdingsByPersonalId.load(citizen.personalId),
    landDiscrepancies: async (citizen: CitizenReference, _args: unknown, context: LandContext) => {
      // Unknown to population: nothing to compare with.
      if (typeof citizen.fullName !== 'string') return []
      const holdings = await context.loaders.holdingsByPersonalId.load(citizen.personalId)
      const reported = new Set<string>()
      const discrepancies = []
      for (const holding of holdings) {
        // A parcel is reported once, however many of its holder rows name the citizen.
        if (reported.has(holding.parcel_id)) continue
        for (const disagreement of compareWithPopulation({ fullName: holding.holder_name }, citizen)) {
          reported.add(holding.parcel_id)
          discrepancies.push({ register: 'LAND', recordType: 'LandParcel', recordId: holding.parcel_id, ...disagreement })
        }
      }
      return discrepancies
    },
  },
  Enterprise: {
    __resolveReference: (reference: EnterpriseReference) => reference,
    landRights: (enterprise: EnterpriseReference, _args: unknown, context: LandContext) =>
      context.loaders.holdingsByEnterpriseCode.load(enterprise.enterpriseCode),
  },
}

/** Whether a date is today or earlier in Vietnam: a revocation or release dated today is in effect. */
function onOrBeforeToday(date: string | null): boolean {
  return date !== null && date <= todayInVietnam()
}
