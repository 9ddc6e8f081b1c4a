import type { GraphQLResolverMap } from '@apollo/subgraph'
import { scalarResolvers } from '@lienthong/schema'
import { GraphQLError } from 'graphql'
import type { AddressConversionResult, SuccessionCandidate } from './address/types.js'
import type { BoundaryContext } from './context.js'
import {
  islandDistrictSuccession,
  type AdministrativeUnit,
  type AdministrativeUnitPage,
  type LegacyAdministrativeUnit,
  type Succession,
} from './model.js'
import { assertPageSize, decodeCursor } from './pagination.js'
import { findProvinces } from './repository.js'

/** Most addresses `convertLegacyAddresses` takes in one call. */
export const MAX_ADDRESSES_PER_CALL = 1_000
/** Results of `searchAdministrativeUnits` when `first` is not given. */
const DEFAULT_SEARCH_RESULTS = 20
/** Units per `communes` page when `first` is not given. */
const DEFAULT_PAGE_SIZE = 50

// Thin resolvers: arguments are checked, codes go through the per-request
// loaders (so `_entities` and nested lists batch), and the shapes come from model.ts.

/**
 * Throws BAD_USER_INPUT unless a code has the length of the level a field asks
 * for: the scalar accepts every level's length, each field only one.
 */
export function assertCodeLength(code: string, length: number, what: string): void {
  if (code.length !== length) {
    throw new GraphQLError(`${what} code has ${length} digits`, { extensions: { code: 'BAD_USER_INPUT' } })
  }
}

/** Throws BAD_USER_INPUT when a batch holds more than {@link MAX_ADDRESSES_PER_CALL} addresses. */
export function assertAddressCount(addresses: readonly string[]): void {
  if (addresses.length > MAX_ADDRESSES_PER_CALL) {
    throw new GraphQLError(`addresses must hold at most ${MAX_ADDRESSES_PER_CALL} addresses per call; split the list`, {
      extensions: { code: 'BAD_USER_INPUT' },
    })
  }
}

// Representations in `_entities` are raw JSON (`_Any`), not parsed by the code scalars.
const isCode = (code: unknown): code is string => typeof code === 'string' && /^\d+$/.test(code)

function loadAdministrativeUnit(code: string, { loaders }: BoundaryContext): Promise<AdministrativeUnit | undefined> {
  return code.length === 2 ? loaders.provinceByCode.load(code) : loaders.communeByCode.load(code)
}

async function loadCommuneOrThrow(code: string, { loaders }: BoundaryContext): Promise<AdministrativeUnit> {
  const commune = await loaders.communeByCode.load(code)
  // Codes come from the crosswalk (foreign keys) or the gazetteer: a miss is a bug, not bad input.
  if (!commune) throw new Error('a succession names a commune that does not exist')
  return commune
}

async function loadLegacyUnitOrThrow(code: string, { loaders }: BoundaryContext): Promise<LegacyAdministrativeUnit> {
  const unit = await loaders.legacyUnitByCode.load(code)
  if (!unit) throw new Error('a succession names a legacy unit that does not exist')
  return unit
}

async function loadNewProvince(unit: LegacyAdministrativeUnit, context: BoundaryContext): Promise<AdministrativeUnit | undefined> {
  if (unit.newProvinceCode) return context.loaders.provinceByCode.load(unit.newProvinceCode)
  if (!unit.provinceCode) return undefined
  const legacyProvince = await context.loaders.legacyUnitByCode.load(unit.provinceCode)
  return legacyProvince?.newProvinceCode ? context.loaders.provinceByCode.load(legacyProvince.newProvinceCode) : undefined
}

const EMPTY_PAGE: AdministrativeUnitPage = { totalCount: 0, nodes: [], pageInfo: { hasNextPage: false, endCursor: null } }

interface CodeArgs {
  code: string
}
interface SearchArgs {
  text: string
  provinceCode?: string | null
  includeLegacy: boolean
  first?: number | null
}
interface PageArgs {
  first?: number | null
  after?: string | null
}

