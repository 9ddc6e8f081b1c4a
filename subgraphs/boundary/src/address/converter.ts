import { buildGazetteer, type Gazetteer, type NamedUnit } from './gazetteer.js'
import { countTrailingNoise, tokenizeAddress, toneKeyOf, type AddressToken } from './tokenize.js'
import type { AddressConversionResult, GazetteerData, SuccessionCandidate } from './types.js'
import {
  ALIAS_TYPE_PREFIX,
  PREFIX_TYPE_WORDS,
  SUB_COMMUNE_WORDS,
  SUFFIX_TYPE_WORDS,
  TYPE_CLASS_MATCHES,
  type UnitTypeClass,
} from './vocabulary.js'

/** Converts legacy (pre-1 July 2025) address text to the 2025 administrative units. */
export interface AddressConverter {
  convert(address: string): AddressConversionResult
}

/**
 * Builds a converter over the boundary data. Converting is pure and in memory.
 *
 * An address is read right to left — province, district, commune, and what
 * stands before the commune is the street — over contiguous spans of words,
 * so a name is only taken where it fits its level and scope. Every reading
 * gets a score; the best-scoring readings decide. Readings that disagree give
 * AMBIGUOUS, a split legacy commune gives SPLIT_NEEDS_REVIEW: a wrong answer
 * is worse than no answer.
 *
 * ```ts
 * const converter = createAddressConverter(await findGazetteerData(db))
 * converter.convert('12 Lê Lợi, P. Bến Nghé, Q.1, TP.HCM')
 * // { status: 'EXACT', communeCode: '26740', legacyCommuneCode: '26740', street: '12 Lê Lợi', … }
 * ```
 */
export function createAddressConverter(data: GazetteerData): AddressConverter {
  const gazetteer = buildGazetteer(data)
  return { convert: (address) => convertAddress(gazetteer, address) }
}

// Scores: a typed current name is the strongest evidence, a bare name or a
// former name less, a one-letter typo least. Province and district add to the
// commune's score, so the reading that explains more of the text wins.
const SCORE = {
  commune: { typed: 10, aliasTyped: 9, bare: 8, typeMismatch: 7, aliasBare: 7, with2025District: 9, fuzzyTyped: 5, fuzzyBare: 4, specialZone: 8 },
  district: { typed: 5, bare: 4, alias: 4, typeMismatch: 3, fuzzy: 2 },
  province: { match: 3, typeMismatch: 2, fuzzy: 1 },
} as const

/** A name whose diacritics differ from the unit's (a tone typo, or another place) counts for less. */
const DIACRITICS_DISAGREE = 1
const MAX_SPAN = 7
const MAX_TOKENS = 40
const ROMAN_NUMERALS = new Map(
  ['i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii', 'viii', 'ix', 'x', 'xi', 'xii', 'xiii', 'xiv', 'xv', 'xvi', 'xvii', 'xviii', 'xix', 'xx'].map(
    (numeral, i) => [numeral, String(i + 1)],
  ),
)
/** Readings from a bare commune name with neither district nor province are too weak beyond this many hits. */
const MAX_NATIONWIDE_HITS = 5

interface SpanParse {
  typeClass: UnitTypeClass | null
  key: string
  numeric: boolean
  /** Token range of the name (without its type word). */
  start: number
  end: number
  /** The address is written with diacritics. */
  hasDiacritics: boolean
  /** Each word's diacritics (tone placement normalised), null for a word written without; computed when needed. */
  writtenWords?: Array<string | null>
  /** The key with a trailing roman numeral read as a number. */
  romanKey: string | undefined
}

interface ProvinceOption {
  end: number
  score: number
  /** Legacy provinces the text can mean. */
  legacyCodes: readonly string[]
  /** The 2025 province, when the text names one. */
  code2025: string | null
}

interface DistrictOption {
  end: number
  score: number
  unit: NamedUnit | null
}

/** What a reading points at: a legacy commune, or a 2025 unit written directly. */
type Answer = Pick<NamedUnit, 'system' | 'code'>

interface Reading {
  score: number
  answer: Answer
  communeStart: number
  /** Whether the commune's name as written has the unit's own diacritics; undefined when written without any. */
  sameDiacritics?: boolean
}

