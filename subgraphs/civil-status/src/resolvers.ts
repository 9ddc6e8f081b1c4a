import type { GraphQLResolverMap } from '@apollo/subgraph'
import {
  addressResolvers,
  createMappingQualityResolver,
  createResolveAddressMapping,
  isAcceptedBy,
  loadAddress,
  PersonalIdScalar,
  scalarResolvers,
} from '@lienthong/schema'
import { GraphQLError } from 'graphql'
import type { Selectable } from 'kysely'
import type { CivilStatusContext } from './context.js'
import type { AuthorityColumns, BirthRegistrationRow, DeathRegistrationRow, MarriageRegistrationRow, RegistrationColumns } from './database.js'
import { findDiscrepancies, maritalStatusOf } from './model.js'

// Thin resolvers: arguments are checked, every lookup goes through the per-request
// loaders (so `_entities` and nested lists batch), and the meaning of the records
// (marital status, discrepancies) comes from model.ts.

/** Longest registration id accepted as input. */
const MAX_ID_LENGTH = 100

/** A `Citizen` as this subgraph sees it: the key, plus population's `@requires` fields when asked for. */
interface CitizenReference {
  personalId: string
  fullName?: string | null
  birthDate?: string | null
  spouse?: { personalId?: string | null } | null
}

/** Throws BAD_USER_INPUT unless an id argument is a plausible registration id. */
function assertRegistrationId(id: string, what: string): string {
  const trimmed = id.trim()
  if (trimmed.length === 0 || trimmed.length > MAX_ID_LENGTH) {
    throw new GraphQLError(`${what} id must hold 1 to ${MAX_ID_LENGTH} characters`, { extensions: { code: 'BAD_USER_INPUT' } })
  }
  return trimmed
}

/**
 * The key of a Citizen representation. Representations are raw JSON (`_Any`), not
 * parsed by the PersonalId scalar, so its rule is applied here.
 */
function assertPersonalId(personalId: unknown): string {
  if (!isAcceptedBy(PersonalIdScalar, personalId)) {
    throw new GraphQLError('Citizen.personalId must be a personal identification number of 12 digits', {
      extensions: { code: 'BAD_USER_INPUT' },
    })
  }
  return personalId as string
}

const citizen = (personalId: string | null) => (personalId === null ? null : { personalId })

const authority = (row: AuthorityColumns) => ({
  name: row.authority_name,
  legacyUnit: row.authority_legacy_unit_code ? { code: row.authority_legacy_unit_code } : null,
  commune: row.authority_commune_code ? { code: row.authority_commune_code } : null,
})

/** Fields every registration type shares. */
const registration = {
  registrationNumber: (row: RegistrationColumns) => row.registration_number,
  registrationDate: (row: RegistrationColumns) => row.registration_date,
  authority,
  // A Date: the DateTime scalar serialises it as an ISO 8601 instant (as Address.mappedAt).
  updatedAt: (row: Selectable<RegistrationColumns>) => row.updated_at,
}

