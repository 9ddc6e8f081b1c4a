import { createAddressLoaders, type RegisterAddressDatabase } from '@lienthong/lib/registers'
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
  /** The same pool as `db`, typed with the land tables. */
  landDb: Kysely<LandDatabase>
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
  // Kysely<LandDatabase> is not assignable to Kysely<RegisterAddressDatabase> (kysely's types are
  // invariant in the database), though it holds those tables: the shared address code gets a view of them.
  const registerDb = services.db as unknown as Kysely<RegisterAddressDatabase>
  return {
    db: registerDb,
    landDb: services.db,
    addressLoaders: createAddressLoaders(registerDb),
    loaders: createLandLoaders(services.db),
    official: request ? officialOf(request as express.Request) : undefined,
  }
}