interface ParseContext {
  tokens: AddressToken[]
  text: string
  hasBoundaries: boolean
  /** Some word of the address carries diacritics: then its words are compared with them. */
  hasDiacritics: boolean
  fuzzy: boolean
  prefixTypes: Array<TypeWordMatch | undefined>
  /** The English type word ending at each token. */
  suffixTypes: Array<TypeWordMatch | undefined>
  spans: Map<number, SpanParse[]>
}

function convertAddress(gazetteer: Gazetteer, address: string): AddressConversionResult {
  const text = address.normalize('NFC')
  const allTokens = tokenizeAddress(text)
  // The units stand at the end of an address: words before the last MAX_TOKENS are street, whatever the input's length.
  const tokens = allTokens.slice(0, allTokens.length - countTrailingNoise(allTokens)).slice(-MAX_TOKENS)
  const context: ParseContext = {
    tokens,
    text,
    hasBoundaries: tokens.some((token) => token.boundaryBefore),
    hasDiacritics: tokens.some((token) => token.hasDiacritics),
    fuzzy: false,
    prefixTypes: findPrefixTypes(tokens),
    suffixTypes: findSuffixTypes(tokens),
    spans: new Map(),
  }

  const exactProvinces = provinceOptions(gazetteer, context)
  let readings = findReadings(gazetteer, context, exactProvinces)
  if (readings.length === 0) {
    // Only when nothing matches exactly: a one-letter typo must not beat a real name.
    context.fuzzy = true
    readings = findReadings(gazetteer, context, provinceOptions(gazetteer, context))
  }
  if (readings.length === 0) return { ...notFound(address), provinceCode: namedProvince(gazetteer, exactProvinces) }
  return decide(gazetteer, address, text, allTokens[0]?.start ?? 0, tokens, readings)
}

function notFound(input: string): AddressConversionResult {
  return { input, status: 'NOT_FOUND', communeCode: null, provinceCode: null, legacyCommuneCode: null, candidates: [], street: null }
}

/** The 2025 province an unplaceable address still names unambiguously, if any. */
function namedProvince(gazetteer: Gazetteer, options: readonly ProvinceOption[]): string | null {
  const provinces = new Set(
    options
      .filter((option) => option.score > 0)
      .flatMap((option) => (option.code2025 ? [option.code2025] : option.legacyCodes.map((code) => gazetteer.legacyProvinceNewCode.get(code)))),
  )
  return provinces.size === 1 ? ([...provinces][0] ?? null) : null
}

function findReadings(gazetteer: Gazetteer, context: ParseContext, provinces: readonly ProvinceOption[]): Reading[] {
  const readings: Reading[] = []
  for (const province of provinces) {
    for (const district of districtOptions(gazetteer, context, province)) {
      collectCommuneReadings(gazetteer, context, province, district, readings)
    }
  }
  return readings
}

// ── Spans ────────────────────────────────────────────────────────────────

/** The ways a span of words can be read: with a type word before (or, in English, after) the name, or bare. */
function parseSpan(context: ParseContext, start: number, end: number): SpanParse[] {
  const cacheKey = start * (context.tokens.length + 1) + end
  const cached = context.spans.get(cacheKey)
  if (cached) return cached
  const { tokens } = context
  const parses: SpanParse[] = []
  // No span starts inside a two-word type word: "Thị xã Nghi Sơn" holds no "Xã Nghi Sơn".
  if (start > 0 && (context.prefixTypes[start - 1]?.length ?? 0) > 1) {
    context.spans.set(cacheKey, parses)
    return parses
  }
  const prefix = context.prefixTypes[start]
  if (prefix && start + prefix.length < end) parses.push(nameParse(context, start + prefix.length, end, prefix.typeClass))
  const suffix = context.suffixTypes[end - 1]
  if (suffix && end - suffix.length > start) parses.push(nameParse(context, start, end - suffix.length, suffix.typeClass))
  parses.push(nameParse(context, start, end, null))
  // A trailing roman numeral may be a number ("Phường VII") or a syllable ("Ba Vì" written "Ba Vi"): read it both ways.
  for (const parse of [...parses]) if (parse.romanKey) parses.push({ ...parse, key: parse.romanKey, romanKey: undefined })
  context.spans.set(cacheKey, parses)
  return parses
}

