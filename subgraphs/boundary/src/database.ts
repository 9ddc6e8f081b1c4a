import type { Selectable } from 'kysely'

// Tables of the boundary database, as created by migrations/boundary/. Columns
// keep their snake_case names; codes are fixed-width text (char(n)) so leading
// zeros survive.

/** A 2025 province or centrally governed city (Decision 19/2025/QĐ-TTg). */
export interface ProvinceTable {
  code: string
  name: string
  short_name: string
  type: 'thành phố' | 'tỉnh'
  name_en: string
  full_name_en: string
  /** `numeric`: pg returns it as text. */
  area_km2: string | null
  population: number | null
}

/** A 2025 commune, ward or special zone. */
export interface CommuneTable {
  code: string
  name: string
  short_name: string
  type: 'phường' | 'xã' | 'đặc khu'
  province_code: string
  name_en: string
  /** `numeric`: pg returns it as text. */
  area_km2: string | null
  population: number | null
  /** The National Assembly Standing Committee resolution that formed the unit. */
  resolution: string | null
}

/** A province before 1 July 2025 (Decision 124/2004/QĐ-TTg codes). */
export interface LegacyProvinceTable {
  code: string
  name: string
  short_name: string
  type: 'thành phố' | 'tỉnh'
  /** Every legacy province went wholly into one 2025 province. */
  new_province_code: string
}

/** A district before 1 July 2025. */
export interface LegacyDistrictTable {
  code: string
  name: string
  short_name: string
  type: 'quận' | 'huyện' | 'thị xã' | 'thành phố'
  province_code: string
  /** Island districts without communes became a 2025 special zone (đặc khu); null for every other district. */
  new_commune_code_if_no_communes: string | null
}

/** A commune, ward or township before 1 July 2025. */
export interface LegacyCommuneTable {
  code: string
  name: string
  short_name: string
  type: 'phường' | 'xã' | 'thị trấn'
  district_code: string
  province_code: string
  /** Other spellings met in the sources. */
  alt_names: string[]
}

/** The legacy→2025 crosswalk: one row per (legacy commune, 2025 commune) pair. */
export interface LegacySuccessionTable {
  legacy_commune_code: string
  new_commune_code: string
  relation: 'whole' | 'part'
  is_primary: boolean
  /** How the primary destination of a split commune was chosen. */
  primary_basis: string | null
}

/** A name a legacy commune carried before the 2017–2024 mergers, as a compact ASCII key. */
export interface LegacyCommuneAliasTable {
  legacy_commune_code: string
  alias: string
  kind: 'former_name' | 'variant'
  year: number | null
  source: string | null
}

/** A former or divided district name (e.g. Quận 2 and Quận 9 → Thành phố Thủ Đức), as a compact ASCII key. */
export interface LegacyDistrictAliasTable {
  legacy_district_code: string
  alias: string
  kind: 'former_name' | 'divided'
  is_default: boolean
  source: string | null
}

/** The boundary subgraph's database, for `Kysely<BoundaryDatabase>`. */
export interface BoundaryDatabase {
  province: ProvinceTable
  commune: CommuneTable
  legacy_province: LegacyProvinceTable
  legacy_district: LegacyDistrictTable
  legacy_commune: LegacyCommuneTable
  legacy_succession: LegacySuccessionTable
  legacy_commune_alias: LegacyCommuneAliasTable
  legacy_district_alias: LegacyDistrictAliasTable
}

export type ProvinceRow = Selectable<ProvinceTable>
export type CommuneRow = Selectable<CommuneTable>
export type LegacyProvinceRow = Selectable<LegacyProvinceTable>
export type LegacyDistrictRow = Selectable<LegacyDistrictTable>
export type LegacyCommuneRow = Selectable<LegacyCommuneTable>
export type LegacySuccessionRow = Selectable<LegacySuccessionTable>
