import type { Kysely } from 'kysely'
import { addRecordUpdatedAt, dropRecordUpdatedAt } from '../shared/record-updated-at.ts'

// "Last updated" (thời điểm cập nhật) of the land parcels of the land register (đất đai); the columns and triggers are added by migrations/shared/record-updated-at.ts.
const RECORD_TABLES = ['land_parcel'] as const

export async function up(db: Kysely<any>): Promise<void> {
  await addRecordUpdatedAt(db, RECORD_TABLES)
}

export async function down(db: Kysely<any>): Promise<void> {
  await dropRecordUpdatedAt(db, RECORD_TABLES)
}
