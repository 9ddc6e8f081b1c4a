import { sql, type Kysely } from 'kysely'

// Đăng ký doanh nghiệp (Law on Enterprises 2020): enterprises and branches, their legal
// representatives, owners (members, shareholders) and business lines, as the national
// business registration system recorded them. Child rows keep the source order in `position`.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('enterprise')
    .addColumn('enterprise_code', 'varchar(14)', (col) => col.primaryKey().check(sql`enterprise_code ~ '^[0-9]{10}(-[0-9]{3})?$'`))
    .addColumn('parent_code', 'varchar(14)')
    .addColumn('vietnamese_name', 'text', (col) => col.notNull())
    .addColumn('foreign_name', 'text')
    .addColumn('short_name', 'text')
    .addColumn('legal_form', 'text', (col) =>
      col.notNull().check(sql`legal_form IN ('TNHH_ONE_MEMBER', 'TNHH_MULTI_MEMBER', 'JOINT_STOCK', 'PARTNERSHIP', 'PRIVATE', 'BRANCH')`),
    )
    .addColumn('status', 'text', (col) => col.notNull().check(sql`status IN ('OPERATING', 'SUSPENDED', 'DISSOLVING', 'DISSOLVED', 'BANKRUPT')`))
    .addColumn('registered_on', 'date', (col) => col.notNull())
    .addColumn('charter_capital_vnd', 'numeric', (col) => col.notNull())
    .addColumn('head_office_address_id', 'bigint', (col) => col.notNull().references('address.id'))
    .execute()
  // Enterprise.branches
  await db.schema.createIndex('enterprise_parent_code_idx').on('enterprise').columns(['parent_code', 'enterprise_code']).where(sql.ref('parent_code'), 'is not', null).execute()

  await db.schema
    .createTable('enterprise_representative')
    .addColumn('enterprise_code', 'varchar(14)', (col) => col.notNull().references('enterprise.enterprise_code'))
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('personal_id', 'varchar(12)', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('birth_date', 'date', (col) => col.notNull())
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('residence_address_id', 'bigint', (col) => col.notNull().references('address.id'))
    .addPrimaryKeyConstraint('enterprise_representative_pkey', ['enterprise_code', 'position'])
    .execute()
  // Citizen.enterprises and Citizen.businessDiscrepancies
  await db.schema.createIndex('enterprise_representative_personal_id_idx').on('enterprise_representative').columns(['personal_id', 'enterprise_code']).execute()

  await db.schema
    .createTable('enterprise_owner')
    .addColumn('enterprise_code', 'varchar(14)', (col) => col.notNull().references('enterprise.enterprise_code'))
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull().check(sql`kind IN ('CITIZEN', 'ENTERPRISE')`))
    // A personal id for a citizen, an enterprise code for an enterprise.
    .addColumn('owner_id', 'varchar(14)', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('capital_share', 'double precision', (col) => col.notNull())
    .addPrimaryKeyConstraint('enterprise_owner_pkey', ['enterprise_code', 'position'])
    .execute()
  // Citizen.enterprises (role OWNER)
  await db.schema.createIndex('enterprise_owner_owner_id_idx').on('enterprise_owner').columns(['kind', 'owner_id', 'enterprise_code']).execute()

  await db.schema
    .createTable('enterprise_business_line')
    .addColumn('enterprise_code', 'varchar(14)', (col) => col.notNull().references('enterprise.enterprise_code'))
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('vsic_code', 'text', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('is_main', 'boolean', (col) => col.notNull())
    .addPrimaryKeyConstraint('enterprise_business_line_pkey', ['enterprise_code', 'position'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('enterprise_business_line').execute()
  await db.schema.dropTable('enterprise_owner').execute()
  await db.schema.dropTable('enterprise_representative').execute()
  await db.schema.dropTable('enterprise').execute()
}
