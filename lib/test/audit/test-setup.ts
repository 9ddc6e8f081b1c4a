import { createServer } from 'node:net'
import { createAuditTrail, operationHashOf, type AuditEntry, type AuditTrail, type AuditTrailOptions } from '@lienthong/lib/audit'
import { createTestDatabase, type TestDatabase } from '@lienthong/lib/testing'
import { migrationFolder } from '@lienthong/migrations'
import pg from 'pg'
import { afterAll, beforeAll } from 'vitest'

/** A test key (32+ characters), so that tests do not depend on the development key. */
export const TEST_SUBJECT_KEY = 'lienthong-test-audit-subject-key-0123456789'

/** Synthetic personal IDs (no real person's). */
export const AN = '001090000011'
export const BINH = '079195000022'
export const CHI = '036301000033'

/** A migrated audit database of its own, created before each use and dropped after. */
export function createTestAuditDatabase(feature: string): Promise<TestDatabase<unknown>> {
  return createTestDatabase({ subgraph: 'audit', feature, migrationFolder: migrationFolder('audit') })
}

/** A test file's audit database and a superuser client on it, ready in `beforeAll`. */
export function useTestAuditDatabase(feature: string): { database: TestDatabase<unknown>; admin: pg.Client } {
  const context = {} as { database: TestDatabase<unknown>; admin: pg.Client }
  beforeAll(async () => {
    context.database = await createTestAuditDatabase(feature)
    context.admin = await connectAsSuperuser(context.database.url)
  })
  afterAll(async () => {
    await context.admin?.end()
    await context.database?.drop()
  })
  return context
}

/** A plain client as the URL's user (postgres, a superuser), with timestamps printed in UTC. */
export async function connectAsSuperuser(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, options: '-c TimeZone=UTC' })
  client.on('error', () => {})
  await client.connect()
  return client
}

export function createTestAuditTrail(url: string, options: Partial<AuditTrailOptions> = {}): AuditTrail {
  return createAuditTrail({ databaseUrl: url, subjectKey: TEST_SUBJECT_KEY, ...options })
}

/** An official at a ward's one-stop desk reading a citizen for a marriage registration. */
export function officialEntry(overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    callerKind: 'official',
    callerId: 'can-bo-tu-phap-01',
    agency: 'UBND-P-26734',
    caseReference: 'HS-2026-000123',
    procedureCode: '1.000894',
    operationName: 'MarriageApplicant',
    operationHash: operationHashOf('query MarriageApplicant($id: PersonalId!) { citizen(personalId: $id) { fullName maritalStatus } }'),
    dataSubjects: [AN],
    registers: ['population', 'civil-status'],
    fields: ['Citizen.fullName', 'Citizen.maritalStatus'],
    outcome: 'OK',
    ...overrides,
  }
}

/** A TCP port on 127.0.0.1 that nothing listens on (it was free a moment ago). */
export async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())))
  return port
}

/** The SQLSTATE and message of a failed query; fails the test when the query succeeds. */
export async function failureOf(query: Promise<unknown>): Promise<{ code: string | undefined; message: string }> {
  try {
    await query
  } catch (error) {
    return { code: (error as { code?: string }).code, message: (error as Error).message }
  }
  throw new Error('the statement was expected to fail')
}
