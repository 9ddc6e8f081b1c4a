import type { Generated, Kysely, Selectable } from 'kysely'

/** The mapping a remap computes; RESOLVED is never stored: it is a split address with a resolution. */
export type StoredMappingStatus = 'EXACT' | 'SPLIT_NEEDS_REVIEW' | 'NOT_FOUND'

/** An address as the source system wrote it, with its mapping to 2025 beside it. */
export interface AddressTable {
  id: Generated<number>
  /** Legacy commune code (Decision 124/2004) as recorded; null when the source recorded none. */
  legacy_commune_code: string | null
  /** The address text as recorded, with its pre-2025 unit names. */
  text: string
  /** 2025 commune when the mapping is EXACT, else null. */
  commune_code: string | null
  /** Null until the first mapping. */
  mapping_status: StoredMappingStatus | null
  mapped_at: Date | null
}

/** An official's choice of one candidate for a split address; append-only. */
export interface AddressResolutionTable {
  id: Generated<number>
  address_id: number
  commune_code: string
  resolved_by: string
  reason: string
  resolved_at: Generated<Date>
}

/** The official legacy→2025 crosswalk, copied into each register by migration. */
export interface CrosswalkTable {
  legacy_commune_code: string
  commune_code: string
  whole: boolean
  is_primary: boolean
}

/** The tables `createRegisterAddressTables` creates; every register's database interface extends it. */
export interface RegisterAddressDatabase {
  address: AddressTable
  address_resolution: AddressResolutionTable
  crosswalk: CrosswalkTable
}

export type AddressRow = Selectable<AddressTable>
export type AddressResolutionRow = Selectable<AddressResolutionTable>
export type CrosswalkRow = Selectable<CrosswalkTable>

/**
 * The address tables of a register's database. A register's own interface
 * extends `RegisterAddressDatabase`, but kysely's types are invariant in the
 * database, so `Kysely<LandDatabase>` is not a `Kysely<RegisterAddressDatabase>`:
 * the shared address code takes any register's instance and views it here, once.
 */
export function addressTablesOf<DB extends RegisterAddressDatabase>(db: Kysely<DB>): Kysely<RegisterAddressDatabase> {
  return db as unknown as Kysely<RegisterAddressDatabase>
}
