import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { LegacyAddress } from '@lienthong/lib/registers'
import { boundaryDataFolder } from '@lienthong/migrations'
import { parse } from 'csv-parse/sync'
import type { Random } from './random.js'

/** How a legacy commune maps to 2025 in the official crosswalk. */
type CommuneMapping = 'WHOLE' | 'SPLIT'

/** A real legacy (pre-2025) commune with its district and province names. */
export interface LegacyCommune {
  code: string
  name: string
  /** Phường or thị trấn: addresses with house numbers and streets, else villages. */
  urban: boolean
  districtCode: string
  districtName: string
  provinceCode: string
  provinceName: string
  /** WHOLE: one crosswalk row, relation whole (maps exactly); SPLIT: anything else. */
  mapping: CommuneMapping
  /** "Phường Láng Hạ, Quận Đống Đa, Thành phố Hà Nội". */
  suffix: string
}

/** The legacy units of the official boundary data, indexed for drawing places. */
export interface Places {
  byCode: ReadonlyMap<string, LegacyCommune>
  /** Legacy commune codes the crosswalk knows. */
  crosswalkCodes: ReadonlySet<string>
  /** Whole-mapped communes weighted by population (index into `whole`). */
  whole: readonly LegacyCommune[]
  wholeCumulative: Float64Array
  /** Whole-mapped communes per legacy province, weighted. */
  wholeByProvince: ReadonlyMap<string, { communes: LegacyCommune[]; cumulative: Float64Array }>
  split: readonly LegacyCommune[]
  splitCumulative: Float64Array
}

let cached: Places | undefined

function readCsv(file: string): Record<string, string>[] {
  return parse(readFileSync(path.join(boundaryDataFolder(), file), 'utf8'), { columns: true, skip_empty_lines: true, trim: true }) as Record<string, string>[]
}

/**
 * Reads the legacy provinces, districts, communes and the legacy→2025
 * crosswalk from migrations/boundary/data (once per process). A commune's
 * weight is the population of the 2025 commune(s) it went into, shared among
 * their predecessors, so big provinces get more people.
 */
export function loadPlaces(): Places {
  if (cached) return cached
  const provinces = new Map(readCsv('legacy-provinces.csv').map((row) => [row.code!, { code: row.code!, name: row.name! }]))
  const districts = new Map(
    readCsv('legacy-districts.csv').map((row) => [row.code!, { code: row.code!, name: row.name!, provinceCode: row.province_code! }]),
  )
  const newPopulation = new Map(readCsv('communes-2025.csv').map((row) => [row.code!, Number(row.population) || 5_000]))
  const crosswalk = readCsv('legacy-to-2025.csv')
  const rowsByLegacy = new Map<string, Record<string, string>[]>()
  const predecessors = new Map<string, number>()
  for (const row of crosswalk) {
    const legacy = row.legacy_commune_code!
    if (!rowsByLegacy.has(legacy)) rowsByLegacy.set(legacy, [])
    rowsByLegacy.get(legacy)!.push(row)
    predecessors.set(row.new_commune_code!, (predecessors.get(row.new_commune_code!) ?? 0) + 1)
  }

  const communes: LegacyCommune[] = []
  const weights = new Map<string, number>()
  for (const row of readCsv('legacy-communes.csv')) {
    const rows = rowsByLegacy.get(row.code!)
    if (!rows) continue // not in the crosswalk: never drawn as a real place
    const district = districts.get(row.district_code!)
    const province = provinces.get(row.province_code!)
    if (!district || !province) continue
    const mapping: CommuneMapping = rows.length === 1 && rows[0]!.relation === 'whole' ? 'WHOLE' : 'SPLIT'
    communes.push({
      code: row.code!,
      name: row.name!,
      urban: row.type === 'phường' || row.type === 'thị trấn',
      districtCode: district.code,
      districtName: district.name,
      provinceCode: province.code,
      provinceName: province.name,
      mapping,
      suffix: `${row.name}, ${district.name}, ${province.name}`,
    })
    weights.set(
      row.code!,
      rows.reduce((sum, cw) => sum + (newPopulation.get(cw.new_commune_code!) ?? 5_000) / (predecessors.get(cw.new_commune_code!) ?? 1), 0) / rows.length,
    )
  }
  communes.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))

  const cumulativeOf = (list: readonly LegacyCommune[]): Float64Array => {
    const cumulative = new Float64Array(list.length)
    let sum = 0
    list.forEach((commune, index) => {
      sum += weights.get(commune.code)!
      cumulative[index] = sum
    })
    return cumulative
  }
  const whole = communes.filter((commune) => commune.mapping === 'WHOLE')
  const split = communes.filter((commune) => commune.mapping === 'SPLIT')
  const wholeByProvince = new Map<string, { communes: LegacyCommune[]; cumulative: Float64Array }>()
  for (const commune of whole) {
    if (!wholeByProvince.has(commune.provinceCode)) wholeByProvince.set(commune.provinceCode, { communes: [], cumulative: new Float64Array() })
    wholeByProvince.get(commune.provinceCode)!.communes.push(commune)
  }
  for (const entry of wholeByProvince.values()) entry.cumulative = cumulativeOf(entry.communes)

  cached = {
    byCode: new Map(communes.map((commune) => [commune.code, commune])),
    crosswalkCodes: new Set(rowsByLegacy.keys()),
    whole,
    wholeCumulative: cumulativeOf(whole),
    wholeByProvince,
    split,
    splitCumulative: cumulativeOf(split),
  }
  return cached
}