function nameParse(context: ParseContext, start: number, end: number, typeClass: UnitTypeClass | null): SpanParse {
  const { tokens, hasDiacritics } = context
  let key = ''
  let numeric = true
  for (let i = start; i < end; i++) {
    const token = tokens[i]!
    key += token.folded
    if (!token.numeric) numeric = false
  }
  // "Phường VII", "Xã Cây Trường II": the data writes these numbers in digits.
  const last = tokens[end - 1]!.folded
  const roman = typeClass !== null || end - start > 1 ? ROMAN_NUMERALS.get(last) : undefined
  const romanKey = roman === undefined ? undefined : key.slice(0, key.length - last.length) + roman
  return { typeClass, key, numeric, start, end, hasDiacritics, romanKey }
}

/**
 * Whether the span's diacritics agree with a unit's name, word by word (in an
 * address written with diacritics, "Thanh" is not "Thành"). Undefined when the
 * address is written without diacritics or the words do not line up.
 */
function diacriticsAgree(tokens: readonly AddressToken[], parse: SpanParse, unitKey: string): boolean | undefined {
  if (!parse.hasDiacritics || !unitKey) return undefined
  parse.writtenWords ??= tokens.slice(parse.start, parse.end).map((token) => (token.numeric ? null : toneKeyOf(token)))
  const unitWords = unitKey.split(' ')
  if (unitWords.length !== parse.writtenWords.length) return undefined
  return parse.writtenWords.every((word, i) => word === null || word === unitWords[i])
}

interface TypeWordMatch {
  length: number
  typeClass: UnitTypeClass
}

/** The longest type word starting at each token. */
function findPrefixTypes(tokens: readonly AddressToken[]): Array<TypeWordMatch | undefined> {
  return tokens.map((_, start) => {
    for (const [words, typeClass] of PREFIX_TYPE_WORDS) {
      if (start + words.length <= tokens.length && words.every((word, i) => tokens[start + i]!.folded === word)) {
        return { length: words.length, typeClass }
      }
    }
    return undefined
  })
}

/** The longest English type word ending at each token. */
function findSuffixTypes(tokens: readonly AddressToken[]): Array<TypeWordMatch | undefined> {
  return tokens.map((_, last) => {
    for (const [words, typeClass] of SUFFIX_TYPE_WORDS) {
      const begin = last + 1 - words.length
      if (begin >= 0 && words.every((word, i) => tokens[begin + i]!.folded === word)) return { length: words.length, typeClass }
    }
    return undefined
  })
}

function typeMatches(typeClass: UnitTypeClass | null, unit: NamedUnit): boolean {
  return typeClass === null || TYPE_CLASS_MATCHES[typeClass].includes(unit.type)
}

/** When the input's diacritics single out some of the units a folded key reaches, keep those. */
function preferSameDiacritics(units: NamedUnit[], parse: SpanParse, tokens: readonly AddressToken[]): NamedUnit[] {
  if (units.length < 2 || !parse.hasDiacritics) return units
  const same = units.filter((unit) => diacriticsAgree(tokens, parse, unit.diacriticKey) === true)
  return same.length > 0 ? same : units
}

function lookup(index: Map<string, NamedUnit[]> | undefined, key: string, fuzzy: boolean): { units: NamedUnit[]; fuzzy: boolean } {
  if (!index) return NO_UNITS
  const exact = index.get(key)
  if (exact) return { units: exact, fuzzy: false }
  const digits = key.replace(/\D/g, '')
  if (!fuzzy || key.length - digits.length < 5) return NO_UNITS
  const units: NamedUnit[] = []
  const byLength = keysByLength(index)
  for (let length = key.length - 1; length <= key.length + 1; length++) {
    for (const [candidate, found] of byLength.get(length) ?? []) {
      // A typo is in a letter: "Xuân Thọ 1" and "Xuân Thọ 2" are not one typo apart.
      if (isWithinOneEdit(candidate, key) && candidate.replace(/\D/g, '') === digits) units.push(...found)
    }
  }
  return units.length > 0 ? { units, fuzzy: true } : NO_UNITS
}

