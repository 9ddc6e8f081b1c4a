import type pg from 'pg'
import { mapLegacyCommune, readCrosswalkMapping } from './address-mapping.js'
import { copyRows, reserveIds, type CopyValue } from './bulk-copy.js'
import type { LegacyAddress } from './source-records.js'

const ADDRESS_COLUMNS = ['id', 'legacy_commune_code', 'text', 'commune_code', 'mapping_status', 'mapped_at'] as const

/** Collects a chunk's addresses for one COPY, giving each its id as the records that reference it are built. */
export interface AddressWriter {
  /** The id of this address's row, which `write()` will insert: one row per call, never deduplicated. */
  add(address: LegacyAddress): number
  /** `add` for an address the source may lack; null when it does. */
  addOptional(address: LegacyAddress | null): number | null
  /** Copies the collected rows; returns their number. */
  write(): Promise<number>
}

/**
 * An ingest's address rows, mapped to 2025 as they are written (mapping at
 * ingest), so a bulk load writes each row once instead of copying it and then
 * updating it. `count` ids are reserved first: exactly that many addresses
 * must be added before `write()`.
 *
 * ```ts
 * const addresses = await createAddressWriter(client, households.length)
 * const rows = households.map((household) => [household.id, addresses.add(household.address)])
 * await addresses.write()
 * await copyRows(client, 'household', ['id', 'address_id'], rows)
 * ```
 */
export async function createAddressWriter(client: pg.ClientBase, count: number): Promise<AddressWriter> {
  const firstId = await reserveIds(client, 'address', 'id', count)
  const mapping = await readCrosswalkMapping(client)
  const mappedAt = new Date()
  const rows: (readonly CopyValue[])[] = []
  const add = (address: LegacyAddress): number => {
    if (rows.length === count) throw new Error(`more addresses than the ${count} reserved`)
    const id = firstId + rows.length
    const { status, communeCode } = mapLegacyCommune(mapping, address.legacyCommuneCode)
    rows.push([id, address.legacyCommuneCode, address.text, communeCode, status, mappedAt])
    return id
  }
  return {
    add,
    addOptional: (address) => (address ? add(address) : null),
    async write() {
      if (rows.length !== count) throw new Error(`${rows.length} addresses added, ${count} reserved`)
      return copyRows(client, 'address', ADDRESS_COLUMNS, rows)
    },
  }
}
