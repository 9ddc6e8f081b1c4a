import { copyRows, reserveIds, type CivilStatusSlice, type CopyValue, type LegacyAddress, type RegisteringAuthority } from '@lienthong/lib/registers'
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
 * deduplicated): ids are reserved first so records can reference them in the same pass.
 * Runs in the caller's transaction, if any (it does not BEGIN/COMMIT). The
 * addresses are left unmapped: the caller runs `remapAddresses(db, { onlyUnmapped: true })`.
 *
 * Address ids, from the first reserved: each birth's place of birth, then each
 * marriage's husband's and wife's residence, then each death's place of death.
 *
 * ```ts
 * await client.query('BEGIN')
 * await ingestCivilStatusSlice(client, chunk.civilStatus)
 * await client.query('COMMIT')
 * await remapAddresses(db, { onlyUnmapped: true })
 * ```
 */
export async function ingestCivilStatusSlice(client: pg.ClientBase, slice: CivilStatusSlice): Promise<CivilStatusIngestResult> {
  const { births, marriages, deaths } = slice
  const addressCount = births.length + 2 * marriages.length + deaths.length
  const firstAddressId = await reserveIds(client, 'address', 'id', addressCount)
  const marriageAddressBase = firstAddressId + births.length
  const deathAddressBase = marriageAddressBase + 2 * marriages.length

  const addresses = await copyRows(client, 'address', ['id', 'legacy_commune_code', 'text'], addressRows(slice, firstAddressId))
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
      firstAddressId + index,
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
      marriageAddressBase + 2 * index,
      marriageAddressBase + 2 * index + 1,
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
      deathAddressBase + index,
      death.declarantId,
    ]),
  )
  return { addresses, births: birthCount, marriages: marriageCount, deaths: deathCount }
}

/** Address rows in the order their ids were reserved (see {@link ingestCivilStatusSlice}). */
function* addressRows({ births, marriages, deaths }: CivilStatusSlice, firstId: number): Generator<CopyValue[]> {
  let id = firstId
  const row = (address: LegacyAddress): CopyValue[] => [id++, address.legacyCommuneCode, address.text]
  for (const birth of births) yield row(birth.placeOfBirth)
  for (const marriage of marriages) {
    yield row(marriage.husbandResidence)
    yield row(marriage.wifeResidence)
  }
  for (const death of deaths) yield row(death.placeOfDeath)
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
