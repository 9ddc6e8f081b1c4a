import { sql, type Kysely } from 'kysely'
import { CROSSWALK_MAPPING_SQL } from './address-mapping.js'
import { addressTablesOf, type AddressResolutionRow, type AddressRow, type CrosswalkRow, type RegisterAddressDatabase } from './address-tables.js'

/** Any register's database: the functions below read and write only its address tables. */
type Db<DB extends RegisterAddressDatabase> = Kysely<DB>

/** What `remapAddresses` changed, by the status it set. */
export interface RemapResult {
  exact: number
  splitNeedsReview: number
  notFound: number
  /** Rows whose mapping changed (the sum of the three). */
  changed: number
}

/**
 * Maps addresses to the 2025 communes with the crosswalk, set-based: one
 * UPDATE … FROM for the codes the crosswalk knows, one for those it does not.
 * Only rows whose mapping changes are written (and get a new `mapped_at`), so
 * re-running it is cheap and keeps the time each address was really mapped.
 * `onlyUnmapped` restricts it to rows never mapped (`npm run remap -- --unmapped`).
 *
 * ```sql
 * UPDATE address SET commune_code = m.commune_code, mapping_status = m.status, mapped_at = now()
 * FROM (${CROSSWALK_MAPPING_SQL}) m
 * WHERE address.legacy_commune_code = m.legacy_commune_code
 *   AND (address.commune_code, address.mapping_status) IS DISTINCT FROM (m.commune_code, m.status)
 * ```
 */
export async function remapAddresses<DB extends RegisterAddressDatabase>(registerDb: Db<DB>, { onlyUnmapped = false }: { onlyUnmapped?: boolean } = {}): Promise<RemapResult> {
  const db = addressTablesOf(registerDb)
  const unmappedOnly = onlyUnmapped ? sql`AND address.mapping_status IS NULL` : sql``
  return db.transaction().execute(async (trx) => {
    const mapped = await sql<{ status: string; count: number }>`
      WITH mapping AS (${sql.raw(CROSSWALK_MAPPING_SQL)}), changed AS (
        UPDATE address
        SET commune_code = mapping.commune_code, mapping_status = mapping.status, mapped_at = now()
        FROM mapping
        WHERE address.legacy_commune_code = mapping.legacy_commune_code ${unmappedOnly}
          AND (address.commune_code, address.mapping_status) IS DISTINCT FROM (mapping.commune_code, mapping.status)
        RETURNING address.mapping_status
      )
      SELECT mapping_status AS status, count(*)::int AS count FROM changed GROUP BY mapping_status
    `.execute(trx)
    const notFound = await sql`
      UPDATE address
      SET commune_code = NULL, mapping_status = 'NOT_FOUND', mapped_at = now()
      WHERE address.mapping_status IS DISTINCT FROM 'NOT_FOUND' ${unmappedOnly}
        AND NOT EXISTS (SELECT 1 FROM crosswalk WHERE crosswalk.legacy_commune_code = address.legacy_commune_code)
    `.execute(trx)
    const counts = new Map(mapped.rows.map((row) => [row.status, row.count]))
    const result = {
      exact: counts.get('EXACT') ?? 0,
      splitNeedsReview: counts.get('SPLIT_NEEDS_REVIEW') ?? 0,
      notFound: Number(notFound.numAffectedRows ?? 0),
    }
    return { ...result, changed: result.exact + result.splitNeedsReview + result.notFound }
  })
}

export async function findAddressesByIds<DB extends RegisterAddressDatabase>(registerDb: Db<DB>, ids: readonly number[]): Promise<AddressRow[]> {
  const db = addressTablesOf(registerDb)
  if (ids.length === 0) return []
  return db.selectFrom('address').selectAll().where('id', '=', sql<number>`ANY(${[...ids]}::bigint[])`).execute()
}

/** Crosswalk rows of the given legacy communes, the primary successor first. */
export async function findCrosswalkByLegacyCodes<DB extends RegisterAddressDatabase>(registerDb: Db<DB>, legacyCodes: readonly string[]): Promise<CrosswalkRow[]> {
  const db = addressTablesOf(registerDb)
  if (legacyCodes.length === 0) return []
  return db
    .selectFrom('crosswalk')
    .selectAll()
    .where('legacy_commune_code', '=', sql<string>`ANY(${[...legacyCodes]}::bpchar[])`)
    .orderBy('legacy_commune_code')
    .orderBy('is_primary', 'desc')
    .orderBy('commune_code')
    .execute()
}

/** Resolutions of the given addresses, newest first. */
export async function findResolutionsByAddressIds<DB extends RegisterAddressDatabase>(registerDb: Db<DB>, addressIds: readonly number[]): Promise<AddressResolutionRow[]> {
  const db = addressTablesOf(registerDb)
  if (addressIds.length === 0) return []
  return db
    .selectFrom('address_resolution')
    .selectAll()
    .where('address_id', '=', sql<number>`ANY(${[...addressIds]}::bigint[])`)
    .orderBy('id', 'desc')
    .execute()
}

export async function insertAddressResolution<DB extends RegisterAddressDatabase>(
  registerDb: Db<DB>,
  resolution: { addressId: number; communeCode: string; resolvedBy: string; reason: string },
): Promise<AddressResolutionRow> {
  const db = addressTablesOf(registerDb)
  return db
    .insertInto('address_resolution')
    .values({
      address_id: resolution.addressId,
      commune_code: resolution.communeCode,
      resolved_by: resolution.resolvedBy,
      reason: resolution.reason,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** Counts of a register's addresses by effective status (RESOLVED = split with a resolution). */
export interface MappingCounts {
  total: number
  exact: number
  awaitingReview: number
  resolved: number
  notFound: number
  unmapped: number
}

export async function countAddressMappings<DB extends RegisterAddressDatabase>(registerDb: Db<DB>): Promise<MappingCounts> {
  const db = addressTablesOf(registerDb)
  const row = await sql<MappingCounts>`
    SELECT count(*)::int AS total,
           count(*) FILTER (WHERE mapping_status = 'EXACT')::int AS exact,
           count(*) FILTER (WHERE mapping_status = 'SPLIT_NEEDS_REVIEW' AND NOT resolved)::int AS "awaitingReview",
           count(*) FILTER (WHERE mapping_status = 'SPLIT_NEEDS_REVIEW' AND resolved)::int AS resolved,
           count(*) FILTER (WHERE mapping_status = 'NOT_FOUND')::int AS "notFound",
           count(*) FILTER (WHERE mapping_status IS NULL)::int AS unmapped
    FROM (
      SELECT mapping_status, EXISTS (SELECT 1 FROM address_resolution r WHERE r.address_id = address.id) AS resolved
      FROM address
    ) AS address
  `.execute(db)
  return row.rows[0]!
}
