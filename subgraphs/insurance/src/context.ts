import { todayInVietnam } from '@lienthong/lib'
import { createAddressLoaders } from '@lienthong/lib/registers'
import type { SecurityContext } from '@lienthong/lib/subgraph'
import type { RegisterContext } from '@lienthong/schema'
import type { Kysely } from 'kysely'
import type { InsuranceDatabase } from './database.js'
import { createInsuranceLoaders, type InsuranceLoaders } from './loaders.js'

/** What the insurance subgraph builds once at start and shares between requests. */
export interface InsuranceServices {
  db: Kysely<InsuranceDatabase>
  /** Today's date, 'YYYY-MM-DD' in Vietnam: card validity and open periods are counted up to it. Tests fix it. */
  today: () => string
}

/** The GraphQL context of one insurance request. */
export interface InsuranceContext extends RegisterContext {
  db: Kysely<InsuranceDatabase>
  /** Created for this request only, so batching and caching never leak between requests. */
  loaders: InsuranceLoaders
  /** Today, fixed once per request so every field of one answer agrees. */
  today: string
}

/** The shared services: nothing to preload, the clock is Vietnam's. */
export async function loadInsuranceServices(db: Kysely<InsuranceDatabase>): Promise<InsuranceServices> {
  return { db, today: () => todayInVietnam() }
}

/**
 * The context of one request: the shared services, fresh DataLoaders, and the
 * caller and purpose the gateway signed (none: an anonymous request).
 */
export function createInsuranceContext(services: InsuranceServices, security: SecurityContext = {}): InsuranceContext {
  return {
    db: services.db,
    addressLoaders: createAddressLoaders(services.db),
    loaders: createInsuranceLoaders(services.db),
    caller: security.caller,
    purpose: security.purpose,
    today: services.today(),
  }
}
