import { createAuditTrail } from '@lienthong/lib/audit'
import { describe, expect, it } from 'vitest'
import { ownPersonalIdOf } from '../src/resolvers.js'
import { AN, BINH, CHI, citizen, dataOf, entryOf, errorCodeOf, NATIONAL_PORTAL, TEST_SUBJECT_KEY, useTestAuditSubgraph, WARD_OFFICIAL } from './test-setup.js'

const POLICE = { ...WARD_OFFICIAL, subject: 'canbo.ca79.0042', agency: 'CA-T-79', jurisdiction: ['79'] }
const LAND_OFFICE = { ...WARD_OFFICIAL, subject: 'vpdk-79-017', agency: 'VPDKDD-79', jurisdiction: ['79'] }

// In order (seq 1…6): An is in 1, 3, 4 and 6; Bình in 1, 2 and 5; Chi in none.
const audit = useTestAuditSubgraph('my_data_accesses', () => [
  entryOf(WARD_OFFICIAL, [AN, BINH], {
    caseReference: 'HS-2026-000123',
    procedureCode: '1.000894',
    operationName: 'MarriageApplicants',
    registers: ['population', 'civil-status'],
    fields: ['Citizen.maritalStatus', 'Citizen.fullName'],
  }),
  entryOf(NATIONAL_PORTAL, [BINH], { caseReference: 'DVC-2', procedureCode: '1.004873', outcome: 'PARTIAL' }),
  entryOf(citizen(AN), [AN], { operationName: 'MyRecord', fields: ['Citizen.fullName', 'Citizen.permanentResidence'] }),
  entryOf(POLICE, [AN], { caseReference: 'CA-4', procedureCode: '1.004222', operationName: 'Residence', registers: [], fields: [], outcome: 'DENIED' }),
  entryOf(LAND_OFFICE, [BINH], { caseReference: 'DD-5', procedureCode: '1.012787', registers: ['land'], fields: ['LandParcel.area'] }),
  entryOf(NATIONAL_PORTAL, [AN], {
    caseReference: 'DVC-6',
    procedureCode: '1.004222',
    operationName: 'PermanentResidenceDraft',
    registers: ['population', 'land'],
    fields: ['LandParcel.landParcelId', 'Citizen.permanentResidence'],
  }),
])

const MY_DATA_ACCESSES = /* GraphQL */ `
  query MyDataAccesses($first: Int, $after: String) {
    myDataAccesses(first: $first, after: $after) {
      totalCount
      nodes { id occurredAt callerKind agency clientSystem caseReference procedureCode operationName registers fields outcome }
      pageInfo { hasNextPage endCursor }
    }
  }
`

interface DataAccessesData {
  myDataAccesses: {
    totalCount: number
    nodes: {
      id: string
      occurredAt: string
      callerKind: string
      agency: string | null
      clientSystem: string | null
      caseReference: string | null
      procedureCode: string | null
      operationName: string | null
      registers: string[]
      fields: string[]
      outcome: string
    }[]
    pageInfo: { hasNextPage: boolean; endCursor: string | null }
  }
}

const accessesOf = (personalId: string, variables: { first?: number; after?: string | null } = {}) =>
  audit.execute<DataAccessesData>(MY_DATA_ACCESSES, variables, citizen(personalId))

