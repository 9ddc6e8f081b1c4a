import { createHash } from 'node:crypto'

/**
 * The canonical text of an audit entry, version 1, reproduced from the
 * database function `audit_entry_canonical` (migrations/audit/) so that the
 * verifier recomputes every hash without trusting PostgreSQL's:
 *
 * ```
 * lienthong-audit-entry/1
 * <seq>
 * <occurred_at>            UTC, microseconds: 2026-11-24T09:00:00.123456Z
 * <caller_kind>
 * <caller_id>
 * <agency>
 * <case_reference>
 * <procedure_code>
 * <operation_name>
 * <operation_hash>
 * <data_subjects>          array
 * <registers>              array
 * <fields>                 array
 * <outcome>
 * <previous_hash>
 * ```
 *
 * Lines are joined by "\n" (none after the last). A value is
 * `<UTF-8 byte length>:<text>`, NULL is `-`; an array is
 * `<element count>[<value><value>…]`. Length prefixes make the text
 * unambiguous whatever the values contain (newlines, colons, brackets).
 * The entry's hash is the lower-case hex SHA-256 of the text's UTF-8 bytes.
 */
export const CANONICAL_VERSION_LINE = 'lienthong-audit-entry/1'

/** The previous hash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64)

/** One stored entry as the verifier reads it, every value in its canonical text form. */
export interface StoredAuditEntry {
  /** Decimal text of the bigint. */
  seq: string
  /** Canonical timestamp, see `canonicalTimestamp`. */
  occurredAt: string
  callerKind: string
  callerId: string
  agency: string | null
  caseReference: string | null
  procedureCode: string | null
  operationName: string | null
  operationHash: string
  dataSubjects: readonly (string | null)[]
  registers: readonly (string | null)[]
  fields: readonly (string | null)[]
  outcome: string
  previousHash: string
}

/** The canonical text of an entry (the layout above). */
export function canonicalText(entry: StoredAuditEntry): string {
  return [
    CANONICAL_VERSION_LINE,
    canonicalValue(entry.seq),
    canonicalValue(entry.occurredAt),
    canonicalValue(entry.callerKind),
    canonicalValue(entry.callerId),
    canonicalValue(entry.agency),
    canonicalValue(entry.caseReference),
    canonicalValue(entry.procedureCode),
    canonicalValue(entry.operationName),
    canonicalValue(entry.operationHash),
    canonicalArray(entry.dataSubjects),
    canonicalArray(entry.registers),
    canonicalArray(entry.fields),
    canonicalValue(entry.outcome),
    canonicalValue(entry.previousHash),
  ].join('\n')
}

/** The hash an entry must carry: hex SHA-256 of its canonical text. */
export function entryHash(entry: StoredAuditEntry): string {
  return createHash('sha256').update(canonicalText(entry), 'utf8').digest('hex')
}

function canonicalValue(value: string | null): string {
  return value === null ? '-' : `${Buffer.byteLength(value, 'utf8')}:${value}`
}

function canonicalArray(items: readonly (string | null)[]): string {
  return `${items.length}[${items.map(canonicalValue).join('')}]`
}

/**
 * `2026-11-24 09:00:00.1234+00` (a timestamptz as PostgreSQL prints it with
 * `TimeZone = UTC` and `DateStyle = ISO`, trailing zeros of the fraction
 * dropped) → `2026-11-24T09:00:00.123400Z`. Undefined for anything else
 * (another zone, infinity, a year beyond 9999): such a value cannot be an
 * entry the chain trigger wrote.
 */
export function canonicalTimestamp(postgresText: string): string | undefined {
  const match = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?\+00$/.exec(postgresText)
  if (!match) return undefined
  return `${match[1]}T${match[2]}.${(match[3] ?? '').padEnd(6, '0')}Z`
}

/** SHA-256 (hex) of an operation's document text, the `operationHash` of an entry. */
export function operationHashOf(document: string): string {
  return createHash('sha256').update(document, 'utf8').digest('hex')
}
