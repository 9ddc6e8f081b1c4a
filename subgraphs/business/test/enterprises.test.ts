import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { AN, BINH, BRANCH_A, CUONG, ENTERPRISE_A, ENTERPRISE_B, HOUSEHOLD_AN, TEXT, businessSlice } from './fixtures.js'
import { dataOf, errorCodesOf, expectUpdatedAt, useTestBusinessSubgraph } from './test-setup.js'

// Before the test database exists: every record's updatedAt must come after it.
const startedAt = new Date()
const subgraph = useTestBusinessSubgraph('enterprises', businessSlice)

const ENTERPRISE_FIELDS = /* GraphQL */ `
  enterpriseCode vietnameseName foreignName shortName legalForm status registeredOn charterCapitalVnd
  headOffice { id register text legacyCommune { code } commune { code } mappingStatus }
  representatives { citizen { personalId } name birthDate title residence { text legacyCommune { code } commune { code } mappingStatus } }
  owners { kind citizen { personalId } enterprise { enterpriseCode vietnameseName } name capitalShare }
  businessLines { vsicCode name isMain }
  parent { enterpriseCode }
  branches { enterpriseCode legalForm parent { enterpriseCode } updatedAt }
  updatedAt
`

describe('Query.enterprise', () => {
  it('When an enterprise is asked for, Then every field is as registered, its main business line first', async () => {
    const { enterprise } = dataOf(await subgraph.execute(`query($c: EnterpriseCode!) { enterprise(enterpriseCode: $c) { ${ENTERPRISE_FIELDS} } }`, { c: ENTERPRISE_A }))
    expectUpdatedAt(enterprise.updatedAt, startedAt)
    expectUpdatedAt(enterprise.branches[0].updatedAt, startedAt)
    expect(enterprise).toEqual({
      enterpriseCode: ENTERPRISE_A,
      vietnameseName: 'Công ty TNHH Thương mại Sông Hồng',
      foreignName: 'Song Hong Trading Company Limited',
      shortName: 'SONG HONG CO., LTD',
      legalForm: 'TNHH_MULTI_MEMBER',
      status: 'OPERATING',
      registeredOn: '2012-05-04',
      charterCapitalVnd: 5_000_000_000,
      headOffice: {
        id: expect.stringMatching(/^business:\d+$/),
        register: 'BUSINESS',
        text: TEXT.aHeadOffice,
        legacyCommune: { code: '00004' },
        commune: { code: '00004' },
        mappingStatus: 'EXACT',
      },
      representatives: [
        {
          citizen: { personalId: AN },
          name: 'Nguyễn Văn An',
          birthDate: '1990-03-15',
          title: 'Giám đốc',
          residence: { text: TEXT.anResidence, legacyCommune: { code: '00001' }, commune: { code: '00097' }, mappingStatus: 'EXACT' },
        },
      ],
      owners: [
        { kind: 'CITIZEN', citizen: { personalId: AN }, enterprise: null, name: 'Nguyễn Văn An', capitalShare: 0.6 },
        {
          kind: 'ENTERPRISE',
          citizen: null,
          enterprise: { enterpriseCode: ENTERPRISE_B, vietnameseName: 'Công ty Cổ phần Đầu tư Ba Đình' },
          name: 'Công ty Cổ phần Đầu tư Ba Đình',
          capitalShare: 0.4,
        },
      ],
      businessLines: [
        { vsicCode: '4610', name: 'Đại lý, môi giới, đấu giá hàng hóa', isMain: true },
        { vsicCode: '4669', name: 'Bán buôn chuyên doanh khác chưa được phân vào đâu', isMain: false },
      ],
      parent: null,
      branches: [{ enterpriseCode: BRANCH_A, legalForm: 'BRANCH', parent: { enterpriseCode: ENTERPRISE_A }, updatedAt: enterprise.branches[0].updatedAt }],
      updatedAt: enterprise.updatedAt,
    })
  })

  it('When a branch is asked for, Then it names its parent, has no branches and keeps an address without a legacy code as NOT_FOUND', async () => {
    const { enterprise } = dataOf(await subgraph.execute(`query($c: EnterpriseCode!) { enterprise(enterpriseCode: $c) { ${ENTERPRISE_FIELDS} } }`, { c: BRANCH_A }))
    expect(enterprise).toMatchObject({
      enterpriseCode: BRANCH_A,
      legalForm: 'BRANCH',
      charterCapitalVnd: 0,
      headOffice: { text: TEXT.branchHeadOffice, legacyCommune: null, commune: null, mappingStatus: 'NOT_FOUND' },
      representatives: [{ citizen: { personalId: AN }, title: 'Trưởng chi nhánh' }],
      owners: [],
      parent: { enterpriseCode: ENTERPRISE_A },
      branches: [],
    })
  })

  it('When a joint-stock company has two representatives, Then both come in the registered order with their own residences', async () => {
    const { enterprise } = dataOf(await subgraph.execute(`query($c: EnterpriseCode!) { enterprise(enterpriseCode: $c) { ${ENTERPRISE_FIELDS} } }`, { c: ENTERPRISE_B }))
    expect(enterprise.status).toBe('SUSPENDED')
    expect(enterprise.foreignName).toBeNull()
    expect(enterprise.headOffice).toMatchObject({ legacyCommune: { code: '00007' }, commune: null, mappingStatus: 'SPLIT_NEEDS_REVIEW' })
    expect(enterprise.representatives.map((r: { citizen: { personalId: string }; title: string }) => [r.citizen.personalId, r.title])).toEqual([
      [BINH, 'Chủ tịch Hội đồng quản trị'],
      [CUONG, 'Tổng giám đốc'],
    ])
    expect(enterprise.owners.map((o: { name: string; capitalShare: number }) => [o.name, o.capitalShare])).toEqual([
      ['Trần Thị Bình', 0.7],
      ['Lê Cường', 0.3],
    ])
  })

  it('When a valid code is not registered, Then the answer is null', async () => {
    expect(dataOf(await subgraph.execute('{ enterprise(enterpriseCode: "0101000013") { enterpriseCode } }'))).toEqual({ enterprise: null })
  })

  it('When the code has the right check digit (and an optional -NNN), Then it is accepted', async () => {
    for (const code of ['0100109106', '0100233488', '0100109106-001']) {
      const result = await subgraph.execute('query($c: EnterpriseCode!) { enterprise(enterpriseCode: $c) { enterpriseCode } }', { c: code })
      expect(errorCodesOf(result)).toEqual([])
    }
  })

  it('When the code has a wrong check digit or shape, Then it is rejected with BAD_USER_INPUT', async () => {
    for (const code of ['0100109107', '12345', '010010910', '0100109106-01', '0100109106-1', '0100109106-0011', 'A100109106', '0101000060']) {
      const result = await subgraph.execute('query($c: EnterpriseCode!) { enterprise(enterpriseCode: $c) { enterpriseCode } }', { c: code })
      expect(errorCodesOf(result)).toEqual(['BAD_USER_INPUT'])
    }
  })
})

