import { composeServices } from '@apollo/composition'
import { buildSubgraphSchema, type GraphQLResolverMap } from '@apollo/subgraph'
import { parse, type DocumentNode, type GraphQLSchema } from 'graphql'
import type { AuthorizationPolicies, AuthorizationSubject } from '@lienthong/lib/authorization'

// Two tiny registers carrying the authorization directives: "people" (dân cư, hộ tịch)
// and "land" (đất đai). Requirements are on fields, object types, an enum, a scalar,
// the implementations of an interface and the members of a union.

export const PEOPLE_SDL = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@authenticated", "@requiresScopes", "@policy"])

  type Query {
    citizen(personalId: ID!): Citizen @policy(policies: [["citizen_self"], ["agency"]])
    record(id: ID!): Record
    registration(id: ID!): Registration
    provinces: [Province!]!
  }

  type Citizen @key(fields: "personalId") @authenticated {
    personalId: ID!
    fullName: String! @requiresScopes(scopes: [["population:read"]])
    religion: String @requiresScopes(scopes: [["population:read", "population:sensitive"]])
    bloodGroup: BloodGroup @requiresScopes(scopes: [["population:read"]])
    idCardNumber: IdCardNumber
  }

  "Nhóm máu: sensitive wherever it appears."
  enum BloodGroup @requiresScopes(scopes: [["population:sensitive"]]) { A B AB O }

  "Số CCCD: sensitive, or for administrators."
  scalar IdCardNumber @requiresScopes(scopes: [["population:sensitive"], ["admin"]])

  interface Record { id: ID! registeredOn: String }

  type BirthRecord implements Record @requiresScopes(scopes: [["civil-status:read"]]) {
    id: ID!
    registeredOn: String
    childName: String
  }

  type DeathRecord implements Record {
    id: ID!
    registeredOn: String @policy(policies: [["purpose_bound"]])
  }

  union Registration = BirthRecord | DeathRecord

  "Public: administrative units are public data."
  type Province @shareable { code: ID! name: String! }
`

export const LAND_SDL = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@authenticated", "@requiresScopes"])

  type Query {
    parcelCount: Int!
  }

  type Citizen @key(fields: "personalId") @authenticated {
    personalId: ID!
    landRights: [LandRight!]! @requiresScopes(scopes: [["land:read"]])
  }

  type LandRight {
    parcelId: ID!
    share: Float!
    encumbered: Boolean! @requiresScopes(scopes: [["land:encumbrances"]])
  }
`

export const PEOPLE_TYPE_DEFS: DocumentNode = parse(PEOPLE_SDL)
export const LAND_TYPE_DEFS: DocumentNode = parse(LAND_SDL)

/** Composes the test subgraphs as schema/src/compose.ts composes the real ones. */
export function composeTestSupergraph(subgraphs: readonly { name: string; url: string; typeDefs: DocumentNode }[]): string {
  const result = composeServices([...subgraphs])
  if (result.errors) throw new AggregateError(result.errors, result.errors.map((error) => error.message).join('\n'))
  return result.supergraphSdl
}

export const TEST_SUBGRAPHS = [
  { name: 'people', url: 'http://127.0.0.1:1/graphql', typeDefs: PEOPLE_TYPE_DEFS },
  { name: 'land', url: 'http://127.0.0.1:2/graphql', typeDefs: LAND_TYPE_DEFS },
] as const

/** The caller shape of the tests, as the gateway's Caller would be (official, machine, citizen). */
export type TestCaller =
  | { kind: 'official'; subject: string; scopes: string[] }
  | { kind: 'machine'; clientId: string; scopes: string[] }
  | { kind: 'citizen'; personalId: string; scopes: string[] }

export interface TestPurpose {
  caseReference: string
  procedureCode: string
}

export const SELF_ID = '001090012345'
export const OTHER_ID = '079185000001'

export const official = (...scopes: string[]): TestCaller => ({ kind: 'official', subject: 'canbo-01', scopes })
export const machine = (...scopes: string[]): TestCaller => ({ kind: 'machine', clientId: 'dvcqg', scopes })
export const citizen = (personalId: string, ...scopes: string[]): TestCaller => ({ kind: 'citizen', personalId, scopes })

