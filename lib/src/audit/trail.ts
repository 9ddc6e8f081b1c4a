import type pg from 'pg'
import { logger } from '../logger.js'
import { createCursorPagination } from '../pagination.js'
import { AUDIT_WRITER_ROLE, createAuditPool } from './connection.js'
import { AuditTrailError } from './errors.js'
import { assertUsableSubjectKey, subjectHash } from './subject-key.js'

export type AuditCallerKind = 'official' | 'machine' | 'citizen'
export type AuditOutcome = 'OK' | 'PARTIAL' | 'DENIED' | 'ERROR'

/**
 * What the gateway records for one request that touched personal data, in
 * plain fields (the gateway maps its Caller and Purpose onto them).
 */
export interface AuditEntry {
  callerKind: AuditCallerKind
  /**
   * Official: the token's `sub`; machine: the client id; citizen: their own
   * personal ID, which is stored as its keyed hash like any data subject.
   */
  callerId: string
  /** Cơ quan of the caller, e.g. "UBND-P-26734". */
  agency?: string | null | undefined
  /** Mã hồ sơ: the case the request serves. */
  caseReference?: string | null | undefined
  /** Mã thủ tục hành chính, e.g. "1.000894". */
  procedureCode?: string | null | undefined
  operationName?: string | null | undefined
  /** SHA-256 (hex) of the operation's document: `operationHashOf(document)`. */
  operationHash: string
  /** Số định danh cá nhân of everyone whose data the response carried, in plain: hashed here, never stored. */
  dataSubjects: readonly string[]
  /** Registers the data came from, e.g. "population", "civil-status". */
  registers: readonly string[]
  /** "Type.field" coordinates returned, e.g. "Citizen.maritalStatus". */
  fields: readonly string[]
  outcome: AuditOutcome
}

/** One entry as a citizen's data tracker shows it (myDataAccesses). */
export interface DataAccess {
  seq: number
  occurredAt: Date
  callerKind: AuditCallerKind
  /** Who read: the official's account or the client id; null when the citizen read their own data. */
  callerId: string | null
  agency: string | null
  caseReference: string | null
  procedureCode: string | null
  operationName: string | null
  registers: string[]
  fields: string[]
  outcome: AuditOutcome
  /** Pass as `after` to continue after this entry. */
  cursor: string
}

export interface DataAccessPage {
  /** Newest first. */
  nodes: DataAccess[]
  /** All entries about this citizen. */
  totalCount: number
  pageInfo: { hasNextPage: boolean; endCursor: string | null }
}

export interface AuditTrail {
  /**
   * Resolves once the entry is committed (synchronously, on disk); rejects with
   * an `AuditTrailError` when it cannot be: the caller then withholds the response.
   * Concurrent calls share one INSERT.
   */
  record(entry: AuditEntry): Promise<void>
  /** The entries whose data subjects include this personal ID, newest first, `first` (0–100, default 20) after the cursor `after`. */
  accessesOf(personalId: string, page?: { first?: number | undefined; after?: string | null | undefined }): Promise<DataAccessPage>
  /** Writes what is queued, then closes the connections; later `record` calls reject. */
  close(): Promise<void>
}

export interface AuditTrailOptions {
  databaseUrl: string
  /** The HMAC key of personal IDs (`auditSubjectKeyFromEnv()`). */
  subjectKey: string
  /** Most entries in one INSERT. Defaults to 100. */
  maxBatchSize?: number
  /** Most connections (one writes at a time; the others serve `accessesOf`). Defaults to 4. */
  maxConnections?: number
  /** The role connections switch to. Defaults to `lienthong_audit_writer`. */
  role?: string
  /** How long opening a connection may take before a write fails. Defaults to 5 s. */
  connectionTimeoutMillis?: number
  /** How long one INSERT may take before its writes fail. Defaults to 10 s. */
  writeTimeoutMillis?: number
}

const CALLER_KINDS: readonly string[] = ['official', 'machine', 'citizen'] satisfies AuditCallerKind[]
const OUTCOMES: readonly string[] = ['OK', 'PARTIAL', 'DENIED', 'ERROR'] satisfies AuditOutcome[]
const PERSONAL_ID = /^[0-9]{12}$/
const SHA256_HEX = /^[0-9a-f]{64}$/
const INSERTED_COLUMNS = [
  'caller_kind',
  'caller_id',
  'agency',
  'case_reference',
  'procedure_code',
  'operation_name',
  'operation_hash',
  'data_subjects',
  'registers',
  'fields',
  'outcome',
] as const
/** The values of INSERTED_COLUMNS, in their order. */
type InsertedRow = unknown[]

