import { sql, type Kysely } from 'kysely'

// Hộ tịch: birth (khai sinh), marriage (kết hôn) and death (khai tử) registrations, as
// recorded in the civil-status books (Law on Civil Status 2014; Decree 123/2015/NĐ-CP).
// Persons are referred to by personal id only (text, so `= ANY($1::text[])` uses the
// indexes; char(n) would be cast and miss them): their population data lives in another register.
// Every lookup by a person (child, parent, spouse, deceased) has an index: the
// DataLoaders ask for many persons at once with `= ANY($1)`.

/** A civil-status table with the columns every registration has: number, book, date and registering authority. */
function registrationTable(db: Kysely<any>, table: string) {
  return db.schema
    .createTable(table)
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('registration_number', 'text', (col) => col.notNull())
    .addColumn('book', 'text', (col) => col.notNull())
    .addColumn('registration_date', 'date', (col) => col.notNull())
    .addColumn('authority_name', 'text', (col) => col.notNull())
    .addColumn('authority_legacy_unit_code', 'varchar(5)')
    .addColumn('authority_commune_code', 'char(5)')
}

export async function up(db: Kysely<any>): Promise<void> {
  await registrationTable(db, 'birth_registration')
    .addColumn('child_id', 'text', (col) => col.notNull())
    .addColumn('child_name', 'text', (col) => col.notNull())
    .addColumn('child_birth_date', 'date', (col) => col.notNull())
    .addColumn('child_sex', 'text', (col) => col.notNull().check(sql`child_sex IN ('MALE', 'FEMALE')`))
    .addColumn('father_id', 'text')
    .addColumn('mother_id', 'text')
    .addColumn('place_of_birth_address_id', 'bigint', (col) => col.notNull().references('address.id'))
    .execute()
  await db.schema.createIndex('birth_registration_child_id_idx').on('birth_registration').column('child_id').execute()
  await db.schema.createIndex('birth_registration_father_id_idx').on('birth_registration').column('father_id').execute()
  await db.schema.createIndex('birth_registration_mother_id_idx').on('birth_registration').column('mother_id').execute()

  await registrationTable(db, 'marriage_registration')
    .addColumn('husband_id', 'text', (col) => col.notNull())
    .addColumn('wife_id', 'text', (col) => col.notNull())
    .addColumn('husband_name', 'text', (col) => col.notNull())
    .addColumn('wife_name', 'text', (col) => col.notNull())
    .addColumn('husband_residence_address_id', 'bigint', (col) => col.notNull().references('address.id'))
    .addColumn('wife_residence_address_id', 'bigint', (col) => col.notNull().references('address.id'))
    .addColumn('dissolved_on', 'date')
    .addColumn('dissolution_reason', 'text', (col) => col.check(sql`dissolution_reason IN ('DIVORCE', 'DEATH')`))
    // A marriage ends with a date and a reason, or not at all.
    .addCheckConstraint('marriage_registration_dissolution_check', sql`(dissolved_on IS NULL) = (dissolution_reason IS NULL)`)
    .execute()
  // (person, registration_date) so "newest first" comes straight from the index.
  await db.schema.createIndex('marriage_registration_husband_id_idx').on('marriage_registration').columns(['husband_id', 'registration_date']).execute()
  await db.schema.createIndex('marriage_registration_wife_id_idx').on('marriage_registration').columns(['wife_id', 'registration_date']).execute()

  await registrationTable(db, 'death_registration')
    .addColumn('deceased_id', 'text', (col) => col.notNull())
    .addColumn('deceased_name', 'text', (col) => col.notNull())
    .addColumn('date_of_death', 'date', (col) => col.notNull())
    .addColumn('place_of_death_address_id', 'bigint', (col) => col.notNull().references('address.id'))
    .addColumn('declarant_id', 'text')
    .execute()
  await db.schema.createIndex('death_registration_deceased_id_idx').on('death_registration').column('deceased_id').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('death_registration').execute()
  await db.schema.dropTable('marriage_registration').execute()
  await db.schema.dropTable('birth_registration').execute()
}
