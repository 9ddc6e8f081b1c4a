import { compactKey, foldText, tonePlacementKey } from './normalize.js'
import type { GazetteerData, GazetteerSuccession } from './types.js'
import { PROVINCE_NICKNAMES } from './vocabulary.js'

/** A unit reachable by a name key. */
export interface NamedUnit {
  system: 'legacy' | '2025'
  code: string
  /** The unit type as in the data ('phường', 'huyện', …). */
  type: string
  /** For legacy units: their legacy province; for 2025 units: their province. */
  provinceCode: string
  /** The name's words with diacritics (tone placement normalised), to split names that fold alike ("Long Thành"/"Long Thạnh"); '' when unknown. */
  diacriticKey: string
  /** How the key was reached: the current name, a spelling variant, or a former name from the alias lists. */
  via: 'name' | 'alias'
  /** Alias written with diacritics in the source: only an input with the same diacritics may use it. */
  accentedAlias?: boolean
}

type NameIndex = Map<string, NamedUnit[]>

/**
 * In-memory indexes of every unit by folded, compacted name, scoped the way
 * addresses are read: provinces nationwide, legacy districts by legacy
 * province, legacy communes by district and by province, 2025 communes by
 * province. Built once from the boundary database (≈ 28,000 rows, a few ms).
 */
export interface Gazetteer {
  provinces: NameIndex
  legacyDistrictsByProvince: Map<string, NameIndex>
  legacyDistrictsNationwide: NameIndex
  legacyCommunesByDistrict: Map<string, NameIndex>
  legacyCommunesByProvince: Map<string, NameIndex>
  legacyCommunesNationwide: NameIndex
  communesByProvince: Map<string, NameIndex>
  /** 2025 communes and the legacy communes of every legacy province merged into the 2025 province, in one index. */
  allCommunesBy2025Province: Map<string, NameIndex>
  communesNationwide: NameIndex
  /** Aliases keyed with their type prefix (`phuong10`), by district, then by province. */
  communeAliasesByDistrict: Map<string, NameIndex>
  communeAliasesByProvince: Map<string, NameIndex>
  /** Legacy province codes merged into each 2025 province. */
  legacyProvincesOf2025: Map<string, string[]>
  legacyProvinceNewCode: Map<string, string>
  successionsByLegacyCommune: Map<string, GazetteerSuccession[]>
  /** 2025 province of each 2025 commune. */
  communeProvince: Map<string, string>
  /** Island districts without communes → their 2025 special zone. */
  districtSpecialZone: Map<string, string>
  /** Legacy districts each 2025 commune has a predecessor in. */
  predecessorDistrictsOf2025: Map<string, Set<string>>
}

/** The key a name is indexed under: folded, numbers without leading zeros, no spaces or punctuation. */
export function nameKey(name: string): string {
  return compactKey(
    foldText(name)
      .split(/[^a-z0-9]+/)
      .map((word) => (/^\d+$/.test(word) ? String(Number(word)) : word))
      .join(' '),
  )
}

function add(index: NameIndex, key: string, unit: NamedUnit): void {
  if (!key) return
  const existing = index.get(key)
  if (!existing) index.set(key, [unit])
  else if (!existing.some((other) => other.code === unit.code && other.system === unit.system && other.via === unit.via)) existing.push(unit)
}

function scoped(map: Map<string, NameIndex>, scope: string): NameIndex {
  let index = map.get(scope)
  if (!index) map.set(scope, (index = new Map()))
  return index
}

