import { sql, type Kysely } from 'kysely'

// "Last updated" (thời điểm cập nhật) of the enterprises and household businesses of the business register (đăng ký doanh nghiệp):
// an application draft cites every auto-filled value with its record and how current that record is.
// `updated_at` defaults to now(), so a bulk COPY leaves it out and existing rows get the migration's time;
// a trigger moves it on every UPDATE that changes the row (an UPDATE writing the same values changes nothing).
const RECORD_TABLES = ['enterprise', 'household_business'] as const

export async function up(db: Kysely<any>): Promise<void> {
  // One function for every record table of this database.
  await sql`
    CREATE FUNCTION set_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.updated_at := now();
      RETURN NEW;
    END $$
  `.execute(db)
  for (const table of RECORD_TABLES) {
    await db.schema
      .alterTable(table)
      .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
      .execute()
    await sql`
      CREATE TRIGGER ${sql.id(`${table}_set_updated_at`)} BEFORE UPDATE ON ${sql.table(table)}
      FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION set_updated_at()
    `.execute(db)
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of RECORD_TABLES) {
    await sql`DROP TRIGGER ${sql.id(`${table}_set_updated_at`)} ON ${sql.table(table)}`.execute(db)
    await db.schema.alterTable(table).dropColumn('updated_at').execute()
  }
  await sql`DROP FUNCTION set_updated_at()`.execute(db)
}
