import { sql, type Kysely } from 'kysely'

// Hộ gia đình and công dân as the national population database (CSDL quốc gia về
// dân cư, Law on Identity 2023 Art. 9) records them. References between citizens
// (father, mother, spouse, household head) carry no foreign keys: the source may
// name a person it does not hold, and a bulk COPY of a million citizens must not
// depend on the order of rows within a chunk. Address columns point at `address`
// rows written in the same ingest; their FK checks would cost one lookup per
// column per row at ingest, so they are left out too.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('household')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('head_id', 'text', (col) => col.notNull())
    .addColumn('address_id', 'bigint', (col) => col.notNull())
    .execute()

  await db.schema
    .createTable('citizen')
    .addColumn('personal_id', 'text', (col) => col.primaryKey().check(sql`personal_id ~ '^[0-9]{12}$'`))
    .addColumn('full_name', 'text', (col) => col.notNull())
    .addColumn('other_names', sql`text[]`, (col) => col.notNull().defaultTo(sql`'{}'`))
    .addColumn('birth_date', 'date', (col) => col.notNull())
    .addColumn('sex', 'text', (col) => col.notNull().check(sql`sex IN ('MALE', 'FEMALE')`))
    .addColumn('place_of_birth_address_id', 'bigint', (col) => col.notNull())
    .addColumn('place_of_birth_registration_address_id', 'bigint', (col) => col.notNull())
    .addColumn('hometown_address_id', 'bigint', (col) => col.notNull())
    .addColumn('ethnicity', 'text', (col) => col.notNull())
    .addColumn('religion', 'text', (col) => col.notNull())
    .addColumn('nationality', 'text', (col) => col.notNull())
    .addColumn('blood_group', 'text')
    .addColumn('id_card_number', 'text')
    .addColumn('id_card_issue_date', 'date')
    .addColumn('id_card_expiry_date', 'date')
    .addColumn('id_card_issued_by', 'text')
    .addColumn('permanent_address_id', 'bigint', (col) => col.notNull())
    .addColumn('temporary_address_id', 'bigint')
    .addColumn('current_address_id', 'bigint', (col) => col.notNull())
    .addColumn('household_id', 'text', (col) => col.notNull())
    .addColumn('relationship_to_head', 'text', (col) => col.notNull())
    .addColumn('father_id', 'text')
    .addColumn('mother_id', 'text')
    .addColumn('spouse_id', 'text')
    .addColumn('date_of_death', 'date')
    .execute()

  // Loaders: children by parent, members by household.
  await db.schema.createIndex('citizen_father_id_idx').on('citizen').column('father_id').execute()
  await db.schema.createIndex('citizen_mother_id_idx').on('citizen').column('mother_id').execute()
  await db.schema.createIndex('citizen_household_id_idx').on('citizen').column('household_id').execute()
  // searchCitizens: exact name or name prefix (after NFC, so a name stored decomposed is found too),
  // birth date, and the permanent residence's commune; each index ends with personal_id, the page order.
  await sql`CREATE INDEX citizen_full_name_nfc_idx ON citizen (normalize(full_name, NFC) text_pattern_ops, personal_id)`.execute(db)
  await db.schema.createIndex('citizen_birth_date_idx').on('citizen').columns(['birth_date', 'personal_id']).execute()
  await db.schema.createIndex('citizen_permanent_address_id_idx').on('citizen').column('permanent_address_id').execute()
  await db.schema.createIndex('address_commune_code_idx').on('address').column('commune_code').execute()
  await db.schema.createIndex('address_resolution_commune_code_idx').on('address_resolution').columns(['commune_code', 'address_id']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('address_resolution_commune_code_idx').execute()
  await db.schema.dropIndex('address_commune_code_idx').execute()
  await db.schema.dropTable('citizen').execute()
  await db.schema.dropTable('household').execute()
}
