import { copyRows, createAddressWriter, type BusinessSlice, type CopyValue } from '@lienthong/lib/registers'
import type pg from 'pg'

/** Rows one chunk added, by table. */
export interface BusinessIngestCounts {
  addresses: number
  enterprises: number
  representatives: number
  owners: number
  enterpriseBusinessLines: number
  householdBusinesses: number
  householdBusinessLines: number
}

/**
 * Loads one chunk of the business register with one COPY per table, inside the
 * caller's transaction (it neither begins nor commits). Every `LegacyAddress`
 * becomes its own `address` row (ids reserved up front, never deduplicated),
 * mapped to 2025 as it is written (`createAddressWriter`).
 *
 * ```ts
 * await client.query('BEGIN')
 * await ingestBusinessSlice(client, chunk.business)
 * await client.query('COMMIT')
 * ```
 */
export async function ingestBusinessSlice(client: pg.ClientBase, slice: BusinessSlice): Promise<BusinessIngestCounts> {
  const addresses = await createAddressWriter(
    client,
    slice.enterprises.reduce((sum, enterprise) => sum + 1 + enterprise.representatives.length, 0) + slice.householdBusinesses.length * 2,
  )

  const enterprises: CopyValue[][] = []
  const representatives: CopyValue[][] = []
  const owners: CopyValue[][] = []
  const enterpriseLines: CopyValue[][] = []
  for (const enterprise of slice.enterprises) {
    const code = enterprise.enterpriseCode
    enterprises.push([
      code,
      enterprise.parentCode,
      enterprise.vietnameseName,
      enterprise.foreignName,
      enterprise.shortName,
      enterprise.legalForm,
      enterprise.status,
      enterprise.registeredOn,
      enterprise.charterCapitalVnd,
      addresses.add(enterprise.headOffice),
    ])
    enterprise.representatives.forEach((person, position) =>
      representatives.push([code, position, person.personalId, person.name, person.birthDate, person.title, addresses.add(person.residence)]),
    )
    enterprise.owners.forEach((owner, position) => owners.push([code, position, owner.kind, owner.ownerId, owner.name, owner.capitalShare]))
    enterprise.businessLines.forEach((line, position) => enterpriseLines.push([code, position, line.vsicCode, line.name, line.isMain]))
  }

  const households: CopyValue[][] = []
  const householdLines: CopyValue[][] = []
  for (const household of slice.householdBusinesses) {
    const number = household.registrationNumber
    households.push([
      number,
      household.name,
      household.ownerId,
      household.ownerName,
      household.ownerBirthDate,
      addresses.add(household.ownerResidence),
      addresses.add(household.address),
      household.registeredOn,
      household.authority.name,
      household.authority.legacyUnitCode,
      household.authority.communeCode,
      household.capitalVnd,
      household.status,
    ])
    household.businessLines.forEach((line, position) => householdLines.push([number, position, line.vsicCode, line.name, line.isMain]))
  }

  // Parents before children: the foreign keys are checked at the end of each COPY.
  const addressCount = await addresses.write()
  await copyRows(
    client,
    'enterprise',
    ['enterprise_code', 'parent_code', 'vietnamese_name', 'foreign_name', 'short_name', 'legal_form', 'status', 'registered_on', 'charter_capital_vnd', 'head_office_address_id'],
    enterprises,
  )
  await copyRows(client, 'enterprise_representative', ['enterprise_code', 'position', 'personal_id', 'name', 'birth_date', 'title', 'residence_address_id'], representatives)
  await copyRows(client, 'enterprise_owner', ['enterprise_code', 'position', 'kind', 'owner_id', 'name', 'capital_share'], owners)
  await copyRows(client, 'enterprise_business_line', ['enterprise_code', 'position', 'vsic_code', 'name', 'is_main'], enterpriseLines)
  await copyRows(
    client,
    'household_business',
    [
      'registration_number',
      'name',
      'owner_id',
      'owner_name',
      'owner_birth_date',
      'owner_residence_address_id',
      'address_id',
      'registered_on',
      'authority_name',
      'authority_legacy_unit_code',
      'authority_commune_code',
      'capital_vnd',
      'status',
    ],
    households,
  )
  await copyRows(client, 'household_business_line', ['registration_number', 'position', 'vsic_code', 'name', 'is_main'], householdLines)

  return {
    addresses: addressCount,
    enterprises: enterprises.length,
    representatives: representatives.length,
    owners: owners.length,
    enterpriseBusinessLines: enterpriseLines.length,
    householdBusinesses: households.length,
    householdBusinessLines: householdLines.length,
  }
}
