import { compareWithPopulation, type PopulationValues, type RecordedValues } from '@lienthong/lib'
import {
  addressResolvers,
  createMappingQualityResolver,
  createResolveAddressMapping,
  loadAddress,
  scalarResolvers,
} from '@lienthong/schema'
import { GraphQLError } from 'graphql'
import type { BusinessContext } from './context.js'
import type { EnterpriseBusinessLineRow, EnterpriseOwnerRow, EnterpriseRepresentativeRow, EnterpriseRow, HouseholdBusinessLineRow, HouseholdBusinessRow } from './database.js'

/** A citizen's role in one enterprise, on its way to `EnterpriseRole`. */
interface EnterpriseRoleParent {
  enterpriseCode: string
  role: 'LEGAL_REPRESENTATIVE' | 'OWNER'
  title: string | null
  capitalShare: number | null
}

/** A Citizen representation from the gateway: the key, plus the population fields `businessDiscrepancies` requires. */
type PopulationCitizen = PopulationValues & { personalId: string }

/** One business-register record that names a citizen with their name, birth date and residence. */
interface RecordedPerson {
  /** GraphQL type name of the record. */
  recordType: 'LegalRepresentative' | 'HouseholdBusiness'
  recordId: string
  recorded: RecordedValues
}

const citizenStub = (personalId: string) => ({ personalId })

