import { groupBy, indexBy } from '@lienthong/lib'
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
    provinceByCode: new DataLoader<string, AdministrativeUnit | undefined>(async (codes) =>
      indexBy(await findProvincesByCodes(db, codes), codes, (unit) => unit.code),
    ),
    communeByCode: new DataLoader<string, AdministrativeUnit | undefined>(async (codes) =>
      indexBy(await findCommunesByCodes(db, codes), codes, (unit) => unit.code),
    ),
    legacyUnitByCode: new DataLoader<string, LegacyAdministrativeUnit | undefined>(async (codes) =>
      indexBy(await findLegacyUnitsByCodes(db, codes), codes, (unit) => unit.code),
    ),
    successionsByLegacyCommuneCode: new DataLoader<string, Succession[]>(async (codes) =>
      groupBy(await findSuccessionsByLegacyCommuneCodes(db, codes), codes, (succession) => succession.legacyCode),
    ),
    predecessorsByCommuneCode: new DataLoader<string, Succession[]>(async (codes) =>
      groupBy(await findPredecessorsByCommuneCodes(db, codes), codes, (succession) => succession.communeCode),
    ),
    communePageByProvince: new DataLoader<CommunePageRequest, AdministrativeUnitPage, string>(
      async (requests) => findCommunePages(db, requests),
      { cacheKeyFn: ({ provinceCode, afterCode, first }) => `${provinceCode}:${afterCode ?? ''}:${first}` },
    ),
  }
}
