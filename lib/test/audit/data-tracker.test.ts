import { auditSubjectKeyFromEnv, DEVELOPMENT_AUDIT_SUBJECT_KEY, subjectHash, type AuditTrail } from '@lienthong/lib/audit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AN, BINH, CHI, createTestAuditTrail, failureOf, officialEntry, TEST_SUBJECT_KEY, useTestAuditDatabase } from './test-setup.js'

const audit = useTestAuditDatabase('data_tracker')
let trail: AuditTrail

beforeAll(async () => {
  trail = createTestAuditTrail(audit.database.url)
  // In order (seq 1…8): An is in 1, 3, 4, 6, 7 and 8; Bình in 2, 3 and 5; Chi in none.
  await trail.record(officialEntry({ caseReference: 'HS-1', dataSubjects: [AN] }))
  await trail.record(officialEntry({ caseReference: 'HS-2', dataSubjects: [BINH] }))
  await trail.record(officialEntry({ caseReference: 'HS-3', dataSubjects: [AN, BINH], procedureCode: '1.000894' }))
  await trail.record({ ...officialEntry({ caseReference: null, procedureCode: null }), callerKind: 'citizen', callerId: AN, agency: null })
  await trail.record(officialEntry({ caseReference: 'HS-5', dataSubjects: [BINH] }))
  await trail.record({ ...officialEntry({ caseReference: 'HS-6' }), callerKind: 'machine', callerId: 'dvcqg', agency: 'VPCP' })
  await trail.record(officialEntry({ caseReference: 'HS-7', outcome: 'DENIED', fields: [] }))
  await trail.record(officialEntry({ caseReference: 'HS-8', registers: ['population', 'population', 'land'], fields: ['LandParcel.area', 'Citizen.fullName'] }))
})

afterAll(async () => {
  await trail?.close()
})

describe('personal IDs in the audit trail', () => {
  it('when entries are written, then no personal ID appears anywhere in the table, only its keyed hash', async () => {
    const { rows } = await audit.admin.query<{ entry: string }>('SELECT audit_entry::text AS entry FROM audit_entry')
    expect(rows).toHaveLength(8)
    for (const { entry } of rows) {
      for (const personalId of [AN, BINH]) expect(entry).not.toContain(personalId)
    }
    const third = await audit.admin.query('SELECT data_subjects, caller_id FROM audit_entry WHERE seq = 3')
    expect(third.rows[0].data_subjects).toEqual([subjectHash(TEST_SUBJECT_KEY, AN), subjectHash(TEST_SUBJECT_KEY, BINH)].sort())
    // A citizen reading their own data is recorded by the same hash, not their ID.
    const fourth = await audit.admin.query('SELECT caller_id FROM audit_entry WHERE seq = 4')
    expect(fourth.rows[0].caller_id).toBe(subjectHash(TEST_SUBJECT_KEY, AN))
  })

  it('when a plain personal ID is inserted by hand, then the table refuses it', async () => {
    const failure = await failureOf(
      audit.admin.query(
        `INSERT INTO audit_entry (caller_kind, caller_id, operation_hash, data_subjects, registers, fields, outcome)
         VALUES ('machine', 'dvcqg', repeat('a', 64), ARRAY[$1], '{}', '{}', 'OK')`,
        [AN],
      ),
    )
    expect(failure).toMatchObject({ code: '23514' })
  })

  it('when the key differs, then the hash differs: without the key an ID cannot be found by hashing all of them', () => {
    expect(subjectHash(TEST_SUBJECT_KEY, AN)).toMatch(/^[0-9a-f]{64}$/)
    expect(subjectHash(TEST_SUBJECT_KEY, AN)).not.toBe(subjectHash(DEVELOPMENT_AUDIT_SUBJECT_KEY, AN))
  })

  it('when AUDIT_SUBJECT_KEY is unset, then development uses the development key and production refuses to start', () => {
    expect(auditSubjectKeyFromEnv({})).toBe(DEVELOPMENT_AUDIT_SUBJECT_KEY)
    expect(() => auditSubjectKeyFromEnv({ NODE_ENV: 'production' })).toThrow(/AUDIT_SUBJECT_KEY must be set in production/)
    expect(() => auditSubjectKeyFromEnv({ NODE_ENV: 'production', AUDIT_SUBJECT_KEY: DEVELOPMENT_AUDIT_SUBJECT_KEY })).toThrow(/development audit subject key/)
    expect(() => auditSubjectKeyFromEnv({ AUDIT_SUBJECT_KEY: 'short' })).toThrow(/at least 32 characters/)
    expect(auditSubjectKeyFromEnv({ NODE_ENV: 'production', AUDIT_SUBJECT_KEY: TEST_SUBJECT_KEY })).toBe(TEST_SUBJECT_KEY)
  })
})

