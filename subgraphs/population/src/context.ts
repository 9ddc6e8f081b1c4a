import { createAddressLoaders } from '@lienthong/lib/registers'
import { officialOf } from '@lienthong/lib/subgraph'
import type { RegisterContext } from '@lienthong/schema'
import type { Request } from 'express'
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
 * The context of one request: fresh DataLoaders and the official the gateway
 * acts for (header `x-lienthong-official`), if any.
 *
 * ```ts
 * const context = createPopulationContext({ db }, request)
 * ```
 */
export function createPopulationContext(services: PopulationServices, request?: Request): PopulationContext {
  return {
    db: services.db,
    loaders: createPopulationLoaders(services.db),
    addressLoaders: createAddressLoaders(services.db),
    official: request ? officialOf(request) : undefined,
  }
}
