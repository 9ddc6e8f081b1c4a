import { GraphQLError } from 'graphql'
import { foldText, tonePlacementKey } from './address/normalize.js'
import type { GazetteerData } from './address/types.js'

/** Most results one search returns. */
export const MAX_SEARCH_RESULTS = 100
/** Longest search text accepted; the longest unit name is far shorter. */
export const MAX_SEARCH_TEXT_LENGTH = 100

/** A unit found by a search: which code system, and its code. */
export interface SearchHit {
  system: 'current' | 'legacy'
  code: string
}

export interface SearchOptions {
  text: string
  /** Only units of this 2025 province (legacy units: of the legacy provinces that went into it). */
  provinceCode?: string | null
  /** Also search pre-1 July 2025 units. Defaults to true. */
  includeLegacy?: boolean
  /** Most hits. Defaults to 20. */
  first?: number
}

/** Finds administrative units by name; see {@link createSearchIndex}. */
export interface SearchIndex {
  search(options: SearchOptions): SearchHit[]
}

interface Entry extends SearchHit {
  /** Search keys of the full name, the short name and other known spellings. */
  keys: string[]
  /** Names with diacritics but any tone-mark placement, to prefer the spelling the caller typed among equal matches. */
  spellings: string[]
  /** The 2025 province the unit is (in) or went into, for the province filter. */
  provinceCode: string
  /** Province before district before commune at equal rank. */
  levelOrder: number
}

// Lower is better: the whole name, then its start, then a word inside it, then any substring.
const EXACT = 0
const PREFIX = 1
const WORD = 2
const SUBSTRING = 3

/**
 * The search key of a name: case, diacritics, tone-mark placement and
 * punctuation ignored ("Ea H'Leo" → `ea h leo`, "Hoà"/"Hòa" → `hoa`).
 */
export function searchKey(text: string): string {
  return foldText(text)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
}

/**
 * An in-memory name index over every 2025 and legacy unit, built once at
 * subgraph start: the data is small (about 14,000 units) and changes only by
 * migration, so a scan beats a query per keystroke.
 *
 * Ranking: exact full- or short-name match, then prefix, then a match at a
 * word start, then any substring; at equal rank 2025 units before legacy
 * ones, then names spelled as typed (diacritics included), province before
 * commune, and code order.
 *
 * ```ts
 * createSearchIndex(gazetteer).search({ text: 'ben nghe' }) // [{ system: 'legacy', code: '26740' }]
 * ```
 */
export function createSearchIndex(data: GazetteerData): SearchIndex {
  const newProvinceOfLegacyProvince = new Map(data.legacyProvinces.map((province) => [province.code, province.newProvinceCode]))
  const newProvinceOf = (legacyProvinceCode: string) => newProvinceOfLegacyProvince.get(legacyProvinceCode) ?? ''
  const entry = (hit: SearchHit, names: string[], provinceCode: string, levelOrder: number): Entry => {
    const unique = [...new Set(names)]
    return { ...hit, keys: unique.map(searchKey), spellings: unique.map(tonePlacementKey), provinceCode, levelOrder }
  }

  const current = [
    ...data.provinces.map((unit) => entry({ system: 'current', code: unit.code }, [unit.name, unit.shortName], unit.code, 0)),
    ...data.communes.map((unit) => entry({ system: 'current', code: unit.code }, [unit.name, unit.shortName], unit.provinceCode, 2)),
  ]
  const legacy = [
    ...data.legacyProvinces.map((unit) =>
      entry({ system: 'legacy', code: unit.code }, [unit.name, unit.shortName], unit.newProvinceCode, 0),
    ),
    ...data.legacyDistricts.map((unit) =>
      entry({ system: 'legacy', code: unit.code }, [unit.name, unit.shortName], newProvinceOf(unit.provinceCode), 1),
    ),
    ...data.legacyCommunes.map((unit) =>
      entry({ system: 'legacy', code: unit.code }, [unit.name, unit.shortName, ...unit.altNames], newProvinceOf(unit.provinceCode), 2),
    ),
  ]

  return {
    search({ text, provinceCode = null, includeLegacy = true, first = 20 }) {
      const query = assertSearchText(text)
      if (first < 0 || first > MAX_SEARCH_RESULTS) {
        throw badInput(`first must be between 0 and ${MAX_SEARCH_RESULTS}`)
      }
      const typed = tonePlacementKey(text)
      const entries = includeLegacy ? [...current, ...legacy] : current
      const matches: { entry: Entry; rank: number; spelledAsTyped: boolean }[] = []
      for (const candidate of entries) {
        if (provinceCode !== null && candidate.provinceCode !== provinceCode) continue
        const rank = rankOf(candidate.keys, query)
        if (rank === undefined) continue
        const spelledAsTyped = candidate.spellings.some((spelling) => spelling.includes(typed))
        matches.push({ entry: candidate, rank, spelledAsTyped })
      }
      matches.sort(
        (a, b) =>
          a.rank - b.rank ||
          systemOrder(a.entry) - systemOrder(b.entry) ||
          Number(b.spelledAsTyped) - Number(a.spelledAsTyped) ||
          a.entry.levelOrder - b.entry.levelOrder ||
          a.entry.code.localeCompare(b.entry.code),
      )
      return matches.slice(0, first).map(({ entry: { system, code } }) => ({ system, code }))
    },
  }
}

function rankOf(keys: string[], query: string): number | undefined {
  let best: number | undefined
  for (const key of keys) {
    const rank =
      key === query
        ? EXACT
        : key.startsWith(query)
          ? PREFIX
          : key.includes(` ${query}`)
            ? WORD
            : key.includes(query)
              ? SUBSTRING
              : undefined
    if (rank !== undefined && (best === undefined || rank < best)) best = rank
  }
  return best
}

const systemOrder = (entry: Entry) => (entry.system === 'current' ? 0 : 1)

function assertSearchText(text: string): string {
  if (text.length > MAX_SEARCH_TEXT_LENGTH) throw badInput(`text must be at most ${MAX_SEARCH_TEXT_LENGTH} characters`)
  const query = searchKey(text)
  if (query === '') throw badInput('text must contain at least one letter or digit')
  return query
}

function badInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } })
}
