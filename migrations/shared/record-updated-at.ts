import { sql, type Kysely } from 'kysely'

// "Last updated" (thời điểm cập nhật) of a register's records: an application draft cites every auto-filled value with
// its record and how current that record is. `updated_at` defaults to now(), so a bulk COPY leaves it out and existing
// rows get the migration's time; a trigger moves it on every UPDATE that changes the row (an UPDATE writing the same
// values changes nothing).

/** Adds `updated_at` and its trigger to each table, with the one trigger function of the database. */
export async function addRecordUpdatedAt(db: Kysely<any>, tables: readonly string[]): Promise<void> {
  await sql`
    CREATE FUNCTION set_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.updated_at := now();
      RETURN NEW;
    END $$
  `.execute(db)
  for (const table of tables) {
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

export async function dropRecordUpdatedAt(db: Kysely<any>, tables: readonly string[]): Promise<void> {
  for (const table of tables) {
    await sql`DROP TRIGGER ${sql.id(`${table}_set_updated_at`)} ON ${sql.table(table)}`.execute(db)
    await db.schema.alterTable(table).dropColumn('updated_at').execute()
  }
  await sql`DROP FUNCTION set_updated_at()`.execute(db)
}
