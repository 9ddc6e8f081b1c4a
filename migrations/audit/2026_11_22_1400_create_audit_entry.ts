import { sql, type Kysely } from 'kysely'

// Nhật ký truy cập dữ liệu cá nhân: one entry per gateway request that touched
// personal data, append-only and hash-chained (lib/src/audit/README.md explains
// the canonical text, the chain, the role and the triggers; the TypeScript
// verifier in lib/src/audit/canonical.ts reproduces `audit_entry_canonical`).

/** The role the gateway switches to on every audit connection: INSERT and SELECT only. */
const WRITER_ROLE = 'lienthong_audit_writer'

/**
 * Key of the transaction-level advisory lock that makes the chain one line:
 * each inserting transaction holds it from its first entry to its commit.
 * Advisory locks are per database, so test databases on one server do not share it.
 */
const CHAIN_LOCK_KEY = 7_305_962_118_440_201n

/** The previous hash of entry 1. */
const GENESIS_HASH = '0'.repeat(64)

export async function up(db: Kysely<any>): Promise<void> {
  // The chain hashes UTF-8 bytes on both sides; refuse a database whose text is in another encoding.
  await sql`
    DO $$ BEGIN
      IF getdatabaseencoding() <> 'UTF8' THEN
        RAISE EXCEPTION 'the audit database must be UTF8-encoded, not %', getdatabaseencoding();
      END IF;
    END $$`.execute(db)

  await db.schema
    .createTable('audit_entry')
    // Assigned by the chain trigger under its lock: gapless, and equal to the chain order.
    .addColumn('seq', 'bigint', (col) => col.primaryKey())
    // Set by the chain trigger (clock_timestamp(), microseconds): the writer cannot backdate.
    .addColumn('occurred_at', 'timestamptz', (col) => col.notNull())
    .addColumn('caller_kind', 'text', (col) => col.notNull().check(sql`caller_kind IN ('official', 'machine', 'citizen')`))
    // Official: the token's sub; machine: the client id; citizen: the keyed hash of their personal ID.
    .addColumn('caller_id', 'text', (col) => col.notNull())
    .addColumn('agency', 'text')
    .addColumn('case_reference', 'text')
    .addColumn('procedure_code', 'text')
    .addColumn('operation_name', 'text')
    .addColumn('operation_hash', 'text', (col) => col.notNull().check(sql`operation_hash ~ '^[0-9a-f]{64}$'`))
    // HMAC-SHA256 (hex) of each personal ID whose data the response carried; never the ID itself.
    // The pattern keeps a plain 12-digit ID out even if a writer forgot to hash it.
    .addColumn('data_subjects', sql`text[]`, (col) =>
      col.notNull().check(sql`${oneDimensionalWithoutNulls('data_subjects')} AND array_to_string(data_subjects, ' ') ~ '^([0-9a-f]{64}( |$))*$'`),
    )
    .addColumn('registers', sql`text[]`, (col) => col.notNull().check(oneDimensionalWithoutNulls('registers')))
    // "Type.field" coordinates of what was returned, e.g. "Citizen.maritalStatus".
    .addColumn('fields', sql`text[]`, (col) => col.notNull().check(oneDimensionalWithoutNulls('fields')))
    .addColumn('outcome', 'text', (col) => col.notNull().check(sql`outcome IN ('OK', 'PARTIAL', 'DENIED', 'ERROR')`))
    .addColumn('previous_hash', 'text', (col) => col.notNull())
    .addColumn('hash', 'text', (col) => col.notNull())
    .execute()

  // myDataAccesses: a citizen's entries by the HMAC of their own ID.
  await sql`CREATE INDEX audit_entry_data_subjects_idx ON audit_entry USING gin (data_subjects)`.execute(db)

  // The canonical text of an entry (version 1). Every value is written as
  // "<UTF-8 byte length>:<text>" (NULL as "-"), every array as
  // "<count>[<element><element>…]", one field per line in column order.
  // Small functions PostgreSQL inlines or caches plans for: the chain trigger
  // runs them for every entry. (octet_length counts UTF-8 bytes: the database is UTF8, checked above.)
  await sql`
    CREATE FUNCTION audit_canonical_value(value text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT CASE WHEN value IS NULL THEN '-' ELSE octet_length(value)::text || ':' || value END $$`.execute(db)
  await sql`
    CREATE FUNCTION audit_canonical_array(items text[]) RETURNS text
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    AS $$
    DECLARE
      result text := coalesce(cardinality(items), 0)::text || '[';
      item text;
    BEGIN
      FOREACH item IN ARRAY coalesce(items, '{}') LOOP
        result := result || audit_canonical_value(item);
      END LOOP;
      RETURN result || ']';
    END
    $$`.execute(db)
  await sql`
    CREATE FUNCTION audit_entry_canonical(entry audit_entry) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
      SELECT concat_ws(E'\n',
        'lienthong-audit-entry/1',
        audit_canonical_value(entry.seq::text),
        audit_canonical_value(to_char(entry.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')),
        audit_canonical_value(entry.caller_kind),
        audit_canonical_value(entry.caller_id),
        audit_canonical_value(entry.agency),
        audit_canonical_value(entry.case_reference),
        audit_canonical_value(entry.procedure_code),
        audit_canonical_value(entry.operation_name),
        audit_canonical_value(entry.operation_hash),
        audit_canonical_array(entry.data_subjects),
        audit_canonical_array(entry.registers),
        audit_canonical_array(entry.fields),
        audit_canonical_value(entry.outcome),
        audit_canonical_value(entry.previous_hash))
    $$`.execute(db)

  // The chain: under the lock, the entry takes the next seq, the hash of the
  // last entry as its previous hash, the current time, and its own hash.
  // Rows of one multi-row INSERT see the rows inserted before them (trigger
  // queries run with a fresh snapshot), so a batch chains in VALUES order.
  await sql`
    CREATE FUNCTION audit_entry_chain() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, public, pg_temp
    AS $$
    DECLARE
      last_entry record;
    BEGIN
      -- A snapshot older than the lock would read a stale last entry and fork the chain.
      IF current_setting('transaction_isolation') <> 'read committed' THEN
        RAISE EXCEPTION 'audit entries are written under READ COMMITTED only, not %', current_setting('transaction_isolation');
      END IF;
      PERFORM pg_advisory_xact_lock(${sql.lit(CHAIN_LOCK_KEY.toString())}::bigint);
      SELECT seq, hash INTO last_entry FROM public.audit_entry ORDER BY seq DESC LIMIT 1;
      NEW.seq := coalesce(last_entry.seq, 0) + 1;
      NEW.previous_hash := coalesce(last_entry.hash, ${sql.lit(GENESIS_HASH)});
      NEW.occurred_at := clock_timestamp();
      NEW.hash := encode(sha256(convert_to(audit_entry_canonical(NEW), 'UTF8')), 'hex');
      RETURN NEW;
    END
    $$`.execute(db)
  await sql`CREATE TRIGGER audit_entry_chain BEFORE INSERT ON audit_entry FOR EACH ROW EXECUTE FUNCTION audit_entry_chain()`.execute(db)

  // Append-only, even for the table's owner and superusers (who must first
  // disable this trigger: an act the chain then exposes).
  await sql`
    CREATE FUNCTION audit_entry_refuse_change() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
    BEGIN
      RAISE EXCEPTION 'audit_entry is append-only: % refused', TG_OP
        USING HINT = 'audit entries are never updated or deleted';
    END
    $$`.execute(db)
  await sql`
    CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_entry
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_refuse_change()`.execute(db)

  // Roles are cluster-wide and several databases (tests) migrate at once: create
  // it when missing, and take a concurrent creation for success.
  await sql`
    DO $$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = ${sql.lit(WRITER_ROLE)}) THEN
        CREATE ROLE ${sql.id(WRITER_ROLE)} NOLOGIN;
      END IF;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN
      NULL;
    END $$`.execute(db)
  await sql`REVOKE ALL ON audit_entry FROM PUBLIC`.execute(db)
  await sql`GRANT SELECT, INSERT ON audit_entry TO ${sql.id(WRITER_ROLE)}`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  // The role stays: other databases on the server may still grant to it.
  await sql`DROP FUNCTION audit_entry_canonical(audit_entry)`.execute(db)
  await db.schema.dropTable('audit_entry').execute()
  await sql`DROP FUNCTION audit_entry_chain()`.execute(db)
  await sql`DROP FUNCTION audit_entry_refuse_change()`.execute(db)
  await sql`DROP FUNCTION audit_canonical_array(text[])`.execute(db)
  await sql`DROP FUNCTION audit_canonical_value(text)`.execute(db)
}

/** A CHECK that an array column is one-dimensional (or empty) and holds no NULL: the canonical text has no encoding for either. */
function oneDimensionalWithoutNulls(column: string) {
  return sql`coalesce(array_ndims(${sql.ref(column)}), 1) = 1 AND array_position(${sql.ref(column)}, NULL) IS NULL`
}
