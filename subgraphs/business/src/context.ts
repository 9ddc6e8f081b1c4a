import { createAddressLoaders } from '@lienthong/lib/registers'
import { officialOf } from '@lienthong/lib/subgraph'
import type { RegisterContext } from '@lienthong/schema'
import type express from 'express'
import type { RegisterAddressDatabase } from '@lienthong/lib/registers'
import type { Kysely } from 'kysely'
import type { BusinessDatabase } from './database.js'
import { createBusinessLoaders, type BusinessLoaders } from './loaders.js'

/** What the business subgraph shares between requests: only the database. */
export interface BusinessServices {
  db: Kysely<BusinessDatabase>
}

/**
 * The GraphQL context of one business request. Its `db` is the shared address
 * helpers' view of the business database; business queries go through `loaders`.
 */
export interface BusinessContext extends RegisterContext {
  /** Created for this request only, so batching and caching never leak between requests. */
  loaders: BusinessLoaders
}

export async function loadBusinessServices(db: Kysely<BusinessDatabase>): Promise<BusinessServices> {
  return { db }
}

/**
 * The context of one request: fresh DataLoaders and the calling official
 * (header `x-lienthong-official`). Tests may omit the request.
 */
export function createBusinessContext(services: BusinessServices, request?: express.Request): BusinessContext {
  // Kysely<T> is invariant in T: the business database is a RegisterAddressDatabase with more tables.
  const addressDb = services.db as unknown as Kysely<RegisterAddressDatabase>
  return {
    db: addressDb,
    loaders: createBusinessLoaders(services.db),
    addressLoaders: createAddressLoaders(addressDb),
    official: request ? officialOf(request) : undefined,
  }
}
