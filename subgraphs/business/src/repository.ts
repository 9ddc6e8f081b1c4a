import { sql, type Kysely } from 'kysely'
import type {
  BusinessDatabase,
  EnterpriseBusinessLineRow,
  EnterpriseOwnerRow,
  EnterpriseRepresentativeRow,
  EnterpriseRow,
  HouseholdBusinessLineRow,
  HouseholdBusinessRow,
} from './database.js'

type Db = Kysely<BusinessDatabase>

// Every lookup takes a batch of keys (one statement per DataLoader batch): `= ANY($1::text[])`
// keeps one prepared shape whatever the batch size.
const anyText = (keys: readonly string[]) => sql<string>`ANY(${[...keys]}::text[])`

export async function findEnterprisesByCodes(db: Db, codes: readonly string[]): Promise<EnterpriseRow[]> {
  if (codes.length === 0) return []
  return db.selectFrom('enterprise').selectAll().where('enterprise_code', '=', anyText(codes)).execute()
}

/** Branches of the given enterprises, by code. */
export async function findBranchesByParentCodes(db: Db, parentCodes: readonly string[]): Promise<EnterpriseRow[]> {
  if (parentCodes.length === 0) return []
  return db.selectFrom('enterprise').selectAll().where('parent_code', '=', anyText(parentCodes)).orderBy('parent_code').orderBy('enterprise_code').execute()
}

export async function findRepresentativesByEnterpriseCodes(db: Db, codes: readonly string[]): Promise<EnterpriseRepresentativeRow[]> {
  if (codes.length === 0) return []
  return db
    .selectFrom('enterprise_representative')
    .selectAll()
    .where('enterprise_code', '=', anyText(codes))
    .orderBy('enterprise_code')
    .orderBy('position')
    .execute()
}

/** Every legal-representative record of the given citizens, by enterprise code. */
export async function findRepresentativesByPersonalIds(db: Db, personalIds: readonly string[]): Promise<EnterpriseRepresentativeRow[]> {
  if (personalIds.length === 0) return []
  return db
    .selectFrom('enterprise_representative')
    .selectAll()
    .where('personal_id', '=', anyText(personalIds))
    .orderBy('personal_id')
    .orderBy('enterprise_code')
    .orderBy('position')
    .execute()
}

export async function findOwnersByEnterpriseCodes(db: Db, codes: readonly string[]): Promise<EnterpriseOwnerRow[]> {
  if (codes.length === 0) return []
  return db.selectFrom('enterprise_owner').selectAll().where('enterprise_code', '=', anyText(codes)).orderBy('enterprise_code').orderBy('position').execute()
}

/** The capital the given citizens own, by enterprise code. */
export async function findOwnershipsByPersonalIds(db: Db, personalIds: readonly string[]): Promise<EnterpriseOwnerRow[]> {
  if (personalIds.length === 0) return []
  return db
    .selectFrom('enterprise_owner')
    .selectAll()
    .where('kind', '=', 'CITIZEN')
    .where('owner_id', '=', anyText(personalIds))
    .orderBy('owner_id')
    .orderBy('enterprise_code')
    .orderBy('position')
    .execute()
}

/** Business lines of the given enterprises, the main line first. */
export async function findBusinessLinesByEnterpriseCodes(db: Db, codes: readonly string[]): Promise<EnterpriseBusinessLineRow[]> {
  if (codes.length === 0) return []
  return db
    .selectFrom('enterprise_business_line')
    .selectAll()
    .where('enterprise_code', '=', anyText(codes))
    .orderBy('enterprise_code')
    .orderBy('is_main', 'desc')
    .orderBy('position')
    .execute()
}

export async function findHouseholdBusinessesByNumbers(db: Db, registrationNumbers: readonly string[]): Promise<HouseholdBusinessRow[]> {
  if (registrationNumbers.length === 0) return []
  return db.selectFrom('household_business').selectAll().where('registration_number', '=', anyText(registrationNumbers)).execute()
}

/** Household businesses of the given owners, by registration number. */
export async function findHouseholdBusinessesByOwnerIds(db: Db, personalIds: readonly string[]): Promise<HouseholdBusinessRow[]> {
  if (personalIds.length === 0) return []
  return db
    .selectFrom('household_business')
    .selectAll()
    .where('owner_id', '=', anyText(personalIds))
    .orderBy('owner_id')
    .orderBy('registration_number')
    .execute()
}

/** Business lines of the given household businesses, the main line first. */
export async function findHouseholdBusinessLinesByNumbers(db: Db, registrationNumbers: readonly string[]): Promise<HouseholdBusinessLineRow[]> {
  if (registrationNumbers.length === 0) return []
  return db
    .selectFrom('household_business_line')
    .selectAll()
    .where('registration_number', '=', anyText(registrationNumbers))
    .orderBy('registration_number')
    .orderBy('is_main', 'desc')
    .orderBy('position')
    .execute()
}
