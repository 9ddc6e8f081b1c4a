import { createPatternScalar } from './pattern-scalar.js'

/**
 * A land parcel as land records identify it in practice: the 5-digit legacy commune code of the cadastral
 * map, the map sheet number (số tờ bản đồ, 1–9999) and the parcel number (số thửa, 1–99999), joined by "-",
 * sheet and parcel without leading zeros so that one parcel has one spelling: "00160-12-345".
 *
 * *Unverified* (BRIEF §3): no official structure was found, so this format is ours and lives only here.
 * The commune code is the legacy one (Decision 124/2004) because cadastral maps were drawn per legacy commune.
 */
export const LandParcelIdScalar = createPatternScalar({
  name: 'LandParcelId',
  description:
    'A land parcel: the legacy commune code of its cadastral map, the map sheet number (số tờ bản đồ) and the parcel ' +
    'number (số thửa), joined by "-", e.g. "00160-12-345".',
  pattern: /^\d{5}-[1-9]\d{0,3}-[1-9]\d{0,4}$/,
  expected:
    'a 5-digit legacy commune code, a map sheet number 1–9999 and a parcel number 1–99999 joined by "-" ' +
    '(sheet and parcel without leading zeros)',
  examples: ['00160-12-345'],
})
