import { writeFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Supergraph } from '@apollo/federation-internals'
import { ApolloServer, type ApolloServerPlugin, type GraphQLRequest } from '@apollo/server'
import { expressMiddleware } from '@as-integrations/express5'
import { startHttpServer, type RunningHttpServer } from '@lienthong/lib'
import { supergraphForEnforcingGateway } from '@lienthong/lib/authorization'
import { readSupergraphSdl } from '@lienthong/schema'
import express from 'express'
import { buildSchema, getIntrospectionQuery, getOperationAST, Kind, parse, validate, type GraphQLFormattedError, type GraphQLSchema, type ParseOptions } from 'graphql'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAuthenticator, readAuthenticationConfig, type Authenticator } from '../src/auth/authentication.js'
import type { Caller } from '../src/auth/caller.js'
import { signDevelopmentToken, type DevelopmentTokenOptions } from '../src/auth/development-issuer.js'
import { createExplorerRouter } from '../src/explorer/explorer-route.js'
import { createGraphQLBodyParser, DEFAULT_REQUEST_BODY_LIMIT } from '../src/plugins/batch-and-size.js'
import { estimateOperationCost, LIENTHONG_LIST_SIZES } from '../src/plugins/cost-estimate.js'
import { createExplorerGuard, createIntrospectionGuardPlugin, introspects, isExplorerEnabled } from '../src/plugins/introspection.js'
import { createLimitPlugins, DEFAULT_OPERATION_LIMITS, measureOperation } from '../src/plugins/limits.js'
import { createRateLimitPlugin, DEFAULT_RATE_LIMITS, rateLimitIdentityOf, readRateLimits, type RateLimits } from '../src/plugins/rate-limit.js'
import {
  buildTrustedOperationsManifest,
  createTrustedOperationsPlugin,
  documentHash,
  readTrustedOperationsManifest,
  trustedOperationDocument,
  type TrustedOperationsManifest,
} from '../src/plugins/trusted-operations.js'

/** What the hardening plugins read from the gateway's context. */
interface TestContext {
  caller?: Caller | undefined
  clientAddress?: string | undefined
}

const CITIZEN_PROFILE = trustedOperationDocument('citizen-profile')
const APPLICATION_DRAFT = trustedOperationDocument('application-draft')

/** The API schema the gateway serves, to measure real queries against. */
const apiSchema: GraphQLSchema = Supergraph.build(supergraphForEnforcingGateway(readSupergraphSdl())).apiSchema().toGraphQLJSSchema()

/**
 * A small schema with the shapes the limits are about, under the supergraph's
 * own coordinates so that LIENTHONG_LIST_SIZES applies: recursion
 * (father, children), paginated lists with `first` and a default, a list
 * sized by its argument.
 */
const TEST_TYPE_DEFS = /* GraphQL */ `
  type Query {
    citizen(personalId: ID!): Citizen
    citizens(personalIds: [ID!]!): [Citizen]!
    searchCitizens(fullName: String, first: Int = 20, after: String): CitizenConnection!
    provinces: [AdministrativeUnit!]!
    province(code: ID!): AdministrativeUnit
    convertLegacyAddresses(addresses: [String!]!): [AddressConversion!]!
  }
  type Citizen {
    personalId: ID!
    fullName: String!
    father: Citizen
    children: [Citizen!]!
  }
  type CitizenConnection { edges: [CitizenEdge!]! }
  type CitizenEdge { cursor: String! node: Citizen! }
  type AdministrativeUnit {
    code: ID!
    name: String!
    communes(first: Int = 50, after: String): AdministrativeUnitConnection!
  }
  type AdministrativeUnitConnection { totalCount: Int! nodes: [AdministrativeUnit!]! }
  type AddressConversion { status: String! commune: AdministrativeUnit candidates: [AddressCandidate!]! }
  type AddressCandidate { commune: AdministrativeUnit! isPrimary: Boolean! }
`

/** Root fields resolved, to prove that a refused request executes nothing. */
const executed = { rootFields: 0 }
const citizenOf = (personalId: string) => ({ personalId, fullName: 'Nguyễn Văn An' })
const SAI_GON = { code: '26740', name: 'Phường Sài Gòn' }
const TEST_RESOLVERS = {
  Query: {
    citizen: (_: unknown, { personalId }: { personalId: string }) => (executed.rootFields++, citizenOf(personalId)),
    citizens: (_: unknown, { personalIds }: { personalIds: string[] }) => (executed.rootFields++, personalIds.map(citizenOf)),
    searchCitizens: () => (executed.rootFields++, { edges: [{ cursor: 'c1', node: citizenOf('001090012345') }] }),
    provinces: () => (executed.rootFields++, [{ code: '79', name: 'Thành phố Hồ Chí Minh' }]),
    province: (_: unknown, { code }: { code: string }) => (executed.rootFields++, { code, name: 'Thành phố Hồ Chí Minh' }),
    convertLegacyAddresses: (_: unknown, { addresses }: { addresses: string[] }) => (
      executed.rootFields++, addresses.map(() => ({ status: 'EXACT', commune: SAI_GON, candidates: [] }))
    ),
  },
  Citizen: {
    father: (citizen: { personalId: string }) => citizenOf(`${citizen.personalId}-father`),
    children: () => [],
  },
  AdministrativeUnit: {
    communes: () => ({ totalCount: 1, nodes: [SAI_GON] }),
  },
}