export const MARRIAGE_CASE: TestPurpose = { caseReference: 'HS-2026-000123', procedureCode: '1.000894' }

/** The policies the test SDL names, as a host would register them. */
export const TEST_POLICIES: AuthorizationPolicies<TestCaller, TestPurpose> = {
  /** A citizen reads their own record: the field's `personalId` argument is their own. */
  citizen_self: ({ caller, args }) => caller.kind === 'citizen' && caller.personalId === args['personalId'],
  /** Officials and machine clients of agencies (their scopes decide the rest). */
  agency: ({ caller }) => caller.kind === 'official' || caller.kind === 'machine',
  /** The request declares the case it serves. Asynchronous, as a policy consulting a case register would be. */
  purpose_bound: async ({ purpose }) => purpose !== undefined && purpose.caseReference.length > 0,
}

/** Calls of each resolver, to show that a refused operation runs none. */
export interface ResolverCalls {
  count: number
}

/** The people subgraph, executable: a few in-memory records. */
export function createPeopleSchema(calls: ResolverCalls = { count: 0 }): GraphQLSchema {
  const citizens = new Map([
    [SELF_ID, { personalId: SELF_ID, fullName: 'Nguyễn Thị Lan', religion: 'Không', bloodGroup: 'O', idCardNumber: '001190012345' }],
    [OTHER_ID, { personalId: OTHER_ID, fullName: 'Trần Văn Minh', religion: 'Phật giáo', bloodGroup: 'A', idCardNumber: '079085000001' }],
  ])
  const records = new Map<string, Record<string, unknown>>([
    ['birth-1', { __typename: 'BirthRecord', id: 'birth-1', registeredOn: '1990-02-01', childName: 'Nguyễn Thị Lan' }],
    ['death-1', { __typename: 'DeathRecord', id: 'death-1', registeredOn: '2024-05-06' }],
  ])
  const counted = <T>(value: T): T => {
    calls.count++
    return value
  }
  const resolvers: GraphQLResolverMap<unknown> = {
    Query: {
      citizen: (_: unknown, { personalId }: { personalId: string }) => counted(citizens.get(personalId) ?? null),
      record: (_: unknown, { id }: { id: string }) => counted(records.get(id) ?? null),
      registration: (_: unknown, { id }: { id: string }) => counted(records.get(id) ?? null),
      provinces: () => counted([{ code: '01', name: 'Thành phố Hà Nội' }]),
    },
    Citizen: {
      __resolveReference: (reference: { personalId: string }) => counted(citizens.get(reference.personalId) ?? null),
    },
    Record: { __resolveType: (record: { __typename: string }) => record.__typename },
    Registration: { __resolveType: (record: { __typename: string }) => record.__typename },
  }
  return buildSubgraphSchema([{ typeDefs: PEOPLE_TYPE_DEFS, resolvers }])
}

/** The land subgraph, executable. */
export function createLandSchema(calls: ResolverCalls = { count: 0 }): GraphQLSchema {
  const rights: Record<string, { parcelId: string; share: number; encumbered: boolean }[]> = {
    [SELF_ID]: [{ parcelId: '10141-1-1', share: 0.5, encumbered: true }],
  }
  const resolvers: GraphQLResolverMap<unknown> = {
    Query: {
      parcelCount: () => {
        calls.count++
        return 1
      },
    },
    Citizen: {
      __resolveReference: (reference: { personalId: string }) => {
        calls.count++
        return { personalId: reference.personalId }
      },
      landRights: (citizen: { personalId: string }) => {
        calls.count++
        return rights[citizen.personalId] ?? []
      },
    },
  }
  return buildSubgraphSchema([{ typeDefs: LAND_TYPE_DEFS, resolvers }])
}

/** Compile-time check: every test caller is an AuthorizationSubject. */
export const CALLER_SHAPE_CHECK: AuthorizationSubject = official()
