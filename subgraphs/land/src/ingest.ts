import { copyRows, createAddressWriter, type CopyValue, type LandSlice } from '@lienthong/lib/registers'
import { isAcceptedBy, LandParcelIdScalar } from '@lienthong/schema'
import type pg from 'pg'
import { landUsePurposeName } from './land-use-purposes.js'
import { landParcelId } from './parcel-id.js'

/** Rows one `ingestLandSlice` call copied, by table. */
export interface LandIngestCounts {
  addresses: number
  parcels: number
  uses: number
  certificates: number
  holders: number
  encumbrances: number
}

/**
 * Loads one chunk of the land register with one COPY per table: every
 * `LegacyAddress` (the parcel's, each holder's on the certificate) becomes its
 * own `address` row, mapped to 2025 as it is written (`createAddressWriter`),
 * with ids reserved up front so parcels and holders can reference them in the
 * same pass. Runs on the caller's client and inside the caller's transaction,
 * if any (it never BEGINs or COMMITs).
 *
 * Throws before writing anything when a record is malformed (an unknown
 * land-use purpose code, a parcel id that is malformed or repeats in the chunk).
 *
 * ```ts
 * await client.query('BEGIN')
 * await ingestLandSlice(client, chunk.land)
 * await client.query('COMMIT')
 * ```
 */
export async function ingestLandSlice(client: pg.ClientBase, slice: LandSlice): Promise<LandIngestCounts> {
  assertValidSlice(slice)
  const addresses = await createAddressWriter(client, slice.parcels.reduce((count, parcel) => count + 1 + parcel.holders.length, 0))
  const parcels: CopyValue[][] = []
  const uses: CopyValue[][] = []
  const certificates: CopyValue[][] = []
  const holders: CopyValue[][] = []
  const encumbrances: CopyValue[][] = []

  for (const parcel of slice.parcels) {
    const id = landParcelId(parcel)
    parcels.push([id, parcel.legacyCommuneCode, parcel.mapSheetNumber, parcel.parcelNumber, parcel.areaM2, addresses.add(parcel.address)])
    parcel.uses.forEach((use, position) => uses.push([id, position, use.purposeCode, use.areaM2, use.until]))
    parcel.certificates.forEach((certificate, position) =>
      certificates.push([id, position, certificate.serial, certificate.registryNumber, certificate.issueDate, certificate.issuer, certificate.revokedOn]),
    )
    parcel.holders.forEach((holder, position) =>
      holders.push([id, position, holder.kind, holder.holderId, holder.holderName, holder.share, addresses.add(holder.address)]),
    )
    parcel.encumbrances.forEach((encumbrance, position) =>
      encumbrances.push([
        id,
        position,
        encumbrance.kind,
        encumbrance.beneficiary,
        encumbrance.registeredOn,
        encumbrance.releasedOn,
        encumbrance.securedAmountVnd,
      ]),
    )
  }

  // Referenced tables first: the foreign keys are checked row by row.
  const addressCount = await addresses.write()
  await copyRows(client, 'land_parcel', ['id', 'legacy_commune_code', 'map_sheet_number', 'parcel_number', 'area_m2', 'address_id'], parcels)
  await copyRows(client, 'land_use', ['parcel_id', 'position', 'purpose_code', 'area_m2', 'until'], uses)
  await copyRows(client, 'land_certificate', ['parcel_id', 'position', 'serial', 'registry_number', 'issue_date', 'issuer', 'revoked_on'], certificates)
  await copyRows(client, 'land_right_holder', ['parcel_id', 'position', 'kind', 'holder_id', 'holder_name', 'share', 'address_id'], holders)
  await copyRows(
    client,
    'land_encumbrance',
    ['parcel_id', 'position', 'kind', 'beneficiary', 'registered_on', 'released_on', 'secured_amount_vnd'],
    encumbrances,
  )
  return {
    addresses: addressCount,
    parcels: parcels.length,
    uses: uses.length,
    certificates: certificates.length,
    holders: holders.length,
    encumbrances: encumbrances.length,
  }
}

/** Checks what the tables' constraints cannot say clearly, before anything is written. */
function assertValidSlice(slice: LandSlice): void {
  const seen = new Set<string>()
  for (const parcel of slice.parcels) {
    const id = landParcelId(parcel)
    // A parcel whose id the LandParcelId scalar refuses could never be asked for.
    if (!isAcceptedBy(LandParcelIdScalar, id)) {
      throw new Error(`land parcel ${id}: needs a 5-digit legacy commune code, map sheet 1–9999 and parcel number 1–99999`)
    }
    if (seen.has(id)) throw new Error(`land parcel ${id} appears twice in the slice`)
    seen.add(id)
    for (const use of parcel.uses) {
      if (landUsePurposeName(use.purposeCode) === undefined) {
        throw new Error(`land parcel ${id}: unknown land-use purpose code "${use.purposeCode}"`)
      }
    }
  }
}
