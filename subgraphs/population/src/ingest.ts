import { copyRows, createAddressWriter, type PopulationSlice } from '@lienthong/lib/registers'
import type pg from 'pg'

/** What `ingestPopulationSlice` wrote. */
export interface PopulationIngestResult {
  citizens: number
  households: number
  /** One per LegacyAddress of the slice: never deduplicated. */
  addresses: number
}

const HOUSEHOLD_COLUMNS = ['id', 'head_id', 'address_id'] as const
const CITIZEN_COLUMNS = [
  'personal_id',
  'full_name',
  'other_names',
  'birth_date',
  'sex',
  'place_of_birth_address_id',
  'place_of_birth_registration_address_id',
  'hometown_address_id',
  'ethnicity',
  'religion',
  'nationality',
  'blood_group',
  'id_card_number',
  'id_card_issue_date',
  'id_card_expiry_date',
  'id_card_issued_by',
  'permanent_address_id',
  'temporary_address_id',
  'current_address_id',
  'household_id',
  'relationship_to_head',
  'father_id',
  'mother_id',
  'spouse_id',
  'date_of_death',
] as const

/**
 * Loads one chunk of the population register with three COPYs (address,
 * household, citizen), as the source wrote it: every LegacyAddress becomes one
 * `address` row, mapped to 2025 as it is written (`createAddressWriter`).
 * Address ids are reserved first, so households and citizens reference their
 * addresses in the same pass.
 *
 * It opens no transaction: run it inside the caller's.
 *
 * ```ts
 * await client.query('BEGIN')
 * await ingestPopulationSlice(client, chunk.population)
 * await client.query('COMMIT')
 * ```
 */
export async function ingestPopulationSlice(client: pg.ClientBase, slice: PopulationSlice): Promise<PopulationIngestResult> {
  const addresses = await createAddressWriter(
    client,
    slice.households.length + slice.citizens.reduce((count, citizen) => count + (citizen.temporaryResidence ? 6 : 5), 0),
  )

  const households = slice.households.map((household) => [household.id, household.headId, addresses.add(household.address)] as const)
  const citizens = slice.citizens.map(
    (citizen) =>
      [
        citizen.personalId,
        citizen.fullName,
        citizen.otherNames,
        citizen.birthDate,
        citizen.sex,
        addresses.add(citizen.placeOfBirth),
        addresses.add(citizen.placeOfBirthRegistration),
        addresses.add(citizen.hometown),
        citizen.ethnicity,
        citizen.religion,
        citizen.nationality,
        citizen.bloodGroup,
        citizen.idCard?.number ?? null,
        citizen.idCard?.issueDate ?? null,
        citizen.idCard?.expiryDate ?? null,
        citizen.idCard?.issuedBy ?? null,
        addresses.add(citizen.permanentResidence),
        addresses.addOptional(citizen.temporaryResidence),
        addresses.add(citizen.currentResidence),
        citizen.householdId,
        citizen.relationshipToHead,
        citizen.fatherId,
        citizen.motherId,
        citizen.spouseId,
        citizen.dateOfDeath,
      ] as const,
  )

  const addressCount = await addresses.write()
  await copyRows(client, 'household', HOUSEHOLD_COLUMNS, households)
  await copyRows(client, 'citizen', CITIZEN_COLUMNS, citizens)
  return { citizens: citizens.length, households: households.length, addresses: addressCount }
}
