import { verifyAuditChain } from '@lienthong/lib/audit'
import type pg from 'pg'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { connectAsSuperuser, createTestAuditDatabase, createTestAuditTrail, failureOf, officialEntry } from './test-setup.js'

/** Each test tampers with the trail, so each gets a fresh database with five entries. */
let database: Awaited<ReturnType<typeof createTestAuditDatabase>>
let admin: pg.Client

beforeEach(async () => {
  database = await createTestAuditDatabase('append_only')
  admin = await connectAsSuperuser(database.url)
  const trail = createTestAuditTrail(database.url)
  try {
    // One after the other: seq n is the entry of case HS-n.
    for (let seq = 1; seq <= 5; seq += 1) await trail.record(officialEntry({ caseReference: `HS-${seq}` }))
  } finally {
    await trail.close()
  }
})

afterEach(async () => {
  await admin?.end()
  await database?.drop()
})

/** What someone covering their tracks would run, by the name the trigger reports. */
const TAMPERING_STATEMENTS = [
  ['UPDATE', "UPDATE audit_entry SET outcome = 'DENIED' WHERE seq = 3"],
  ['DELETE', 'DELETE FROM audit_entry WHERE seq = 3'],
  ['TRUNCATE', 'TRUNCATE audit_entry'],
] as const

/** Runs a statement as a superuser with the append-only trigger disabled, as someone covering their tracks would. */
async function tamper(statement: string): Promise<void> {
  await admin.query('ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only')
  try {
    await admin.query(statement)
  } finally {
    await admin.query('ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_append_only')
  }
}

describe('the writer role', () => {
  it.each(TAMPERING_STATEMENTS)('when it tries %s, then PostgreSQL refuses for lack of privilege', async (_, statement) => {
    await admin.query('SET ROLE lienthong_audit_writer')
    try {
      expect(await failureOf(admin.query(statement))).toMatchObject({ code: '42501', message: 'permission denied for table audit_entry' })
    } finally {
      await admin.query('RESET ROLE')
    }
    expect((await admin.query('SELECT count(*)::int AS n FROM audit_entry')).rows[0].n).toBe(5)
  })

  it('when the gateway reads or writes, then it does so as the writer role, not as the URL user (a superuser here)', async () => {
    const trail = createTestAuditTrail(database.url)
    try {
      await expect(trail.accessesOf('001090000011')).resolves.toMatchObject({ totalCount: 5 })
      // Take SELECT and INSERT from the role alone: a session running as postgres would not notice.
      await admin.query('REVOKE SELECT, INSERT ON audit_entry FROM lienthong_audit_writer')
      try {
        await expect(trail.accessesOf('001090000011')).rejects.toMatchObject({ code: 'AUDIT_UNAVAILABLE', cause: { code: '42501' } })
        await expect(trail.record(officialEntry())).rejects.toMatchObject({ code: 'AUDIT_UNAVAILABLE', cause: { code: '42501' } })
      } finally {
        await admin.query('GRANT SELECT, INSERT ON audit_entry TO lienthong_audit_writer')
      }
    } finally {
      await trail.close()
    }
    expect((await admin.query('SELECT count(*)::int AS n FROM audit_entry')).rows[0].n).toBe(5)
  })
})

describe('the append-only trigger', () => {
  it.each(TAMPERING_STATEMENTS)('when even a superuser tries %s, then the trigger refuses it', async (operation, statement) => {
    expect(await failureOf(admin.query(statement))).toMatchObject({ code: 'P0001', message: `audit_entry is append-only: ${operation} refused` })
    expect((await admin.query('SELECT count(*)::int AS n FROM audit_entry')).rows[0].n).toBe(5)
    expect(await verifyAuditChain(database.url)).toMatchObject({ ok: true, entries: 5 })
  })
})

describe('verifyAuditChain after tampering', () => {
  it('when one field of entry 3 is changed, then entry 3 is named, its hash no longer matching its content', async () => {
    await tamper("UPDATE audit_entry SET case_reference = 'HS-forged' WHERE seq = 3")
    expect(await verifyAuditChain(database.url)).toEqual({
      ok: false,
      entries: 3,
      firstBroken: { seq: 3, reason: 'HASH_MISMATCH', message: 'the stored hash does not match the entry: its content was changed' },
    })
  })

  it('when the time of entry 4 is moved by one microsecond, then entry 4 is named', async () => {
    await tamper("UPDATE audit_entry SET occurred_at = occurred_at + interval '1 microsecond' WHERE seq = 4")
    expect(await verifyAuditChain(database.url)).toMatchObject({ ok: false, firstBroken: { seq: 4, reason: 'HASH_MISMATCH' } })
  })

  it('when entry 2 is changed and its hash recomputed, then entry 3 is named: its link to entry 2 is broken', async () => {
    await tamper("UPDATE audit_entry SET outcome = 'DENIED' WHERE seq = 2")
    await tamper("UPDATE audit_entry SET hash = encode(sha256(convert_to(audit_entry_canonical(audit_entry), 'UTF8')), 'hex') WHERE seq = 2")
    expect(await verifyAuditChain(database.url)).toMatchObject({ ok: false, entries: 3, firstBroken: { seq: 3, reason: 'LINK_BROKEN' } })
  })

  it('when entry 3 is deleted, then entry 4, the one after the gap, is named', async () => {
    await tamper('DELETE FROM audit_entry WHERE seq = 3')
    expect(await verifyAuditChain(database.url)).toEqual({
      ok: false,
      entries: 3,
      firstBroken: {
        seq: 4,
        reason: 'LINK_BROKEN',
        message: 'its previous hash is not the hash of entry 2: an entry before it was deleted, inserted or reordered',
      },
    })
  })

  it('when the first entry is deleted, then entry 2 is named: it no longer starts from the genesis hash', async () => {
    await tamper('DELETE FROM audit_entry WHERE seq = 1')
    expect(await verifyAuditChain(database.url)).toMatchObject({ ok: false, entries: 1, firstBroken: { seq: 2, reason: 'LINK_BROKEN' } })
  })

  it('when entries 2 and 3 swap places, then seq 2 is named', async () => {
    await tamper('UPDATE audit_entry SET seq = -seq WHERE seq IN (2, 3); UPDATE audit_entry SET seq = CASE seq WHEN -2 THEN 3 ELSE 2 END WHERE seq < 0')
    // The row read second is the old entry 3: its content (which includes its seq) no longer matches.
    expect(await verifyAuditChain(database.url)).toMatchObject({ ok: false, entries: 2, firstBroken: { seq: 2, reason: 'HASH_MISMATCH' } })
  })
})