const NO_UNITS = { units: [] as NamedUnit[], fuzzy: false }
const KEYS_BY_LENGTH = new WeakMap<Map<string, NamedUnit[]>, Map<number, Array<[string, NamedUnit[]]>>>()

/** An index's entries grouped by key length, so a typo search reads only keys of a near length. */
function keysByLength(index: Map<string, NamedUnit[]>): Map<number, Array<[string, NamedUnit[]]>> {
  let grouped = KEYS_BY_LENGTH.get(index)
  if (!grouped) {
    grouped = new Map()
    for (const entry of index) {
      const list = grouped.get(entry[0].length)
      if (list) list.push(entry)
      else grouped.set(entry[0].length, [entry])
    }
    KEYS_BY_LENGTH.set(index, grouped)
  }
  return grouped
}

/** True when b is a one-letter typo of a: one letter changed, missing, added, or two neighbours swapped. */
export function isWithinOneEdit(a: string, b: string): boolean {
  if (a === b) return true
  if (Math.abs(a.length - b.length) > 1) return false
  let i = 0
  while (i < a.length && i < b.length && a[i] === b[i]) i++
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2)
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1)
}

/** The earliest start of a name ending at `end`: a name has at most MAX_SPAN words and never crosses a comma. */
function spanLimit(tokens: readonly AddressToken[], end: number): number {
  let start = Math.max(0, end - 1)
  while (start > 0 && end - start < MAX_SPAN && !tokens[start]!.boundaryBefore) start--
  return start
}

// ── Province ─────────────────────────────────────────────────────────────

function provinceOptions(gazetteer: Gazetteer, context: ParseContext): ProvinceOption[] {
  const { tokens } = context
  const options: ProvinceOption[] = [{ end: tokens.length, score: 0, legacyCodes: [], code2025: null }]
  for (let start = tokens.length - 1; start >= spanLimit(tokens, tokens.length); start--) {
    for (const parse of parseSpan(context, start, tokens.length)) {
      if (parse.typeClass && !['province', 'city'].includes(parse.typeClass)) continue
      const found = lookup(gazetteer.provinces, parse.key, context.fuzzy)
      if (found.units.length === 0) continue
      const legacyCodes = new Set<string>()
      let code2025: string | null = null
      let typeOk = false
      for (const unit of preferSameDiacritics(found.units, parse, tokens)) {
        // Short names collide with ordinary words: "Huệ" in "Đức Huệ" is not "Huế".
        if (parse.key.length <= 4 && diacriticsAgree(tokens, parse, unit.diacriticKey) === false) continue
        if (unit.system === '2025') {
          code2025 = unit.code
          for (const code of gazetteer.legacyProvincesOf2025.get(unit.code) ?? []) legacyCodes.add(code)
        } else legacyCodes.add(unit.code)
        if (typeMatches(parse.typeClass, unit)) typeOk = true
      }
      // A fuzzy hit must name a single province.
      if (found.fuzzy && new Set([...legacyCodes].map((code) => gazetteer.legacyProvinceNewCode.get(code))).size > 1) continue
      if (legacyCodes.size === 0) continue
      const score = found.fuzzy ? SCORE.province.fuzzy : typeOk ? SCORE.province.match : SCORE.province.typeMismatch
      const same = options.find((option) => option.end === start && option.code2025 === code2025 && option.legacyCodes.length === legacyCodes.size)
      if (same) same.score = Math.max(same.score, score)
      else options.push({ end: start, score, legacyCodes: [...legacyCodes], code2025 })
    }
  }
  // A province named exactly at the end leaves nothing for a province-less reading to explain.
  return options.length > 1 && !context.fuzzy ? options.slice(1) : options
}

// ── District ─────────────────────────────────────────────────────────────

