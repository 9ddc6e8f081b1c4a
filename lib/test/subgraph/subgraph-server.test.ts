import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { buildSubgraphSchema } from '@apollo/subgraph'
import { parse, type GraphQLSchema } from 'graphql'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createSubgraphApolloServer,
  GATEWAY_SIGNATURE_HEADER,
  officialSubjectOf,
  signSubgraphRequest,
  startSubgraphServer,
  type GatewayCaller,
  type RunningSubgraph,
  type SecurityContext,
  type SubgraphServerDefinition,
} from '../../src/subgraph/index.js'
import {
  createTestDatabase,
  signedGraphQLRequest,
  startTestServer,
  TEST_GATEWAY_SECRET,
  TEST_MACHINE,
  TEST_OFFICIAL,
  TEST_PURPOSE,
  testOfficial,
  type TestDatabase,
  type TestServer,
} from '../../src/testing/index.js'

// A tiny register (dân cư) carrying the SDL annotations of issue 5: a public
// field, a citizen entry point bound to its own record or to an agency's case,
// a sensitive field and an officials-only field.
const PEOPLE_SDL = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@authenticated", "@requiresScopes", "@policy"])

  type Query {
    provinceCount: Int!
    citizen(personalId: ID!): Citizen @policy(policies: [["citizen_self"], ["agency", "purpose_bound"]])
    whoDecides: String @policy(policies: [["official"]])
  }

  type Citizen @key(fields: "personalId") @authenticated {
    personalId: ID!
    fullName: String! @requiresScopes(scopes: [["population:read"]])
    religion: String @requiresScopes(scopes: [["population:read", "population:sensitive"]])
  }
