import type { Kysely } from 'kysely'
import { addRecordUpdatedAt, dropRecordUpdatedAt } from '../shared/record-updated-at.ts'

// "Last updated" (thời điểm cập nhật) of the birth, marriage and death registrations of the civil-status register (hộ tịch); the columns and triggers are added by migrations/shared/record-updated-at.ts.
const RECORD_TABLES = ['birth_registration', 'marriage_registration', 'death_registration'] as const

export async function up(db: Kysely<any>): Promise<void> {
  await addRecordUpdatedAt(db, RECORD_TABLES)
}

export async function down(db: Kysely<any>): Promise<void> {
  await dropRecordUpdatedAt(db, RECORD_TABLES)
}
