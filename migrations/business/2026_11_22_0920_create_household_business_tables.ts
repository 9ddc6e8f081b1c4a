import { sql, type Kysely } from 'kysely'

// Hộ kinh doanh (Decree 01/2021/NĐ-CP Ch. VIII): registered by the district (before 2025) or
// commune (from 1 July 2025) People's Committee; the authority is kept as written.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('household_business')
    .addColumn('registration_number', 'varchar(50)', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('owner_id', 'varchar(12)', (col) => col.notNull())
    .addColumn('owner_name', 'text', (col) => col.notNull())
    .addColumn('owner_birth_date', 'date', (col) => col.notNull())
    .addColumn('owner_residence_address_id', 'bigint', (col) => col.notNull().references('address.id'))
    .addColumn('address_id', 'bigint', (col) => col.notNull().references('address.id'))
    .addColumn('registered_on', 'date', (col) => col.notNull())
    .addColumn('authority_name', 'text', (col) => col.notNull())
    .addColumn('authority_legacy_unit_code', 'varchar(5)')
    .addColumn('authority_commune_code', 'char(5)')
    .addColumn('capital_vnd', 'numeric', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull().check(sql`status IN ('OPERATING', 'SUSPENDED', 'CLOSED')`))
    .execute()
  // Citizen.householdBusinesses and Citizen.businessDiscrepancies
  await db.schema.createIndex('household_business_owner_id_idx').on('household_business').columns(['owner_id', 'registration_number']).execute()

  await db.schema
    .createTable('household_business_line')
    .addColumn('registration_number', 'varchar(50)', (col) => col.notNull().references('household_business.registration_number'))
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('vsic_code', 'text', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('is_main', 'boolean', (col) => col.notNull())
    .addPrimaryKeyConstraint('household_business_line_pkey', ['registration_number', 'position'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('household_business_line').execute()
  await db.schema.dropTable('household_business').execute()
}