`

const SELF = '001090012345'
const OTHER = '079185000001'

interface PeopleContext extends SecurityContext {
  calls: { count: number }
}

function createPeopleSchema(): GraphQLSchema {
  const citizens = new Map([
    [SELF, { personalId: SELF, fullName: 'Nguyễn Thị Lan', religion: 'Không' }],
    [OTHER, { personalId: OTHER, fullName: 'Trần Văn Minh', religion: 'Phật giáo' }],
  ])
  return buildSubgraphSchema([{
    typeDefs: parse(PEOPLE_SDL),
    resolvers: {
      Query: {
        provinceCount: (_: unknown, __: unknown, context: PeopleContext) => {
          context.calls.count++
          return 34
        },
        citizen: (_: unknown, { personalId }: { personalId: string }, context: PeopleContext) => {
          context.calls.count++
          return citizens.get(personalId) ?? null
        },
        // The official comes from the signed caller, never from the request's own data.
        whoDecides: (_: unknown, __: unknown, context: PeopleContext) => officialSubjectOf(context) ?? null,
      },
    },
  }])
}

const calls = { count: 0 }

function peopleSubgraph(schema: GraphQLSchema): SubgraphServerDefinition<unknown, { calls: { count: number } }, PeopleContext> {
  return {
    name: 'people',
    defaultPort: 0,
    migrationFolder: '',
    schema,
    loadServices: async () => ({ calls }),
    createContext: (services, _request, security) => ({ calls: services.calls, ...security }),
  }
}

const citizen = (personalId: string, ...scopes: string[]): GatewayCaller => ({ kind: 'citizen', personalId, scopes })
const readerOf = (...scopes: string[]): GatewayCaller => ({ ...TEST_OFFICIAL, scopes })

const CITIZEN_QUERY = { query: 'query ($id: ID!) { citizen(personalId: $id) { fullName religion } }', variables: { id: SELF } }

let migrations: string
let database: TestDatabase<unknown>
let subgraph: RunningSubgraph

beforeAll(async () => {
  // No tables: the subgraph's migrations are an empty folder.
  migrations = await mkdtemp(path.join(tmpdir(), 'lienthong-people-migrations-'))
  database = await createTestDatabase({ subgraph: 'lib', feature: 'subgraph_server', migrationFolder: migrations })
  subgraph = await startSubgraphServer({ ...peopleSubgraph(createPeopleSchema()), migrationFolder: migrations }, {
    databaseUrl: database.url,
    port: 0,
    gatewaySecret: TEST_GATEWAY_SECRET,
  })
})

afterAll(async () => {
  await subgraph?.stop()
  await database?.drop()
  if (migrations) await rm(migrations, { recursive: true, force: true })
})

const post = (body: Parameters<typeof signedGraphQLRequest>[2], options?: Parameters<typeof signedGraphQLRequest>[3]) =>
  signedGraphQLRequest(subgraph.graphqlUrl, 'people', body, options)

describe('startSubgraphServer: only the gateway may call a subgraph', () => {
  it('when probed, then /healthz and /readyz answer without a signature', async () => {
    expect((await fetch(`${subgraph.url}/healthz`)).status).toBe(200)
    const ready = await fetch(`${subgraph.url}/readyz`)
    expect(ready.status).toBe(200)
    expect(await ready.json()).toEqual({ status: 'ok' })
  })

  it('when a request carries no signature, then 401 UNAUTHENTICATED, no data, and no resolver runs', async () => {
    calls.count = 0
    const { status, body } = await post(CITIZEN_QUERY, { unsigned: true })

    expect(status).toBe(401)
    expect(body).toEqual({ errors: [{ message: 'The gateway signature is missing: subgraphs answer the gateway only.', extensions: { code: 'UNAUTHENTICATED' } }] })
    expect(calls.count).toBe(0)
  })

  it('when the signature is for another subgraph, then 401 UNAUTHENTICATED and no data', async () => {
    const { status, body } = await signedGraphQLRequest(subgraph.graphqlUrl, 'population', CITIZEN_QUERY)

    expect(status).toBe(401)
    expect(body.data).toBeUndefined()
    expect(body.errors?.[0]).toMatchObject({ message: 'The gateway signature is for another subgraph.', extensions: { code: 'UNAUTHENTICATED' } })
  })

  it('when the signature is stale, then 401 UNAUTHENTICATED', async () => {
    // Signed two minutes ago, by hand: the helper always signs now.
    const body = JSON.stringify(CITIZEN_QUERY)
    const header = await signSubgraphRequest({ secret: TEST_GATEWAY_SECRET, subgraph: 'people', body, caller: TEST_OFFICIAL, now: new Date(Date.now() - 120_000) })
    const response = await fetch(subgraph.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', [GATEWAY_SIGNATURE_HEADER]: header }, body })

    expect(response.status).toBe(401)
    expect((await response.json()).errors[0].extensions.code).toBe('UNAUTHENTICATED')
  })

  it('when the gateway signed the request for TEST_OFFICIAL and a case, then 200 with the data', async () => {
    expect(await post(CITIZEN_QUERY)).toEqual({ status: 200, body: { data: { citizen: { fullName: 'Nguyễn Thị Lan', religion: 'Không' } } } })
  })
})

describe('startSubgraphServer: authorization again in the subgraph (defence in depth)', () => {
  it('when the signed caller lacks a scope a selected field requires, then 403 FORBIDDEN naming it, no data, and no resolver runs', async () => {
    calls.count = 0
    const { status, body } = await post(CITIZEN_QUERY, { caller: readerOf('population:read') })

    expect(status).toBe(403)
    expect(body.data).toBeUndefined()
    expect(body.errors).toHaveLength(1)
    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      denied: [{ coordinate: 'Citizen.religion', paths: ['citizen.religion'], missingScopes: [['population:sensitive']] }],
    })
    expect(calls.count).toBe(0)
  })

  it('when the signed request is anonymous, then protected fields get 401 UNAUTHENTICATED while public ones answer', async () => {
    const refused = await post(CITIZEN_QUERY, { caller: null })
    expect(refused.status).toBe(401)
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED')
    const denied = refused.body.errors?.[0]?.extensions?.denied as { coordinate: string; authenticationRequired?: true }[]
    expect(denied.map(({ coordinate, authenticationRequired }) => [coordinate, authenticationRequired])).toEqual([
      ['Query.citizen', true],
      ['Citizen.fullName', true],
      ['Citizen.religion', true],
    ])

    expect(await post({ query: '{ provinceCount }' }, { caller: null, purpose: null })).toEqual({ status: 200, body: { data: { provinceCount: 34 } } })
  })

  it('when an official declares no case, then purpose_bound fails and the entry point is FORBIDDEN', async () => {
    const { status, body } = await post(CITIZEN_QUERY, { purpose: null })

    expect(status).toBe(403)
    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      denied: [{ coordinate: 'Query.citizen', unmetPolicies: [['purpose_bound'], ['citizen_self']] }],
    })
  })

  it("when a citizen asks for their own record, then it is theirs to read; another person's is FORBIDDEN", async () => {
    const own = citizen(SELF, 'population:read')
    expect(await post({ query: `{ citizen(personalId: "${SELF}") { fullName } }` }, { caller: own, purpose: null })).toEqual({
      status: 200,
      body: { data: { citizen: { fullName: 'Nguyễn Thị Lan' } } },
    })
    const other = await post({ query: `{ citizen(personalId: "${OTHER}") { fullName } }` }, { caller: own, purpose: null })
    expect(other.status).toBe(403)
    expect(other.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
  })

  it('when an officials-only field is read, then the signed official is who decides; a machine client is FORBIDDEN', async () => {
    expect(await post({ query: '{ whoDecides }' }, { caller: testOfficial('can-bo-tu-phap-07') })).toEqual({ status: 200, body: { data: { whoDecides: 'can-bo-tu-phap-07' } } })
    const machine = await post({ query: '{ whoDecides }' }, { caller: TEST_MACHINE })
    expect(machine.status).toBe(403)
    expect(machine.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', denied: [{ coordinate: 'Query.whoDecides', unmetPolicies: [['official']] }] })
  })
})

describe('createSubgraphApolloServer in-process (executeOperation)', () => {
  let server: TestServer<PeopleContext>

  beforeAll(async () => {
    server = await startTestServer(createSubgraphApolloServer<PeopleContext>(createPeopleSchema()), (security) => ({ calls, ...security }))
  })

  afterAll(async () => {
    await server?.stop()
  })

  it('when the context carries TEST_OFFICIAL and TEST_PURPOSE (the default), then every field may be read', async () => {
    expect(await server.execute(CITIZEN_QUERY.query, CITIZEN_QUERY.variables)).toEqual({ data: { citizen: { fullName: 'Nguyễn Thị Lan', religion: 'Không' } } })
  })

  it('when the context has no caller, then the operation is refused before it runs', async () => {
    calls.count = 0
    const result = await server.execute(CITIZEN_QUERY.query, CITIZEN_QUERY.variables, { caller: null })

    expect(result.data).toBeUndefined()
    expect(result.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED'])
    expect(calls.count).toBe(0)
  })

  it('when a variable does not coerce, then graphql-js refuses it with its own message before anything runs, whoever calls', async () => {
    calls.count = 0
    for (const caller of [null, TEST_OFFICIAL]) {
      const result = await server.execute(CITIZEN_QUERY.query, { id: { not: 'an id' } }, { caller })

      expect(result.data).toBeUndefined()
      expect(result.errors).toHaveLength(1)
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
      expect(result.errors?.[0]?.message).toMatch(/ID cannot represent value/)
    }
    expect(calls.count).toBe(0)
  })

  it('TEST_OFFICIAL is nationwide, TEST_PURPOSE names a case', () => {
    expect(TEST_OFFICIAL).toMatchObject({ kind: 'official', jurisdiction: [] })
    expect(TEST_PURPOSE.caseReference.length).toBeGreaterThan(0)
  })

  it('when the schema names a policy lienthong does not define, then the server is not created', () => {
    const schema = buildSubgraphSchema([
      {
        typeDefs: parse(/* GraphQL */ `
          extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@policy"])
          type Query { secret: String @policy(policies: [["nobody_knows"]]) }
        `),
      },
    ])
    expect(() => createSubgraphApolloServer(schema)).toThrow(/nobody_knows/)
  })
})

describe('startSubgraphServer: where the secret comes from', () => {
  it('when no gatewaySecret is passed, then LIENTHONG_GATEWAY_SECRET is the one it verifies with', async () => {
    const configured = 'another-configured-gateway-secret-0123456789'
    const previous = process.env.LIENTHONG_GATEWAY_SECRET
    process.env.LIENTHONG_GATEWAY_SECRET = configured
    let fromEnvironment: RunningSubgraph | undefined
    try {
      fromEnvironment = await startSubgraphServer({ ...peopleSubgraph(createPeopleSchema()), migrationFolder: migrations }, { databaseUrl: database.url, port: 0 })
      const query = { query: '{ provinceCount }' }
      expect((await signedGraphQLRequest(fromEnvironment.graphqlUrl, 'people', query, { secret: configured })).status).toBe(200)
      expect((await signedGraphQLRequest(fromEnvironment.graphqlUrl, 'people', query)).status).toBe(401)
    } finally {
      await fromEnvironment?.stop()
      if (previous === undefined) delete process.env.LIENTHONG_GATEWAY_SECRET
      else process.env.LIENTHONG_GATEWAY_SECRET = previous
    }
  })

  it('when production mode has no secret, then the subgraph does not start', async () => {
    const previous = { NODE_ENV: process.env.NODE_ENV, LIENTHONG_GATEWAY_SECRET: process.env.LIENTHONG_GATEWAY_SECRET }
    process.env.NODE_ENV = 'production'
    delete process.env.LIENTHONG_GATEWAY_SECRET
    try {
      await expect(
        startSubgraphServer({ ...peopleSubgraph(createPeopleSchema()), migrationFolder: migrations }, { databaseUrl: database.url, port: 0 }),
      ).rejects.toThrow(/LIENTHONG_GATEWAY_SECRET/)
    } finally {
      for (const [name, value] of Object.entries(previous)) {
        if (value === undefined) delete process.env[name]
        else process.env[name] = value
      }
    }
  })

  it('when the secret is too short, then the subgraph does not start', async () => {
    await expect(
      startSubgraphServer({ ...peopleSubgraph(createPeopleSchema()), migrationFolder: migrations }, { databaseUrl: database.url, port: 0, gatewaySecret: 'short' }),
    ).rejects.toThrow(/at least 32 bytes/)
  })
})
