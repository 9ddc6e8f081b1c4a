import { createAddressLoaders } from '@lienthong/lib/registers'
import type { SecurityContext } from '@lienthong/lib/subgraph'
import type { RegisterContext } from '@lienthong/schema'
import type { Kysely } from 'kysely'
import type { CivilStatusDatabase } from './database.js'
import { createCivilStatusLoaders, type CivilStatusLoaders } from './loaders.js'

/** What the civil-status subgraph builds once at start and shares between requests. */
export interface CivilStatusServices {
  db: Kysely<CivilStatusDatabase>
}

/** The GraphQL context of one civil-status request; civil-status records are read through `loaders` only. */
export interface CivilStatusContext extends RegisterContext {
  /** Narrows the register's `Kysely<any>`: the shared address code takes any register's database. */
  db: Kysely<CivilStatusDatabase>
  /** Created for this request only, so batching and caching never leak between requests. */
  loaders: CivilStatusLoaders
}

/** Nothing to preload: every lookup goes through the per-request loaders. */
export async function loadCivilStatusServices(db: Kysely<CivilStatusDatabase>): Promise<CivilStatusServices> {
  return { db }
}

/**
 * The context of one request: fresh DataLoaders, and the caller and purpose
 * the gateway signed (none: an anonymous request).
 */
export function createCivilStatusContext(services: CivilStatusServices, security: SecurityContext = {}): CivilStatusContext {
  return {
    db: services.db,
    loaders: createCivilStatusLoaders(services.db),
    addressLoaders: createAddressLoaders(services.db),
    caller: security.caller,
    purpose: security.purpose,
  }
}
