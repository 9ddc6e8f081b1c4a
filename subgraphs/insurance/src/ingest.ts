import { copyRows, createAddressWriter, type CopyValue, type InsuranceSlice } from '@lienthong/lib/registers'
import type pg from 'pg'

/** What one chunk added, by table. */
export interface InsuranceIngestCounts {
  addresses: number
  socialInsuranceRecords: number
  participationPeriods: number
  healthInsuranceCards: number
}

/**
 * Loads one chunk of the insurance agency's records with one COPY per table
 * (address, social_insurance_record, participation_period, health_insurance_card).
 * Each book's recorded residence becomes one `address` row, never shared, mapped
 * to 2025 as it is written (`createAddressWriter`), with ids reserved up front so
 * books can reference them in the same pass.
 *
 * It does not BEGIN/COMMIT: run it inside the caller's transaction to make a
 * chunk all-or-nothing.
 *
 * ```ts
 * await client.query('BEGIN'); await ingestInsuranceSlice(client, chunk.insurance); await client.query('COMMIT')
 * ```
 */
export async function ingestInsuranceSlice(client: pg.ClientBase, slice: InsuranceSlice): Promise<InsuranceIngestCounts> {
  const addressWriter = await createAddressWriter(client, slice.socialInsurance.length)
  const books = slice.socialInsurance.map((record): CopyValue[] => [
    record.socialInsuranceNumber,
    record.personalId,
    record.fullName,
    record.birthDate,
    record.sex,
    addressWriter.add(record.residence),
  ])

  const addresses = await addressWriter.write()
  const socialInsuranceRecords = await copyRows(
    client,
    'social_insurance_record',
    ['social_insurance_number', 'personal_id', 'full_name', 'birth_date', 'sex', 'residence_address_id'],
    books,
  )
  const participationPeriods = await copyRows(
    client,
    'participation_period',
    ['social_insurance_number', 'position', 'employer_code', 'from_date', 'to_date', 'contribution_base_vnd', 'kind'],
    periodRows(slice),
  )
  const healthInsuranceCards = await copyRows(
    client,
    'health_insurance_card',
    [
      'card_number',
      'social_insurance_number',
      'personal_id',
      'beneficiary_group',
      'benefit_level',
      'primary_care_facility_code',
      'primary_care_facility_name',
      'valid_from',
      'valid_to',
    ],
    slice.healthInsuranceCards.map((card): CopyValue[] => [
      card.cardNumber,
      card.socialInsuranceNumber,
      card.personalId,
      card.beneficiaryGroup,
      card.benefitLevel,
      card.primaryCareFacility.code,
      card.primaryCareFacility.name,
      card.validFrom,
      card.validTo,
    ]),
  )
  return { addresses, socialInsuranceRecords, participationPeriods, healthInsuranceCards }
}

function* periodRows(slice: InsuranceSlice): Generator<CopyValue[]> {
  for (const record of slice.socialInsurance) {
    let position = 0
    for (const period of record.periods) {
      yield [record.socialInsuranceNumber, position++, period.employerCode, period.from, period.to, period.contributionBaseVnd, period.kind]
    }
  }
}
