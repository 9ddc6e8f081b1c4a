import type { LandParcelRecord } from '@lienthong/lib/registers'

/**
 * A land parcel id: the 5-digit legacy commune code, the map sheet number (1–9999) and the parcel
 * number (1–99999) without leading zeros, joined by "-" — the shared LandParcelId scalar's format,
 * repeated here for what no scalar parses: `_entities` representations and ingested records
 * (`@lienthong/schema` exports no predicate for it).
 */
export const LAND_PARCEL_ID_PATTERN = /^\d{5}-[1-9]\d{0,3}-[1-9]\d{0,4}$/

/** The id of a parcel record, e.g. "00160-12-345". */
export function landParcelId(parcel: Pick<LandParcelRecord, 'legacyCommuneCode' | 'mapSheetNumber' | 'parcelNumber'>): string {
  return `${parcel.legacyCommuneCode}-${parcel.mapSheetNumber}-${parcel.parcelNumber}`
}
