import type { LandParcelRecord } from '@lienthong/lib/registers'

/**
 * The id of a parcel record, e.g. "00160-12-345": the legacy commune code, the map sheet number and the
 * parcel number joined by "-", the format of the shared `LandParcelId` scalar (which checks it).
 */
export function landParcelId(parcel: Pick<LandParcelRecord, 'legacyCommuneCode' | 'mapSheetNumber' | 'parcelNumber'>): string {
  return `${parcel.legacyCommuneCode}-${parcel.mapSheetNumber}-${parcel.parcelNumber}`
}