interface TestServerOptions {
  plugins?: ApolloServerPlugin<TestContext>[]
  parseOptions?: ParseOptions
}

/** A real ApolloServer over the test schema, configured as the gateway is (no stack traces, introspection on). */
async function startTestServer({ plugins = [], parseOptions }: TestServerOptions = {}): Promise<ApolloServer<TestContext>> {
  const server = new ApolloServer<TestContext>({
    typeDefs: TEST_TYPE_DEFS,
    resolvers: TEST_RESOLVERS,
    includeStacktraceInErrorResponses: false,
    introspection: true,
    ...(parseOptions ? { parseOptions } : {}),
    plugins,
  })
  await server.start()
  return server
}

interface Outcome {
  status: number | undefined
  headers: Map<string, string>
  data: Record<string, unknown> | null | undefined
  errors: readonly GraphQLFormattedError[] | undefined
}

async function execute(server: ApolloServer<TestContext>, request: GraphQLRequest, contextValue: TestContext = {}): Promise<Outcome> {
  const response = await server.executeOperation(request, { contextValue })
  if (response.body.kind !== 'single') throw new Error('expected a single result')
  const { data, errors } = response.body.singleResult
  return { status: response.http.status, headers: response.http.headers, data, errors }
}

/** The one error of a refused request, after checking that it carries no stack trace. */
function refusalOf(outcome: Outcome): GraphQLFormattedError {
  expect(outcome.errors).toHaveLength(1)
  const [error] = outcome.errors!
  expect(outcome.data ?? undefined).toBeUndefined()
  expect(error!.extensions).not.toHaveProperty('stacktrace')
  return error!
}

// Real tokens from a development issuer of the test's own, verified by the real authenticator.
let issuerDirectory: string
let authenticator: Authenticator
const token = (options: DevelopmentTokenOptions) => signDevelopmentToken({ ...options, directory: issuerDirectory, env: {} })

beforeAll(async () => {
  issuerDirectory = await mkdtemp(path.join(tmpdir(), 'lienthong-hardening-issuer-'))
  authenticator = await createAuthenticator(readAuthenticationConfig({}, { developmentIssuerDirectory: issuerDirectory }))
})

afterAll(async () => {
  await rm(issuerDirectory, { recursive: true, force: true })
})

interface TestGateway {
  graphqlUrl: string
  post(body: unknown, init?: { token?: string; headers?: Record<string, string> }): Promise<{ status: number; headers: Headers; body: { data?: Record<string, unknown> | null; errors?: GraphQLFormattedError[] } }>
  stop(): Promise<void>
}

/** The test server behind express as the gateway serves it: body parser, bearer token, client address. */
async function startTestGateway(options: TestServerOptions = {}): Promise<TestGateway> {
  const server = await startTestServer(options)
  const app = express()
  app.use(
    '/graphql',
    ...createGraphQLBodyParser(),
    expressMiddleware(server, {
      context: async ({ req }): Promise<TestContext> => ({ caller: await authenticator.authenticate(req.headers.authorization), clientAddress: req.ip }),
    }),
  )
  let http: RunningHttpServer
  try {
    http = await startHttpServer(app, { port: 0, host: '127.0.0.1' })
  } catch (error) {
    await server.stop()
    throw error
  }
  const graphqlUrl = `${http.url}/graphql`
  return {
    graphqlUrl,
    async post(body, { token: bearer, headers = {} } = {}) {
      const response = await fetch(graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      })
      return { status: response.status, headers: response.headers, body: (await response.json()) as never }
    },
    async stop() {
      await http.stop()
      await server.stop()
    },
  }
}

