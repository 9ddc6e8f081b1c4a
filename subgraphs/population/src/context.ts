import { createAddressLoaders } from '@lienthong/lib/registers'
import type { SecurityContext } from '@lienthong/lib/subgraph'
import type { RegisterContext } from '@lienthong/schema'
import type { Kysely } from 'kysely'
import type { PopulationDatabase } from './database.js'
import { createPopulationLoaders, type PopulationLoaders } from './loaders.js'

/** What the population subgraph builds once at start and shares between requests. */
export interface PopulationServices {
  db: Kysely<PopulationDatabase>
}

/** The GraphQL context of one population request. */
export interface PopulationContext extends RegisterContext {
  /** Narrows the register's `Kysely<any>`: the shared address code takes any register's database. */
  db: Kysely<PopulationDatabase>
  /** Created for this request only, so batching and caching never leak between requests. */
  loaders: PopulationLoaders
}

/** Nothing to precompute: every lookup goes through the per-request loaders. */
export async function loadPopulationServices(db: Kysely<PopulationDatabase>): Promise<PopulationServices> {
  return { db }
}

/**
 * The context of one request: fresh DataLoaders, and the caller and purpose
 * the gateway signed (none: an anonymous request).
 *
 * ```ts
 * const context = createPopulationContext({ db }, { caller, purpose })
 * ```
 */
export function createPopulationContext(services: PopulationServices, security: SecurityContext = {}): PopulationContext {
  return {
    db: services.db,
    loaders: createPopulationLoaders(services.db),
    addressLoaders: createAddressLoaders(services.db),
    caller: security.caller,
    purpose: security.purpose,
  }
}