/** Builds the gazetteer from the rows of the boundary database. */
export function buildGazetteer(data: GazetteerData): Gazetteer {
  const gazetteer: Gazetteer = {
    provinces: new Map(),
    legacyDistrictsByProvince: new Map(),
    legacyDistrictsNationwide: new Map(),
    legacyCommunesByDistrict: new Map(),
    legacyCommunesByProvince: new Map(),
    legacyCommunesNationwide: new Map(),
    communesByProvince: new Map(),
    allCommunesBy2025Province: new Map(),
    communesNationwide: new Map(),
    communeAliasesByDistrict: new Map(),
    communeAliasesByProvince: new Map(),
    legacyProvincesOf2025: new Map(),
    legacyProvinceNewCode: new Map(),
    successionsByLegacyCommune: new Map(),
    communeProvince: new Map(),
    districtSpecialZone: new Map(),
    predecessorDistrictsOf2025: new Map(),
  }

  for (const province of data.provinces) {
    const unit = namedUnit('2025', province, province.code, province.shortName)
    for (const name of [province.shortName, province.nameEn]) add(gazetteer.provinces, nameKey(name), unit)
    gazetteer.legacyProvincesOf2025.set(province.code, [])
  }
  for (const province of data.legacyProvinces) {
    add(gazetteer.provinces, nameKey(province.shortName), namedUnit('legacy', province, province.code, province.shortName))
    gazetteer.legacyProvincesOf2025.get(province.newProvinceCode)?.push(province.code)
    gazetteer.legacyProvinceNewCode.set(province.code, province.newProvinceCode)
  }
  for (const nickname of PROVINCE_NICKNAMES) {
    const provinces = nickname.system === '2025' ? data.provinces : data.legacyProvinces
    const province = provinces.find((candidate) => candidate.code === nickname.code)
    if (!province) throw new Error(`province nickname ${nickname.key} names unknown ${nickname.system} province ${nickname.code}`)
    // Diacritics are known only where the nickname is the official name folded ("hue" = "Huế").
    const official = nameKey(province.shortName) === nickname.key ? province.shortName : null
    add(gazetteer.provinces, nickname.key, namedUnit(nickname.system, province, nickname.code, official, 'alias'))
  }

  const districtsByCode = new Map(data.legacyDistricts.map((district) => [district.code, district]))
  for (const district of data.legacyDistricts) {
    const unit = namedUnit('legacy', district, district.provinceCode, district.shortName)
    // Two districts carry their type word in short_name ("Thành Phố Đồng Hới").
    const key = nameKey(stripTypeWord(district.shortName))
    add(scoped(gazetteer.legacyDistrictsByProvince, district.provinceCode), key, unit)
    add(gazetteer.legacyDistrictsNationwide, key, unit)
    if (district.newCommuneCodeIfNoCommunes) gazetteer.districtSpecialZone.set(district.code, district.newCommuneCodeIfNoCommunes)
  }
  for (const alias of data.districtAliases) {
    const district = districtsByCode.get(alias.legacyDistrictCode)
    if (!district) continue
    const unit = namedUnit('legacy', district, district.provinceCode, null, 'alias')
    const key = nameKey(alias.alias)
    // Former district names are indexed with their type word stripped too, as current names are.
    for (const indexKey of [key, stripTypePrefix(key, ['quan', 'huyen', 'thixa', 'thanhpho', 'tx', 'tp', 'q', 'district'])]) {
      add(scoped(gazetteer.legacyDistrictsByProvince, district.provinceCode), indexKey, unit)
      add(gazetteer.legacyDistrictsNationwide, indexKey, unit)
    }
  }

  const communesByCode = new Map(data.legacyCommunes.map((commune) => [commune.code, commune]))
  for (const commune of data.legacyCommunes) {
    // Alternative spellings met in the sources count as current names.
    for (const name of [commune.shortName, ...commune.altNames.map(stripTypeWord)]) {
      const unit = namedUnit('legacy', commune, commune.provinceCode, name)
      const key = nameKey(name)
      add(scoped(gazetteer.legacyCommunesByDistrict, commune.districtCode), key, unit)
      add(scoped(gazetteer.legacyCommunesByProvince, commune.provinceCode), key, unit)
      const province2025 = gazetteer.legacyProvinceNewCode.get(commune.provinceCode)
      if (province2025) add(scoped(gazetteer.allCommunesBy2025Province, province2025), key, unit)
      add(gazetteer.legacyCommunesNationwide, key, unit)
    }
  }
  for (const alias of data.communeAliases) {
    const commune = communesByCode.get(alias.legacyCommuneCode)
    if (!commune) continue
    // A few aliases keep their diacritics because folding them would collide with another name.
    const accented = !/^[a-z0-9]+$/.test(alias.alias)
    const unit: NamedUnit = {
      ...namedUnit('legacy', commune, commune.provinceCode, null, 'alias'),
      ...(accented ? { diacriticKey: alias.alias.normalize('NFC'), accentedAlias: true } : {}),
    }
    const key = nameKey(alias.alias)
    add(scoped(gazetteer.communeAliasesByDistrict, commune.districtCode), key, unit)
    add(scoped(gazetteer.communeAliasesByProvince, commune.provinceCode), key, unit)
  }

  for (const commune of data.communes) {
    gazetteer.communeProvince.set(commune.code, commune.provinceCode)
    const unit = namedUnit('2025', commune, commune.provinceCode, commune.shortName)
    const key = nameKey(commune.shortName)
    add(scoped(gazetteer.communesByProvince, commune.provinceCode), key, unit)
    add(scoped(gazetteer.allCommunesBy2025Province, commune.provinceCode), key, unit)
    add(gazetteer.communesNationwide, key, unit)
  }

  for (const succession of data.successions) {
    const list = gazetteer.successionsByLegacyCommune.get(succession.legacyCommuneCode)
    if (list) list.push(succession)
    else gazetteer.successionsByLegacyCommune.set(succession.legacyCommuneCode, [succession])
    const district = communesByCode.get(succession.legacyCommuneCode)?.districtCode
    if (district) {
      let districts = gazetteer.predecessorDistrictsOf2025.get(succession.newCommuneCode)
      if (!districts) gazetteer.predecessorDistrictsOf2025.set(succession.newCommuneCode, (districts = new Set()))
      districts.add(district)
    }
  }
  for (const list of gazetteer.successionsByLegacyCommune.values()) list.sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary))
  for (const [districtCode, zone] of gazetteer.districtSpecialZone) {
    const districts = gazetteer.predecessorDistrictsOf2025.get(zone) ?? new Set()
    districts.add(districtCode)
    gazetteer.predecessorDistrictsOf2025.set(zone, districts)
  }
  return gazetteer
}

/** A unit as the indexes hold it; `name` gives its diacritics, null when unknown (aliases are folded). */
function namedUnit(
  system: NamedUnit['system'],
  unit: { code: string; type: string },
  provinceCode: string,
  name: string | null,
  via: NamedUnit['via'] = 'name',
): NamedUnit {
  return { system, code: unit.code, type: unit.type, provinceCode, diacriticKey: name === null ? '' : diacriticKey(name), via }
}

/** The name's words with their diacritics, tone placement normalised, as the converter compares them with input. */
function diacriticKey(name: string): string {
  return tonePlacementKey(name.replace(/[^\p{L}\p{M}\p{N}\s]/gu, ' '))
}

/** "Xã Sủng Cháng" → "Sủng Cháng": alt names in the data carry their type word. */
function stripTypeWord(name: string): string {
  return name.replace(/^(phường|xã|thị trấn|thị xã|quận|huyện|thành phố)\s+/iu, '')
}

function stripTypePrefix(key: string, prefixes: readonly string[]): string {
  for (const prefix of prefixes) if (key.startsWith(prefix) && key.length > prefix.length) return key.slice(prefix.length)
  return key
}