const nested = (field: string, levels: number, leaf: string) => `${`${field} { `.repeat(levels)}${leaf}${' }'.repeat(levels)}`

describe('operation limits', () => {
  describe('the real queries, measured against the supergraph API schema', () => {
    it('when the citizen profile is measured, then every limit leaves it headroom (depth 3 levels, tokens and cost 3×)', () => {
      const profile = measureOperation(apiSchema, CITIZEN_PROFILE, { variables: { personalId: '001090012345' } })

      expect(profile.depth).toBeLessThanOrEqual(DEFAULT_OPERATION_LIMITS.maxDepth - 3)
      expect(profile.aliases).toBeLessThanOrEqual(DEFAULT_OPERATION_LIMITS.maxAliases)
      expect(profile.directives).toBeLessThanOrEqual(DEFAULT_OPERATION_LIMITS.maxDirectives)
      expect(profile.tokens * 3).toBeLessThanOrEqual(DEFAULT_OPERATION_LIMITS.maxTokens)
      expect(profile.cost * 3).toBeLessThanOrEqual(DEFAULT_OPERATION_LIMITS.maxCost)
    })

    it('when the application draft is measured, then every limit leaves it headroom', () => {
      const draft = measureOperation(apiSchema, APPLICATION_DRAFT)

      expect(draft.depth).toBeLessThanOrEqual(DEFAULT_OPERATION_LIMITS.maxDepth - 3)
      expect(draft.tokens * 3).toBeLessThanOrEqual(DEFAULT_OPERATION_LIMITS.maxTokens)
      expect(draft.cost * 3).toBeLessThanOrEqual(DEFAULT_OPERATION_LIMITS.maxCost)
    })

    it('when the real queries run through the limit plugins over the API schema, then none is refused', async () => {
      const limits = createLimitPlugins<TestContext>()
      const server = new ApolloServer<TestContext>({ schema: apiSchema, parseOptions: limits.parseOptions, plugins: limits.plugins })
      await server.start()
      try {
        const profile = await server.executeOperation({ query: CITIZEN_PROFILE, variables: { personalId: '001090012345' } })
        const draft = await server.executeOperation({
          query: APPLICATION_DRAFT,
          variables: { input: { procedureCode: '1.000894', applicantId: '001090012345', parties: [] } },
        })

        for (const response of [profile, draft]) {
          expect(response.body.kind).toBe('single')
          expect(response.body.kind === 'single' && response.body.singleResult.errors).toBeUndefined()
        }
      } finally {
        await server.stop()
      }
    })

    it('when bulk queries officials and portals run are measured, then they fit the cost limit, and a search returning full profiles does not', () => {
      const cost = (source: string, variables?: Record<string, unknown>) => measureOperation(apiSchema, source, { ...(variables ? { variables } : {}) }).cost
      const profileFragments = CITIZEN_PROFILE.slice(CITIZEN_PROFILE.indexOf('fragment Place'))
      const discrepancySweep = `query Sweep($first: Int!) { allCitizens(first: $first) { pageInfo { endCursor } edges { node { personalId
        civilStatusDiscrepancies { field } landDiscrepancies { field } businessDiscrepancies { field } insuranceDiscrepancies { field } } } } }`

      // npm run quality's page of 500 citizens with their four discrepancy lists.
      expect(cost(discrepancySweep, { first: 500 })).toBeLessThanOrEqual(DEFAULT_OPERATION_LIMITS.maxCost)
      // Every commune of the country in one request, for a portal's pickers.
      expect(cost('{ provinces { code name communes(first: 500) { nodes { code name } } } }')).toBe(34 * (1 + 1 + 500))
      // The README's conversion selection over 1,000 addresses, the most convertLegacyAddresses takes.
      const addresses = Array.from({ length: 1_000 }, () => 'Phường Đa Kao, Quận 1')
      expect(
        cost(
          'query($a: [String!]!) { convertLegacyAddresses(addresses: $a) { status commune { code name } legacyCommune { name district { name } } candidates { commune { code name } relation isPrimary } } }',
          { a: addresses },
        ),
      ).toBeLessThanOrEqual(DEFAULT_OPERATION_LIMITS.maxCost)
      // A desk's case list: fifty applicants with their whole cross-register profile.
      expect(cost(`{ citizens(personalIds: $ids) { ...CitizenProfile } } ${profileFragments}`.replace('{ citizens', 'query($ids: [PersonalId!]!) { citizens'), { ids: Array.from({ length: 50 }, (_, i) => `00109${String(i).padStart(7, '0')}`) })).toBeLessThanOrEqual(DEFAULT_OPERATION_LIMITS.maxCost)
      // A hundred whole cross-register profiles from one name search is bulk extraction.
      expect(cost(`{ searchCitizens(filter: { fullName: "Nguyễn Văn An" }, first: 100) { edges { node { ...CitizenProfile } } } } ${profileFragments}`)).toBeGreaterThan(
        DEFAULT_OPERATION_LIMITS.maxCost,
      )
    })
  })

  describe('each limit exceeded', () => {
    let server: ApolloServer<TestContext>
    beforeAll(async () => {
      // The cost cases below are sized for a limit of 30,000 on this small schema.
      server = await startTestServer({ plugins: createLimitPlugins<TestContext>({ maxCost: 30_000 }).plugins })
    })
    afterAll(async () => {
      await server?.stop()
    })

    it('when a query nests 12 levels (a citizen’s fathers), then it is refused with QUERY_TOO_DEEP and HTTP 400, and nothing executes', async () => {
      const before = executed.rootFields
      const outcome = await execute(server, { query: `{ citizen(personalId: "001090012345") { ${nested('father', 10, 'fullName')} } }` })

      const error = refusalOf(outcome)
      expect(error.extensions?.code).toBe('QUERY_TOO_DEEP')
      expect(error.message).toBe('Query depth limit of 10 exceeded, found 12.')
      expect(outcome.status).toBe(400)
      expect(executed.rootFields).toBe(before)
    })

    it('when a query nests exactly 10 levels, then it runs', async () => {
      const outcome = await execute(server, { query: `{ citizen(personalId: "001090012345") { ${nested('father', 8, 'fullName')} } }` })

      expect(outcome.errors).toBeUndefined()
      expect(outcome.data?.citizen).toMatchObject({ father: { father: {} } })
    })

    it('when fragments spread the depth out, then they count as their fields do', async () => {
      const query = `{ citizen(personalId: "001090012345") { ...F1 } }
        fragment F1 on Citizen { father { father { father { ...F2 } } } }
        fragment F2 on Citizen { father { father { father { father { father { father { fullName } } } } } } }`

      expect(refusalOf(await execute(server, { query })).extensions?.code).toBe('QUERY_TOO_DEEP')
    })

    it('when a query uses 11 aliases, then it is refused with TOO_MANY_ALIASES and HTTP 400', async () => {
      const aliases = Array.from({ length: 11 }, (_, index) => `c${index}: citizen(personalId: "00109001234${index % 10}") { fullName }`).join(' ')
      const outcome = await execute(server, { query: `{ ${aliases} }` })

      const error = refusalOf(outcome)
      expect(error.extensions?.code).toBe('TOO_MANY_ALIASES')
      expect(error.message).toBe('Aliases limit of 10 exceeded, found 11.')
      expect(outcome.status).toBe(400)
    })

    it('when a query uses 21 directives, then it is refused with TOO_MANY_DIRECTIVES and HTTP 400', async () => {
      const fields = Array.from({ length: 21 }, () => 'fullName @include(if: true)').join(' ')
      const outcome = await execute(server, { query: `{ citizen(personalId: "001090012345") { ${fields} } }` })

      const error = refusalOf(outcome)
      expect(error.extensions?.code).toBe('TOO_MANY_DIRECTIVES')
      expect(outcome.status).toBe(400)
    })

    it('when a document holds more than 1,000 tokens and the server parses without the limit, then the plugin refuses it with TOO_MANY_TOKENS', async () => {
      // 400 distinct aliases: 1,200 tokens. (1,000 copies of one field would stop in graphql-js's own overlap check first.)
      const fields = Array.from({ length: 400 }, (_, index) => `n${index}: fullName`).join(' ')
      const outcome = await execute(server, { query: `{ citizen(personalId: "001090012345") { ${fields} } }` })

      const error = refusalOf(outcome)
      expect(error.extensions?.code).toBe('TOO_MANY_TOKENS')
      expect(error.message).toMatch(/^Token limit of 1000 exceeded/)
      expect(outcome.status).toBe(400)
    })

    it('when a page size comes in a variable, then the cost counts it: 200 citizens with children run, 500 are refused with QUERY_TOO_COSTLY', async () => {
      const query = 'query Search($first: Int) { searchCitizens(fullName: "An", first: $first) { edges { node { children { children { fullName } } } } } }'

      expect((await execute(server, { query, variables: { first: 200 } })).errors).toBeUndefined()
      const outcome = await execute(server, { query, variables: { first: 500 } })
      const error = refusalOf(outcome)
      expect(error.extensions?.code).toBe('QUERY_TOO_COSTLY')
      expect(error.message).toMatch(/^Query cost limit of 30000 exceeded, found 56001:/)
      expect(outcome.status).toBe(400)
    })

    it('when the page size is a literal or the schema default, then the cost counts it too', async () => {
      const selection = '{ edges { node { children { children { fullName } } } } }'

      expect(refusalOf(await execute(server, { query: `{ searchCitizens(first: 500) ${selection} }` })).extensions?.code).toBe('QUERY_TOO_COSTLY')
      expect((await execute(server, { query: `{ searchCitizens ${selection} }` })).errors).toBeUndefined()
      expect(refusalOf(await execute(server, { query: `query($n: Int = 500) { searchCitizens(first: $n) ${selection} }` })).extensions?.code).toBe(
        'QUERY_TOO_COSTLY',
      )
    })

    it('when nested pages multiply (communes of every province), then the product counts', async () => {
      const outcome = await execute(server, { query: '{ provinces { communes(first: 500) { nodes { communes(first: 500) { nodes { code } } } } } }' })

      expect(refusalOf(outcome).extensions?.code).toBe('QUERY_TOO_COSTLY')
    })

    it('when a list argument sizes the answer, then its length counts', async () => {
      const query = 'query($ids: [ID!]!) { citizens(personalIds: $ids) { children { children { fullName } } } }'
      const ids = (count: number) => Array.from({ length: count }, (_, index) => String(index).padStart(12, '0'))

      expect((await execute(server, { query, variables: { ids: ids(100) } })).errors).toBeUndefined()
      expect(refusalOf(await execute(server, { query, variables: { ids: ids(500) } })).extensions?.code).toBe('QUERY_TOO_COSTLY')
    })

    it('when graphql-armor’s field suggestions are blocked, then a typo does not reveal the field it resembles', async () => {
      const blocking = await startTestServer({ plugins: createLimitPlugins<TestContext>({ blockFieldSuggestions: true }).plugins })
      try {
        const outcome = await execute(blocking, { query: '{ citizen(personalId: "1") { fulName } }' })
        expect(outcome.errors?.[0]?.message).not.toContain('fullName')
        expect(outcome.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED')
      } finally {
        await blocking.stop()
      }
    })

    it('when a limit is not a whole number, then the plugins are not created', () => {
      expect(() => createLimitPlugins({ maxDepth: 2.5 })).toThrow(/maxDepth/)
    })
  })

  describe('the cost estimate (@listSize semantics)', () => {
    const schema = buildSchema(TEST_TYPE_DEFS)
    const costOf = (schema: GraphQLSchema, source: string, variables: Record<string, unknown> = {}) => {
      const document = parse(source)
      expect(validate(schema, document)).toEqual([])
      const fragments = Object.fromEntries(
        document.definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION).map((fragment) => [fragment.name.value, fragment]),
      )
      return estimateOperationCost(schema, getOperationAST(document)!, fragments, { assumedListSize: 10, variables })
    }

    it('when a connection is sliced, then `first` sizes its edges, not the connection, and unknown lists count 10', () => {
      // 1 connection + 3 × (edge 1 + node 1 + 10 children × 1)
      expect(costOf(schema, '{ searchCitizens(first: 3) { edges { node { fullName children { fullName } } } } }')).toBe(1 + 3 * 12)
      expect(costOf(schema, '{ searchCitizens { edges { cursor } } }')).toBe(1 + 20)
      expect(costOf(schema, 'query($first: Int) { searchCitizens(first: $first) { edges { cursor } } }', { first: 7 })).toBe(1 + 7)
      // Scalars and __typename cost nothing; an object 1.
      expect(costOf(schema, '{ citizen(personalId: "1") { __typename personalId fullName father { fullName } } }')).toBe(2)
      expect(costOf(schema, '{ provinces { code } }')).toBe(34)
      expect(costOf(schema, '{ ...Q } fragment Q on Query { provinces { code } }')).toBe(34)
    })

    it('lists the supergraph coordinates it sizes, each of which exists in the API schema with its slicing arguments', () => {
      for (const [coordinate, listSize] of Object.entries(LIENTHONG_LIST_SIZES)) {
        const [typeName, fieldName] = coordinate.split('.') as [string, string]
        const field = (apiSchema.getType(typeName) as { getFields?(): Record<string, { args: { name: string }[] }> }).getFields?.()[fieldName]
        expect(field, coordinate).toBeDefined()
        for (const argument of listSize.slicingArguments ?? []) expect(field!.args.map(({ name }) => name), coordinate).toContain(argument)
      }
    })
  })
})

describe('batches and request size', () => {
  let gateway: TestGateway
  beforeAll(async () => {
    const limits = createLimitPlugins<TestContext>()
    gateway = await startTestGateway({ plugins: limits.plugins, parseOptions: limits.parseOptions })
  })
  afterAll(async () => {
    await gateway?.stop()
  })

  it('when a body is a batch (a JSON array of operations), then Apollo Server refuses it with BAD_REQUEST and HTTP 400, and nothing executes', async () => {
    const before = executed.rootFields
    const { status, body } = await gateway.post([{ query: '{ provinces { code } }' }, { query: '{ provinces { name } }' }])

    expect(status).toBe(400)
    expect(body.errors).toEqual([{ message: 'Operation batching disabled.', extensions: { code: 'BAD_REQUEST' } }])
    expect(executed.rootFields).toBe(before)
  })

  it(`when a body is over ${DEFAULT_REQUEST_BODY_LIMIT}, then it is refused with REQUEST_TOO_LARGE and HTTP 413, as JSON`, async () => {
    const { status, body } = await gateway.post({ query: '{ provinces { code } }', variables: { padding: 'x'.repeat(600 * 1024) } })

    expect(status).toBe(413)
    expect(body.errors).toEqual([{ message: `Request body too large: at most ${DEFAULT_REQUEST_BODY_LIMIT}. Split the request.`, extensions: { code: 'REQUEST_TOO_LARGE' } }])
  })

  it('when a body is not JSON, then it is refused with BAD_REQUEST and HTTP 400, as JSON', async () => {
    const { status, body } = await gateway.post('{"query": ')

    expect(status).toBe(400)
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST')
  })

  it('when 1,000 long Vietnamese addresses come as a variable, then the body fits and the conversion runs', async () => {
    const address = 'Số 12, hẻm 34/56, đường Nguyễn Thị Minh Khai, Tổ dân phố 7, Khu phố 3, Phường Đa Kao, Quận 1, Thành phố Hồ Chí Minh, Việt Nam; '.repeat(3)
    const addresses = Array.from({ length: 1_000 }, (_, index) => `${index} ${address}`)
    const body = { query: 'query Convert($addresses: [String!]!) { convertLegacyAddresses(addresses: $addresses) { status commune { code name } } }', variables: { addresses } }
    expect(Buffer.byteLength(JSON.stringify(body))).toBeGreaterThan(350_000)

    const { status, body: answer } = await gateway.post(body)

    expect(status).toBe(200)
    expect(answer.errors).toBeUndefined()
    expect(answer.data?.convertLegacyAddresses).toHaveLength(1_000)
  })

  it('when a document over 1,000 tokens reaches the parser, then the parser stops and the refusal says TOO_MANY_TOKENS, HTTP 400', async () => {
    const { status, body } = await gateway.post({ query: `{ citizen(personalId: "001090012345") { ${'fullName '.repeat(5_000)} } }` })

    expect(status).toBe(400)
    expect(body.errors).toHaveLength(1)
    expect(body.errors?.[0]?.extensions?.code).toBe('TOO_MANY_TOKENS')
    expect(body.errors?.[0]?.message).toMatch(/^Token limit of 1000 exceeded/)
  })

  it('when a document has a plain syntax error, then it stays GRAPHQL_PARSE_FAILED', async () => {
    const { status, body } = await gateway.post({ query: '{ provinces { code }' })

    expect(status).toBe(400)
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED')
  })
})

describe('trusted operations', () => {
  describe('the manifest in the repository', () => {
    const committed = readTrustedOperationsManifest()

    it('when rebuilt from gateway/trusted-operations/, then it equals the committed manifest (ids are the SHA-256 of the bodies)', () => {
      expect(committed).toEqual(buildTrustedOperationsManifest())
      for (const operation of committed.operations) expect(operation.id).toBe(documentHash(operation.body))
    })

    it('registers what a portal and the scripts run (the tests send the same files: gateway/trusted-operations/)', () => {
      const byName = new Map(committed.operations.map((operation) => [operation.name, operation]))

      expect([...byName.keys()].sort()).toEqual([
        'ApplicationDraft',
        'CitizenProfile',
        'Commune',
        'ConvertLegacyAddress',
        // npm run bench -- boundary: a portal converting legacy addresses in bulk.
        'ConvertLegacyAddresses',
        // npm run report:drafts and npm run quality, which act as the scripts' machine client.
        'DraftOutcome',
        'ProvinceCommunes',
        'Provinces',
        'RegisterDiscrepancies',
        'RegisterMappingQuality',
        'ReportNationCheck',
        'ReportProcedures',
      ])
      expect(byName.get('CitizenProfile')?.body).toMatch(/^query CitizenProfile\(\$personalId: PersonalId!\)/m)
    })

    it('when validated against the supergraph API schema, then every registered operation is valid and within the limits', () => {
      for (const { name, body } of committed.operations) {
        expect(validate(apiSchema, parse(body)), name).toEqual([])
        const measured = measureOperation(apiSchema, body)
        expect(measured.depth, name).toBeLessThanOrEqual(DEFAULT_OPERATION_LIMITS.maxDepth)
        expect(measured.tokens, name).toBeLessThanOrEqual(DEFAULT_OPERATION_LIMITS.maxTokens)
        expect(measured.cost, name).toBeLessThanOrEqual(DEFAULT_OPERATION_LIMITS.maxCost)
      }
    })

    it('when a manifest’s id is not the hash of its body, then reading it fails', async () => {
      const directory = await mkdtemp(path.join(tmpdir(), 'lienthong-manifest-'))
      try {
        const tampered = structuredClone(committed)
        tampered.operations[0]!.body = tampered.operations[0]!.body.replace('query', 'query ')
        const file = path.join(directory, 'trusted-operations.json')
        writeFileSync(file, JSON.stringify(tampered))

        expect(() => readTrustedOperationsManifest(file)).toThrow(/is not the SHA-256 of its body/)
      } finally {
        await rm(directory, { recursive: true, force: true })
      }
    })
  })

  describe('the plugin', () => {
    const PROVINCES = 'query Provinces {\n  provinces { code name }\n}\n'
    const manifest: TrustedOperationsManifest = {
      format: 'apollo-persisted-query-manifest',
      version: 1,
      operations: [{ id: documentHash(PROVINCES), name: 'Provinces', type: 'query', body: PROVINCES }],
    }
    let gateway: TestGateway
    let portal: string
    let official: string

    beforeAll(async () => {
      gateway = await startTestGateway({ plugins: [createTrustedOperationsPlugin<TestContext>({ manifest })] })
      portal = await token({ kind: 'machine', clientId: 'dvcqg', scopes: ['population:read'] })
      official = await token({ kind: 'official', agency: 'UBND-P-26734', roles: ['can-bo-ho-tich'], jurisdiction: ['79'] })
    })
    afterAll(async () => {
      await gateway?.stop()
    })

    it('when a machine client runs an operation not in the manifest, then it is refused with OPERATION_NOT_TRUSTED and HTTP 403, and nothing executes', async () => {
      const before = executed.rootFields
      const { status, body } = await gateway.post({ query: '{ citizen(personalId: "001090012345") { fullName } }' }, { token: portal })

      expect(status).toBe(403)
      expect(body.errors).toHaveLength(1)
      expect(body.errors?.[0]?.extensions?.code).toBe('OPERATION_NOT_TRUSTED')
      expect(body.data ?? undefined).toBeUndefined()
      expect(executed.rootFields).toBe(before)
    })

    it('when a machine client sends a registered document as its exact text, then it runs', async () => {
      const { status, body } = await gateway.post({ query: PROVINCES }, { token: portal })

      expect(status).toBe(200)
      expect(body.data?.provinces).toEqual([{ code: '79', name: 'Thành phố Hồ Chí Minh' }])
    })

    it('when a machine client sends only the id (APQ style), then the document comes from the manifest and runs', async () => {
      const { status, body } = await gateway.post({ extensions: { persistedQuery: { version: 1, sha256Hash: documentHash(PROVINCES) } } }, { token: portal })

      expect(status).toBe(200)
      expect(body.data?.provinces).toEqual([{ code: '79', name: 'Thành phố Hồ Chí Minh' }])
    })

    it('when the text differs by one space, or the id is unknown, or the document does not even parse, then it is refused the same way', async () => {
      const attempts = [
        { query: PROVINCES.replace('{ code', '{  code') },
        { extensions: { persistedQuery: { version: 1, sha256Hash: documentHash('{ provinces { code } }') } } },
        { query: '{ provinces { code ' },
      ]
      for (const attempt of attempts) {
        const { status, body } = await gateway.post(attempt, { token: portal })
        expect(status, JSON.stringify(attempt)).toBe(403)
        expect(body.errors?.map((error) => error.extensions?.code)).toEqual(['OPERATION_NOT_TRUSTED'])
      }
    })

    it('when an official runs an operation not in the manifest, then the manifest does not apply', async () => {
      const { status, body } = await gateway.post({ query: '{ citizen(personalId: "001090012345") { fullName } }' }, { token: official })

      expect(status).toBe(200)
      expect(body.data?.citizen).toEqual({ fullName: 'Nguyễn Văn An' })
    })

    it('when an official sends a registered id, then it runs too', async () => {
      const { body } = await gateway.post({ extensions: { persistedQuery: { version: 1, sha256Hash: documentHash(PROVINCES) } } }, { token: official })

      expect(body.data?.provinces).toHaveLength(1)
    })
  })
})

describe('rate limits', () => {
  it('when nothing is configured, then machines get 600, officials 300, citizens 60 and anonymous callers 30 requests a minute', () => {
    expect(readRateLimits({})).toEqual({ machine: 600, official: 300, citizen: 60, anonymous: 30 })
    expect(DEFAULT_RATE_LIMITS).toEqual(readRateLimits({}))
  })

  it('when a variable sets a kind’s limit, then it applies; a malformed one stops the gateway naming the variable', () => {
    expect(readRateLimits({ LIENTHONG_RATE_LIMIT_MACHINE: '1200', LIENTHONG_RATE_LIMIT_ANONYMOUS: '10' })).toMatchObject({ machine: 1200, anonymous: 10, official: 300 })
    expect(() => readRateLimits({ LIENTHONG_RATE_LIMIT_CITIZEN: '0' })).toThrow(/LIENTHONG_RATE_LIMIT_CITIZEN/)
    expect(() => readRateLimits({ LIENTHONG_RATE_LIMIT_OFFICIAL: '30/min' })).toThrow(/LIENTHONG_RATE_LIMIT_OFFICIAL/)
  })

  it('when callers are told apart, then a machine counts by client id, an official by subject, a citizen by personal id, anyone else by address', () => {
    expect(rateLimitIdentityOf({ kind: 'machine', clientId: 'dvcqg', scopes: [] }, '10.0.0.1')).toEqual({ kind: 'machine', identity: 'dvcqg' })
    expect(rateLimitIdentityOf({ kind: 'official', subject: 'can-bo-01', agency: 'UBND', roles: [], scopes: [], jurisdiction: [] }, '10.0.0.1')).toEqual({
      kind: 'official',
      identity: 'can-bo-01',
    })
    expect(rateLimitIdentityOf({ kind: 'citizen', personalId: '001090012345', scopes: [] }, '10.0.0.1')).toEqual({ kind: 'citizen', identity: '001090012345' })
    expect(rateLimitIdentityOf(undefined, '203.0.113.7')).toEqual({ kind: 'anonymous', identity: '203.0.113.7' })
  })

  describe('over HTTP', () => {
    const limits: RateLimits = { machine: 4, official: 3, citizen: 2, anonymous: 2 }
    let gateway: TestGateway
    beforeAll(async () => {
      gateway = await startTestGateway({ plugins: [createRateLimitPlugin<TestContext>({ limits }), ...createLimitPlugins<TestContext>().plugins] })
    })
    afterAll(async () => {
      await gateway?.stop()
    })

    it('when a citizen goes over their limit, then the next request gets RATE_LIMITED, HTTP 429 and Retry-After, and another citizen is unaffected', async () => {
      const citizen = await token({ kind: 'citizen', personalId: '001090012345' })
      const neighbour = await token({ kind: 'citizen', personalId: '079185000123' })
      const query = { query: '{ provinces { code } }' }

      expect((await gateway.post(query, { token: citizen })).status).toBe(200)
      expect((await gateway.post(query, { token: citizen })).status).toBe(200)
      const before = executed.rootFields
      const refused = await gateway.post(query, { token: citizen })

      expect(refused.status).toBe(429)
      expect(refused.body.errors).toHaveLength(1)
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED')
      expect(refused.body.errors?.[0]?.message).toMatch(/^Rate limit exceeded: at most 2 requests per minute for each citizen caller\. Retry in \d+ s\.$/)
      expect(refused.body.errors?.[0]?.message).not.toContain('001090012345')
      const retryAfter = Number(refused.headers.get('retry-after'))
      expect(retryAfter).toBeGreaterThanOrEqual(1)
      expect(retryAfter).toBeLessThanOrEqual(60)
      expect(executed.rootFields).toBe(before)
      expect((await gateway.post(query, { token: neighbour })).status).toBe(200)
    })

    it('when a limited caller sends a document that does not parse or exceeds another limit, then the answer is still 429 RATE_LIMITED', async () => {
      const official = await token({ kind: 'official', subject: 'can-bo-rate-test', agency: 'UBND-P-26734', jurisdiction: [] })
      for (let index = 0; index < limits.official; index++) expect((await gateway.post({ query: '{ provinces { code } }' }, { token: official })).status).toBe(200)

      for (const query of ['{ provinces { code ', `{ citizen(personalId: "1") { ${nested('father', 12, 'fullName')} } }`]) {
        const { status, body } = await gateway.post({ query }, { token: official })
        expect(status).toBe(429)
        expect(body.errors?.map((error) => error.extensions?.code)).toEqual(['RATE_LIMITED'])
      }
    })

    it('when anonymous callers go over their limit, then they are limited by address, and a machine client keeps its own allowance', async () => {
      const portal = await token({ kind: 'machine', clientId: 'dvcqg-rate-test' })
      const query = { query: '{ provinces { code } }' }
      await gateway.post(query)
      await gateway.post(query)

      const anonymous = await gateway.post(query)
      expect(anonymous.status).toBe(429)
      expect(anonymous.body.errors?.[0]?.message).toContain('at most 2 requests per minute for anonymous callers')
      expect((await gateway.post(query, { token: portal })).status).toBe(200)
    })
  })
})

describe('introspection and the explorer', () => {
  const SCHEMA_QUERY = '{ __schema { queryType { name } } }'

  describe('in production', () => {
    let server: ApolloServer<TestContext>
    beforeAll(async () => {
      const limits = createLimitPlugins<TestContext>()
      server = await startTestServer({ plugins: [createIntrospectionGuardPlugin<TestContext>({ production: true }), ...limits.plugins], parseOptions: limits.parseOptions })
    })
    afterAll(async () => {
      await server?.stop()
    })
    const official = (scopes: string[]): Caller => ({ kind: 'official', subject: 'can-bo-01', agency: 'UBND-P-26734', roles: [], scopes, jurisdiction: [] })

    it('when an anonymous caller or an official without the admin scope introspects, then it is refused with INTROSPECTION_DISABLED and HTTP 403', async () => {
      for (const contextValue of [{}, { caller: official(['population:read']) }]) {
        const outcome = await execute(server, { query: SCHEMA_QUERY }, contextValue)
        const error = refusalOf(outcome)
        expect(error.extensions?.code).toBe('INTROSPECTION_DISABLED')
        expect(outcome.status).toBe(403)
      }
    })

    it('when `__type` hides in a fragment, then it is refused too; `__typename` is not introspection', async () => {
      const hidden = await execute(server, { query: '{ ...T } fragment T on Query { __type(name: "Citizen") { name } }' })
      expect(refusalOf(hidden).extensions?.code).toBe('INTROSPECTION_DISABLED')

      const typename = await execute(server, { query: '{ __typename provinces { __typename code } }' })
      expect(typename.errors).toBeUndefined()
      expect(typename.data?.__typename).toBe('Query')
    })

    it('when a caller with the admin scope runs GraphiQL’s full introspection query, then it passes the guard and every limit', async () => {
      const outcome = await execute(server, { query: getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, inputValueDeprecation: true }) }, { caller: official(['admin']) })

      expect(outcome.errors).toBeUndefined()
      expect((outcome.data?.__schema as { types: unknown[] }).types.length).toBeGreaterThan(10)
    })
  })

  it('when not in production, then anyone may introspect', async () => {
    const server = await startTestServer({ plugins: [createIntrospectionGuardPlugin<TestContext>({ production: false })] })
    try {
      expect((await execute(server, { query: SCHEMA_QUERY })).data).toEqual({ __schema: { queryType: { name: 'Query' } } })
    } finally {
      await server.stop()
    }
  })

  it('recognises introspection anywhere in a document, and nothing else', () => {
    expect(introspects(parse('query A { provinces { code } } query B { __type(name: "X") { name } }'))).toBe(true)
    expect(introspects(parse('{ __typename provinces { code } }'))).toBe(false)
  })

  it('when NODE_ENV is production, then the explorer is off unless LIENTHONG_EXPLORER=on; elsewhere on unless it is off', () => {
    expect(isExplorerEnabled({ NODE_ENV: 'production' })).toBe(false)
    expect(isExplorerEnabled({ NODE_ENV: 'production', LIENTHONG_EXPLORER: 'on' })).toBe(true)
    expect(isExplorerEnabled({})).toBe(true)
    expect(isExplorerEnabled({ LIENTHONG_EXPLORER: 'off' })).toBe(false)
  })

  describe('the explorer guard', () => {
    const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8'
    const servers: RunningHttpServer[] = []
    const startExplorer = async (enabled: boolean) => {
      const app = express()
      app.use(createExplorerGuard({ enabled, endpointPath: '/graphql' }))
      app.use(createExplorerRouter({ endpointPath: '/graphql' }))
      // Where the GraphQL handler would be: proves which requests the guard lets through.
      app.get('/graphql', (_request, response) => {
        response.json({ data: { __typename: 'Query' } })
      })
      const http = await startHttpServer(app, { port: 0, host: '127.0.0.1' })
      servers.push(http)
      return http.url
    }
    afterAll(async () => {
      await Promise.all(servers.map((server) => server.stop()))
    })

    it('when the explorer is off, then a browser gets 404 for the page and its assets, and GraphQL GETs still go through', async () => {
      const url = await startExplorer(false)

      expect((await fetch(`${url}/graphql`, { headers: { accept: BROWSER_ACCEPT } })).status).toBe(404)
      expect((await fetch(`${url}/explorer/assets/explorer.js`)).status).toBe(404)
      const graphql = await fetch(`${url}/graphql?query=${encodeURIComponent('{ __typename }')}`, { headers: { accept: 'application/json' } })
      expect(graphql.status).toBe(200)
      expect(await graphql.json()).toEqual({ data: { __typename: 'Query' } })
    })

    it('when the explorer is on, then the page is served', async () => {
      const url = await startExplorer(true)
      const response = await fetch(`${url}/graphql`, { headers: { accept: BROWSER_ACCEPT } })

      expect(response.status).toBe(200)
      expect(await response.text()).toContain('<div id="graphiql">')
      expect((await fetch(`${url}/explorer/assets/explorer.js`)).status).toBe(200)
    })
  })
})
