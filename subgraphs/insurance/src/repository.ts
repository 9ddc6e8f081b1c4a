import { sql, type Kysely } from 'kysely'
import type { HealthInsuranceCardRow, InsuranceDatabase, ParticipationPeriodRow, SocialInsuranceRecordRow } from './database.js'

type Db = Kysely<InsuranceDatabase>

// Every lookup takes a batch of keys (one statement per DataLoader batch) and uses `= ANY($1)`, so the statement
// text does not grow with the batch. Keys are cast to bpchar[], the type of the char(n) columns: compared as text[],
// PostgreSQL casts the column instead and cannot use its index (a sequential scan at 1,000,000 citizens).

export async function findSocialInsuranceRecordsByNumbers(db: Db, numbers: readonly string[]): Promise<SocialInsuranceRecordRow[]> {
  if (numbers.length === 0) return []
  return db
    .selectFrom('social_insurance_record')
    .selectAll()
    .where('social_insurance_number', '=', sql<string>`ANY(${[...numbers]}::bpchar[])`)
    .execute()
}

/** Social insurance books of the given citizens, ordered by BHXH number. */
export async function findSocialInsuranceRecordsByPersonalIds(db: Db, personalIds: readonly string[]): Promise<SocialInsuranceRecordRow[]> {
  if (personalIds.length === 0) return []
  return db
    .selectFrom('social_insurance_record')
    .selectAll()
    .where('personal_id', '=', sql<string>`ANY(${[...personalIds]}::bpchar[])`)
    .orderBy('social_insurance_number')
    .execute()
}

/** Participation periods of the given books, oldest first (the source order). */
export async function findParticipationPeriodsByNumbers(db: Db, numbers: readonly string[]): Promise<ParticipationPeriodRow[]> {
  if (numbers.length === 0) return []
  return db
    .selectFrom('participation_period')
    .selectAll()
    .where('social_insurance_number', '=', sql<string>`ANY(${[...numbers]}::bpchar[])`)
    .orderBy('social_insurance_number')
    .orderBy('position')
    .execute()
}

export async function findHealthInsuranceCardsByNumbers(db: Db, cardNumbers: readonly string[]): Promise<HealthInsuranceCardRow[]> {
  if (cardNumbers.length === 0) return []
  return db
    .selectFrom('health_insurance_card')
    .selectAll()
    .where('card_number', '=', sql<string>`ANY(${[...cardNumbers]}::bpchar[])`)
    .execute()
}

/** Health insurance cards of the given citizens, newest first (latest validity start). */
export async function findHealthInsuranceCardsByPersonalIds(db: Db, personalIds: readonly string[]): Promise<HealthInsuranceCardRow[]> {
  if (personalIds.length === 0) return []
  return db
    .selectFrom('health_insurance_card')
    .selectAll()
    .where('personal_id', '=', sql<string>`ANY(${[...personalIds]}::bpchar[])`)
    .orderBy('personal_id')
    .orderBy('valid_from', 'desc')
    .orderBy('card_number')
    .execute()
}
