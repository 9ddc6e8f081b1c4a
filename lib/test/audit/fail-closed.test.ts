import { AuditTrailError, verifyAuditChain } from '@lienthong/lib/audit'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { closedPort, createTestAuditTrail, officialEntry, useTestAuditDatabase } from './test-setup.js'

const audit = useTestAuditDatabase('fail_closed')

describe('record fails closed', () => {
  it('when the audit database cannot be reached, then every waiting record rejects with AUDIT_UNAVAILABLE', async () => {
    const url = new URL(audit.database.url)
    url.port = String(await closedPort())
    const trail = createTestAuditTrail(url.toString(), { connectionTimeoutMillis: 2_000 })
    try {
      const results = await Promise.allSettled([trail.record(officialEntry()), trail.record(officialEntry()), trail.record(officialEntry())])
      expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected', 'rejected'])
      for (const result of results) {
        const reason = (result as PromiseRejectedResult).reason
        expect(reason).toBeInstanceOf(AuditTrailError)
        expect(reason).toMatchObject({ code: 'AUDIT_UNAVAILABLE', message: 'the audit trail could not record this request' })
      }
    } finally {
      await trail.close()
    }
  })

  it("when the server drops the gateway's connections and refuses new ones, then record rejects; once it accepts again, record succeeds", async () => {
    const trail = createTestAuditTrail(audit.database.url)
    const maintenance = new pg.Client({ connectionString: Object.assign(new URL(audit.database.url), { pathname: '/postgres' }).toString() })
    await maintenance.connect()
    const name = new URL(audit.database.url).pathname.slice(1)
    try {
      await trail.record(officialEntry({ caseReference: 'HS-before' }))
      await maintenance.query(`ALTER DATABASE ${pg.escapeIdentifier(name)} ALLOW_CONNECTIONS false`)
      const terminated = await maintenance.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND application_name = 'lienthong-audit-trail'`,
        [name],
      )
      expect(terminated.rowCount).toBeGreaterThan(0)
      await expect(trail.record(officialEntry({ caseReference: 'HS-during' }))).rejects.toMatchObject({ code: 'AUDIT_UNAVAILABLE' })
      await maintenance.query(`ALTER DATABASE ${pg.escapeIdentifier(name)} ALLOW_CONNECTIONS true`)
      await trail.record(officialEntry({ caseReference: 'HS-after' }))
    } finally {
      await maintenance.query(`ALTER DATABASE ${pg.escapeIdentifier(name)} ALLOW_CONNECTIONS true`)
      await maintenance.end()
      await trail.close()
    }
    const { rows } = await audit.admin.query('SELECT case_reference FROM audit_entry ORDER BY audit_entry.seq')
    expect(rows.map((row) => row.case_reference)).toEqual(['HS-before', 'HS-after'])
    expect(await verifyAuditChain(audit.database.url)).toMatchObject({ ok: true, entries: 2 })
  })

  it('when one entry of a batch is malformed, then only its record rejects (AUDIT_ENTRY_INVALID) and the others are written', async () => {
    const trail = createTestAuditTrail(audit.database.url)
    try {
      const results = await Promise.allSettled([
        trail.record(officialEntry({ caseReference: 'HS-good-1' })),
        trail.record(officialEntry({ dataSubjects: ['12345'] })),
        trail.record(officialEntry({ operationHash: 'not-a-hash' })),
        trail.record(officialEntry({ caseReference: 'HS-good-2' })),
      ])
      expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled'])
      expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'AUDIT_ENTRY_INVALID' })
      // The message of an invalid subject never repeats the value.
      expect((results[1] as PromiseRejectedResult).reason.message).not.toContain('12345')
    } finally {
      await trail.close()
    }
  })

  it('when the trail is closed, then record rejects', async () => {
    const trail = createTestAuditTrail(audit.database.url)
    await trail.close()
    await expect(trail.record(officialEntry())).rejects.toMatchObject({ code: 'AUDIT_UNAVAILABLE' })
  })

  it('when close is called with entries queued, then they are written before the connections close', async () => {
    const trail = createTestAuditTrail(audit.database.url)
    const count = async () => (await audit.admin.query('SELECT count(*)::int AS n FROM audit_entry')).rows[0].n as number
    const before = await count()
    const recorded = [trail.record(officialEntry()), trail.record(officialEntry())]
    await trail.close()
    await Promise.all(recorded)
    expect((await count()) - before).toBe(2)
  })
})
