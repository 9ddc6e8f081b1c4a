import { createAddressLoaders } from '@lienthong/lib/registers'
import type { SecurityContext } from '@lienthong/lib/subgraph'
import type { RegisterContext } from '@lienthong/schema'
import type { Kysely } from 'kysely'
import type { BusinessDatabase } from './database.js'
import { createBusinessLoaders, type BusinessLoaders } from './loaders.js'

/** What the business subgraph shares between requests: only the database. */
export interface BusinessServices {
  db: Kysely<BusinessDatabase>
}

/** The GraphQL context of one business request; business queries go through `loaders`. */
export interface BusinessContext extends RegisterContext {
  db: Kysely<BusinessDatabase>
  /** Created for this request only, so batching and caching never leak between requests. */
  loaders: BusinessLoaders
}

export async function loadBusinessServices(db: Kysely<BusinessDatabase>): Promise<BusinessServices> {
  return { db }
}

/**
 * The context of one request: fresh DataLoaders, and the caller and purpose
 * the gateway signed (none: an anonymous request).
 */
export function createBusinessContext(services: BusinessServices, security: SecurityContext = {}): BusinessContext {
  return {
    db: services.db,
    loaders: createBusinessLoaders(services.db),
    addressLoaders: createAddressLoaders(services.db),
    caller: security.caller,
    purpose: security.purpose,
  }
}
