import type { Kysely } from 'kysely'
import { addRecordUpdatedAt, dropRecordUpdatedAt } from '../shared/record-updated-at.ts'

// "Last updated" (thời điểm cập nhật) of the enterprises and household businesses of the business register (đăng ký doanh nghiệp); the columns and triggers are added by migrations/shared/record-updated-at.ts.
const RECORD_TABLES = ['enterprise', 'household_business'] as const

export async function up(db: Kysely<any>): Promise<void> {
  await addRecordUpdatedAt(db, RECORD_TABLES)
}

export async function down(db: Kysely<any>): Promise<void> {
  await dropRecordUpdatedAt(db, RECORD_TABLES)
}
