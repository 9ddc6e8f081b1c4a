import { sql, type Kysely } from 'kysely'

// 2025 units (Decision 19/2025/QĐ-TTg) and legacy units (Decision 124/2004/QĐ-TTg)
// live in separate tables: a 5-digit code alone does not tell the two systems apart.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('province')
    .addColumn('code', 'char(2)', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('short_name', 'text', (col) => col.notNull())
    .addColumn('type', 'text', (col) => col.notNull().check(sql`type IN ('thành phố', 'tỉnh')`))
    .addColumn('name_en', 'text', (col) => col.notNull())
    .addColumn('full_name_en', 'text', (col) => col.notNull())
    .addColumn('area_km2', 'numeric')
    .addColumn('population', 'integer')
    .execute()

  await db.schema
    .createTable('commune')
    .addColumn('code', 'char(5)', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('short_name', 'text', (col) => col.notNull())
    .addColumn('type', 'text', (col) => col.notNull().check(sql`type IN ('phường', 'xã', 'đặc khu')`))
    .addColumn('province_code', 'char(2)', (col) => col.notNull().references('province.code'))
    .addColumn('name_en', 'text', (col) => col.notNull())
    .addColumn('area_km2', 'numeric')
    .addColumn('population', 'integer')
    .addColumn('resolution', 'text')
    .execute()
  await db.schema.createIndex('commune_province_code_idx').on('commune').columns(['province_code', 'code']).execute()

  await db.schema
    .createTable('legacy_province')
    .addColumn('code', 'char(2)', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('short_name', 'text', (col) => col.notNull())
    .addColumn('type', 'text', (col) => col.notNull().check(sql`type IN ('thành phố', 'tỉnh')`))
    .addColumn('new_province_code', 'char(2)', (col) => col.notNull().references('province.code'))
    .execute()

  await db.schema
    .createTable('legacy_district')
    .addColumn('code', 'char(3)', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('short_name', 'text', (col) => col.notNull())
    .addColumn('type', 'text', (col) => col.notNull().check(sql`type IN ('quận', 'huyện', 'thị xã', 'thành phố')`))
    .addColumn('province_code', 'char(2)', (col) => col.notNull().references('legacy_province.code'))
    // Island districts without communes became a 2025 special zone (đặc khu).
    .addColumn('new_commune_code_if_no_communes', 'char(5)', (col) => col.references('commune.code'))
    .execute()
  await db.schema.createIndex('legacy_district_province_code_idx').on('legacy_district').column('province_code').execute()

  await db.schema
    .createTable('legacy_commune')
    .addColumn('code', 'char(5)', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('short_name', 'text', (col) => col.notNull())
    .addColumn('type', 'text', (col) => col.notNull().check(sql`type IN ('phường', 'xã', 'thị trấn')`))
    .addColumn('district_code', 'char(3)', (col) => col.notNull().references('legacy_district.code'))
    .addColumn('province_code', 'char(2)', (col) => col.notNull().references('legacy_province.code'))
    .addColumn('alt_names', sql`text[]`, (col) => col.notNull().defaultTo(sql`'{}'`))
    .execute()
  await db.schema.createIndex('legacy_commune_district_code_idx').on('legacy_commune').column('district_code').execute()

  // The crosswalk: one row per (legacy commune, 2025 commune) pair.
  await db.schema
    .createTable('legacy_succession')
    .addColumn('legacy_commune_code', 'char(5)', (col) => col.notNull().references('legacy_commune.code'))
    .addColumn('new_commune_code', 'char(5)', (col) => col.notNull().references('commune.code'))
    .addColumn('relation', 'text', (col) => col.notNull().check(sql`relation IN ('whole', 'part')`))
    .addColumn('is_primary', 'boolean', (col) => col.notNull())
    .addColumn('primary_basis', 'text')
    .addPrimaryKeyConstraint('legacy_succession_pkey', ['legacy_commune_code', 'new_commune_code'])
    .execute()
  await db.schema.createIndex('legacy_succession_new_commune_code_idx').on('legacy_succession').column('new_commune_code').execute()
  await sql`CREATE UNIQUE INDEX legacy_succession_one_primary_idx ON legacy_succession (legacy_commune_code) WHERE is_primary`.execute(db)

  // Names merged away in 2017–2024, keyed as lower-case ASCII without spaces.
  await db.schema
    .createTable('legacy_commune_alias')
    .addColumn('legacy_commune_code', 'char(5)', (col) => col.notNull().references('legacy_commune.code'))
    .addColumn('alias', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull().check(sql`kind IN ('former_name', 'variant')`))
    .addColumn('year', 'integer')
    .addColumn('source', 'text')
    .addPrimaryKeyConstraint('legacy_commune_alias_pkey', ['legacy_commune_code', 'alias'])
    .execute()

  await db.schema
    .createTable('legacy_district_alias')
    .addColumn('legacy_district_code', 'char(3)', (col) => col.notNull().references('legacy_district.code'))
    .addColumn('alias', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull().check(sql`kind IN ('former_name', 'divided')`))
    .addColumn('is_default', 'boolean', (col) => col.notNull())
    .addColumn('source', 'text')
    .addPrimaryKeyConstraint('legacy_district_alias_pkey', ['legacy_district_code', 'alias'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'legacy_district_alias',
    'legacy_commune_alias',
    'legacy_succession',
    'legacy_commune',
    'legacy_district',
    'legacy_province',
    'commune',
    'province',
  ]) {
    await db.schema.dropTable(table).execute()
  }
}
