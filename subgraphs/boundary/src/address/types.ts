/**
 * Types shared by the address converter (src/address/) and the rest of the
 * boundary subgraph. The converter works on an in-memory gazetteer built once
 * from the boundary database, so converting needs no query per address.
 */

/** How a legacy address was placed among the 2025 units. */
export type ConversionStatus = 'EXACT' | 'SPLIT_NEEDS_REVIEW' | 'AMBIGUOUS' | 'NOT_FOUND'

/** One 2025 unit a legacy commune (wholly or partly) became. */
export interface SuccessionCandidate {
  /** 2025 commune code. */
  communeCode: string
  relation: 'WHOLE' | 'PART'
  /** The destination holding most of the legacy commune (an estimate for split communes). */
  isPrimary: boolean
  /** The legacy commune this succession starts from; null for a 2025 unit the address named directly. */
  legacyCommuneCode: string | null
}

export interface AddressConversionResult {
  /** The address as given. */
  input: string
  status: ConversionStatus
  /** The 2025 commune, only when status is EXACT. */
  communeCode: string | null
  /** The 2025 province, when it is known (EXACT, SPLIT_NEEDS_REVIEW, and AMBIGUOUS within one province). */
  provinceCode: string | null
  /** The legacy commune the address named, when exactly one matched. */
  legacyCommuneCode: string | null
  /**
   * The successions behind the answer: for EXACT the WHOLE one(s) leading to the
   * commune; otherwise every possible 2025 destination, the primary of a split marked.
   */
  candidates: SuccessionCandidate[]
  /** What came before the commune (house number, street, alley, hamlet), kept as written; null when nothing. */
  street: string | null
}

// Rows the gazetteer is built from (repository: findGazetteerData).

export interface GazetteerProvince {
  code: string
  name: string
  shortName: string
  type: string
  nameEn: string
}
export interface GazetteerCommune {
  code: string
  name: string
  shortName: string
  type: string
  provinceCode: string
}
export interface GazetteerLegacyProvince {
  code: string
  name: string
  shortName: string
  type: string
  newProvinceCode: string
}
export interface GazetteerLegacyDistrict {
  code: string
  name: string
  shortName: string
  type: string
  provinceCode: string
  newCommuneCodeIfNoCommunes: string | null
}
export interface GazetteerLegacyCommune {
  code: string
  name: string
  shortName: string
  type: string
  districtCode: string
  provinceCode: string
  altNames: string[]
}
export interface GazetteerSuccession {
  legacyCommuneCode: string
  newCommuneCode: string
  relation: 'whole' | 'part'
  isPrimary: boolean
}
export interface GazetteerCommuneAlias {
  legacyCommuneCode: string
  alias: string
  kind: 'former_name' | 'variant'
}
export interface GazetteerDistrictAlias {
  legacyDistrictCode: string
  alias: string
  kind: 'former_name' | 'divided'
  isDefault: boolean
}

/** Everything the converter needs, read once from the boundary database. */
export interface GazetteerData {
  provinces: GazetteerProvince[]
  communes: GazetteerCommune[]
  legacyProvinces: GazetteerLegacyProvince[]
  legacyDistricts: GazetteerLegacyDistrict[]
  legacyCommunes: GazetteerLegacyCommune[]
  successions: GazetteerSuccession[]
  communeAliases: GazetteerCommuneAlias[]
  districtAliases: GazetteerDistrictAlias[]
}
