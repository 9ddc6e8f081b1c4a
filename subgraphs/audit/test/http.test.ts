import { createAuditTrail, type AuditTrail } from '@lienthong/lib/audit'
import { GATEWAY_SIGNATURE_HEADER, signSubgraphRequest, type RunningSubgraph } from '@lienthong/lib/subgraph'
import { createTestDatabase, signedGraphQLRequest, TEST_GATEWAY_SECRET, type SignedRequestOptions, type TestDatabase } from '@lienthong/lib/testing'
import { migrationFolder } from '@lienthong/migrations'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startAuditSubgraph } from '../src/server.js'
import { AN, BINH, citizen, entryOf, TEST_SUBJECT_KEY, WARD_OFFICIAL } from './test-setup.js'

const QUERY = JSON.stringify({ query: '{ myDataAccesses { totalCount nodes { id agency callerKind } } }' })

let database: TestDatabase<unknown>
let trail: AuditTrail
let subgraph: RunningSubgraph

beforeAll(async () => {
  // An empty database: the subgraph runs the audit migrations itself at start.
  database = await createTestDatabase({ subgraph: 'audit', feature: 'http', migrationFolder: migrationFolder('audit') })
  subgraph = await startAuditSubgraph({ databaseUrl: database.url, port: 0, subjectKey: TEST_SUBJECT_KEY, gatewaySecret: TEST_GATEWAY_SECRET })
  trail = createAuditTrail({ databaseUrl: database.url, subjectKey: TEST_SUBJECT_KEY })
  await trail.record(entryOf(WARD_OFFICIAL, [AN], { caseReference: 'HS-1', procedureCode: '1.000894' }))
  await trail.record(entryOf(WARD_OFFICIAL, [BINH], { caseReference: 'HS-2', procedureCode: '1.000894' }))
})

afterAll(async () => {
  await subgraph?.stop()
  await trail?.close()
  await database?.drop()
})

/** POSTs as the gateway does: signed for the audit subgraph with the test secret, declaring no case. */
async function post(body: string, options: SignedRequestOptions): Promise<{ status: number; body: any }> {
  return signedGraphQLRequest(subgraph.graphqlUrl, 'audit', body, { purpose: null, ...options })
}

describe('the audit subgraph over HTTP', () => {
  it('when it has started, then /healthz and /readyz answer 200', async () => {
    expect((await fetch(`${subgraph.url}/healthz`)).status).toBe(200)
    expect((await fetch(`${subgraph.url}/readyz`)).status).toBe(200)
  })

  it('when a request carries no gateway signature, then 401 UNAUTHENTICATED and no data', async () => {
    const response = await post(QUERY, { unsigned: true })
    expect(response.status).toBe(401)
    expect(response.body.errors[0].extensions.code).toBe('UNAUTHENTICATED')
    // Refused by the signature check before any resolver runs, not merely read as an anonymous request.
    expect(response.body.errors[0].message).toMatch(/gateway signature is missing/)
    expect(response.body.data ?? null).toBeNull()
  })

  it("when the gateway signs the request of a citizen, then that citizen's entries come back", async () => {
    const response = await post(QUERY, { caller: citizen(AN) })
    expect(response.status).toBe(200)
    expect(response.body).toEqual({ data: { myDataAccesses: { totalCount: 1, nodes: [{ id: '1', agency: 'UBND-P-26734', callerKind: 'OFFICIAL' }] } } })
  })

  it('when the gateway signs the request of an official, then 403 FORBIDDEN', async () => {
    const response = await post(QUERY, { caller: WARD_OFFICIAL })
    expect(response.status).toBe(403)
    expect(response.body.errors[0].extensions.code).toBe('FORBIDDEN')
    expect(response.body.data).toBeNull()
  })

  it('when a signature was made for another body, then 401: a captured signature cannot carry another query', async () => {
    const signature = await signSubgraphRequest({ secret: TEST_GATEWAY_SECRET, subgraph: 'audit', body: QUERY, caller: citizen(BINH) })
    const response = await post(JSON.stringify({ query: '{ myDataAccesses { totalCount } }' }), { unsigned: true, headers: { [GATEWAY_SIGNATURE_HEADER]: signature } })
    expect(response.status).toBe(401)
    expect(response.body.errors[0].extensions.code).toBe('UNAUTHENTICATED')
  })
})