describe('_entities for Enterprise', () => {
  it('When the gateway resolves enterprise references, Then each comes back in order, null for an unknown code', async () => {
    const result = await subgraph.execute(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Enterprise { enterpriseCode vietnameseName parent { enterpriseCode } headOffice { text } } } }',
      {
        r: [
          { __typename: 'Enterprise', enterpriseCode: BRANCH_A },
          { __typename: 'Enterprise', enterpriseCode: '0101000013' },
          { __typename: 'Enterprise', enterpriseCode: ENTERPRISE_B },
        ],
      },
    )
    expect(dataOf(result)._entities).toEqual([
      { enterpriseCode: BRANCH_A, vietnameseName: 'Chi nhánh Long Biên - Công ty TNHH Thương mại Sông Hồng', parent: { enterpriseCode: ENTERPRISE_A }, headOffice: { text: TEXT.branchHeadOffice } },
      null,
      { enterpriseCode: ENTERPRISE_B, vietnameseName: 'Công ty Cổ phần Đầu tư Ba Đình', parent: null, headOffice: { text: TEXT.bHeadOffice } },
    ])
  })
})

describe('updatedAt', () => {
  const RECORDS = 'query($c: EnterpriseCode!, $n: ID!) { enterprise(enterpriseCode: $c) { updatedAt } householdBusiness(registrationNumber: $n) { updatedAt } }'

  /** The served updatedAt of enterprise B and An's household business, in epoch milliseconds. */
  async function updatedAtOfRecords() {
    const { enterprise, householdBusiness } = dataOf(await subgraph.execute(RECORDS, { c: ENTERPRISE_B, n: HOUSEHOLD_AN }))
    return { enterprise: expectUpdatedAt(enterprise.updatedAt, startedAt).getTime(), householdBusiness: expectUpdatedAt(householdBusiness.updatedAt, startedAt).getTime() }
  }

  it('When an enterprise and a household business change in the register, Then their updatedAt moves forward; an UPDATE writing the same values leaves it', async () => {
    const ingested = await updatedAtOfRecords()

    await sql`UPDATE enterprise SET status = status WHERE enterprise_code = ${ENTERPRISE_B}`.execute(subgraph.db)
    await sql`UPDATE household_business SET status = status WHERE registration_number = ${HOUSEHOLD_AN}`.execute(subgraph.db)
    expect(await updatedAtOfRecords()).toEqual(ingested)

    // Tiếp tục kinh doanh / tạm ngừng: the registration office records a change of status.
    await sql`UPDATE enterprise SET status = 'OPERATING' WHERE enterprise_code = ${ENTERPRISE_B}`.execute(subgraph.db)
    await sql`UPDATE household_business SET status = 'SUSPENDED' WHERE registration_number = ${HOUSEHOLD_AN}`.execute(subgraph.db)
    const changed = await updatedAtOfRecords()
    expect(changed.enterprise).toBeGreaterThan(ingested.enterprise)
    expect(changed.householdBusiness).toBeGreaterThan(ingested.householdBusiness)
  })
})
