import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway'
import { ApolloServer, type GraphQLResponse } from '@apollo/server'
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled'
import { startStandaloneServer } from '@apollo/server/standalone'
import {
  createAuthorizationPlugin,
  readAuthorizationRequirements,
  supergraphForEnforcingGateway,
  type AuthorizationDecision,
} from '@lienthong/lib/authorization'
import { formatSubgraphError } from '@lienthong/lib/subgraph'
import type { GraphQLSchema } from 'graphql'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  composeTestSupergraph,
  createLandSchema,
  createPeopleSchema,
  LAND_TYPE_DEFS,
  MARRIAGE_CASE,
  official,
  PEOPLE_TYPE_DEFS,
  SELF_ID,
  TEST_POLICIES,
  type ResolverCalls,
  type TestCaller,
  type TestPurpose,
} from './fixtures.js'

interface TestContext {
  caller?: TestCaller | undefined
  purpose?: TestPurpose | undefined
}

/** How the tests' gateway hands the caller to the subgraphs (the real gateway will forward a verified token). */
const CALLER_HEADER = 'x-test-caller'

function authorizationPlugin(requirementsSource: GraphQLSchema | string, decisions?: AuthorizationDecision[]) {
  return createAuthorizationPlugin<TestContext, TestCaller, TestPurpose>({
    requirements: readAuthorizationRequirements(requirementsSource),
    policies: TEST_POLICIES,
    callerOf: (context) => context.caller,
    purposeOf: (context) => context.purpose,
    ...(decisions ? { onDecision: (decision: AuthorizationDecision) => void decisions.push(decision) } : {}),
  })
}

/** A subgraph server configured as lib/src/subgraph does, plus the authorization plugin on its own schema. */
function createSubgraphServer(schema: GraphQLSchema): ApolloServer<TestContext> {
  return new ApolloServer<TestContext>({
    schema,
    includeStacktraceInErrorResponses: false,
    formatError: formatSubgraphError,
    plugins: [ApolloServerPluginInlineTraceDisabled(), authorizationPlugin(schema)],
  })
}

function singleResult(response: GraphQLResponse) {
  if (response.body.kind !== 'single') throw new Error('expected a single result')
  return response.body.singleResult
}

const CITIZEN_WITH_LAND = /* GraphQL */ `
  query CitizenWithLand($id: ID!) { citizen(personalId: $id) { fullName landRights { parcelId share encumbered } } }
`

