import { sql, type Kysely } from 'kysely'

// Danh mục thủ tục hành chính: the procedures lienthong drafts applications for,
// their form fields, document components (thành phần hồ sơ) and checks. Rows,
// not code: a catalogue edit is a migration or an UPDATE, and the cases subgraph
// reads the tables at start. Each rule, value and check name must be one the
// cases subgraph knows (subgraphs/cases/src/drafts/vocabulary.ts); it refuses to
// start otherwise.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('procedure')
    .addColumn('code', 'text', (col) => col.primaryKey().check(sql`code ~ '^[0-9][.][0-9]{6}$'`))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('name_en', 'text', (col) => col.notNull())
    .addColumn('draft_type', 'text', (col) => col.notNull().unique())
    .addColumn('domain', 'text', (col) => col.notNull())
    .addColumn('level', 'text', (col) => col.notNull().check(sql`level IN ('COMMUNE', 'PROVINCE')`))
    .addColumn('authority_party', 'text', (col) => col.notNull())
    .addColumn('authority_basis', 'text', (col) => col.notNull())
    .addColumn('authority_body', 'text', (col) => col.notNull())
    .addColumn('legal_basis', sql`text[]`, (col) => col.notNull())
    .addColumn('catalogue_version', 'text', (col) => col.notNull())
    .execute()

  await db.schema
    .createTable('procedure_party')
    .addColumn('procedure_code', 'text', (col) => col.notNull().references('procedure.code').onDelete('cascade'))
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('role', 'text', (col) => col.notNull())
    .addColumn('label', 'text', (col) => col.notNull())
    .addColumn('required', 'boolean', (col) => col.notNull().defaultTo(false))
    // Whether the applicant may be this party too (a mother registering her child's birth).
    .addColumn('may_be_applicant', 'boolean', (col) => col.notNull().defaultTo(false))
    .addPrimaryKeyConstraint('procedure_party_pkey', ['procedure_code', 'role'])
    .execute()

  await db.schema
    .createTable('procedure_field')
    .addColumn('procedure_code', 'text', (col) => col.notNull().references('procedure.code').onDelete('cascade'))
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('key', 'text', (col) => col.notNull())
    .addColumn('label', 'text', (col) => col.notNull())
    // Null party and value: the applicant declares it.
    .addColumn('party', 'text')
    .addColumn('value', 'text')
    .addColumn('verified', 'boolean', (col) => col.notNull().defaultTo(true))
    .addPrimaryKeyConstraint('procedure_field_pkey', ['procedure_code', 'key'])
    .execute()

  await db.schema
    .createTable('procedure_document')
    .addColumn('procedure_code', 'text', (col) => col.notNull().references('procedure.code').onDelete('cascade'))
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('key', 'text', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('party', 'text')
    .addColumn('rule', 'text', (col) => col.notNull())
    .addColumn('unless_applicant_is', sql`text[]`, (col) => col.notNull().defaultTo(sql`'{}'`))
    .addColumn('legal_basis', 'text')
    .addPrimaryKeyConstraint('procedure_document_pkey', ['procedure_code', 'key'])
    .execute()

  await db.schema
    .createTable('procedure_check')
    .addColumn('procedure_code', 'text', (col) => col.notNull().references('procedure.code').onDelete('cascade'))
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('rule', 'text', (col) => col.notNull())
    .addColumn('severity', 'text', (col) => col.notNull().check(sql`severity IN ('WARNING', 'BLOCKER')`))
    // Null: every party.
    .addColumn('parties', sql`text[]`)
    // Rule parameters (minimumAge, registers, minimumMonths, withinMonths) as the catalogue writes them.
    .addColumn('parameters', 'jsonb', (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('legal_basis', 'text')
    .addPrimaryKeyConstraint('procedure_check_pkey', ['procedure_code', 'position'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['procedure_check', 'procedure_document', 'procedure_field', 'procedure_party', 'procedure']) {
    await db.schema.dropTable(table).execute()
  }
}
