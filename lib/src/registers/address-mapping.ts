import type pg from 'pg'
import type { StoredMappingStatus } from './address-tables.js'

/**
 * The mapping rule, stated once: per legacy commune of the crosswalk, EXACT to
 * its one successor when it went there whole, else SPLIT_NEEDS_REVIEW with no
 * commune. A code the crosswalk does not know is NOT_FOUND. `remapAddresses`
 * uses it as a CTE; `createAddressWriter` reads it to map at ingest.
 */
export const CROSSWALK_MAPPING_SQL = `
  SELECT legacy_commune_code,
         CASE WHEN count(*) = 1 AND bool_and(whole) THEN 'EXACT' ELSE 'SPLIT_NEEDS_REVIEW' END AS status,
         CASE WHEN count(*) = 1 AND bool_and(whole) THEN min(commune_code) END AS commune_code
  FROM crosswalk GROUP BY legacy_commune_code`

export interface CommuneMapping {
  status: StoredMappingStatus
  communeCode: string | null
}

/** The mapping of every legacy commune the register's crosswalk knows. */
export async function readCrosswalkMapping(client: pg.ClientBase): Promise<Map<string, CommuneMapping>> {
  const { rows } = await client.query<{ legacy_commune_code: string; status: StoredMappingStatus; commune_code: string | null }>(CROSSWALK_MAPPING_SQL)
  return new Map(rows.map((row) => [row.legacy_commune_code, { status: row.status, communeCode: row.commune_code }]))
}

/** How an address under this legacy commune code maps, by the rule above. */
export function mapLegacyCommune(mapping: ReadonlyMap<string, CommuneMapping>, legacyCommuneCode: string | null): CommuneMapping {
  // As the char(5) column stores and compares it: without trailing spaces.
  return (legacyCommuneCode === null ? undefined : mapping.get(legacyCommuneCode.replace(/ +$/, ''))) ?? { status: 'NOT_FOUND', communeCode: null }
}