interface PendingWrite {
  row: InsertedRow
  resolve: () => void
  reject: (error: AuditTrailError) => void
}

const pagination = createCursorPagination({
  prefix: 'audit-entry:',
  isKey: (key) => /^[1-9][0-9]{0,15}$/.test(key),
  maxPageSize: 100,
  badInput: (message) => new AuditTrailError('BAD_USER_INPUT', message),
})

/**
 * The audit trail of `migrations/audit`, written as the writer role.
 *
 * Writes are group-committed: `record` queues its entry, and one writer
 * drains the queue, at most `maxBatchSize` entries per INSERT (one statement,
 * hence one transaction). The first entry waits one turn of the event loop
 * (`setImmediate`) for others to join; entries arriving while an INSERT is
 * running go into the next one. Each caller's promise settles with its own
 * batch: resolved when that INSERT committed, rejected when it failed.
 */
export function createAuditTrail({
  databaseUrl,
  subjectKey,
  maxBatchSize = 100,
  maxConnections = 4,
  role = AUDIT_WRITER_ROLE,
  connectionTimeoutMillis = 5_000,
  writeTimeoutMillis = 10_000,
}: AuditTrailOptions): AuditTrail {
  assertUsableSubjectKey(subjectKey)
  if (!Number.isInteger(maxBatchSize) || maxBatchSize < 1 || maxBatchSize > 1_000) throw new Error('maxBatchSize must be between 1 and 1000')
  const pool = createAuditPool({ databaseUrl, applicationName: 'lienthong-audit-trail', role, maxConnections, connectionTimeoutMillis, queryTimeoutMillis: writeTimeoutMillis })
  const queue: PendingWrite[] = []
  let draining: Promise<void> | undefined
  let drainScheduled = false
  let closed = false
  let closing: Promise<void> | undefined

  function scheduleDrain(): void {
    if (draining || drainScheduled) return
    drainScheduled = true
    setImmediate(() => {
      drainScheduled = false
      draining = drain().finally(() => {
        draining = undefined
        // Entries queued while the last INSERT settled.
        if (queue.length > 0) scheduleDrain()
      })
    })
  }

  async function drain(): Promise<void> {
    while (queue.length > 0) {
      const batch = queue.splice(0, maxBatchSize)
      try {
        await insertRows(pool, batch.map((pending) => pending.row))
        for (const pending of batch) pending.resolve()
      } catch (error) {
        logger.error(
          { component: 'audit', entries: batch.length, err: { message: (error as Error).message, code: (error as { code?: string }).code } },
          'audit entries could not be written: their responses are withheld',
        )
        const failure = new AuditTrailError('AUDIT_UNAVAILABLE', 'the audit trail could not record this request', { cause: error })
        for (const pending of batch) pending.reject(failure)
      }
    }
  }

  function toRow(entry: AuditEntry): InsertedRow {
    const invalid = (what: string) => new AuditTrailError('AUDIT_ENTRY_INVALID', `audit entry: ${what}`)
    if (!CALLER_KINDS.includes(entry.callerKind)) throw invalid('callerKind must be official, machine or citizen')
    if (!entry.callerId) throw invalid('callerId is required')
    if (entry.callerKind === 'citizen' && !PERSONAL_ID.test(entry.callerId)) throw invalid("a citizen's callerId must be their 12-digit personal ID")
    if (!SHA256_HEX.test(entry.operationHash)) throw invalid('operationHash must be a lower-case hex SHA-256')
    if (!OUTCOMES.includes(entry.outcome)) throw invalid('outcome must be OK, PARTIAL, DENIED or ERROR')
    if (entry.dataSubjects.some((personalId) => !PERSONAL_ID.test(personalId))) throw invalid('every data subject must be a 12-digit personal ID')
    if ([...entry.registers, ...entry.fields].some((value) => typeof value !== 'string' || value === '')) throw invalid('registers and fields must be non-empty strings')
    return [
      entry.callerKind,
      entry.callerKind === 'citizen' ? subjectHash(subjectKey, entry.callerId) : entry.callerId,
      entry.agency ?? null,
      entry.caseReference ?? null,
      entry.procedureCode ?? null,
      entry.operationName ?? null,
      entry.operationHash,
      // Sets, sorted: the order says nothing, and a fixed order keeps entries comparable.
      sortedUnique(entry.dataSubjects.map((personalId) => subjectHash(subjectKey, personalId))),
      sortedUnique(entry.registers),
      sortedUnique(entry.fields),
      entry.outcome,
    ]
  }

  return {
    record(entry) {
      if (closed) return Promise.reject(new AuditTrailError('AUDIT_UNAVAILABLE', 'the audit trail is closed'))
      let row: InsertedRow
      try {
        row = toRow(entry)
      } catch (error) {
        return Promise.reject(error)
      }
      return new Promise<void>((resolve, reject) => {
        queue.push({ row, resolve, reject })
        scheduleDrain()
      })
    },

    async accessesOf(personalId, { first = 20, after } = {}) {
      if (!PERSONAL_ID.test(personalId)) throw new AuditTrailError('BAD_USER_INPUT', 'personalId must be a 12-digit personal ID')
      pagination.assertPageSize(first)
      const before = after ? pagination.decodeCursor(after) : null
      const subject = subjectHash(subjectKey, personalId)
      const [page, count] = await Promise.all([
        pool.query<AccessRow>(
          `SELECT seq::text AS seq, occurred_at, caller_kind, caller_id, agency, case_reference, procedure_code,
                  operation_name, registers, fields, outcome
             FROM audit_entry
            WHERE data_subjects @> ARRAY[$1::text] AND ($2::bigint IS NULL OR seq < $2::bigint)
            ORDER BY audit_entry.seq DESC  -- the bigint column, not the text output column of the same name
            LIMIT $3`,
          [subject, before, first + 1],
        ),
        pool.query<{ total: string }>('SELECT count(*)::text AS total FROM audit_entry WHERE data_subjects @> ARRAY[$1::text]', [subject]),
      ]).catch((error: unknown) => {
        throw new AuditTrailError('AUDIT_UNAVAILABLE', 'the audit trail could not be read', { cause: error })
      })
      const nodes = page.rows.slice(0, first).map(toDataAccess)
      return {
        nodes,
        totalCount: Number(count.rows[0]!.total),
        pageInfo: { hasNextPage: page.rows.length > first, endCursor: nodes.at(-1)?.cursor ?? null },
      }
    },

    close() {
      closed = true
      closing ??= (async () => {
        while (draining || drainScheduled) {
          await (draining ?? new Promise((resolve) => setImmediate(resolve)))
        }
        await pool.end()
      })()
      return closing
    },
  }
}