function districtOptions(gazetteer: Gazetteer, context: ParseContext, province: ProvinceOption): DistrictOption[] {
  const { tokens } = context
  const options: DistrictOption[] = [{ end: province.end, score: 0, unit: null }]
  const indexes =
    province.legacyCodes.length > 0
      ? province.legacyCodes.map((code) => gazetteer.legacyDistrictsByProvince.get(code))
      : [gazetteer.legacyDistrictsNationwide]
  for (let start = province.end - 1; start >= spanLimit(tokens, province.end); start--) {
    for (const parse of parseSpan(context, start, province.end)) {
      if (parse.typeClass && !TYPE_CLASS_MATCHES[parse.typeClass].some((type) => DISTRICT_TYPES.has(type))) continue
      if (parse.typeClass === null && (parse.numeric || !bareNameAllowed(context, start, 'district'))) continue
      for (const index of indexes) {
        // Nationwide, a typo'd district name must be long enough not to land on another district by chance.
        const found = lookup(index, parse.key, context.fuzzy && (province.legacyCodes.length > 0 || parse.key.length >= 7))
        for (const unit of preferSameDiacritics(found.units, parse, tokens)) {
          let score: number
          if (found.fuzzy) score = SCORE.district.fuzzy
          else if (unit.via === 'alias') score = SCORE.district.alias
          else if (parse.typeClass === null) score = SCORE.district.bare
          else score = typeMatches(parse.typeClass, unit) ? SCORE.district.typed : SCORE.district.typeMismatch
          if (!found.fuzzy && diacriticsAgree(tokens, parse, unit.diacriticKey) === false) score -= DIACRITICS_DISAGREE
          const same = options.find((option) => option.end === start && option.unit?.code === unit.code)
          if (same) same.score = Math.max(same.score, score)
          else options.push({ end: start, score, unit })
        }
      }
    }
  }
  return options
}

const DISTRICT_TYPES = new Set(['quận', 'huyện', 'thị xã', 'thành phố'])
const COMMUNE_TYPES = new Set(['phường', 'xã', 'thị trấn', 'đặc khu'])

/**
 * A name written without its type word is taken only where it starts a
 * segment (after a comma; when the address has no commas, a district anywhere
 * and a commune only where no type word came before it), and is not the name of a hamlet or street
 * ("Ấp Bình Phú", "Đường Lê Lợi") nor the end of a typed name.
 */
function bareNameAllowed(context: ParseContext, start: number, level: 'district' | 'commune'): boolean {
  const { tokens, prefixTypes } = context
  if (start === 0) return true
  if (context.hasBoundaries) return tokens[start]!.boundaryBefore
  // A district follows the commune's typed name ("phuong bao an phan rang thap cham"): the commune must then match right before it.
  if (level === 'district') return true
  if (SUB_COMMUNE_WORDS.has(tokens[start - 1]!.folded)) return false
  for (let i = 0; i < start; i++) if (prefixTypes[i]) return false
  return true
}

// ── Commune ──────────────────────────────────────────────────────────────

