import { sql, type Kysely } from 'kysely'
import type {
  LandCertificateRow,
  LandDatabase,
  LandEncumbranceRow,
  LandParcelRow,
  LandRightHolderKind,
  LandRightHolderRow,
  LandUseRow,
} from './database.js'

// Every lookup takes a batch of keys (DataLoader) and costs one statement:
// `= ANY($1::text[])` keeps the statement text the same whatever the batch size.

type Db = Kysely<LandDatabase>

function anyOf(values: readonly string[]) {
  return sql<string>`ANY(${[...values]}::text[])`
}

/**
 * ```sql
 * SELECT * FROM land_parcel WHERE id = ANY($1::text[])
 * ```
 */
export async function findParcelsByIds(db: Db, ids: readonly string[]): Promise<LandParcelRow[]> {
  if (ids.length === 0) return []
  return db.selectFrom('land_parcel').selectAll().where('id', '=', anyOf(ids)).execute()
}

/** Uses of the given parcels, in source order per parcel. */
export async function findUsesByParcelIds(db: Db, parcelIds: readonly string[]): Promise<LandUseRow[]> {
  if (parcelIds.length === 0) return []
  return db.selectFrom('land_use').selectAll().where('parcel_id', '=', anyOf(parcelIds)).orderBy('parcel_id').orderBy('position').execute()
}

/** Certificates of the given parcels, in source order per parcel. */
export async function findCertificatesByParcelIds(db: Db, parcelIds: readonly string[]): Promise<LandCertificateRow[]> {
  if (parcelIds.length === 0) return []
  return db.selectFrom('land_certificate').selectAll().where('parcel_id', '=', anyOf(parcelIds)).orderBy('parcel_id').orderBy('position').execute()
}

/** Right holders of the given parcels, in source order per parcel. */
export async function findHoldersByParcelIds(db: Db, parcelIds: readonly string[]): Promise<LandRightHolderRow[]> {
  if (parcelIds.length === 0) return []
  return db.selectFrom('land_right_holder').selectAll().where('parcel_id', '=', anyOf(parcelIds)).orderBy('parcel_id').orderBy('position').execute()
}

/** Encumbrances of the given parcels, in source order per parcel. */
export async function findEncumbrancesByParcelIds(db: Db, parcelIds: readonly string[]): Promise<LandEncumbranceRow[]> {
  if (parcelIds.length === 0) return []
  return db.selectFrom('land_encumbrance').selectAll().where('parcel_id', '=', anyOf(parcelIds)).orderBy('parcel_id').orderBy('position').execute()
}

/**
 * The holder rows of the given citizens or enterprises (their land rights),
 * by parcel id; served by the (kind, holder_id, parcel_id) index.
 *
 * ```sql
 * SELECT * FROM land_right_holder WHERE kind = $1 AND holder_id = ANY($2::text[]) ORDER BY holder_id, parcel_id, position
 * ```
 */
export async function findHoldingsByHolderIds(db: Db, kind: LandRightHolderKind, holderIds: readonly string[]): Promise<LandRightHolderRow[]> {
  if (holderIds.length === 0) return []
  return db
    .selectFrom('land_right_holder')
    .selectAll()
    .where('kind', '=', kind)
    .where('holder_id', '=', anyOf(holderIds))
    .orderBy('holder_id')
    .orderBy('parcel_id')
    .orderBy('position')
    .execute()
}