export const resolvers: GraphQLResolverMap<CivilStatusContext> = {
  ...scalarResolvers,
  ...addressResolvers,

  Query: {
    birthRegistration: (_parent, { id }: { id: string }, { loaders }) => loaders.birthById.load(assertRegistrationId(id, 'birth registration')),
    marriageRegistration: (_parent, { id }: { id: string }, { loaders }) =>
      loaders.marriageById.load(assertRegistrationId(id, 'marriage registration')),
    deathRegistration: (_parent, { id }: { id: string }, { loaders }) => loaders.deathById.load(assertRegistrationId(id, 'death registration')),
    civilStatusMappingQuality: createMappingQualityResolver('CIVIL_STATUS'),
  },

  Mutation: {
    resolveCivilStatusAddressMapping: createResolveAddressMapping('CIVIL_STATUS'),
  },

  Citizen: {
    // No database here: the fields below batch by personal id.
    __resolveReference: (reference: CitizenReference) => ({ ...reference, personalId: assertPersonalId(reference.personalId) }),
    birthRegistration: async ({ personalId }: CitizenReference, _args, { loaders }) => (await loaders.recordsByPersonId.load(personalId)).births[0] ?? null,
    childrenBirthRegistrations: ({ personalId }: CitizenReference, _args, { loaders }) => loaders.birthsByParentId.load(personalId),
    marriages: async ({ personalId }: CitizenReference, _args, { loaders }) => (await loaders.recordsByPersonId.load(personalId)).marriages,
    maritalStatus: async ({ personalId }: CitizenReference, _args, { loaders }) =>
      maritalStatusOf((await loaders.recordsByPersonId.load(personalId)).marriages),
    deathRegistration: async ({ personalId }: CitizenReference, _args, { loaders }) => (await loaders.recordsByPersonId.load(personalId)).deaths[0] ?? null,
    civilStatusDiscrepancies: async (reference: CitizenReference, _args, { loaders }) => {
      const { personalId, fullName, birthDate, spouse } = reference
      // A citizen the population register does not know: nothing to compare with.
      if (typeof fullName !== 'string' || typeof birthDate !== 'string') return []
      const spouseId = spouse === undefined ? undefined : (spouse?.personalId ?? null)
      return findDiscrepancies({ personalId, fullName, birthDate, spouseId }, await loaders.recordsByPersonId.load(personalId))
    },
  },

  BirthRegistration: {
    // Representations are raw JSON (`_Any`): an id that is not a string names no registration.
    __resolveReference: ({ id }: { id?: unknown }, { loaders }: CivilStatusContext) => (typeof id === 'string' ? loaders.birthById.load(id) : null),
    ...registration,
    child: (row: BirthRegistrationRow) => citizen(row.child_id),
    childName: (row: BirthRegistrationRow) => row.child_name,
    childBirthDate: (row: BirthRegistrationRow) => row.child_birth_date,
    childSex: (row: BirthRegistrationRow) => row.child_sex,
    father: (row: BirthRegistrationRow) => citizen(row.father_id),
    mother: (row: BirthRegistrationRow) => citizen(row.mother_id),
    placeOfBirth: (row: BirthRegistrationRow, _args, context: CivilStatusContext) => loadAddress(context, 'CIVIL_STATUS', row.place_of_birth_address_id),
  },

  MarriageRegistration: {
    __resolveReference: ({ id }: { id?: unknown }, { loaders }: CivilStatusContext) => (typeof id === 'string' ? loaders.marriageById.load(id) : null),
    ...registration,
    husband: (row: MarriageRegistrationRow) => citizen(row.husband_id),
    wife: (row: MarriageRegistrationRow) => citizen(row.wife_id),
    husbandName: (row: MarriageRegistrationRow) => row.husband_name,
    wifeName: (row: MarriageRegistrationRow) => row.wife_name,
    husbandResidence: (row: MarriageRegistrationRow, _args, context: CivilStatusContext) =>
      loadAddress(context, 'CIVIL_STATUS', row.husband_residence_address_id),
    wifeResidence: (row: MarriageRegistrationRow, _args, context: CivilStatusContext) => loadAddress(context, 'CIVIL_STATUS', row.wife_residence_address_id),
    dissolvedOn: (row: MarriageRegistrationRow) => row.dissolved_on,
    dissolutionReason: (row: MarriageRegistrationRow) => row.dissolution_reason,
    inForce: (row: MarriageRegistrationRow) => row.dissolved_on === null,
  },

  DeathRegistration: {
    __resolveReference: ({ id }: { id?: unknown }, { loaders }: CivilStatusContext) => (typeof id === 'string' ? loaders.deathById.load(id) : null),
    ...registration,
    deceased: (row: DeathRegistrationRow) => citizen(row.deceased_id),
    deceasedName: (row: DeathRegistrationRow) => row.deceased_name,
    dateOfDeath: (row: DeathRegistrationRow) => row.date_of_death,
    placeOfDeath: (row: DeathRegistrationRow, _args, context: CivilStatusContext) => loadAddress(context, 'CIVIL_STATUS', row.place_of_death_address_id),
    declarant: (row: DeathRegistrationRow) => citizen(row.declarant_id),
  },
}