/** One multi-row INSERT; the chain trigger fills seq, occurred_at and the hashes, in VALUES order. */
async function insertRows(pool: pg.Pool, rows: readonly InsertedRow[]): Promise<void> {
  const width = INSERTED_COLUMNS.length
  const tuples = rows.map((_, rowIndex) => `(${INSERTED_COLUMNS.map((_, column) => `$${rowIndex * width + column + 1}`).join(', ')})`)
  await pool.query(`INSERT INTO audit_entry (${INSERTED_COLUMNS.join(', ')}) VALUES ${tuples.join(', ')}`, rows.flat())
}

interface AccessRow {
  seq: string
  occurred_at: Date
  caller_kind: AuditCallerKind
  caller_id: string
  agency: string | null
  case_reference: string | null
  procedure_code: string | null
  operation_name: string | null
  registers: string[]
  fields: string[]
  outcome: AuditOutcome
}

function toDataAccess(row: AccessRow): DataAccess {
  return {
    seq: Number(row.seq),
    occurredAt: row.occurred_at,
    callerKind: row.caller_kind,
    // A citizen caller's id is the keyed hash of their ID: meaningless to show, and theirs anyway.
    callerId: row.caller_kind === 'citizen' ? null : row.caller_id,
    agency: row.agency,
    caseReference: row.case_reference,
    procedureCode: row.procedure_code,
    operationName: row.operation_name,
    registers: row.registers,
    fields: row.fields,
    outcome: row.outcome,
    cursor: pagination.encodeCursor(row.seq),
  }
}

function sortedUnique(values: readonly string[]): string[] {
  return [...new Set(values)].sort()
}
