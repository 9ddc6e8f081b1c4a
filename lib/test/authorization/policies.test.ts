import { buildSchema, parse } from 'graphql'
import { describe, expect, it } from 'vitest'
import {
  authorizeOperation,
  LIENTHONG_POLICIES,
  LIENTHONG_SCOPES,
  readAuthorizationRequirements,
  type PolicyInput,
} from '../../src/authorization/index.js'
import type { GatewayCaller, GatewayPurpose } from '../../src/subgraph/index.js'

const SELF = '001090012345'
const OTHER = '079185000001'

const OFFICIAL: GatewayCaller = { kind: 'official', subject: 'can-bo-01', agency: 'UBND-P-26734', roles: [], scopes: [], jurisdiction: [] }
const MACHINE: GatewayCaller = { kind: 'machine', clientId: 'dvcqg', scopes: [] }
const CITIZEN: GatewayCaller = { kind: 'citizen', personalId: SELF, scopes: [] }
const MARRIAGE_CASE: GatewayPurpose = { caseReference: 'HS-2026-000123', procedureCode: '1.000894' }

type PolicyName = keyof typeof LIENTHONG_POLICIES

/** Evaluates one policy as the engine would for `Query.field(args)`. */
async function holds(
  policy: PolicyName,
  caller: GatewayCaller,
  { args = {}, purpose }: { args?: Record<string, unknown>; purpose?: GatewayPurpose } = {},
): Promise<boolean> {
  const input: PolicyInput<GatewayCaller, GatewayPurpose> = { caller, purpose, args, coordinate: 'Query.field', policy }
  return LIENTHONG_POLICIES[policy](input)
}

describe('LIENTHONG_POLICIES', () => {
  it('has exactly the four policies of the contract', () => {
    expect(Object.keys(LIENTHONG_POLICIES).sort()).toEqual(['agency', 'citizen_self', 'official', 'purpose_bound'])
  })

  describe('citizen_self', () => {
    it('holds for a citizen whose own personal id is the personalId argument', async () => {
      expect(await holds('citizen_self', CITIZEN, { args: { personalId: SELF } })).toBe(true)
    })

    it("does not hold for a citizen asking for someone else's personalId", async () => {
      expect(await holds('citizen_self', CITIZEN, { args: { personalId: OTHER } })).toBe(false)
    })

    it('holds for personalIds only when every entry is their own', async () => {
      expect(await holds('citizen_self', CITIZEN, { args: { personalIds: [SELF, SELF] } })).toBe(true)
      expect(await holds('citizen_self', CITIZEN, { args: { personalIds: [SELF, OTHER] } })).toBe(false)
    })

    it('does not hold for an empty personalIds, or one that is not a list', async () => {
      expect(await holds('citizen_self', CITIZEN, { args: { personalIds: [] } })).toBe(false)
      expect(await holds('citizen_self', CITIZEN, { args: { personalIds: SELF } })).toBe(false)
    })

    it('holds for an application draft whose input.applicantId is their own, not for another applicant', async () => {
      expect(await holds('citizen_self', CITIZEN, { args: { input: { procedureCode: '1.000894', applicantId: SELF, parties: [] } } })).toBe(true)
      expect(await holds('citizen_self', CITIZEN, { args: { input: { procedureCode: '1.000894', applicantId: OTHER, parties: [] } } })).toBe(false)
    })

    it('does not hold when one of several naming arguments names another person', async () => {
      expect(await holds('citizen_self', CITIZEN, { args: { personalId: SELF, input: { applicantId: OTHER } } })).toBe(false)
    })

    it('does not hold for a field that names nobody', async () => {
      expect(await holds('citizen_self', CITIZEN, { args: {} })).toBe(false)
      expect(await holds('citizen_self', CITIZEN, { args: { input: { procedureCode: '1.000894' } } })).toBe(false)
    })

    it('does not hold for an official or a machine client, even for a personal id equal to nothing of theirs', async () => {
      expect(await holds('citizen_self', OFFICIAL, { args: { personalId: SELF } })).toBe(false)
      expect(await holds('citizen_self', MACHINE, { args: { personalId: SELF } })).toBe(false)
    })
  })

  it('agency holds for officials and machine clients, not for citizens', async () => {
    expect(await holds('agency', OFFICIAL)).toBe(true)
    expect(await holds('agency', MACHINE)).toBe(true)
    expect(await holds('agency', CITIZEN)).toBe(false)
  })

  it('official holds for officials only', async () => {
    expect(await holds('official', OFFICIAL)).toBe(true)
    expect(await holds('official', MACHINE)).toBe(false)
    expect(await holds('official', CITIZEN)).toBe(false)
  })

  it('purpose_bound holds when the request declares a case, for any caller', async () => {
    expect(await holds('purpose_bound', OFFICIAL, { purpose: MARRIAGE_CASE })).toBe(true)
    expect(await holds('purpose_bound', CITIZEN, { purpose: MARRIAGE_CASE })).toBe(true)
    expect(await holds('purpose_bound', OFFICIAL)).toBe(false)
  })
})

describe('LIENTHONG_POLICIES in authorizeOperation', () => {
  const schema = buildSchema(/* GraphQL */ `
    directive @policy(policies: [[String!]!]!) on FIELD_DEFINITION | OBJECT
    type Query {
      citizens(personalIds: [ID!]!): [Citizen]! @policy(policies: [["citizen_self"], ["agency", "purpose_bound"]])
    }
    type Citizen { personalId: ID! }
  `)
  const requirements = readAuthorizationRequirements(schema)
  const document = parse('query ($ids: [ID!]!) { citizens(personalIds: $ids) { personalId } }')
  const decide = (caller: GatewayCaller, ids: unknown, purpose?: GatewayPurpose) =>
    authorizeOperation({ schema, requirements, document, variables: { ids }, caller, purpose, policies: LIENTHONG_POLICIES })

  it('a citizen passes a single id for a list argument (coerced to a list of one), and their own only', async () => {
    expect((await decide(CITIZEN, SELF)).allowed).toBe(true)
    expect((await decide(CITIZEN, [SELF, OTHER])).allowed).toBe(false)
  })

  it('an official needs a declared case', async () => {
    expect((await decide(OFFICIAL, [OTHER])).allowed).toBe(false)
    expect((await decide(OFFICIAL, [OTHER], MARRIAGE_CASE)).allowed).toBe(true)
  })
})

describe('LIENTHONG_SCOPES', () => {
  it('lists the twelve scopes of the contract once each', () => {
    expect(new Set(LIENTHONG_SCOPES).size).toBe(LIENTHONG_SCOPES.length)
    expect([...LIENTHONG_SCOPES].sort()).toEqual(
      [
        'population:read',
        'population:sensitive',
        'civil-status:read',
        'land:read',
        'land:encumbrances',
        'business:read',
        'insurance:read',
        'insurance:contributions',
        'cases:draft',
        'address:resolve',
        'audit:read',
        'admin',
      ].sort(),
    )
  })
})
