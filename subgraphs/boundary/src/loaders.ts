import DataLoader from 'dataloader'
import type { Kysely } from 'kysely'
import type { BoundaryDatabase } from './database.js'
import type { AdministrativeUnit, AdministrativeUnitPage, LegacyAdministrativeUnit, Succession } from './model.js'
import {
  findCommunePages,
  findCommunesByCodes,
  findLegacyUnitsByCodes,
  findPredecessorsByCommuneCodes,
  findProvincesByCodes,
  findSuccessionsByLegacyCommuneCodes,
  type CommunePageRequest,
} from './repository.js'

/** The boundary subgraph's DataLoaders; see {@link createLoaders}. */
export type BoundaryLoaders = ReturnType<typeof createLoaders>

/**
 * One set of DataLoaders per request: every lookup by code made while
 * resolving one operation is batched into one statement per table, and the
 * cache never outlives the request.
 *
 * ```ts
 * const loaders = createLoaders(db)
 * await Promise.all(['26737', '26740'].map((code) => loaders.communeByCode.load(code))) // one SELECT … WHERE code IN (…)
 * ```
 */
export function createLoaders(db: Kysely<BoundaryDatabase>) {
  return {
    provinceByCode: new DataLoader<string, AdministrativeUnit | null>(async (codes) =>
      inKeyOrder(codes, await findProvincesByCodes(db, codes), (unit) => unit.code),
    ),
    communeByCode: new DataLoader<string, AdministrativeUnit | null>(async (codes) =>
      inKeyOrder(codes, await findCommunesByCodes(db, codes), (unit) => unit.code),
    ),
    legacyUnitByCode: new DataLoader<string, LegacyAdministrativeUnit | null>(async (codes) =>
      inKeyOrder(codes, await findLegacyUnitsByCodes(db, codes), (unit) => unit.code),
    ),
    successionsByLegacyCommuneCode: new DataLoader<string, Succession[]>(async (codes) =>
      groupedInKeyOrder(codes, await findSuccessionsByLegacyCommuneCodes(db, codes), (succession) => succession.legacyCode),
    ),
    predecessorsByCommuneCode: new DataLoader<string, Succession[]>(async (codes) =>
      groupedInKeyOrder(codes, await findPredecessorsByCommuneCodes(db, codes), (succession) => succession.communeCode),
    ),
    communePageByProvince: new DataLoader<CommunePageRequest, AdministrativeUnitPage, string>(
      async (requests) => findCommunePages(db, requests),
      { cacheKeyFn: ({ provinceCode, afterCode, first }) => `${provinceCode}:${afterCode ?? ''}:${first}` },
    ),
  }
}

function inKeyOrder<T>(keys: readonly string[], found: T[], keyOf: (item: T) => string): (T | null)[] {
  const byKey = new Map(found.map((item) => [keyOf(item), item]))
  return keys.map((key) => byKey.get(key) ?? null)
}

function groupedInKeyOrder<T>(keys: readonly string[], found: T[], keyOf: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>()
  for (const item of found) {
    const group = groups.get(keyOf(item))
    if (group) group.push(item)
    else groups.set(keyOf(item), [item])
  }
  return keys.map((key) => groups.get(key) ?? [])
}
