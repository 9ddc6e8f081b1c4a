import type { GraphQLResponse } from '@apollo/server'
import { createAuditTrail, operationHashOf, type AuditEntry, type AuditTrail } from '@lienthong/lib/audit'
import type { GatewayCaller, GatewayCitizenCaller, GatewayMachineCaller, GatewayOfficialCaller } from '@lienthong/lib/subgraph'
import { createTestDatabase, type ExecutionResultOf, type TestDatabase } from '@lienthong/lib/testing'
import { migrationFolder } from '@lienthong/migrations'
import { afterAll, beforeAll } from 'vitest'
import { createAuditContext, type AuditContext } from '../src/context.js'
import { createAuditApolloServer } from '../src/server.js'

export { dataOf, errorCodeOf } from '@lienthong/lib/testing'

/** A test key (32+ characters), so that the tests do not depend on the development key. */
export const TEST_SUBJECT_KEY = 'lienthong-test-audit-subject-key-0123456789'

/** Synthetic personal IDs (no real person's). */
export const AN = '001090000011'
export const BINH = '079195000022'
export const CHI = '036301000033'

export const citizen = (personalId: string): GatewayCitizenCaller => ({ kind: 'citizen', personalId, scopes: [] })

/** A civil servant (cán bộ tư pháp) at a ward's one-stop desk. */
export const WARD_OFFICIAL: GatewayOfficialCaller = {
  kind: 'official',
  subject: 'can-bo-tu-phap-01',
  agency: 'UBND-P-26734',
  roles: ['can-bo-ho-tich'],
  scopes: ['population:read', 'civil-status:read', 'audit:read', 'admin'],
  jurisdiction: ['26734'],
}

/** Cổng Dịch vụ công quốc gia, acting for the Government Office. */
export const NATIONAL_PORTAL: GatewayMachineCaller = { kind: 'machine', clientId: 'dvcqg', agency: 'VPCP', scopes: ['population:read', 'land:read'] }

/** The entry the gateway would write for `caller` reading `dataSubjects`. */
export function entryOf(caller: GatewayCaller, dataSubjects: string[], details: Partial<AuditEntry> = {}): AuditEntry {
  return {
    callerKind: caller.kind,
    callerId: caller.kind === 'official' ? caller.subject : caller.kind === 'machine' ? caller.clientId : caller.personalId,
    agency: caller.kind === 'citizen' ? null : caller.agency,
    caseReference: null,
    procedureCode: null,
    operationName: null,
    operationHash: operationHashOf(`query { citizen { fullName } } # ${JSON.stringify(details)}`),
    dataSubjects,
    registers: ['population'],
    fields: ['Citizen.fullName'],
    outcome: 'OK',
    ...details,
  }
}

/** The audit subgraph in-process: operations run with the context a signed gateway request for `caller` would give. */
export interface TestAuditSubgraph {
  database: TestDatabase<unknown>
  /** The trail the entries are recorded with: the gateway's side. */
  trail: AuditTrail
  execute<T = Record<string, any>>(query: string, variables: Record<string, unknown>, caller: GatewayCaller | undefined): Promise<ExecutionResultOf<T>>
}

/**
 * Gives a test file a migrated audit database, records `entries` in order
 * (entry n gets seq n), and starts the subgraph's Apollo Server over it; all
 * removed after the file's tests.
 */
export function useTestAuditSubgraph(feature: string, entries: () => AuditEntry[]): TestAuditSubgraph {
  const context = {} as TestAuditSubgraph
  const server = createAuditApolloServer()
  beforeAll(async () => {
    context.database = await createTestDatabase({ subgraph: 'audit', feature, migrationFolder: migrationFolder('audit') })
    context.trail = createAuditTrail({ databaseUrl: context.database.url, subjectKey: TEST_SUBJECT_KEY })
    // One at a time, so that seq follows the list.
    for (const entry of entries()) await context.trail.record(entry)
    await server.start()
    context.execute = async (query, variables, caller) => {
      const contextValue: AuditContext = createAuditContext({ trail: context.trail }, { caller })
      return singleResultOf(await server.executeOperation({ query, variables }, { contextValue }))
    }
  })
  afterAll(async () => {
    await server.stop()
    await context.trail?.close()
    await context.database?.drop()
  })
  return context
}

/** The result as a client receives it, through JSON (a DateTime is then its ISO text, not a Date). */
function singleResultOf<T>(response: GraphQLResponse<Record<string, unknown>>): ExecutionResultOf<T> {
  if (response.body.kind !== 'single') throw new Error('expected a single result')
  return JSON.parse(JSON.stringify(response.body.singleResult)) as ExecutionResultOf<T>
}
