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
import type { PopulationContext } from './context.js'
import type { CitizenRow, HouseholdRow } from './database.js'
import { assertPageSize, decodeCursor, encodeCursor } from './pagination.js'
import { searchCitizens, type CitizenSearchCriteria } from './repository.js'

/** Most personal ids `citizens` takes in one call. */
export const MAX_CITIZENS_PER_CALL = 500

// Thin resolvers: arguments are checked, lookups go through the per-request
// loaders (so `_entities` and nested lists batch), rows become GraphQL shapes here.

const COMMUNE_CODE = /^\d{5}$/
/** Longer than any household id the source writes ("HK01000123"). */
const MAX_HOUSEHOLD_ID_LENGTH = 64
const MAX_NAME_LENGTH = 200

function badInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } })
}

/** One page of the citizens matching `criteria` (all of them when empty), in personal id order. */
async function citizenPage(context: PopulationContext, criteria: CitizenSearchCriteria, first: number, after: string | null | undefined) {
  assertPageSize(first)
  const afterPersonalId = after === null || after === undefined ? undefined : decodeCursor(after)
  if (first === 0) return { edges: [], pageInfo: { hasNextPage: false, endCursor: null } }
  // One more row than asked tells whether another page follows.
  const rows = await searchCitizens(context.db, criteria, { afterPersonalId, limit: first + 1 })
  const page = rows.slice(0, first)
  const edges = page.map((row) => ({ cursor: encodeCursor(row.personal_id), node: row }))
  return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } }
}

async function loadCitizen(context: PopulationContext, personalId: string | null): Promise<CitizenRow | null> {
  if (personalId === null) return null
  return (await context.loaders.citizen.load(personalId)) ?? null
}

/** A household by id; null for an id no household has (a representation's id is raw JSON, maybe not even a string). */
async function loadHousehold(context: PopulationContext, id: unknown): Promise<HouseholdRow | null> {
  if (typeof id !== 'string' || id.length === 0 || id.length > MAX_HOUSEHOLD_ID_LENGTH) return null
  return (await context.loaders.household.load(id)) ?? null
}

interface SearchFilterArgs {
  fullName?: string | null
  namePrefix?: string | null
  /** graphql-scalars parses a `Date` into a JS Date at UTC midnight. */
  birthDate?: Date | null
  communeCode?: string | null
  legacyCommuneCode?: string | null
}

/** The filter as repository criteria; BAD_USER_INPUT when it has no criterion or a malformed one. */
function searchCriteriaOf(filter: SearchFilterArgs): CitizenSearchCriteria {
  const criteria: CitizenSearchCriteria = {}
  const name = (value: string | null | undefined, field: string) => {
    if (value === null || value === undefined) return undefined
    const normalized = value.normalize('NFC')
    if (normalized.trim().length === 0 || normalized.length > MAX_NAME_LENGTH) {
      throw badInput(`filter.${field} must hold 1 to ${MAX_NAME_LENGTH} characters`)
    }
    return normalized
  }
  criteria.fullName = name(filter.fullName, 'fullName')
  criteria.namePrefix = name(filter.namePrefix, 'namePrefix')
  if (filter.birthDate !== null && filter.birthDate !== undefined) criteria.birthDate = filter.birthDate.toISOString().slice(0, 10)
  for (const field of ['communeCode', 'legacyCommuneCode'] as const) {
    const code = filter[field]
    if (code === null || code === undefined) continue
    if (!COMMUNE_CODE.test(code)) throw badInput(`filter.${field} must be a commune code of 5 digits`)
    criteria[field] = code
  }
  if (Object.values(criteria).every((value) => value === undefined)) {
    throw badInput('filter needs at least one criterion: fullName, namePrefix, birthDate, communeCode or legacyCommuneCode')
  }
  return criteria
}

