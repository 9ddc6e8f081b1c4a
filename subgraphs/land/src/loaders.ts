import { groupBy, indexBy } from '@lienthong/lib'
import DataLoader from 'dataloader'
import type { Kysely } from 'kysely'
import type { LandCertificateRow, LandDatabase, LandEncumbranceRow, LandParcelRow, LandRightHolderRow, LandUseRow } from './database.js'
import {
  findCertificatesByParcelIds,
  findEncumbrancesByParcelIds,
  findHoldersByParcelIds,
  findHoldingsByHolderIds,
  findParcelsByIds,
  findUsesByParcelIds,
} from './repository.js'

/** The land subgraph's DataLoaders; see {@link createLandLoaders}. */
export interface LandLoaders {
  parcelById: DataLoader<string, LandParcelRow | undefined>
  usesByParcelId: DataLoader<string, LandUseRow[]>
  certificatesByParcelId: DataLoader<string, LandCertificateRow[]>
  holdersByParcelId: DataLoader<string, LandRightHolderRow[]>
  encumbrancesByParcelId: DataLoader<string, LandEncumbranceRow[]>
  /** Land rights of citizens, by personal id. */
  holdingsByPersonalId: DataLoader<string, LandRightHolderRow[]>
  /** Land rights of enterprises, by enterprise code. */
  holdingsByEnterpriseCode: DataLoader<string, LandRightHolderRow[]>
}

/**
 * One set of DataLoaders per request: every lookup made while resolving one
 * operation is batched into one statement per table and kind, so `_entities`
 * with N citizens costs the same number of statements as with one.
 *
 * ```ts
 * const loaders = createLandLoaders(db)
 * await Promise.all(['00160-12-345', '00001-3-7'].map((id) => loaders.parcelById.load(id))) // one SELECT
 * ```
 */
export function createLandLoaders(db: Kysely<LandDatabase>): LandLoaders {
  return {
    parcelById: new DataLoader(async (ids) => indexBy(await findParcelsByIds(db, ids), ids, (row) => row.id)),
    usesByParcelId: new DataLoader(async (ids) => groupBy(await findUsesByParcelIds(db, ids), ids, (row) => row.parcel_id)),
    certificatesByParcelId: new DataLoader(async (ids) => groupBy(await findCertificatesByParcelIds(db, ids), ids, (row) => row.parcel_id)),
    holdersByParcelId: new DataLoader(async (ids) => groupBy(await findHoldersByParcelIds(db, ids), ids, (row) => row.parcel_id)),
    encumbrancesByParcelId: new DataLoader(async (ids) => groupBy(await findEncumbrancesByParcelIds(db, ids), ids, (row) => row.parcel_id)),
    holdingsByPersonalId: new DataLoader(async (ids) => groupBy(await findHoldingsByHolderIds(db, 'CITIZEN', ids), ids, (row) => row.holder_id)),
    holdingsByEnterpriseCode: new DataLoader(async (codes) =>
      groupBy(await findHoldingsByHolderIds(db, 'ENTERPRISE', codes), codes, (row) => row.holder_id),
    ),
  }
}
