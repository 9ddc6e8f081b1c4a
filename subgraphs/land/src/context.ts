import { createAddressLoaders } from '@lienthong/lib/registers'
import type { SecurityContext } from '@lienthong/lib/subgraph'
import type { RegisterContext } from '@lienthong/schema'
import type { Kysely } from 'kysely'
import type { LandDatabase } from './database.js'
import { createLandLoaders, type LandLoaders } from './loaders.js'

/** What the land subgraph builds once at start and shares between requests. */
export interface LandServices {
  db: Kysely<LandDatabase>
}

/** The GraphQL context of one land request. */
export interface LandContext extends RegisterContext {
  db: Kysely<LandDatabase>
  /** Created for this request only, so batching and caching never leak between requests. */
  loaders: LandLoaders
}

/** Nothing to preload: every lookup goes through the per-request loaders. */
export async function loadLandServices(db: Kysely<LandDatabase>): Promise<LandServices> {
  return { db }
}

/**
 * The context of one request: fresh DataLoaders, and the caller and purpose
 * the gateway signed (none: an anonymous request).
 *
 * ```ts
 * createLandContext(services, { caller: verifiedOfficial, purpose })
 * ```
 */
export function createLandContext(services: LandServices, security: SecurityContext = {}): LandContext {
  return {
    db: services.db,
    addressLoaders: createAddressLoaders(services.db),
    loaders: createLandLoaders(services.db),
    caller: security.caller,
    purpose: security.purpose,
  }
}
