import DataLoader from 'dataloader'
import type { Kysely } from 'kysely'
import { findAddressesByIds, findCrosswalkByLegacyCodes, findResolutionsByAddressIds } from './address-repository.js'
import type { AddressResolutionRow, AddressRow, CrosswalkRow, RegisterAddressDatabase } from './address-tables.js'

/** Per-request DataLoaders over a register's address tables: one SELECT per kind per request tick. */
export interface AddressLoaders {
  address: DataLoader<number, AddressRow | undefined>
  crosswalk: DataLoader<string, CrosswalkRow[]>
  resolutions: DataLoader<number, AddressResolutionRow[]>
}

export function createAddressLoaders<DB extends RegisterAddressDatabase>(db: Kysely<DB>): AddressLoaders {
  return {
    address: new DataLoader(async (ids) => {
      const rows = new Map((await findAddressesByIds(db, ids)).map((row) => [row.id, row]))
      return ids.map((id) => rows.get(id))
    }),
    crosswalk: new DataLoader(async (codes) => groupBy(await findCrosswalkByLegacyCodes(db, codes), codes, (row) => row.legacy_commune_code)),
    resolutions: new DataLoader(async (ids) => groupBy(await findResolutionsByAddressIds(db, ids), ids, (row) => row.address_id)),
  }
}

/** Rows grouped under each key, in key order, keeping the rows' order; an empty list for a key without rows. */
export function groupBy<K, R>(rows: readonly R[], keys: readonly K[], keyOf: (row: R) => K): R[][] {
  const groups = new Map<K, R[]>(keys.map((key) => [key, []]))
  for (const row of rows) groups.get(keyOf(row))?.push(row)
  return keys.map((key) => groups.get(key)!)
}