function collectCommuneReadings(
  gazetteer: Gazetteer,
  context: ParseContext,
  province: ProvinceOption,
  district: DistrictOption,
  readings: Reading[],
): void {
  const { tokens } = context
  const end = district.end
  const base = province.score + district.score
  const districtUnit = district.unit

  // An island district without communes is its own 2025 special zone.
  const zone = districtUnit ? gazetteer.districtSpecialZone.get(districtUnit.code) : undefined
  if (zone) readings.push({ score: base + SCORE.commune.specialZone, answer: { system: '2025', code: zone }, communeStart: end })

  const nationwide = !districtUnit && province.legacyCodes.length === 0
  const nationwideReadings: Reading[] = []
  for (let start = end - 1; start >= spanLimit(tokens, end); start--) {
    for (const parse of parseSpan(context, start, end)) {
      if (parse.typeClass && !TYPE_CLASS_MATCHES[parse.typeClass].some((type) => COMMUNE_TYPES.has(type))) continue
      const bare = parse.typeClass === null
      if (bare && (parse.numeric || nationwide || !bareNameAllowed(context, start, 'commune'))) continue
      // A typo allowance must not swallow a type word: "H.Đan Phượng" is not a misspelt "Đan Phượng" commune.
      if (bare && context.fuzzy && context.prefixTypes[start]) continue
      const fuzzy = context.fuzzy && !nationwide
      const target = nationwide ? nationwideReadings : readings
      // Current names first, in the narrowest scope the text gives.
      const nameIndexes: Array<Map<string, NamedUnit[]> | undefined> = districtUnit
        ? [gazetteer.legacyCommunesByDistrict.get(districtUnit.code)]
        : nationwide
          ? [gazetteer.legacyCommunesNationwide, gazetteer.communesNationwide]
          : province.code2025
            ? // A 2025 province covers every legacy province merged into it: one index holds them all.
              [gazetteer.allCommunesBy2025Province.get(province.code2025)]
            : province.legacyCodes.map((code) => gazetteer.legacyCommunesByProvince.get(code))
      let matchedName = false
      for (const index of nameIndexes) {
        const found = lookup(index, parse.key, fuzzy)
        for (const unit of preferSameDiacritics(found.units, parse, tokens)) {
          matchedName = true
          const sameDiacritics = found.fuzzy ? undefined : diacriticsAgree(tokens, parse, unit.diacriticKey)
          target.push({
            score: base + communeScore(parse, unit, found.fuzzy) - (sameDiacritics === false ? DIACRITICS_DISAGREE : 0),
            answer: unit,
            communeStart: start,
            sameDiacritics,
          })
        }
      }

      // A 2025 commune written with the legacy district it grew from, when no legacy commune of the district has that name.
      if (districtUnit && !matchedName && !parse.numeric) {
        const province2025 = gazetteer.legacyProvinceNewCode.get(districtUnit.provinceCode)
        const found = lookup(province2025 ? gazetteer.communesByProvince.get(province2025) : undefined, parse.key, false)
        for (const unit of preferSameDiacritics(found.units, parse, tokens)) {
          if (!bare && !typeMatches(parse.typeClass, unit)) continue
          if (gazetteer.predecessorDistrictsOf2025.get(unit.code)?.has(districtUnit.code)) {
            matchedName = true
            target.push({ score: base + SCORE.commune.with2025District, answer: unit, communeStart: start })
          }
        }
      }

      // Former names (merged away 2017–2024) only where no current name fits.
      if (!matchedName && !nationwide) {
        const aliasIndexes = districtUnit
          ? [gazetteer.communeAliasesByDistrict.get(districtUnit.code)]
          : province.legacyCodes.map((code) => gazetteer.communeAliasesByProvince.get(code))
        const keys = bare ? [parse.key] : (ALIAS_TYPE_PREFIX[parse.typeClass!] ?? []).map((prefix) => prefix + parse.key)
        if (!bare) keys.push(...typedShortForms(tokens, start, end, parse))
        for (const index of aliasIndexes) {
          for (const key of keys) {
            for (const unit of index?.get(key) ?? []) {
              if (unit.accentedAlias && unit.diacriticKey !== compactWritten(context, start, end)) continue
              target.push({ score: base + (bare ? SCORE.commune.aliasBare : SCORE.commune.aliasTyped), answer: unit, communeStart: start })
            }
          }
        }
      }
    }
  }
  if (nationwide && nationwideReadings.length > 0) {
    const answers = new Set(nationwideReadings.map((reading) => reading.answer.system + reading.answer.code))
    if (answers.size <= MAX_NATIONWIDE_HITS) readings.push(...nationwideReadings)
  }
}

function communeScore(parse: SpanParse, unit: NamedUnit, fuzzy: boolean): number {
  const bare = parse.typeClass === null
  if (fuzzy) return bare ? SCORE.commune.fuzzyBare : SCORE.commune.fuzzyTyped
  if (bare) return SCORE.commune.bare
  return typeMatches(parse.typeClass, unit) ? SCORE.commune.typed : SCORE.commune.typeMismatch
}

/** The alias lists also key numbered wards as written: `p10`, `f10`, `ward10`. */
function typedShortForms(tokens: readonly AddressToken[], start: number, end: number, parse: SpanParse): string[] {
  const first = tokens[start]!.folded
  return first.length <= 5 && end - start >= 2 ? [first + parse.key] : []
}

/** A span as written, lower case, without spaces: how the source wrote its accented aliases (`xãlongthành`). */
function compactWritten(context: ParseContext, start: number, end: number): string {
  return context.text
    .slice(context.tokens[start]!.start, context.tokens[end - 1]!.end)
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}]/gu, '')
}

// ── Decision ─────────────────────────────────────────────────────────────

