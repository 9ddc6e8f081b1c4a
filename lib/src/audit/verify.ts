import { canonicalTimestamp, entryHash, GENESIS_HASH, type StoredAuditEntry } from './canonical.js'
import { createAuditPool } from './connection.js'

/**
 * Why an entry breaks the chain:
 * - `HASH_MISMATCH`: its stored hash is not the hash of its content: the entry was altered.
 * - `LINK_BROKEN`: its previous hash (or seq) does not follow the entry read before it:
 *   an entry was deleted, inserted or reordered before it.
 */
export type ChainBreakReason = 'HASH_MISMATCH' | 'LINK_BROKEN'

export type AuditChainVerification =
  | { ok: true; entries: number; lastHash: string }
  | { ok: false; entries: number; firstBroken: { seq: number; reason: ChainBreakReason; message: string } }

/** Entries read per query. */
const PAGE_SIZE = 1_000

/**
 * Walks the audit chain in seq order and recomputes every hash here, with
 * node:crypto, from the stored columns (never from PostgreSQL's hash
 * functions). Stops at the first broken entry; `entries` counts the entries
 * read, that one included. Reads one snapshot (REPEATABLE READ, READ ONLY),
 * so entries written meanwhile do not disturb it.
 *
 * `lastHash`, the head of an intact chain, is what to anchor outside the
 * database (print it, sign it, send it elsewhere): a chain cut short at its
 * end, or rewritten from some entry on, still verifies by itself.
 */
export async function verifyAuditChain(databaseUrl: string): Promise<AuditChainVerification> {
  const pool = createAuditPool({ databaseUrl, applicationName: 'lienthong-audit-verify', maxConnections: 1, connectionTimeoutMillis: 10_000, queryTimeoutMillis: 120_000 })
  const client = await pool.connect().catch(async (error: unknown) => {
    await pool.end()
    throw error
  })
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
    let entries = 0
    let previous: { seq: bigint; hash: string } | undefined
    for (;;) {
      const { rows } = await client.query<StoredRow>(
        `SELECT seq::text AS seq, occurred_at::text AS occurred_at, caller_kind, caller_id, agency, case_reference,
                procedure_code, operation_name, operation_hash, data_subjects, registers, fields, outcome, previous_hash, hash
           FROM audit_entry
          WHERE seq > $1::bigint
          ORDER BY audit_entry.seq  -- the bigint column, not the text output column of the same name
          LIMIT ${PAGE_SIZE}`,
        [(previous?.seq ?? -1n).toString()],
      )
      for (const row of rows) {
        entries += 1
        const broken = breakOf(row, previous)
        if (broken) return { ok: false, entries, firstBroken: { seq: Number(row.seq), ...broken } }
        previous = { seq: BigInt(row.seq), hash: row.hash }
      }
      if (rows.length < PAGE_SIZE) return { ok: true, entries, lastHash: previous?.hash ?? GENESIS_HASH }
    }
  } finally {
    await client.query('ROLLBACK').catch(() => {})
    client.release()
    await pool.end()
  }
}

export interface StoredRow {
  seq: string
  occurred_at: string
  caller_kind: string
  caller_id: string
  agency: string | null
  case_reference: string | null
  procedure_code: string | null
  operation_name: string | null
  operation_hash: string
  data_subjects: (string | null)[]
  registers: (string | null)[]
  fields: (string | null)[]
  outcome: string
  previous_hash: string
  hash: string
}

/**
 * An entry as the chain hashes it, from its row read as text (`seq::text`,
 * `occurred_at::text`); `occurredAt` is the canonical timestamp, or undefined
 * when the stored time is not one the chain trigger writes.
 */
export function storedAuditEntryOf(row: StoredRow): Omit<StoredAuditEntry, 'occurredAt'> & { occurredAt: string | undefined } {
  const occurredAt = canonicalTimestamp(row.occurred_at)
  return {
    seq: row.seq,
    occurredAt,
    callerKind: row.caller_kind,
    callerId: row.caller_id,
    agency: row.agency,
    caseReference: row.case_reference,
    procedureCode: row.procedure_code,
    operationName: row.operation_name,
    operationHash: row.operation_hash,
    dataSubjects: row.data_subjects,
    registers: row.registers,
    fields: row.fields,
    outcome: row.outcome,
    previousHash: row.previous_hash,
  }
}

/** What is wrong with an entry given the one before it, if anything: its content first, then its link. */
function breakOf(row: StoredRow, previous: { seq: bigint; hash: string } | undefined): { reason: ChainBreakReason; message: string } | undefined {
  const { occurredAt, ...stored } = storedAuditEntryOf(row)
  if (occurredAt === undefined) {
    return { reason: 'HASH_MISMATCH', message: `occurred_at (${row.occurred_at}) is not a time the chain trigger writes` }
  }
  if (entryHash({ ...stored, occurredAt }) !== row.hash) {
    return { reason: 'HASH_MISMATCH', message: 'the stored hash does not match the entry: its content was changed' }
  }
  const expectedSeq = previous ? previous.seq + 1n : 1n
  const expectedPreviousHash = previous?.hash ?? GENESIS_HASH
  if (row.previous_hash !== expectedPreviousHash) {
    return {
      reason: 'LINK_BROKEN',
      message: previous
        ? `its previous hash is not the hash of entry ${previous.seq}: an entry before it was deleted, inserted or reordered`
        : 'its previous hash is not the genesis hash: the entries before it were deleted',
    }
  }
  if (BigInt(row.seq) !== expectedSeq) {
    return { reason: 'LINK_BROKEN', message: `seq ${expectedSeq} is missing before it` }
  }
  return undefined
}
