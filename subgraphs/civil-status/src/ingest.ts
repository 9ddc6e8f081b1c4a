import { copyRows, createAddressWriter, type CivilStatusSlice, type CopyValue, type RegisteringAuthority } from '@lienthong/lib/registers'
import type pg from 'pg'

/** Rows one {@link ingestCivilStatusSlice} call copied, by table. */
export interface CivilStatusIngestResult {
  addresses: number
  births: number
  marriages: number
  deaths: number
}

const REGISTRATION_COLUMNS = [
  'id',
  'registration_number',
  'book',
  'registration_date',
  'authority_name',
  'authority_legacy_unit_code',
  'authority_commune_code',
] as const

/**
 * Loads one chunk of civil-status records (births, marriages, deaths) with one
 * COPY per table. Every `LegacyAddress` becomes its own `address` row (never
 * deduplicated), mapped to 2025 as it is written (`createAddressWriter`): ids are
 * reserved first so records can reference them in the same pass.
 * Runs in the caller's transaction, if any (it does not BEGIN/COMMIT).
 *
 * Address ids, from the first reserved: each birth's place of birth, then each
 * marriage's husband's and wife's residence, then each death's place of death.
 *
 * ```ts
 * await client.query('BEGIN')
 * await ingestCivilStatusSlice(client, chunk.civilStatus)
 * await client.query('COMMIT')
 * ```
 */
export async function ingestCivilStatusSlice(client: pg.ClientBase, slice: CivilStatusSlice): Promise<CivilStatusIngestResult> {
  const { births, marriages, deaths } = slice
  const addressWriter = await createAddressWriter(client, births.length + 2 * marriages.length + deaths.length)
  const placeOfBirthIds = births.map((birth) => addressWriter.add(birth.placeOfBirth))
  const residenceIds = marriages.map((marriage) => [addressWriter.add(marriage.husbandResidence), addressWriter.add(marriage.wifeResidence)] as const)
  const placeOfDeathIds = deaths.map((death) => addressWriter.add(death.placeOfDeath))

  const addresses = await addressWriter.write()
  const birthCount = await copyRows(
    client,
    'birth_registration',
    [...REGISTRATION_COLUMNS, 'child_id', 'child_name', 'child_birth_date', 'child_sex', 'father_id', 'mother_id', 'place_of_birth_address_id'],
    mapRows(births, (birth, index) => [
      ...registrationValues(birth),
      birth.childId,
      birth.childName,
      birth.childBirthDate,
      birth.childSex,
      birth.fatherId,
      birth.motherId,
      placeOfBirthIds[index],
    ]),
  )
  const marriageCount = await copyRows(
    client,
    'marriage_registration',
    [
      ...REGISTRATION_COLUMNS,
      'husband_id',
      'wife_id',
      'husband_name',
      'wife_name',
      'husband_residence_address_id',
      'wife_residence_address_id',
      'dissolved_on',
      'dissolution_reason',
    ],
    mapRows(marriages, (marriage, index) => [
      ...registrationValues(marriage),
      marriage.husbandId,
      marriage.wifeId,
      marriage.husbandName,
      marriage.wifeName,
      ...residenceIds[index]!,
      marriage.dissolvedOn,
      marriage.dissolutionReason,
    ]),
  )
  const deathCount = await copyRows(
    client,
    'death_registration',
    [...REGISTRATION_COLUMNS, 'deceased_id', 'deceased_name', 'date_of_death', 'place_of_death_address_id', 'declarant_id'],
    mapRows(deaths, (death, index) => [
      ...registrationValues(death),
      death.deceasedId,
      death.deceasedName,
      death.dateOfDeath,
      placeOfDeathIds[index],
      death.declarantId,
    ]),
  )
  return { addresses, births: birthCount, marriages: marriageCount, deaths: deathCount }
}

function registrationValues(record: {
  id: string
  registrationNumber: string
  book: string
  registrationDate: string
  authority: RegisteringAuthority
}): CopyValue[] {
  return [
    record.id,
    record.registrationNumber,
    record.book,
    record.registrationDate,
    record.authority.name,
    record.authority.legacyUnitCode,
    record.authority.communeCode,
  ]
}

/** Maps lazily, so a chunk's rows are built while COPY streams them. */
function* mapRows<T>(records: readonly T[], toRow: (record: T, index: number) => CopyValue[]): Generator<CopyValue[]> {
  for (let index = 0; index < records.length; index++) yield toRow(records[index]!, index)
}