function decide(
  gazetteer: Gazetteer,
  input: string,
  text: string,
  textStart: number,
  tokens: readonly AddressToken[],
  readings: readonly Reading[],
): AddressConversionResult {
  const base = notFound(input)

  const best = Math.max(...readings.map((reading) => reading.score))
  let top = readings.filter((reading) => reading.score === best)
  // "Phước Thành" written with its diacritics is not "Phước Thạnh", though both fold alike.
  if (top.some((reading) => reading.sameDiacritics === true)) top = top.filter((reading) => reading.sameDiacritics !== false)
  const answers = new Map<string, Answer>()
  for (const reading of top) answers.set(`${reading.answer.system}:${reading.answer.code}`, reading.answer)
  const street = streetBefore(text, textStart, tokens, Math.min(...top.map((reading) => reading.communeStart)))

  const legacyAnswers = [...answers.values()].filter((answer) => answer.system === 'legacy')
  const newAnswers = [...answers.values()].filter((answer) => answer.system === '2025')
  const candidates = candidatesOf(gazetteer, legacyAnswers, newAnswers)
  const destinations = new Set(candidates.map((candidate) => candidate.communeCode))
  const provinces = new Set([...destinations].map((code) => gazetteer.communeProvince.get(code)))
  const provinceCode = provinces.size === 1 ? ([...provinces][0] ?? null) : null
  const singleLegacy = legacyAnswers.length === 1 ? legacyAnswers[0]!.code : null

  // One destination, reached wholly by every reading: the answer is certain.
  if (destinations.size === 1 && candidates.every((candidate) => candidate.relation === 'WHOLE')) {
    const communeCode = [...destinations][0]!
    return {
      ...base,
      status: 'EXACT',
      communeCode,
      provinceCode: gazetteer.communeProvince.get(communeCode) ?? null,
      legacyCommuneCode: singleLegacy,
      // The WHOLE succession(s) that lead there, so the answer shows its evidence.
      candidates: candidates.filter((candidate, index) => candidates.findIndex((other) => other.legacyCommuneCode === candidate.legacyCommuneCode) === index),
      street,
    }
  }
  // One legacy commune split between several 2025 units. A 2025 reading of the
  // same words that names one of them does not settle which part the address is in.
  const legacyCandidates = candidates.filter((candidate) => candidate.legacyCommuneCode === singleLegacy)
  if (
    singleLegacy &&
    legacyCandidates.every((candidate) => candidate.relation === 'PART') &&
    newAnswers.every((answer) => legacyCandidates.some((candidate) => candidate.communeCode === answer.code))
  ) {
    return { ...base, status: 'SPLIT_NEEDS_REVIEW', provinceCode, legacyCommuneCode: singleLegacy, candidates: legacyCandidates, street }
  }
  return { ...base, status: 'AMBIGUOUS', provinceCode, legacyCommuneCode: singleLegacy, candidates, street }
}

function candidatesOf(gazetteer: Gazetteer, legacyAnswers: readonly Answer[], newAnswers: readonly Answer[]): SuccessionCandidate[] {
  const candidates: SuccessionCandidate[] = []
  for (const answer of legacyAnswers) {
    for (const succession of gazetteer.successionsByLegacyCommune.get(answer.code) ?? []) {
      candidates.push({
        communeCode: succession.newCommuneCode,
        relation: succession.relation === 'whole' ? 'WHOLE' : 'PART',
        isPrimary: succession.isPrimary,
        legacyCommuneCode: succession.legacyCommuneCode,
      })
    }
  }
  for (const answer of newAnswers) {
    candidates.push({ communeCode: answer.code, relation: 'WHOLE', isPrimary: true, legacyCommuneCode: null })
  }
  return candidates
}

/** What precedes the commune, as written, with runs of spaces and empty comma-separated parts tidied away. */
function streetBefore(text: string, textStart: number, tokens: readonly AddressToken[], communeStart: number): string | null {
  const communeOffset = tokens[communeStart]?.start ?? text.length
  if (communeOffset <= textStart) return null
  const street = text
    .slice(textStart, communeOffset)
    .replace(/\s+/g, ' ')
    .replace(/\s*,(\s*,)*\s*/g, ', ')
    .replace(/[\s,;|\-–.]+$/u, '')
    .trim()
  return street === '' ? null : street
}