describe('accessesOf (myDataAccesses)', () => {
  it("when a citizen asks, then they get only their own entries, newest first, with who read which data for which case", async () => {
    const page = await trail.accessesOf(AN, { first: 10 })
    expect(page.totalCount).toBe(6)
    expect(page.nodes.map((access) => access.seq)).toEqual([8, 7, 6, 4, 3, 1])
    expect(page.pageInfo).toEqual({ hasNextPage: false, endCursor: page.nodes[5]!.cursor })
    expect(page.nodes[0]).toMatchObject({
      callerKind: 'official',
      callerId: 'can-bo-tu-phap-01',
      agency: 'UBND-P-26734',
      caseReference: 'HS-8',
      procedureCode: '1.000894',
      operationName: 'MarriageApplicant',
      // Sets, sorted and without repeats.
      registers: ['land', 'population'],
      fields: ['Citizen.fullName', 'LandParcel.area'],
      outcome: 'OK',
    })
    expect(page.nodes[0]!.occurredAt).toBeInstanceOf(Date)
    expect(page.nodes[0]!.occurredAt.getTime()).toBeGreaterThanOrEqual(page.nodes[1]!.occurredAt.getTime())
    expect(page.nodes[2]).toMatchObject({ callerKind: 'machine', callerId: 'dvcqg', agency: 'VPCP' })
    // Their own read shows as theirs, without an id.
    expect(page.nodes[3]).toMatchObject({ callerKind: 'citizen', callerId: null, caseReference: null })
  })

  it('when pages of two are walked with the cursor, then they cover the entries once each, in order', async () => {
    const first = await trail.accessesOf(AN, { first: 2 })
    const second = await trail.accessesOf(AN, { first: 2, after: first.pageInfo.endCursor })
    const third = await trail.accessesOf(AN, { first: 2, after: second.pageInfo.endCursor })
    expect([first, second, third].map((page) => page.nodes.map((access) => access.seq))).toEqual([[8, 7], [6, 4], [3, 1]])
    expect([first, second, third].map((page) => page.pageInfo.hasNextPage)).toEqual([true, true, false])
  })

  it("when another citizen asks, then An's entries are not among theirs; a citizen never read gets an empty page", async () => {
    expect((await trail.accessesOf(BINH)).nodes.map((access) => access.seq)).toEqual([5, 3, 2])
    expect(await trail.accessesOf(CHI)).toEqual({ nodes: [], totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null } })
  })

  it('when first, after or the personal ID is malformed, then BAD_USER_INPUT, and the ID is not repeated in the message', async () => {
    await expect(trail.accessesOf(AN, { first: 101 })).rejects.toMatchObject({ code: 'BAD_USER_INPUT', message: 'first must be between 0 and 100' })
    await expect(trail.accessesOf(AN, { after: 'bm90LWEtY3Vyc29y' })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' })
    const badId = await trail.accessesOf('0010900000', {}).catch((error: Error) => error)
    expect(badId).toMatchObject({ code: 'BAD_USER_INPUT' })
    expect((badId as Error).message).not.toContain('0010900000')
  })
})
