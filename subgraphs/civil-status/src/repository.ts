import { sql, type Kysely } from 'kysely'
import type { BirthRegistrationRow, CivilStatusDatabase, DeathRegistrationRow, MarriageRegistrationRow } from './database.js'

// The only file that builds SQL. Every function takes many keys at once (for the
// DataLoaders) and answers with one statement; the person lookups use the indexes of
// migrations/civil-status/2026_11_22_0910_create_civil_status_registrations.ts.

type Db = Kysely<CivilStatusDatabase>

const anyText = (values: readonly string[]) => sql<string>`ANY(${[...values]}::text[])`

export async function findBirthRegistrationsByIds(db: Db, ids: readonly string[]): Promise<BirthRegistrationRow[]> {
  if (ids.length === 0) return []
  return db.selectFrom('birth_registration').selectAll().where('id', '=', anyText(ids)).execute()
}

export async function findMarriageRegistrationsByIds(db: Db, ids: readonly string[]): Promise<MarriageRegistrationRow[]> {
  if (ids.length === 0) return []
  return db.selectFrom('marriage_registration').selectAll().where('id', '=', anyText(ids)).execute()
}

export async function findDeathRegistrationsByIds(db: Db, ids: readonly string[]): Promise<DeathRegistrationRow[]> {
  if (ids.length === 0) return []
  return db.selectFrom('death_registration').selectAll().where('id', '=', anyText(ids)).execute()
}

/**
 * Birth registrations of the given children, newest first (a child normally has one;
 * a re-registration adds another).
 *
 * ```sql
 * SELECT * FROM birth_registration WHERE child_id = ANY($1::text[]) ORDER BY registration_date DESC, id DESC
 * ```
 */
export async function findBirthRegistrationsByChildIds(db: Db, childIds: readonly string[]): Promise<BirthRegistrationRow[]> {
  if (childIds.length === 0) return []
  return db
    .selectFrom('birth_registration')
    .selectAll()
    .where('child_id', '=', anyText(childIds))
    .orderBy('registration_date', 'desc')
    .orderBy('id', 'desc')
    .execute()
}

/** Birth registrations naming any of the given persons as father or mother, newest first. */
export async function findBirthRegistrationsByParentIds(db: Db, parentIds: readonly string[]): Promise<BirthRegistrationRow[]> {
  if (parentIds.length === 0) return []
  return db
    .selectFrom('birth_registration')
    .selectAll()
    .where((eb) => eb.or([eb('father_id', '=', anyText(parentIds)), eb('mother_id', '=', anyText(parentIds))]))
    .orderBy('registration_date', 'desc')
    .orderBy('id', 'desc')
    .execute()
}

/**
 * Marriages in which any of the given persons is husband or wife, newest first.
 *
 * ```sql
 * SELECT * FROM marriage_registration WHERE husband_id = ANY($1) OR wife_id = ANY($2)
 * ORDER BY registration_date DESC, id DESC
 * ```
 */
export async function findMarriageRegistrationsBySpouseIds(db: Db, personIds: readonly string[]): Promise<MarriageRegistrationRow[]> {
  if (personIds.length === 0) return []
  return db
    .selectFrom('marriage_registration')
    .selectAll()
    .where((eb) => eb.or([eb('husband_id', '=', anyText(personIds)), eb('wife_id', '=', anyText(personIds))]))
    .orderBy('registration_date', 'desc')
    .orderBy('id', 'desc')
    .execute()
}

/** Death registrations of the given persons, newest first. */
export async function findDeathRegistrationsByDeceasedIds(db: Db, deceasedIds: readonly string[]): Promise<DeathRegistrationRow[]> {
  if (deceasedIds.length === 0) return []
  return db
    .selectFrom('death_registration')
    .selectAll()
    .where('deceased_id', '=', anyText(deceasedIds))
    .orderBy('registration_date', 'desc')
    .orderBy('id', 'desc')
    .execute()
}