describe('myDataAccesses: the citizen sees who read their data', () => {
  it("when An asks, then exactly the entries naming An come back, newest first, and none of Bình's", async () => {
    const { myDataAccesses } = dataOf(await accessesOf(AN))
    expect(myDataAccesses.nodes.map((access) => access.id)).toEqual(['6', '4', '3', '1'])
    expect(myDataAccesses.totalCount).toBe(4)
    expect(myDataAccesses.pageInfo).toEqual({ hasNextPage: false, endCursor: expect.any(String) })
    const times = myDataAccesses.nodes.map((access) => Date.parse(access.occurredAt))
    expect(times.every((time, index) => index === 0 || time <= times[index - 1]!)).toBe(true)
    expect(myDataAccesses.nodes.map((access) => access.caseReference)).not.toContain('DVC-2')
  })

  it('when Bình asks, then Bình gets the shared entry 1 and their own 5 and 2, not An', async () => {
    const { myDataAccesses } = dataOf(await accessesOf(BINH))
    expect(myDataAccesses.nodes.map((access) => [access.id, access.caseReference])).toEqual([
      ['5', 'DD-5'],
      ['2', 'DVC-2'],
      ['1', 'HS-2026-000123'],
    ])
    expect(myDataAccesses.totalCount).toBe(3)
  })

  it('when a citizen nobody read asks, then the list is empty', async () => {
    expect(dataOf(await accessesOf(CHI)).myDataAccesses).toEqual({ totalCount: 0, nodes: [], pageInfo: { hasNextPage: false, endCursor: null } })
  })

  it('when an official read the data, then the entry shows when, the agency, the case, the procedure, the operation, the registers and fields, and the outcome', async () => {
    const { myDataAccesses } = dataOf(await accessesOf(AN))
    const marriage = myDataAccesses.nodes.find((access) => access.id === '1')!
    expect(marriage).toEqual({
      id: '1',
      occurredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/),
      callerKind: 'OFFICIAL',
      agency: 'UBND-P-26734',
      clientSystem: null,
      caseReference: 'HS-2026-000123',
      procedureCode: '1.000894',
      operationName: 'MarriageApplicants',
      registers: ['civil-status', 'population'],
      fields: ['Citizen.fullName', 'Citizen.maritalStatus'],
      outcome: 'OK',
    })
    expect(Math.abs(Date.parse(marriage.occurredAt) - Date.now())).toBeLessThan(10 * 60_000)
    const refused = myDataAccesses.nodes.find((access) => access.id === '4')!
    expect(refused).toMatchObject({ callerKind: 'OFFICIAL', agency: 'CA-T-79', registers: [], fields: [], outcome: 'DENIED' })
  })

  it("when an official read the data, then the official's own account is not shown, only their agency (as Estonia's Data Tracker)", async () => {
    const result = await accessesOf(AN)
    const served = JSON.stringify(result)
    for (const account of [WARD_OFFICIAL.subject, POLICE.subject]) expect(served).not.toContain(account)
  })

  it('when a machine client read the data, then its agency and the system are shown', async () => {
    const portal = dataOf(await accessesOf(AN)).myDataAccesses.nodes.find((access) => access.id === '6')!
    expect(portal).toMatchObject({
      callerKind: 'MACHINE',
      agency: 'VPCP',
      clientSystem: 'dvcqg',
      caseReference: 'DVC-6',
      procedureCode: '1.004222',
      operationName: 'PermanentResidenceDraft',
      registers: ['land', 'population'],
      fields: ['Citizen.permanentResidence', 'LandParcel.landParcelId'],
      outcome: 'OK',
    })
  })

  it('when the citizen read their own data, then the entry is a CITIZEN access without case, agency or identity', async () => {
    const own = dataOf(await accessesOf(AN)).myDataAccesses.nodes.find((access) => access.id === '3')!
    expect(own).toMatchObject({ callerKind: 'CITIZEN', agency: null, clientSystem: null, caseReference: null, procedureCode: null, operationName: 'MyRecord' })
  })

  it('when the response is served, then it carries no personal id, not even the caller’s own', async () => {
    const served = JSON.stringify([await accessesOf(AN), await accessesOf(BINH)])
    for (const personalId of [AN, BINH]) expect(served).not.toContain(personalId)
  })
})

