import DataLoader from 'dataloader'
import { groupBy, indexBy } from '../loader-results.js'
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
    address: new DataLoader(async (ids) => indexBy(await findAddressesByIds(db, ids), ids, (row) => row.id)),
    crosswalk: new DataLoader(async (codes) => groupBy(await findCrosswalkByLegacyCodes(db, codes), codes, (row) => row.legacy_commune_code)),
    resolutions: new DataLoader(async (ids) => groupBy(await findResolutionsByAddressIds(db, ids), ids, (row) => row.address_id)),
  }
}