export const resolvers: GraphQLResolverMap<PopulationContext> = {
  ...scalarResolvers,
  ...addressResolvers,

  Query: {
    // PersonalId arguments are already checked by the scalar.
    citizen: (_parent, { personalId }: { personalId: string }, context: PopulationContext) => loadCitizen(context, personalId),
    citizens: async (_parent, { personalIds }: { personalIds: string[] }, context: PopulationContext) => {
      if (personalIds.length > MAX_CITIZENS_PER_CALL) {
        throw badInput(`personalIds must hold at most ${MAX_CITIZENS_PER_CALL} ids per call; split the list`)
      }
      return Promise.all(personalIds.map((personalId) => loadCitizen(context, personalId)))
    },
    household: (_parent, { id }: { id: string }, context: PopulationContext) => loadHousehold(context, id),
    searchCitizens: async (
      _parent,
      { filter, first, after }: { filter: SearchFilterArgs; first: number; after?: string | null },
      context: PopulationContext,
    ) => citizenPage(context, searchCriteriaOf(filter), first, after),
    allCitizens: async (_parent, { first, after }: { first: number; after?: string | null }, context: PopulationContext) =>
      citizenPage(context, {}, first, after),
    populationMappingQuality: createMappingQualityResolver('POPULATION'),
  },

  Mutation: {
    resolvePopulationAddressMapping: createResolveAddressMapping('POPULATION'),
  },

  Citizen: {
    // The gateway sends `{ __typename, personalId }` (plus fields other subgraphs know); the loader batches them.
    // Representations are raw JSON (`_Any`), not parsed by the scalar: a malformed id names no citizen.
    __resolveReference: async ({ personalId }: { personalId?: unknown }, context: PopulationContext) =>
      isAcceptedBy(PersonalIdScalar, personalId) ? loadCitizen(context, personalId) : null,
    personalId: (citizen: CitizenRow) => citizen.personal_id,
    fullName: (citizen: CitizenRow) => citizen.full_name,
    otherNames: (citizen: CitizenRow) => citizen.other_names,
    birthDate: (citizen: CitizenRow) => citizen.birth_date,
    sex: (citizen: CitizenRow) => citizen.sex,
    placeOfBirth: (citizen: CitizenRow, _args, context: PopulationContext) =>
      loadAddress(context, 'POPULATION', citizen.place_of_birth_address_id),
    placeOfBirthRegistration: (citizen: CitizenRow, _args, context: PopulationContext) =>
      loadAddress(context, 'POPULATION', citizen.place_of_birth_registration_address_id),
    hometown: (citizen: CitizenRow, _args, context: PopulationContext) => loadAddress(context, 'POPULATION', citizen.hometown_address_id),
    bloodGroup: (citizen: CitizenRow) => citizen.blood_group,
    idCard: (citizen: CitizenRow) =>
      citizen.id_card_number === null
        ? null
        : {
            number: citizen.id_card_number,
            issueDate: citizen.id_card_issue_date,
            expiryDate: citizen.id_card_expiry_date,
            issuedBy: citizen.id_card_issued_by,
          },
    permanentResidence: (citizen: CitizenRow, _args, context: PopulationContext) =>
      loadAddress(context, 'POPULATION', citizen.permanent_address_id),
    temporaryResidence: (citizen: CitizenRow, _args, context: PopulationContext) =>
      loadAddress(context, 'POPULATION', citizen.temporary_address_id),
    currentResidence: (citizen: CitizenRow, _args, context: PopulationContext) =>
      loadAddress(context, 'POPULATION', citizen.current_address_id),
    household: async (citizen: CitizenRow, _args, context: PopulationContext) => {
      const household = await context.loaders.household.load(citizen.household_id)
      // Every citizen's household is ingested with it: a miss is a data fault, not bad input.
      if (!household) throw new Error('a citizen names a household the register does not hold')
      return household
    },
    relationshipToHead: (citizen: CitizenRow) => citizen.relationship_to_head,
    father: (citizen: CitizenRow, _args, context: PopulationContext) => loadCitizen(context, citizen.father_id),
    mother: (citizen: CitizenRow, _args, context: PopulationContext) => loadCitizen(context, citizen.mother_id),
    spouse: (citizen: CitizenRow, _args, context: PopulationContext) => loadCitizen(context, citizen.spouse_id),
    children: (citizen: CitizenRow, _args, context: PopulationContext) => context.loaders.childrenByParent.load(citizen.personal_id),
    dateOfDeath: (citizen: CitizenRow) => citizen.date_of_death,
    deceased: (citizen: CitizenRow) => citizen.date_of_death !== null,
    // A Date: the DateTime scalar serialises it as an ISO 8601 instant (as Address.mappedAt).
    updatedAt: (citizen: CitizenRow) => citizen.updated_at,
  },

  Household: {
    __resolveReference: (reference: { id?: unknown }, context: PopulationContext) => loadHousehold(context, reference.id),
    head: async (household: HouseholdRow, _args, context: PopulationContext) => {
      const head = await context.loaders.citizen.load(household.head_id)
      if (!head) throw new Error('a household names a head the register does not hold')
      return head
    },
    address: (household: HouseholdRow, _args, context: PopulationContext) => loadAddress(context, 'POPULATION', household.address_id),
    members: async (household: HouseholdRow, _args, context: PopulationContext) =>
      (await context.loaders.membersByHousehold.load(household.id)).map((citizen) => ({
        citizen,
        relationshipToHead: citizen.relationship_to_head,
      })),
    updatedAt: (household: HouseholdRow) => household.updated_at,
  },
}
