import { createAddressLoaders, type RegisterAddressDatabase } from '@lienthong/lib/registers'
import { officialOf } from '@lienthong/lib/subgraph'
import type { RegisterContext } from '@lienthong/schema'
import type express from 'express'
import type { Kysely } from 'kysely'
import type { CivilStatusDatabase } from './database.js'
import { createCivilStatusLoaders, type CivilStatusLoaders } from './loaders.js'

/** What the civil-status subgraph builds once at start and shares between requests. */
export interface CivilStatusServices {
  db: Kysely<CivilStatusDatabase>
}

/**
 * The GraphQL context of one civil-status request. `db` is the address-table view
 * the shared register resolvers use; civil-status records are read through `loaders` only.
 */
export interface CivilStatusContext extends RegisterContext {
  /** Created for this request only, so batching and caching never leak between requests. */
  loaders: CivilStatusLoaders
}

/** Nothing to preload: every lookup goes through the per-request loaders. */
export async function loadCivilStatusServices(db: Kysely<CivilStatusDatabase>): Promise<CivilStatusServices> {
  return { db }
}

/**
 * The context of one request: fresh DataLoaders and the official the gateway
 * forwarded (header `x-lienthong-official`), if any.
 */
export function createCivilStatusContext(services: CivilStatusServices, request?: express.Request): CivilStatusContext {
  const addressDb = addressTablesOf(services.db)
  return {
    db: addressDb,
    loaders: createCivilStatusLoaders(services.db),
    addressLoaders: createAddressLoaders(addressDb),
    official: request ? officialOf(request) : undefined,
  }
}

/**
 * The same database typed as its address tables only. Kysely's types are invariant in
 * the database interface, so a `Kysely<CivilStatusDatabase>` is not assignable to
 * `Kysely<RegisterAddressDatabase>` although it holds those tables (CivilStatusDatabase extends it).
 */
export function addressTablesOf(db: Kysely<CivilStatusDatabase>): Kysely<RegisterAddressDatabase> {
  return db as unknown as Kysely<RegisterAddressDatabase>
}
