import type { SecurityContext } from '@lienthong/lib/subgraph'
import type { Kysely } from 'kysely'
import { createAddressConverter, type AddressConverter } from './address/converter.js'
import type { BoundaryDatabase } from './database.js'
import { createLoaders, type BoundaryLoaders } from './loaders.js'
import { findGazetteerData } from './repository.js'
import { createSearchIndex, type SearchIndex } from './search-index.js'

/** What the boundary subgraph builds once at start and shares between requests. */
export interface BoundaryServices {
  db: Kysely<BoundaryDatabase>
  /** Legacy address text → 2025 units, in memory. */
  converter: AddressConverter
  /** Unit names, in memory. */
  searchIndex: SearchIndex
}

/** The GraphQL context of one boundary request; boundaries are public, but the caller is known to authorization all the same. */
export interface BoundaryContext extends BoundaryServices, SecurityContext {
  /** Created for this request only, so batching and caching never leak between requests. */
  loaders: BoundaryLoaders
}

/**
 * Reads the gazetteer (every unit, the crosswalk and the alias lists) once and
 * builds the address converter and the search index over it.
 */
export async function loadBoundaryServices(db: Kysely<BoundaryDatabase>): Promise<BoundaryServices> {
  const gazetteer = await findGazetteerData(db)
  return { db, converter: createAddressConverter(gazetteer), searchIndex: createSearchIndex(gazetteer) }
}

/** The context of one request: the shared services, fresh DataLoaders, and the caller and purpose the gateway signed. */
export function createBoundaryContext(services: BoundaryServices, security: SecurityContext = {}): BoundaryContext {
  return { ...services, loaders: createLoaders(services.db), caller: security.caller, purpose: security.purpose }
}
