import { readFileSync } from 'node:fs'
import { parse } from 'csv-parse/sync'
import { sql, type Kysely } from 'kysely'

// Frozen in time like the migrations that call it: a later change to the address tables
// is a new migration, never an edit here.

/**
 * Creates the tables every register keeps for its addresses and loads the
 * official legacy→2025 crosswalk into the register's own database, so mapping
 * never calls another subgraph:
 *
 * - `address`: the text and legacy commune as the source system wrote them,
 *   and beside them the mapped 2025 commune, status and time;
 * - `address_resolution`: append-only choices of officials for split addresses;
 * - `crosswalk`: legacy commune → 2025 commune(s), `whole` or `part`.
 */
export async function createRegisterAddressTables(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('crosswalk')
    .addColumn('legacy_commune_code', 'char(5)', (col) => col.notNull())
    .addColumn('commune_code', 'char(5)', (col) => col.notNull())
    .addColumn('whole', 'boolean', (col) => col.notNull())
    .addColumn('is_primary', 'boolean', (col) => col.notNull())
    .addPrimaryKeyConstraint('crosswalk_pkey', ['legacy_commune_code', 'commune_code'])
    .execute()

  await db.schema
    .createTable('address')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('legacy_commune_code', 'char(5)')
    .addColumn('text', 'text', (col) => col.notNull())
    .addColumn('commune_code', 'char(5)')
    .addColumn('mapping_status', 'text', (col) => col.check(sql`mapping_status IN ('EXACT', 'SPLIT_NEEDS_REVIEW', 'NOT_FOUND')`))
    .addColumn('mapped_at', 'timestamptz')
    .execute()
  await db.schema.createIndex('address_mapping_status_idx').on('address').column('mapping_status').execute()
  await db.schema.createIndex('address_legacy_commune_code_idx').on('address').column('legacy_commune_code').execute()

  await db.schema
    .createTable('address_resolution')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('address_id', 'bigint', (col) => col.notNull().references('address.id'))
    .addColumn('commune_code', 'char(5)', (col) => col.notNull())
    .addColumn('resolved_by', 'text', (col) => col.notNull())
    .addColumn('reason', 'text', (col) => col.notNull())
    .addColumn('resolved_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema.createIndex('address_resolution_address_id_idx').on('address_resolution').columns(['address_id', 'id']).execute()
  // Every resolution is kept: the table only grows.
  await sql`
    CREATE FUNCTION refuse_resolution_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'address_resolution is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
    END $$
  `.execute(db)
  await sql`
    CREATE TRIGGER address_resolution_append_only BEFORE UPDATE OR DELETE ON address_resolution
    FOR EACH ROW EXECUTE FUNCTION refuse_resolution_change()
  `.execute(db)

  const crosswalk = parse(readFileSync(new URL('../boundary/data/legacy-to-2025.csv', import.meta.url), 'utf8'), {
    columns: true,
    skip_empty_lines: true,
    trim: true,
  }) as Record<string, string>[]
  const rows = crosswalk.map((row) => ({
    legacy_commune_code: row.legacy_commune_code,
    commune_code: row.new_commune_code,
    whole: row.relation === 'whole',
    is_primary: row.is_primary === '1',
  }))
  await sql`
    INSERT INTO crosswalk (legacy_commune_code, commune_code, whole, is_primary)
    SELECT legacy_commune_code, commune_code, whole, is_primary
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      AS row(legacy_commune_code text, commune_code text, whole boolean, is_primary boolean)
  `.execute(db)
}

export async function dropRegisterAddressTables(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('address_resolution').execute()
  await sql`DROP FUNCTION refuse_resolution_change()`.execute(db)
  await db.schema.dropTable('address').execute()
  await db.schema.dropTable('crosswalk').execute()
}
