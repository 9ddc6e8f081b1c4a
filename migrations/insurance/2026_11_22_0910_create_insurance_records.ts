import { sql, type Kysely } from 'kysely'

// Social insurance books (sổ BHXH), their participation periods and health insurance cards (thẻ BHYT), as the
// insurance agency's system recorded them. Indexes serve the DataLoaders: by personal id (Citizen fields), by
// BHXH number (periods) and by employer code, and stay fast at 1,000,000 citizens.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('social_insurance_record')
    .addColumn('social_insurance_number', 'char(10)', (col) => col.primaryKey())
    .addColumn('personal_id', 'char(12)', (col) => col.notNull())
    .addColumn('full_name', 'text', (col) => col.notNull())
    .addColumn('birth_date', 'date', (col) => col.notNull())
    .addColumn('sex', 'text', (col) => col.notNull().check(sql`sex IN ('MALE', 'FEMALE')`))
    .addColumn('residence_address_id', 'bigint', (col) => col.notNull().references('address.id'))
    .execute()
  await db.schema.createIndex('social_insurance_record_personal_id_idx').on('social_insurance_record').column('personal_id').execute()

  await db.schema
    .createTable('participation_period')
    .addColumn('social_insurance_number', 'char(10)', (col) => col.notNull().references('social_insurance_record.social_insurance_number'))
    // Position in the source list (oldest first), so the order survives as recorded.
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('employer_code', 'text', (col) => col.notNull())
    .addColumn('from_date', 'date', (col) => col.notNull())
    .addColumn('to_date', 'date')
    .addColumn('contribution_base_vnd', 'numeric', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull().check(sql`kind IN ('COMPULSORY', 'VOLUNTARY')`))
    .addPrimaryKeyConstraint('participation_period_pkey', ['social_insurance_number', 'position'])
    .execute()
  await db.schema.createIndex('participation_period_employer_code_idx').on('participation_period').column('employer_code').execute()

  await db.schema
    .createTable('health_insurance_card')
    .addColumn('card_number', 'char(15)', (col) => col.primaryKey())
    // No foreign key: a child's card (TE) carries a BHXH number without a social insurance book.
    .addColumn('social_insurance_number', 'char(10)', (col) => col.notNull())
    .addColumn('personal_id', 'char(12)', (col) => col.notNull())
    .addColumn('beneficiary_group', 'char(2)', (col) => col.notNull())
    .addColumn('benefit_level', 'smallint', (col) => col.notNull().check(sql`benefit_level BETWEEN 1 AND 5`))
    .addColumn('primary_care_facility_code', 'text', (col) => col.notNull())
    .addColumn('primary_care_facility_name', 'text', (col) => col.notNull())
    .addColumn('valid_from', 'date', (col) => col.notNull())
    .addColumn('valid_to', 'date', (col) => col.notNull())
    .execute()
  await db.schema
    .createIndex('health_insurance_card_personal_id_idx')
    .on('health_insurance_card')
    .expression(sql`personal_id, valid_from DESC, card_number`)
    .execute()
  await db.schema.createIndex('health_insurance_card_social_insurance_number_idx').on('health_insurance_card').column('social_insurance_number').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('health_insurance_card').execute()
  await db.schema.dropTable('participation_period').execute()
  await db.schema.dropTable('social_insurance_record').execute()
}