describe('myDataAccesses: pages', () => {
  it('when An pages by two, then the pages follow each other without gaps or repeats and the last one says so', async () => {
    const first = dataOf(await accessesOf(AN, { first: 2 })).myDataAccesses
    expect(first.nodes.map((access) => access.id)).toEqual(['6', '4'])
    expect(first.pageInfo.hasNextPage).toBe(true)
    expect(first.totalCount).toBe(4)
    const second = dataOf(await accessesOf(AN, { first: 2, after: first.pageInfo.endCursor })).myDataAccesses
    expect(second.nodes.map((access) => access.id)).toEqual(['3', '1'])
    expect(second.pageInfo.hasNextPage).toBe(false)
    const past = dataOf(await accessesOf(AN, { first: 2, after: second.pageInfo.endCursor })).myDataAccesses
    expect(past).toEqual({ totalCount: 4, nodes: [], pageInfo: { hasNextPage: false, endCursor: null } })
  })

  it("when first is left out, then the default of 20 applies; first 0 gives only the count", async () => {
    expect(dataOf(await accessesOf(AN)).myDataAccesses.nodes).toHaveLength(4)
    expect(dataOf(await accessesOf(AN, { first: 0 })).myDataAccesses).toEqual({ totalCount: 4, nodes: [], pageInfo: { hasNextPage: true, endCursor: null } })
  })

  it("when Bình continues after a cursor taken from An's list, then Bình still sees only Bình's entries", async () => {
    const anFirst = dataOf(await accessesOf(AN, { first: 1 })).myDataAccesses
    const binh = dataOf(await accessesOf(BINH, { after: anFirst.pageInfo.endCursor })).myDataAccesses
    expect(binh.nodes.map((access) => access.id)).toEqual(['5', '2', '1'])
  })

  it('when first is out of range or after is not a cursor, then BAD_USER_INPUT', async () => {
    expect(errorCodeOf(await accessesOf(AN, { first: 101 }))).toBe('BAD_USER_INPUT')
    expect(errorCodeOf(await accessesOf(AN, { first: -1 }))).toBe('BAD_USER_INPUT')
    const badCursor = await accessesOf(AN, { after: 'not-a-cursor' })
    expect(errorCodeOf(badCursor)).toBe('BAD_USER_INPUT')
    expect(badCursor.errors![0]!.message).toMatch(/after must be a cursor/)
    expect(badCursor.data).toBeNull()
  })
})

describe('myDataAccesses: only for the citizen themselves', () => {
  it('when an official asks, then FORBIDDEN, with no data and a message saying only a citizen may read it', async () => {
    const result = await audit.execute(MY_DATA_ACCESSES, {}, WARD_OFFICIAL)
    expect(errorCodeOf(result)).toBe('FORBIDDEN')
    expect(result.data).toBeNull()
    expect(result.errors![0]!.message).toMatch(/only a citizen signed in as themselves may read it, and this caller is an official/)
    expect(result.errors![0]!.message).not.toContain(WARD_OFFICIAL.subject)
    expect(result.errors![0]!.extensions).toEqual({ code: 'FORBIDDEN' })
  })

  it('when a machine client asks, then FORBIDDEN', async () => {
    const result = await audit.execute(MY_DATA_ACCESSES, {}, NATIONAL_PORTAL)
    expect(errorCodeOf(result)).toBe('FORBIDDEN')
    expect(result.errors![0]!.message).toMatch(/this caller is a machine client/)
  })

  it('when nobody is signed in, then UNAUTHENTICATED: @authenticated refuses the request before it runs', async () => {
    const result = await audit.execute(MY_DATA_ACCESSES, {}, undefined)
    expect(errorCodeOf(result)).toBe('UNAUTHENTICATED')
    expect(result.data ?? null).toBeNull()
    expect(result.errors![0]!.extensions!.denied).toEqual(expect.arrayContaining([expect.objectContaining({ coordinate: 'Query.myDataAccesses' })]))
  })

  it('when nobody is signed in and the resolver is reached anyway, then it refuses too: UNAUTHENTICATED, not an empty list', () => {
    expect(() => ownPersonalIdOf(undefined)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) }))
    expect(ownPersonalIdOf(citizen(AN))).toBe(AN)
  })

  it('when the schema is read, then myDataAccesses takes no personal id: the only way to name whose log is to be that citizen', async () => {
    const result = await audit.execute<{ __type: { fields: { name: string; args: { name: string }[] }[] } }>(
      '{ __type(name: "Query") { fields { name args { name } } } }',
      {},
      undefined,
    )
    const field = dataOf(result).__type.fields.find((candidate) => candidate.name === 'myDataAccesses')!
    expect(field.args.map((arg) => arg.name)).toEqual(['first', 'after'])
  })
})

describe('the subject key', () => {
  it("when the trail is read under another key than the gateway wrote with, then no citizen's entries are found", async () => {
    const otherKey = createAuditTrail({ databaseUrl: audit.database.url, subjectKey: `${TEST_SUBJECT_KEY}-rotated` })
    try {
      expect((await otherKey.accessesOf(AN)).totalCount).toBe(0)
    } finally {
      await otherKey.close()
    }
  })
})