export function pickWholeCommune(random: Random, places: Places): LegacyCommune {
  return places.whole[random.weightedIndex(places.wholeCumulative)]!
}

/** A whole-mapped commune, in the given legacy province with probability `sameProvince`. */
export function pickWholeCommuneNear(random: Random, places: Places, provinceCode: string, sameProvince: number): LegacyCommune {
  const province = places.wholeByProvince.get(provinceCode)
  if (province && random.chance(sameProvince)) return province.communes[random.weightedIndex(province.cumulative)]!
  return pickWholeCommune(random, places)
}

export function pickSplitCommune(random: Random, places: Places): LegacyCommune {
  return places.split[random.weightedIndex(places.splitCumulative)]!
}

/** A whole-mapped commune other than `except` (a previous residence). */
export function pickOtherWholeCommune(random: Random, places: Places, except: string | null, provinceCode: string): LegacyCommune {
  for (;;) {
    const commune = pickWholeCommuneNear(random, places, provinceCode, 0.6)
    if (commune.code !== except) return commune
  }
}

/**
 * A mistyped commune code: one digit of a real code changed so that the
 * crosswalk does not know it (an "unknown commune" defect).
 */
export function mistypeCommuneCode(random: Random, places: Places, code: string): string {
  for (;;) {
    const position = random.int(0, 4)
    const digit = String(random.int(0, 9))
    const candidate = code.slice(0, position) + digit + code.slice(position + 1)
    if (!places.crosswalkCodes.has(candidate)) return candidate
  }
}

const STREETS = [
  'Lê Lợi', 'Trần Hưng Đạo', 'Nguyễn Trãi', 'Quang Trung', 'Hai Bà Trưng', 'Lý Thường Kiệt', 'Phan Chu Trinh', 'Lê Duẩn',
  'Hùng Vương', 'Điện Biên Phủ', 'Ngô Quyền', 'Bà Triệu', 'Trần Phú', 'Hoàng Diệu', 'Nguyễn Du', 'Phạm Văn Đồng',
  'Võ Thị Sáu', 'Lê Lai', 'Lê Thánh Tông', 'Nguyễn Văn Cừ', 'Lạc Long Quân', 'Âu Cơ', 'Hoàng Hoa Thám', 'Tô Hiến Thành',
]
const VILLAGE_WORDS = ['Đông', 'Tây', 'Nam', 'Bắc', 'Trung', 'Thượng', 'Hạ', 'Phú Thọ', 'An Lạc', 'Tân Lập', 'Hòa Bình', 'Bình Minh', 'Thống Nhất', 'Quyết Tiến']

/** A street-level address in a commune: house number, lane and street in towns, a village in the countryside. */
export function residenceText(random: Random, commune: LegacyCommune): string {
  if (commune.urban) {
    const number = random.int(1, 250)
    const street = random.pick(STREETS)
    const form = random.int(0, 3)
    if (form === 0) return `Số ${number} ngõ ${random.int(1, 120)} đường ${street}, ${commune.suffix}`
    if (form === 1) return `Số ${number} đường ${street}, ${commune.suffix}`
    if (form === 2) return `Số ${number} phố ${street}, ${commune.suffix}`
    return `Tổ ${random.int(1, 40)}, ${commune.suffix}`
  }
  // Southern provinces say ấp, the northern mountains bản, elsewhere thôn or xóm.
  const province = Number(commune.provinceCode)
  const word = random.chance(0.5) ? String(random.int(1, 15)) : random.pick(VILLAGE_WORDS)
  if (province >= 70) return `Ấp ${word}, ${commune.suffix}`
  if (province >= 2 && province <= 20 && random.chance(0.3)) return `Bản ${word}, ${commune.suffix}`
  return `${random.chance(0.7) ? 'Thôn' : 'Xóm'} ${word}, ${commune.suffix}`
}

/** The commune-level text of a place ("Xã …, Huyện …, Tỉnh …"), e.g. a place of birth. */
export function placeAddress(commune: LegacyCommune, prefix = ''): LegacyAddress {
  return { legacyCommuneCode: commune.code, text: prefix ? `${prefix}, ${commune.suffix}` : commune.suffix }
}