export const resolvers = {
  ...scalarResolvers,
  ...addressResolvers,

  Query: {
    // The EnterpriseCode scalar has already checked the code and its check digit.
    enterprise: (_: unknown, { enterpriseCode }: { enterpriseCode: string }, context: BusinessContext) => context.loaders.enterpriseByCode.load(enterpriseCode),
    householdBusiness: (_: unknown, { registrationNumber }: { registrationNumber: string }, context: BusinessContext) => {
      assertRegistrationNumber(registrationNumber)
      return context.loaders.householdBusinessByNumber.load(registrationNumber)
    },
    businessMappingQuality: createMappingQualityResolver('BUSINESS'),
  },

  Mutation: {
    resolveBusinessAddressMapping: createResolveAddressMapping('BUSINESS'),
  },

  Citizen: {
    // Population owns the citizen: answer from the representation, load per field in batches.
    __resolveReference: (reference: PopulationCitizen) => reference,
    enterprises: async (citizen: PopulationCitizen, _: unknown, context: BusinessContext): Promise<EnterpriseRoleParent[]> => {
      const [representations, ownerships] = await Promise.all([
        context.loaders.representationsByPersonalId.load(citizen.personalId),
        context.loaders.ownershipsByPersonalId.load(citizen.personalId),
      ])
      const roles: EnterpriseRoleParent[] = [
        ...representations.map((row) => ({ enterpriseCode: row.enterprise_code, role: 'LEGAL_REPRESENTATIVE' as const, title: row.title, capitalShare: null })),
        ...ownerships.map((row) => ({ enterpriseCode: row.enterprise_code, role: 'OWNER' as const, title: null, capitalShare: row.capital_share })),
      ]
      // By enterprise, the representative role before the owner role (stable sort keeps the rest).
      return roles.sort((a, b) => (a.enterpriseCode < b.enterpriseCode ? -1 : a.enterpriseCode > b.enterpriseCode ? 1 : 0))
    },
    householdBusinesses: (citizen: PopulationCitizen, _: unknown, context: BusinessContext) =>
      context.loaders.householdBusinessesByOwnerId.load(citizen.personalId),
    businessDiscrepancies: async (citizen: PopulationCitizen, _: unknown, context: BusinessContext) => {
      // A citizen the population register does not know (no name and no birth date): nothing is invented.
      if (citizen.fullName == null && citizen.birthDate == null) return []
      const [representations, householdBusinesses] = await Promise.all([
        context.loaders.representationsByPersonalId.load(citizen.personalId),
        context.loaders.householdBusinessesByOwnerId.load(citizen.personalId),
      ])
      const residenceCode = async (addressId: number) => (await context.addressLoaders.address.load(addressId))?.legacy_commune_code ?? null
      const records: RecordedPerson[] = await Promise.all([
        ...representations.map(async (row) => ({
          recordType: 'LegalRepresentative' as const,
          recordId: `${row.enterprise_code}/${row.personal_id}`,
          recorded: { fullName: row.name, birthDate: row.birth_date, residenceLegacyCommuneCode: await residenceCode(row.residence_address_id) },
        })),
        ...householdBusinesses.map(async (row) => ({
          recordType: 'HouseholdBusiness' as const,
          recordId: row.registration_number,
          recorded: {
            fullName: row.owner_name,
            birthDate: row.owner_birth_date,
            residenceLegacyCommuneCode: await residenceCode(row.owner_residence_address_id),
          },
        })),
      ])
      // In record order, each record's fields in the order FULL_NAME, BIRTH_DATE, RESIDENCE.
      return records.flatMap(({ recordType, recordId, recorded }) =>
        compareWithPopulation(recorded, citizen).map((disagreement) => ({ register: 'BUSINESS', recordType, recordId, ...disagreement })),
      )
    },
  },

  Enterprise: {
    __resolveReference: (reference: { enterpriseCode: string }, context: BusinessContext) => context.loaders.enterpriseByCode.load(reference.enterpriseCode),
    enterpriseCode: (row: EnterpriseRow) => row.enterprise_code,
    vietnameseName: (row: EnterpriseRow) => row.vietnamese_name,
    foreignName: (row: EnterpriseRow) => row.foreign_name,
    shortName: (row: EnterpriseRow) => row.short_name,
    legalForm: (row: EnterpriseRow) => row.legal_form,
    registeredOn: (row: EnterpriseRow) => row.registered_on,
    charterCapitalVnd: (row: EnterpriseRow) => Number(row.charter_capital_vnd),
    headOffice: (row: EnterpriseRow, _: unknown, context: BusinessContext) => loadAddress(context, 'BUSINESS', row.head_office_address_id),
    representatives: (row: EnterpriseRow, _: unknown, context: BusinessContext) => context.loaders.representativesByEnterpriseCode.load(row.enterprise_code),
    owners: (row: EnterpriseRow, _: unknown, context: BusinessContext) => context.loaders.ownersByEnterpriseCode.load(row.enterprise_code),
    businessLines: (row: EnterpriseRow, _: unknown, context: BusinessContext) => context.loaders.businessLinesByEnterpriseCode.load(row.enterprise_code),
    parent: (row: EnterpriseRow, _: unknown, context: BusinessContext) => (row.parent_code ? context.loaders.enterpriseByCode.load(row.parent_code) : null),
    branches: (row: EnterpriseRow, _: unknown, context: BusinessContext) => context.loaders.branchesByParentCode.load(row.enterprise_code),
    // A Date: the DateTime scalar serialises it as an ISO 8601 instant (as Address.mappedAt).
    updatedAt: (row: EnterpriseRow) => row.updated_at,
  },

  LegalRepresentative: {
    citizen: (row: EnterpriseRepresentativeRow) => citizenStub(row.personal_id),
    birthDate: (row: EnterpriseRepresentativeRow) => row.birth_date,
    residence: (row: EnterpriseRepresentativeRow, _: unknown, context: BusinessContext) => loadAddress(context, 'BUSINESS', row.residence_address_id),
  },

  EnterpriseOwner: {
    citizen: (row: EnterpriseOwnerRow) => (row.kind === 'CITIZEN' ? citizenStub(row.owner_id) : null),
    enterprise: (row: EnterpriseOwnerRow, _: unknown, context: BusinessContext) =>
      row.kind === 'ENTERPRISE' ? context.loaders.enterpriseByCode.load(row.owner_id) : null,
    capitalShare: (row: EnterpriseOwnerRow) => row.capital_share,
  },

  BusinessLine: {
    vsicCode: (row: EnterpriseBusinessLineRow | HouseholdBusinessLineRow) => row.vsic_code,
    isMain: (row: EnterpriseBusinessLineRow | HouseholdBusinessLineRow) => row.is_main,
  },

  EnterpriseRole: {
    enterprise: (role: EnterpriseRoleParent, _: unknown, context: BusinessContext) => context.loaders.enterpriseByCode.load(role.enterpriseCode),
  },

  HouseholdBusiness: {
    __resolveReference: (reference: { registrationNumber: string }, context: BusinessContext) =>
      context.loaders.householdBusinessByNumber.load(reference.registrationNumber),
    registrationNumber: (row: HouseholdBusinessRow) => row.registration_number,
    owner: (row: HouseholdBusinessRow) => citizenStub(row.owner_id),
    ownerName: (row: HouseholdBusinessRow) => row.owner_name,
    ownerBirthDate: (row: HouseholdBusinessRow) => row.owner_birth_date,
    ownerResidence: (row: HouseholdBusinessRow, _: unknown, context: BusinessContext) => loadAddress(context, 'BUSINESS', row.owner_residence_address_id),
    address: (row: HouseholdBusinessRow, _: unknown, context: BusinessContext) => loadAddress(context, 'BUSINESS', row.address_id),
    registeredOn: (row: HouseholdBusinessRow) => row.registered_on,
    authority: (row: HouseholdBusinessRow) => ({
      name: row.authority_name,
      legacyUnit: row.authority_legacy_unit_code ? { code: row.authority_legacy_unit_code } : null,
      commune: row.authority_commune_code ? { code: row.authority_commune_code } : null,
    }),
    capitalVnd: (row: HouseholdBusinessRow) => Number(row.capital_vnd),
    businessLines: (row: HouseholdBusinessRow, _: unknown, context: BusinessContext) =>
      context.loaders.businessLinesByRegistrationNumber.load(row.registration_number),
    updatedAt: (row: HouseholdBusinessRow) => row.updated_at,
  },
}

/** Throws BAD_USER_INPUT unless `registrationNumber` looks like a household-business certificate number (an `ID`, which no scalar checks). */
function assertRegistrationNumber(registrationNumber: string): void {
  if (!/^[0-9A-Za-z][0-9A-Za-z./-]{0,49}$/.test(registrationNumber)) {
    throw new GraphQLError('registrationNumber must be a household-business certificate number of 1 to 50 letters, digits, ".", "/" or "-" (e.g. "01A8012345")', {
      extensions: { code: 'BAD_USER_INPUT' },
    })
  }
}