describe('createAuthorizationPlugin in a subgraph (executeOperation)', () => {
  const calls: ResolverCalls = { count: 0 }
  const server = createSubgraphServer(createPeopleSchema(calls))
  beforeAll(() => server.start())
  afterAll(() => server.stop())

  const execute = (query: string, contextValue: TestContext, variables?: Record<string, unknown>) =>
    server.executeOperation({ query, ...(variables ? { variables } : {}) }, { contextValue })

  it('refuses with FORBIDDEN, HTTP 403 and no data, before any resolver runs', async () => {
    calls.count = 0
    const response = await execute(`{ citizen(personalId: "${SELF_ID}") { fullName religion } }`, { caller: official('population:read') })
    const result = singleResult(response)
    expect(response.http.status).toBe(403)
    expect(result).not.toHaveProperty('data')
    expect(result.errors).toEqual([
      {
        message: 'Not authorized to read Citizen.religion.',
        extensions: {
          code: 'FORBIDDEN',
          denied: [{ coordinate: 'Citizen.religion', paths: ['citizen.religion'], missingScopes: [['population:sensitive']] }],
        },
      },
    ])
    expect(calls.count).toBe(0)
  })

  it('refuses an anonymous caller with UNAUTHENTICATED, HTTP 401 and a Bearer challenge', async () => {
    const response = await execute(`{ citizen(personalId: "${SELF_ID}") { fullName } }`, {})
    expect(response.http.status).toBe(401)
    expect(response.http.headers.get('www-authenticate')).toBe('Bearer')
    expect(singleResult(response).errors?.map((error) => error.extensions?.['code'])).toEqual(['UNAUTHENTICATED'])
  })

  it('runs an allowed operation', async () => {
    calls.count = 0
    const response = await execute(`{ citizen(personalId: "${SELF_ID}") { fullName religion } provinces { name } }`, {
      caller: official('population:read', 'population:sensitive'),
    })
    expect(singleResult(response)).toEqual({
      data: { citizen: { fullName: 'Nguyễn Thị Lan', religion: 'Không' }, provinces: [{ name: 'Thành phố Hà Nội' }] },
    })
    expect(calls.count).toBe(2)
  })

  it('checks the entity fields of a gateway `_entities` query through their inline fragment', async () => {
    const query = /* GraphQL */ `
      query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Citizen { fullName religion } } }
    `
    const variables = { representations: [{ __typename: 'Citizen', personalId: SELF_ID }] }
    const refused = singleResult(await execute(query, { caller: official('population:read') }, variables))
    expect(refused.errors?.[0]?.extensions?.['denied']).toEqual([
      { coordinate: 'Citizen.religion', paths: ['_entities.religion'], missingScopes: [['population:sensitive']] },
    ])
    const allowed = singleResult(await execute(query, { caller: official('population:read', 'population:sensitive') }, variables))
    expect(allowed).toEqual({ data: { _entities: [{ fullName: 'Nguyễn Thị Lan', religion: 'Không' }] } })
  })

  it('refuses an interface field restricted on one implementation, from the subgraph schema alone', async () => {
    // The subgraph's Record interface carries no directive; BirthRecord (one possible type) needs civil-status:read.
    const query = `{ record(id: "death-1") { id } }`
    const refused = singleResult(await execute(query, { caller: official() }))
    expect(refused.errors?.[0]?.extensions?.['denied']).toEqual([
      { coordinate: 'Query.record', paths: ['record'], missingScopes: [['civil-status:read']] },
      { coordinate: 'Record.id', paths: ['record.id'], missingScopes: [['civil-status:read']] },
    ])
    expect(singleResult(await execute(query, { caller: official('civil-status:read') }))).toEqual({ data: { record: { id: 'death-1' } } })
    // Record.registeredOn: civil-status:read (BirthRecord's type) and purpose_bound (DeathRecord's field).
    const registeredOn = `{ record(id: "death-1") { registeredOn } }`
    const withoutPurpose = singleResult(await execute(registeredOn, { caller: official('civil-status:read') }))
    expect(withoutPurpose.errors?.[0]?.extensions?.['denied']).toEqual([
      { coordinate: 'Record.registeredOn', paths: ['record.registeredOn'], unmetPolicies: [['purpose_bound']] },
    ])
    expect(singleResult(await execute(registeredOn, { caller: official('civil-status:read'), purpose: MARRIAGE_CASE }))).toEqual({
      data: { record: { registeredOn: '2024-05-06' } },
    })
  })

  it('lets the policy see the purpose from the context', async () => {
    const query = `{ registration(id: "death-1") { ... on DeathRecord { registeredOn } } }`
    expect(singleResult(await execute(query, { caller: official() })).errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN')
    expect(singleResult(await execute(query, { caller: official(), purpose: MARRIAGE_CASE }))).toEqual({
      data: { registration: { registeredOn: '2024-05-06' } },
    })
  })

  it('will not start with a policy the schema names but nobody registered', () => {
    const schema = createPeopleSchema()
    const { citizen_self: _citizenSelf, ...policies } = TEST_POLICIES
    expect(() =>
      createAuthorizationPlugin<TestContext, TestCaller, TestPurpose>({
        requirements: readAuthorizationRequirements(schema),
        policies,
        callerOf: (context) => context.caller,
      }),
    ).toThrow('the schema uses @policy names with no registered policy function: citizen_self')
  })
})

describe('createAuthorizationPlugin in the gateway, with the subgraphs enforcing too', () => {
  const peopleCalls: ResolverCalls = { count: 0 }
  const landCalls: ResolverCalls = { count: 0 }
  const subgraphServers = [createSubgraphServer(createPeopleSchema(peopleCalls)), createSubgraphServer(createLandSchema(landCalls))]
  let supergraphSdl = ''
  const gateways: ApolloServer<TestContext>[] = []

  /** A gateway over the running subgraphs, forwarding the caller; `authorize: false` leaves the checks to the subgraphs. */
  async function startGatewayServer(authorize: boolean, decisions?: AuthorizationDecision[]): Promise<ApolloServer<TestContext>> {
    const gateway = new ApolloGateway({
      supergraphSdl: supergraphForEnforcingGateway(supergraphSdl),
      buildService: ({ url }) =>
        new RemoteGraphQLDataSource<TestContext>({
          url,
          willSendRequest({ request, context }) {
            if (context.caller) request.http?.headers.set(CALLER_HEADER, JSON.stringify(context.caller))
          },
        }),
    })
    const server = new ApolloServer<TestContext>({
      gateway,
      includeStacktraceInErrorResponses: false,
      plugins: authorize ? [authorizationPlugin(supergraphSdl, decisions)] : [],
    })
    await server.start()
    gateways.push(server)
    return server
  }

  beforeAll(async () => {
    const urls = await Promise.all(
      subgraphServers.map((server) =>
        startStandaloneServer(server, {
          listen: { port: 0, host: '127.0.0.1' },
          context: async ({ req }) => {
            const header = req.headers[CALLER_HEADER]
            return { caller: typeof header === 'string' ? (JSON.parse(header) as TestCaller) : undefined }
          },
        }),
      ),
    )
    supergraphSdl = composeTestSupergraph([
      { name: 'people', url: urls[0]!.url, typeDefs: PEOPLE_TYPE_DEFS },
      { name: 'land', url: urls[1]!.url, typeDefs: LAND_TYPE_DEFS },
    ])
  })
  afterAll(async () => {
    for (const server of [...gateways, ...subgraphServers]) await server.stop()
  })

  it('needs the supergraph with the enforced SECURITY links acknowledged: @apollo/gateway refuses it as composed', async () => {
    await expect(new ApolloGateway({ supergraphSdl }).load()).rejects.toThrow(
      'feature https://specs.apollo.dev/authenticated/v0.1 is for: SECURITY but is unsupported',
    )
    const prepared = supergraphForEnforcingGateway(supergraphSdl)
    expect(prepared).toContain('@link(url: "https://specs.apollo.dev/requiresScopes/v0.1")')
    expect(prepared).toContain('@link(url: "https://specs.apollo.dev/join/v0.4", for: EXECUTION)')
    expect(prepared.length).toBe(supergraphSdl.length - 3 * ', for: SECURITY'.length)
  })

  it('refuses at the gateway with FORBIDDEN before any subgraph is called', async () => {
    const gateway = await startGatewayServer(true)
    peopleCalls.count = 0
    landCalls.count = 0
    const response = await gateway.executeOperation(
      { query: CITIZEN_WITH_LAND, variables: { id: SELF_ID } },
      { contextValue: { caller: official('population:read', 'land:read') } },
    )
    const result = singleResult(response)
    expect(response.http.status).toBe(403)
    expect(result).not.toHaveProperty('data')
    expect(result.errors?.map((error) => [error.extensions?.['code'], error.extensions?.['denied']])).toEqual([
      ['FORBIDDEN', [{ coordinate: 'LandRight.encumbered', paths: ['citizen.landRights.encumbered'], missingScopes: [['land:encumbrances']] }]],
    ])
    expect(peopleCalls.count + landCalls.count).toBe(0)
  })

  it('runs an allowed operation across both subgraphs, each of which checks it again, and reports the fields read', async () => {
    const decisions: AuthorizationDecision[] = []
    const gateway = await startGatewayServer(true, decisions)
    landCalls.count = 0
    const response = await gateway.executeOperation(
      { query: CITIZEN_WITH_LAND, variables: { id: SELF_ID } },
      { contextValue: { caller: official('population:read', 'land:read', 'land:encumbrances') } },
    )
    expect(singleResult(response)).toEqual({
      data: { citizen: { fullName: 'Nguyễn Thị Lan', landRights: [{ parcelId: '10141-1-1', share: 0.5, encumbered: true }] } },
    })
    expect(landCalls.count).toBe(2)
    expect(decisions).toEqual([
      {
        allowed: true,
        fields: ['Query.citizen', 'Citizen.fullName', 'Citizen.landRights', 'LandRight.parcelId', 'LandRight.share', 'LandRight.encumbered'],
      },
    ])
  })

  it('is backed by the subgraph: with no check at the gateway, the land subgraph refuses its `_entities` query', async () => {
    const gateway = await startGatewayServer(false)
    landCalls.count = 0
    const response = await gateway.executeOperation(
      { query: CITIZEN_WITH_LAND, variables: { id: SELF_ID } },
      { contextValue: { caller: official('population:read', 'land:read') } },
    )
    const result = singleResult(response)
    expect(result.data).toEqual({ citizen: null })
    // @apollo/gateway turns the subgraph's HTTP 403 into FORBIDDEN, keeping the subgraph's answer under `response`
    // (which the gateway's error masking strips before the caller sees it).
    const [error] = result.errors ?? []
    expect(error?.extensions?.['code']).toBe('FORBIDDEN')
    const subgraphAnswer = (error?.extensions?.['response'] as { body: { errors: { extensions: { denied: { coordinate: string }[] } }[] } }).body
    expect(subgraphAnswer.errors[0]?.extensions.denied.map((denied) => denied.coordinate)).toEqual(['LandRight.encumbered'])
    expect(landCalls.count).toBe(0)
  })
})
