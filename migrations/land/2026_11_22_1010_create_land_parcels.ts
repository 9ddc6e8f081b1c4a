import { sql, type Kysely } from 'kysely'

// Land parcels (thửa đất) and what hangs on them, as the cadastral source wrote them.
// Child rows keep the source order in `position`; their primary key (parcel_id, position)
// is also the index the per-parcel DataLoaders use.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('land_parcel')
    // "<legacy commune>-<map sheet>-<parcel>", e.g. "00160-12-345".
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('legacy_commune_code', 'char(5)', (col) => col.notNull())
    .addColumn('map_sheet_number', 'integer', (col) => col.notNull())
    .addColumn('parcel_number', 'integer', (col) => col.notNull())
    .addColumn('area_m2', 'double precision', (col) => col.notNull().check(sql`area_m2 > 0`))
    .addColumn('address_id', 'bigint', (col) => col.notNull().references('address.id'))
    .addUniqueConstraint('land_parcel_number_key', ['legacy_commune_code', 'map_sheet_number', 'parcel_number'])
    .execute()

  await db.schema
    .createTable('land_use')
    .addColumn('parcel_id', 'text', (col) => col.notNull().references('land_parcel.id'))
    .addColumn('position', 'smallint', (col) => col.notNull())
    .addColumn('purpose_code', 'text', (col) => col.notNull())
    .addColumn('area_m2', 'double precision', (col) => col.notNull().check(sql`area_m2 > 0`))
    // Null = lâu dài (long-term use).
    .addColumn('until', 'date')
    .addPrimaryKeyConstraint('land_use_pkey', ['parcel_id', 'position'])
    .execute()

  await db.schema
    .createTable('land_certificate')
    .addColumn('parcel_id', 'text', (col) => col.notNull().references('land_parcel.id'))
    .addColumn('position', 'smallint', (col) => col.notNull())
    .addColumn('serial', 'text', (col) => col.notNull())
    .addColumn('registry_number', 'text', (col) => col.notNull())
    .addColumn('issue_date', 'date', (col) => col.notNull())
    .addColumn('issuer', 'text', (col) => col.notNull())
    .addColumn('revoked_on', 'date')
    .addPrimaryKeyConstraint('land_certificate_pkey', ['parcel_id', 'position'])
    .execute()

  await db.schema
    .createTable('land_right_holder')
    .addColumn('parcel_id', 'text', (col) => col.notNull().references('land_parcel.id'))
    .addColumn('position', 'smallint', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull().check(sql`kind IN ('CITIZEN', 'ENTERPRISE')`))
    // Personal id of a citizen, enterprise code of an enterprise.
    .addColumn('holder_id', 'text', (col) => col.notNull())
    .addColumn('holder_name', 'text', (col) => col.notNull())
    .addColumn('share', 'double precision', (col) => col.notNull().check(sql`share > 0 AND share <= 1`))
    .addColumn('address_id', 'bigint', (col) => col.notNull().references('address.id'))
    .addPrimaryKeyConstraint('land_right_holder_pkey', ['parcel_id', 'position'])
    .execute()
  // Citizen.landRights and Enterprise.landRights look holders up by (kind, holder id).
  await db.schema.createIndex('land_right_holder_holder_idx').on('land_right_holder').columns(['kind', 'holder_id', 'parcel_id']).execute()

  await db.schema
    .createTable('land_encumbrance')
    .addColumn('parcel_id', 'text', (col) => col.notNull().references('land_parcel.id'))
    .addColumn('position', 'smallint', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull().check(sql`kind IN ('MORTGAGE', 'LEASE', 'EASEMENT', 'SEIZURE')`))
    .addColumn('beneficiary', 'text', (col) => col.notNull())
    .addColumn('registered_on', 'date', (col) => col.notNull())
    .addColumn('released_on', 'date')
    .addColumn('secured_amount_vnd', 'numeric')
    .addPrimaryKeyConstraint('land_encumbrance_pkey', ['parcel_id', 'position'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('land_encumbrance').execute()
  await db.schema.dropTable('land_right_holder').execute()
  await db.schema.dropTable('land_certificate').execute()
  await db.schema.dropTable('land_use').execute()
  await db.schema.dropTable('land_parcel').execute()
}
