import { canonicalText, canonicalTimestamp, entryHash, GENESIS_HASH, storedAuditEntryOf, verifyAuditChain, type StoredRow } from '@lienthong/lib/audit'
import { describe, expect, it } from 'vitest'
import { AN, BINH, CHI, createTestAuditTrail, failureOf, officialEntry, useTestAuditDatabase } from './test-setup.js'

const audit = useTestAuditDatabase('chain')

describe('the audit chain', () => {
  it('when an empty trail is verified, then it is intact with no entries', async () => {
    expect(await verifyAuditChain(audit.database.url)).toEqual({ ok: true, entries: 0, lastHash: GENESIS_HASH })
  })

  it('when three gateway processes record 300 entries at once, then they form one gapless chain that verifies, and each batch was one INSERT', async () => {
    const gateways = [1, 2, 3].map(() => createTestAuditTrail(audit.database.url, { maxBatchSize: 50 }))
    try {
      await Promise.all(
        gateways.flatMap((gateway, process) =>
          Array.from({ length: 100 }, (_, index) =>
            gateway.record(officialEntry({ callerId: `can-bo-${process}`, caseReference: `HS-${process}-${index}`, dataSubjects: [[AN, BINH, CHI][index % 3]!] })),
          ),
        ),
      )
    } finally {
      await Promise.all(gateways.map((gateway) => gateway.close()))
    }

    const { rows } = await audit.admin.query<{ seq: string; previous_hash: string; hash: string }>(
      'SELECT seq::text AS seq, previous_hash, hash FROM audit_entry ORDER BY audit_entry.seq',
    )
    expect(rows.map((row) => Number(row.seq))).toEqual(Array.from({ length: 300 }, (_, index) => index + 1))
    expect(rows[0]!.previous_hash).toBe(GENESIS_HASH)
    rows.slice(1).forEach((row, index) => expect(row.previous_hash).toBe(rows[index]!.hash))
    // Rows written by one INSERT share their transaction id: 100 entries per process in batches of 50.
    const transactions = await audit.admin.query<{ count: string }>('SELECT count(DISTINCT xmin::text)::text AS count FROM audit_entry')
    expect(Number(transactions.rows[0]!.count)).toBe(6)

    expect(await verifyAuditChain(audit.database.url)).toEqual({ ok: true, entries: 300, lastHash: rows.at(-1)!.hash })
  })

  it('when entries hold newlines, colons, brackets, Vietnamese text, NULLs and empty arrays, then the database and TypeScript agree on their canonical text', async () => {
    const trail = createTestAuditTrail(audit.database.url)
    try {
      await Promise.all([
        trail.record(officialEntry({ agency: 'Sở Tư pháp\nThành phố Hồ Chí Minh', caseReference: '12:abc', operationName: null, fields: ['Citizen.x]1[', 'Đất.thửa'] })),
        trail.record(officialEntry({ agency: null, caseReference: null, procedureCode: null, dataSubjects: [], registers: [], fields: [], outcome: 'DENIED' })),
        trail.record({ ...officialEntry(), callerKind: 'machine', callerId: 'dvcqg', agency: '', operationName: '-' }),
      ])
    } finally {
      await trail.close()
    }
    const { rows } = await audit.admin.query<Record<string, any>>(
      `SELECT seq::text AS seq, occurred_at::text AS occurred_at, caller_kind, caller_id, agency, case_reference, procedure_code, operation_name,
              operation_hash, data_subjects, registers, fields, outcome, previous_hash, hash, audit_entry_canonical(audit_entry) AS canonical
         FROM audit_entry WHERE seq > 300 ORDER BY audit_entry.seq`,
    )
    expect(rows).toHaveLength(3)
    for (const row of rows) {
      const stored = storedAuditEntryOf(row as StoredRow)
      expect(stored.occurredAt).toBeDefined()
      const entry = { ...stored, occurredAt: stored.occurredAt! }
      expect(canonicalText(entry)).toBe(row.canonical)
      expect(entryHash(entry)).toBe(row.hash)
    }
    expect(rows[1]!.canonical).toContain('\n-\n-\n-\n17:MarriageApplicant\n')
    expect(rows[1]!.canonical).toContain('\n0[]\n0[]\n0[]\n6:DENIED\n')
    expect(rows[2]!.canonical).toContain('\n0:\n')
    // An operation named "-" is not a missing one.
    expect(rows[2]!.canonical).toContain('\n1:-\n')
    expect(rows[0]!.canonical).toContain(`\n${Buffer.byteLength('Sở Tư pháp\nThành phố Hồ Chí Minh')}:Sở Tư pháp\nThành phố Hồ Chí Minh\n`)
    expect((await verifyAuditChain(audit.database.url)).ok).toBe(true)
  })

  it('when PostgreSQL prints an instant with trailing zeros dropped, then the canonical timestamp restores six fraction digits', () => {
    expect(canonicalTimestamp('2026-11-24 09:00:00.12+00')).toBe('2026-11-24T09:00:00.120000Z')
    expect(canonicalTimestamp('2026-11-24 09:00:00+00')).toBe('2026-11-24T09:00:00.000000Z')
    expect(canonicalTimestamp('2026-11-24 16:00:00.5+07')).toBeUndefined()
    expect(canonicalTimestamp('infinity')).toBeUndefined()
  })

  it('when a writer supplies its own seq, time or hashes, then the chain trigger overrides them', async () => {
    await audit.admin.query('SET ROLE lienthong_audit_writer')
    try {
      await audit.admin.query(
        `INSERT INTO audit_entry (seq, occurred_at, caller_kind, caller_id, operation_hash, data_subjects, registers, fields, outcome, previous_hash, hash)
         VALUES (1, '2000-01-01', 'machine', 'dvcqg', repeat('a', 64), '{}', '{}', '{}', 'OK', repeat('b', 64), repeat('c', 64))`,
      )
    } finally {
      await audit.admin.query('RESET ROLE')
    }
    const { rows } = await audit.admin.query('SELECT seq::text AS seq, occurred_at > now() - interval \'1 minute\' AS recent, hash FROM audit_entry ORDER BY audit_entry.seq DESC LIMIT 1')
    expect(rows[0]).toMatchObject({ seq: '304', recent: true })
    expect(rows[0]!.hash).not.toBe('c'.repeat(64))
    expect(await verifyAuditChain(audit.database.url)).toMatchObject({ ok: true, entries: 304 })
  })

  it('when a writer inserts under REPEATABLE READ, whose snapshot could predate the last entry, then the chain trigger refuses', async () => {
    await audit.admin.query('BEGIN ISOLATION LEVEL REPEATABLE READ')
    try {
      const failure = await failureOf(
        audit.admin.query(
          `INSERT INTO audit_entry (caller_kind, caller_id, operation_hash, data_subjects, registers, fields, outcome)
           VALUES ('machine', 'dvcqg', repeat('a', 64), '{}', '{}', '{}', 'OK')`,
        ),
      )
      expect(failure.message).toBe('audit entries are written under READ COMMITTED only, not repeatable read')
    } finally {
      await audit.admin.query('ROLLBACK')
    }
  })
})
