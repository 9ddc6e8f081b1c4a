import { createAddressLoaders } from '@lienthong/lib/registers'
import { officialOf } from '@lienthong/lib/subgraph'
import type { RegisterContext } from '@lienthong/schema'
import type express from 'express'
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
 * The context of one request: fresh DataLoaders and the calling official
 * (header `x-lienthong-official`), if any.
 *
 * ```ts
 * createLandContext(services, { headers: { 'x-lienthong-official': 'cb.dat-dai.ha-noi' } } as express.Request)
 * ```
 */
export function createLandContext(services: LandServices, request?: Pick<express.Request, 'headers'>): LandContext {
  return {
    db: services.db,
    addressLoaders: createAddressLoaders(services.db),
    loaders: createLandLoaders(services.db),
    official: officialOf(request),
  }
}
