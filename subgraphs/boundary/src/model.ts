import type { CommuneRow, LegacyCommuneRow, LegacyDistrictRow, LegacyProvinceRow, LegacySuccessionRow, ProvinceRow } from './database.js'

// The API shapes the resolvers return, built from rows by the mappers below.
// Fields named like the SDL resolve by default; codes of related units stay
// codes and are resolved through the per-request loaders.

export type AdministrativeUnitType = 'CENTRAL_CITY' | 'PROVINCE' | 'WARD' | 'COMMUNE' | 'SPECIAL_ZONE'
export type LegacyAdministrativeUnitType =
  | 'CENTRAL_CITY'
  | 'PROVINCE'
  | 'URBAN_DISTRICT'
  | 'RURAL_DISTRICT'
  | 'DISTRICT_TOWN'
  | 'PROVINCIAL_CITY'
  | 'WARD'
  | 'COMMUNE'
  | 'TOWNSHIP'

/** A 2025 province or commune (GraphQL `AdministrativeUnit`). */
export interface AdministrativeUnit {
  __typename: 'AdministrativeUnit'
  code: string
  name: string
  shortName: string
  nameEn: string
  type: AdministrativeUnitType
  typeLabel: string
  level: 'PROVINCE' | 'COMMUNE'
  /** The commune's province; null for a province. */
  provinceCode: string | null
  areaKm2: number | null
  population: number | null
}

/** A pre-1 July 2025 province, district or commune (GraphQL `LegacyAdministrativeUnit`). */
export interface LegacyAdministrativeUnit {
  __typename: 'LegacyAdministrativeUnit'
  code: string
  name: string
  shortName: string
  type: LegacyAdministrativeUnitType
  typeLabel: string
  level: 'PROVINCE' | 'DISTRICT' | 'COMMUNE'
  /** Null for a province. */
  provinceCode: string | null
  /** Set for a commune only. */
  districtCode: string | null
  /** Set for a province only: the 2025 province it went into. */
  newProvinceCode: string | null
  /** Set for an island district without communes only: the special zone it became. */
  newCommuneCodeIfNoCommunes: string | null
}

/** One crosswalk row (GraphQL `Succession`). */
export interface Succession {
  /** A legacy commune code, or an island district's code for its special zone. */
  legacyCode: string
  communeCode: string
  relation: 'WHOLE' | 'PART'
  isPrimary: boolean
}

/** One page of a province's communes (GraphQL `AdministrativeUnitConnection`). */
export interface AdministrativeUnitPage {
  totalCount: number
  nodes: AdministrativeUnit[]
  pageInfo: { hasNextPage: boolean; endCursor: string | null }
}

const PROVINCE_TYPES = { 'thành phố': 'CENTRAL_CITY', 'tỉnh': 'PROVINCE' } as const
const COMMUNE_TYPES = { 'phường': 'WARD', 'xã': 'COMMUNE', 'đặc khu': 'SPECIAL_ZONE' } as const
const LEGACY_DISTRICT_TYPES = {
  'quận': 'URBAN_DISTRICT',
  'huyện': 'RURAL_DISTRICT',
  'thị xã': 'DISTRICT_TOWN',
  // A district-level city: a thành phố thuộc tỉnh, or Thủ Đức inside Hồ Chí Minh City.
  'thành phố': 'PROVINCIAL_CITY',
} as const
const LEGACY_COMMUNE_TYPES = { 'phường': 'WARD', 'xã': 'COMMUNE', 'thị trấn': 'TOWNSHIP' } as const

// area_km2 is `numeric`, which pg returns as text to keep its precision.
const numberOrNull = (value: string | null) => (value === null ? null : Number(value))

export function provinceRowToAdministrativeUnit(row: ProvinceRow): AdministrativeUnit {
  return {
    __typename: 'AdministrativeUnit',
    code: row.code,
    name: row.name,
    shortName: row.short_name,
    nameEn: row.name_en,
    type: PROVINCE_TYPES[row.type],
    typeLabel: row.type,
    level: 'PROVINCE',
    provinceCode: null,
    areaKm2: numberOrNull(row.area_km2),
    population: row.population,
  }
}

export function communeRowToAdministrativeUnit(row: CommuneRow): AdministrativeUnit {
  return {
    __typename: 'AdministrativeUnit',
    code: row.code,
    name: row.name,
    shortName: row.short_name,
    nameEn: row.name_en,
    type: COMMUNE_TYPES[row.type],
    typeLabel: row.type,
    level: 'COMMUNE',
    provinceCode: row.province_code,
    areaKm2: numberOrNull(row.area_km2),
    population: row.population,
  }
}

export function legacyProvinceRowToLegacyUnit(row: LegacyProvinceRow): LegacyAdministrativeUnit {
  return {
    __typename: 'LegacyAdministrativeUnit',
    code: row.code,
    name: row.name,
    shortName: row.short_name,
    type: PROVINCE_TYPES[row.type],
    typeLabel: row.type,
    level: 'PROVINCE',
    provinceCode: null,
    districtCode: null,
    newProvinceCode: row.new_province_code,
    newCommuneCodeIfNoCommunes: null,
  }
}

export function legacyDistrictRowToLegacyUnit(row: LegacyDistrictRow): LegacyAdministrativeUnit {
  return {
    __typename: 'LegacyAdministrativeUnit',
    code: row.code,
    name: row.name,
    shortName: row.short_name,
    type: LEGACY_DISTRICT_TYPES[row.type],
    typeLabel: row.type,
    level: 'DISTRICT',
    provinceCode: row.province_code,
    districtCode: null,
    newProvinceCode: null,
    newCommuneCodeIfNoCommunes: row.new_commune_code_if_no_communes,
  }
}

export function legacyCommuneRowToLegacyUnit(row: Omit<LegacyCommuneRow, 'alt_names'>): LegacyAdministrativeUnit {
  return {
    __typename: 'LegacyAdministrativeUnit',
    code: row.code,
    name: row.name,
    shortName: row.short_name,
    type: LEGACY_COMMUNE_TYPES[row.type],
    typeLabel: row.type,
    level: 'COMMUNE',
    provinceCode: row.province_code,
    districtCode: row.district_code,
    newProvinceCode: null,
    newCommuneCodeIfNoCommunes: null,
  }
}

export function successionRowToSuccession(
  row: Pick<LegacySuccessionRow, 'legacy_commune_code' | 'new_commune_code' | 'relation' | 'is_primary'>,
): Succession {
  return {
    legacyCode: row.legacy_commune_code,
    communeCode: row.new_commune_code,
    relation: row.relation === 'whole' ? 'WHOLE' : 'PART',
    isPrimary: row.is_primary,
  }
}

/**
 * The succession of an island district that had no communes (Bạch Long Vĩ,
 * Cồn Cỏ, Hoàng Sa, Lý Sơn, Côn Đảo): the whole district became one special zone.
 */
export function islandDistrictSuccession(district: LegacyAdministrativeUnit): Succession | undefined {
  if (district.newCommuneCodeIfNoCommunes === null) return undefined
  return { legacyCode: district.code, communeCode: district.newCommuneCodeIfNoCommunes, relation: 'WHOLE', isPrimary: true }
}
