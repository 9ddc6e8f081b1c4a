import type { Kysely } from 'kysely'
import { addRecordUpdatedAt, dropRecordUpdatedAt } from '../shared/record-updated-at.ts'

// "Last updated" (thời điểm cập nhật) of the social insurance records and health insurance cards of the insurance register (BHXH, BHYT); the columns and triggers are added by migrations/shared/record-updated-at.ts.
const RECORD_TABLES = ['social_insurance_record', 'health_insurance_card'] as const

export async function up(db: Kysely<any>): Promise<void> {
  await addRecordUpdatedAt(db, RECORD_TABLES)
}

export async function down(db: Kysely<any>): Promise<void> {
  await dropRecordUpdatedAt(db, RECORD_TABLES)
}