/** The boundary subgraph's resolver map, for `buildSubgraphSchema`. */
export const resolvers = {
  ...scalarResolvers,

  Query: {
    async provinces(_: unknown, __: unknown, { db, loaders }: BoundaryContext): Promise<AdministrativeUnit[]> {
      const provinces = await findProvinces(db)
      for (const province of provinces) loaders.provinceByCode.prime(province.code, province)
      return provinces
    },
    province(_: unknown, { code }: CodeArgs, { loaders }: BoundaryContext) {
      assertCodeLength(code, 2, 'a province')
      return loaders.provinceByCode.load(code)
    },
    commune(_: unknown, { code }: CodeArgs, { loaders }: BoundaryContext) {
      assertCodeLength(code, 5, 'a commune')
      return loaders.communeByCode.load(code)
    },
    legacyProvince(_: unknown, { code }: CodeArgs, { loaders }: BoundaryContext) {
      assertCodeLength(code, 2, 'a legacy province')
      return loaders.legacyUnitByCode.load(code)
    },
    legacyDistrict(_: unknown, { code }: CodeArgs, { loaders }: BoundaryContext) {
      assertCodeLength(code, 3, 'a legacy district')
      return loaders.legacyUnitByCode.load(code)
    },
    legacyCommune(_: unknown, { code }: CodeArgs, { loaders }: BoundaryContext) {
      assertCodeLength(code, 5, 'a legacy commune')
      return loaders.legacyUnitByCode.load(code)
    },
    async searchAdministrativeUnits(_: unknown, { text, provinceCode, includeLegacy, first }: SearchArgs, context: BoundaryContext) {
      if (provinceCode) assertCodeLength(provinceCode, 2, 'a province')
      const hits = context.searchIndex.search({
        text,
        provinceCode: provinceCode ?? null,
        includeLegacy,
        first: first ?? DEFAULT_SEARCH_RESULTS,
      })
      const units = await Promise.all(
        hits.map((hit) =>
          hit.system === 'current' ? loadAdministrativeUnit(hit.code, context) : context.loaders.legacyUnitByCode.load(hit.code),
        ),
      )
      return units.filter((unit) => unit !== undefined)
    },
    // A blank or unplaceable address is a NOT_FOUND result, never an error: one bad line must not fail a batch.
    convertLegacyAddress(_: unknown, { address }: { address: string }, { converter }: BoundaryContext): AddressConversionResult {
      return converter.convert(address)
    },
    convertLegacyAddresses(_: unknown, { addresses }: { addresses: string[] }, { converter }: BoundaryContext): AddressConversionResult[] {
      assertAddressCount(addresses)
      return addresses.map((address) => converter.convert(address))
    },
  },

  AdministrativeUnit: {
    __resolveReference(reference: { code: unknown }, context: BoundaryContext) {
      return isCode(reference.code) ? loadAdministrativeUnit(reference.code, context) : null
    },
    province(unit: AdministrativeUnit, _: unknown, { loaders }: BoundaryContext) {
      return unit.provinceCode ? loaders.provinceByCode.load(unit.provinceCode) : null
    },
    communes(unit: AdministrativeUnit, { first, after }: PageArgs, { loaders }: BoundaryContext) {
      const pageSize = first ?? DEFAULT_PAGE_SIZE
      assertPageSize(pageSize)
      const afterCode = after ? decodeCursor(after) : null
      if (unit.level !== 'PROVINCE') return EMPTY_PAGE
      return loaders.communePageByProvince.load({ provinceCode: unit.code, afterCode, first: pageSize })
    },
    predecessors(unit: AdministrativeUnit, _: unknown, { loaders }: BoundaryContext) {
      return unit.level === 'COMMUNE' ? loaders.predecessorsByCommuneCode.load(unit.code) : []
    },
  },

  LegacyAdministrativeUnit: {
    __resolveReference(reference: { code: unknown }, { loaders }: BoundaryContext) {
      return isCode(reference.code) ? loaders.legacyUnitByCode.load(reference.code) : null
    },
    province(unit: LegacyAdministrativeUnit, _: unknown, { loaders }: BoundaryContext) {
      return unit.provinceCode ? loaders.legacyUnitByCode.load(unit.provinceCode) : null
    },
    district(unit: LegacyAdministrativeUnit, _: unknown, { loaders }: BoundaryContext) {
      return unit.districtCode ? loaders.legacyUnitByCode.load(unit.districtCode) : null
    },
    successors(unit: LegacyAdministrativeUnit, _: unknown, { loaders }: BoundaryContext): Promise<Succession[]> | Succession[] {
      if (unit.level === 'COMMUNE') return loaders.successionsByLegacyCommuneCode.load(unit.code)
      const island = unit.level === 'DISTRICT' ? islandDistrictSuccession(unit) : undefined
      return island ? [island] : []
    },
    newProvince(unit: LegacyAdministrativeUnit, _: unknown, context: BoundaryContext) {
      return loadNewProvince(unit, context)
    },
  },

  Succession: {
    legacyCommune(succession: Succession, _: unknown, context: BoundaryContext) {
      return loadLegacyUnitOrThrow(succession.legacyCode, context)
    },
    commune(succession: Succession, _: unknown, context: BoundaryContext) {
      return loadCommuneOrThrow(succession.communeCode, context)
    },
  },

  AddressCandidate: {
    commune(candidate: SuccessionCandidate, _: unknown, context: BoundaryContext) {
      return loadCommuneOrThrow(candidate.communeCode, context)
    },
    legacyCommune(candidate: SuccessionCandidate, _: unknown, context: BoundaryContext) {
      return candidate.legacyCommuneCode ? loadLegacyUnitOrThrow(candidate.legacyCommuneCode, context) : null
    },
  },

  AdministrativeUnitSearchResult: {
    __resolveType(unit: AdministrativeUnit | LegacyAdministrativeUnit) {
      return unit.__typename
    },
  },

  AddressConversion: {
    commune(result: AddressConversionResult, _: unknown, { loaders }: BoundaryContext) {
      return result.communeCode ? loaders.communeByCode.load(result.communeCode) : null
    },
    province(result: AddressConversionResult, _: unknown, { loaders }: BoundaryContext) {
      return result.provinceCode ? loaders.provinceByCode.load(result.provinceCode) : null
    },
    legacyCommune(result: AddressConversionResult, _: unknown, { loaders }: BoundaryContext) {
      return result.legacyCommuneCode ? loaders.legacyUnitByCode.load(result.legacyCommuneCode) : null
    },
    async convertedAddress(result: AddressConversionResult, _: unknown, { loaders }: BoundaryContext): Promise<string | null> {
      if (result.status !== 'EXACT' || !result.communeCode) return null
      const commune = await loaders.communeByCode.load(result.communeCode)
      const province = commune?.provinceCode ? await loaders.provinceByCode.load(commune.provinceCode) : null
      if (!commune || !province) return null
      return [result.street, commune.name, province.name].filter((part) => part !== null && part.trim() !== '').join(', ')
    },
  },
} satisfies GraphQLResolverMap<BoundaryContext>
