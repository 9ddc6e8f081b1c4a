import { Supergraph } from '@apollo/federation-internals'
import {
  authorizeOperation,
  readAuthorizationRequirements,
  supergraphForEnforcingGateway,
  type AuthorizationDecision,
  type AuthorizationPolicies,
  type AuthorizationSubject,
  type PolicyInput,
} from '@lienthong/lib/authorization'
import { parse, validate } from 'graphql'
import { describe, expect, it } from 'vitest'
// Type only: the gateway's Caller and Purpose must fit the engine without the engine knowing them.
import type { Caller, Purpose } from '../../../gateway/src/auth/caller.js'
import {
  citizen,
  composeTestSupergraph,
  machine,
  MARRIAGE_CASE,
  official,
  OTHER_ID,
  SELF_ID,
  TEST_POLICIES,
  TEST_SUBGRAPHS,
  type TestCaller,
  type TestPurpose,
} from './fixtures.js'

// As the gateway runs it: requirements from the supergraph SDL, the walk on the API schema.
const supergraphSdl = composeTestSupergraph(TEST_SUBGRAPHS)
const apiSchema = Supergraph.build(supergraphForEnforcingGateway(supergraphSdl)).apiSchema().toGraphQLJSSchema()
const requirements = readAuthorizationRequirements(supergraphSdl)

interface RequestOptions {
  variables?: Record<string, unknown>
  purpose?: TestPurpose
  operationName?: string
  policies?: AuthorizationPolicies<TestCaller, TestPurpose>
}

async function authorize(query: string, caller: TestCaller | undefined, options: RequestOptions = {}): Promise<AuthorizationDecision> {
  const document = parse(query)
  expect(validate(apiSchema, document)).toEqual([])
  return authorizeOperation<TestCaller, TestPurpose>({
    schema: apiSchema,
    requirements,
    document,
    operationName: options.operationName,
    variables: options.variables,
    caller,
    purpose: options.purpose,
    policies: options.policies ?? TEST_POLICIES,
  })
}

/** "allowed", or the error code and the denied coordinates. */
function outcomeOf(decision: AuthorizationDecision): string | { code: unknown; denied: string[] } {
  if (decision.allowed) return 'allowed'
  return { code: decision.error.extensions['code'], denied: decision.denied.map((field) => field.coordinate) }
}

const CITIZEN = /* GraphQL */ `query Citizen($id: ID!) { citizen(personalId: $id) { personalId fullName } }`
const SENSITIVE = /* GraphQL */ `query Sensitive($id: ID!) { citizen(personalId: $id) { religion bloodGroup idCardNumber } }`
const forbidden = (...denied: string[]) => ({ code: 'FORBIDDEN', denied })

describe('authorizeOperation: callers × fields', () => {
  it.each<[string, TestCaller | undefined, string, Record<string, unknown>, ReturnType<typeof outcomeOf>]>([
    ['anonymous', undefined, CITIZEN, { id: SELF_ID }, { code: 'UNAUTHENTICATED', denied: ['Query.citizen', 'Citizen.personalId', 'Citizen.fullName'] }],
    ['an official without scopes', official(), CITIZEN, { id: SELF_ID }, forbidden('Citizen.fullName')],
    ['an official with population:read', official('population:read'), CITIZEN, { id: SELF_ID }, 'allowed'],
    ['a machine client with population:read', machine('population:read'), CITIZEN, { id: OTHER_ID }, 'allowed'],
    ['a citizen reading themself', citizen(SELF_ID, 'population:read'), CITIZEN, { id: SELF_ID }, 'allowed'],
    ['a citizen reading someone else', citizen(SELF_ID, 'population:read'), CITIZEN, { id: OTHER_ID }, forbidden('Query.citizen')],
    ['a citizen reading themself without the scope', citizen(SELF_ID), CITIZEN, { id: SELF_ID }, forbidden('Citizen.fullName')],
    ['population:read only, sensitive fields', official('population:read'), SENSITIVE, { id: SELF_ID }, forbidden('Citizen.religion', 'Citizen.bloodGroup', 'Citizen.idCardNumber')],
    ['admin: one alternative of the scalar only', official('population:read', 'admin'), SENSITIVE, { id: SELF_ID }, forbidden('Citizen.religion', 'Citizen.bloodGroup')],
    ['population:read AND population:sensitive', official('population:read', 'population:sensitive'), SENSITIVE, { id: SELF_ID }, 'allowed'],
    ['sensitive without read', official('population:sensitive'), SENSITIVE, { id: SELF_ID }, forbidden('Citizen.religion', 'Citizen.bloodGroup')],
  ])('%s', async (_name, caller, query, variables, expected) => {
    expect(outcomeOf(await authorize(query, caller, { variables }))).toEqual(expected)
  })

  it('says, per denied field, which scopes each alternative still lacks', async () => {
    const decision = await authorize(SENSITIVE, official('population:read'), { variables: { id: SELF_ID } })
    expect(decision.allowed).toBe(false)
    if (decision.allowed) return
    expect(decision.denied).toEqual([
      { coordinate: 'Citizen.religion', paths: ['citizen.religion'], missingScopes: [['population:sensitive']] },
      { coordinate: 'Citizen.bloodGroup', paths: ['citizen.bloodGroup'], missingScopes: [['population:sensitive']] },
      { coordinate: 'Citizen.idCardNumber', paths: ['citizen.idCardNumber'], missingScopes: [['admin'], ['population:sensitive']] },
    ])
    expect(decision.error.message).toBe('Not authorized to read Citizen.religion, Citizen.bloodGroup, Citizen.idCardNumber.')
    expect(decision.error.extensions['code']).toBe('FORBIDDEN')
    expect(decision.error.extensions['denied']).toEqual(decision.denied)
    expect(decision.error.extensions['http']).toEqual({ status: 403 })
  })

  it('tells an anonymous caller everything a field needs, with HTTP 401 and a Bearer challenge', async () => {
    const decision = await authorize(`{ citizen(personalId: "${SELF_ID}") { religion } }`, undefined)
    if (decision.allowed) throw new Error('expected a refusal')
    expect(decision.error.message).toBe('Authentication required to read Query.citizen, Citizen.religion.')
    expect(decision.denied).toEqual([
      { coordinate: 'Query.citizen', paths: ['citizen'], authenticationRequired: true, unmetPolicies: [['agency'], ['citizen_self']] },
      {
        coordinate: 'Citizen.religion',
        paths: ['citizen.religion'],
        authenticationRequired: true,
        missingScopes: [['population:read', 'population:sensitive']],
      },
    ])
    const http = decision.error.extensions['http'] as { status: number; headers: Map<string, string> }
    expect(http.status).toBe(401)
    expect(http.headers.get('www-authenticate')).toBe('Bearer')
  })

  it('lets anyone read public fields, __typename and introspection, and lists nothing for the audit but the fields read', async () => {
    const decision = await authorize(`{ __typename provinces { code name } __type(name: "Citizen") { fields { name } } }`, undefined)
    expect(decision).toEqual({ allowed: true, fields: ['Query.provinces', 'Province.code', 'Province.name'] })
  })

  it('lists every coordinate read, across subgraphs, for the audit trail', async () => {
    const decision = await authorize(
      `{ citizen(personalId: "${SELF_ID}") { fullName landRights { parcelId share } again: fullName } provinces { name } }`,
      official('population:read', 'land:read'),
    )
    expect(decision).toEqual({
      allowed: true,
      fields: ['Query.citizen', 'Citizen.fullName', 'Citizen.landRights', 'LandRight.parcelId', 'LandRight.share', 'Query.provinces', 'Province.name'],
    })
  })

  it('checks a nested field of another subgraph', async () => {
    const query = `{ citizen(personalId: "${SELF_ID}") { landRights { parcelId encumbered } } }`
    expect(outcomeOf(await authorize(query, official('land:read')))).toEqual(forbidden('LandRight.encumbered'))
    expect(outcomeOf(await authorize(query, official('land:read', 'land:encumbrances')))).toEqual('allowed')
  })
})

describe('authorizeOperation: policies', () => {
  it('evaluates a policy with the field arguments, variables and their defaults applied', async () => {
    const withDefault = `query ($id: ID! = "${SELF_ID}") { citizen(personalId: $id) { personalId } }`
    expect(outcomeOf(await authorize(withDefault, citizen(SELF_ID)))).toBe('allowed')
    expect(outcomeOf(await authorize(withDefault, citizen(SELF_ID), { variables: { id: OTHER_ID } }))).toEqual(forbidden('Query.citizen'))
    expect(outcomeOf(await authorize(`{ citizen(personalId: "${OTHER_ID}") { personalId } }`, citizen(OTHER_ID)))).toBe('allowed')
  })

  it('evaluates each selection with its own arguments: a citizen is refused the alias that reads someone else', async () => {
    const query = `{ me: citizen(personalId: "${SELF_ID}") { personalId } neighbour: citizen(personalId: "${OTHER_ID}") { personalId } }`
    const decision = await authorize(query, citizen(SELF_ID))
    if (decision.allowed) throw new Error('expected a refusal')
    expect(decision.denied).toEqual([{ coordinate: 'Query.citizen', paths: ['neighbour'], unmetPolicies: [['agency'], ['citizen_self']] }])
  })

  it('gives a policy the caller, the purpose, the arguments and the coordinate', async () => {
    const inputs: PolicyInput<TestCaller, TestPurpose>[] = []
    const recording: AuthorizationPolicies<TestCaller, TestPurpose> = Object.fromEntries(
      Object.entries(TEST_POLICIES).map(([name, policy]) => [name, (input: PolicyInput<TestCaller, TestPurpose>) => (inputs.push(input), policy(input))]),
    )
    const caller = citizen(SELF_ID)
    await authorize(`query ($id: ID!) { citizen(personalId: $id) { personalId } }`, caller, {
      variables: { id: SELF_ID },
      purpose: MARRIAGE_CASE,
      policies: recording,
    })
    expect(inputs.map(({ policy, coordinate, args, purpose, caller }) => ({ policy, coordinate, args, purpose, caller }))).toEqual([
      { policy: 'agency', coordinate: 'Query.citizen', args: { personalId: SELF_ID }, purpose: MARRIAGE_CASE, caller },
      { policy: 'citizen_self', coordinate: 'Query.citizen', args: { personalId: SELF_ID }, purpose: MARRIAGE_CASE, caller },
    ])
  })

  it('binds a field to a purpose with an asynchronous policy', async () => {
    const query = `{ registration(id: "death-1") { ... on DeathRecord { registeredOn } } }`
    const decision = await authorize(query, official())
    if (decision.allowed) throw new Error('expected a refusal')
    expect(decision.denied).toEqual([
      { coordinate: 'DeathRecord.registeredOn', paths: ['registration.registeredOn'], unmetPolicies: [['purpose_bound']] },
    ])
    expect(outcomeOf(await authorize(query, official(), { purpose: MARRIAGE_CASE }))).toBe('allowed')
  })

  it('fails, rather than decides, when a policy throws', async () => {
    const broken: AuthorizationPolicies<TestCaller, TestPurpose> = {
      ...TEST_POLICIES,
      agency: () => {
        throw new Error('policy store unreachable')
      },
    }
    await expect(authorize(CITIZEN, official('population:read'), { variables: { id: SELF_ID }, policies: broken })).rejects.toThrow(
      'policy store unreachable',
    )
  })
})

describe('authorizeOperation: fragments, aliases, interfaces, directives', () => {
  it('checks fields inside named fragments and inline fragments, reporting every aliased path', async () => {
    const query = /* GraphQL */ `
      query Pair {
        a: citizen(personalId: "${SELF_ID}") { ...Sensitive }
        b: citizen(personalId: "${OTHER_ID}") { ...Sensitive }
      }
      fragment Sensitive on Citizen { faith: religion ... on Citizen { fullName bloodGroup } }
    `
    const decision = await authorize(query, official('population:read'))
    if (decision.allowed) throw new Error('expected a refusal')
    expect(decision.denied).toEqual([
      { coordinate: 'Citizen.religion', paths: ['a.faith', 'b.faith'], missingScopes: [['population:sensitive']] },
      { coordinate: 'Citizen.bloodGroup', paths: ['a.bloodGroup', 'b.bloodGroup'], missingScopes: [['population:sensitive']] },
    ])
  })

  it('checks the operation named by operationName only', async () => {
    const document = `query Public { provinces { name } } query Private { citizen(personalId: "${SELF_ID}") { religion } }`
    expect(outcomeOf(await authorize(document, undefined, { operationName: 'Public' }))).toBe('allowed')
    expect(outcomeOf(await authorize(document, undefined, { operationName: 'Private' }))).toEqual({
      code: 'UNAUTHENTICATED',
      denied: ['Query.citizen', 'Citizen.religion'],
    })
  })

  it('refuses an interface field that any implementation restricts, whatever the runtime type will be', async () => {
    // death-1 is a DeathRecord, but Record.id is also BirthRecord.id, which needs civil-status:read.
    const query = `{ record(id: "death-1") { id } }`
    expect(outcomeOf(await authorize(query, official()))).toEqual(forbidden('Query.record', 'Record.id'))
    expect(outcomeOf(await authorize(query, official('civil-status:read')))).toBe('allowed')
    // Record.registeredOn needs civil-status:read (BirthRecord) AND purpose_bound (DeathRecord).
    const registeredOn = `{ record(id: "death-1") { registeredOn } }`
    expect(outcomeOf(await authorize(registeredOn, official('civil-status:read')))).toEqual(forbidden('Record.registeredOn'))
    expect(outcomeOf(await authorize(registeredOn, official('civil-status:read'), { purpose: MARRIAGE_CASE }))).toBe('allowed')
  })

  it('checks union members through their inline fragments, statically', async () => {
    const query = `{ registration(id: "death-1") { __typename ... on DeathRecord { id } ... on BirthRecord { childName } } }`
    expect(outcomeOf(await authorize(query, official()))).toEqual(forbidden('BirthRecord.childName'))
    expect(outcomeOf(await authorize(`{ registration(id: "death-1") { __typename ... on DeathRecord { id } } }`, official()))).toBe('allowed')
  })

  it('does not count fields that @skip or @include leave out', async () => {
    const query = `query ($withReligion: Boolean!) { citizen(personalId: "${SELF_ID}") { fullName religion @include(if: $withReligion) } }`
    const without = await authorize(query, official('population:read'), { variables: { withReligion: false } })
    expect(without).toEqual({ allowed: true, fields: ['Query.citizen', 'Citizen.fullName'] })
    const withReligion = await authorize(query, official('population:read'), { variables: { withReligion: true } })
    expect(outcomeOf(withReligion)).toEqual(forbidden('Citizen.religion'))
    const skipped = `{ citizen(personalId: "${SELF_ID}") { fullName ... @skip(if: true) { religion } } }`
    expect(outcomeOf(await authorize(skipped, official('population:read')))).toBe('allowed')
  })

  it('refuses variables that cannot be coerced with BAD_USER_INPUT, as execution would', async () => {
    const decision = await authorize(CITIZEN, official('population:read'), { variables: {} })
    if (decision.allowed) throw new Error('expected a refusal')
    expect(decision.error.extensions['code']).toBe('BAD_USER_INPUT')
    expect(decision.denied).toEqual([])
  })
})

describe('AuthorizationSubject', () => {
  it("takes the gateway's Caller and Purpose as they are", async () => {
    const callers: Caller[] = [
      { kind: 'official', subject: 'canbo-01', agency: 'UBND-P-26734', roles: [], scopes: ['population:read'], jurisdiction: [] },
      { kind: 'machine', clientId: 'dvcqg', scopes: ['population:read'] },
      { kind: 'citizen', personalId: SELF_ID, scopes: ['population:read'] },
    ]
    const subjects: readonly AuthorizationSubject[] = callers
    const policies: AuthorizationPolicies<Caller, Purpose> = {
      citizen_self: ({ caller, args }) => caller.kind === 'citizen' && caller.personalId === args['personalId'],
      agency: ({ caller }) => caller.kind !== 'citizen',
      purpose_bound: ({ purpose }) => purpose?.procedureCode !== undefined,
    }
    const decisions = await Promise.all(
      callers.map((caller) =>
        authorizeOperation<Caller, Purpose>({
          schema: apiSchema,
          requirements,
          document: parse(`{ citizen(personalId: "${OTHER_ID}") { fullName } }`),
          caller,
          purpose: MARRIAGE_CASE,
          policies,
        }),
      ),
    )
    expect(subjects).toHaveLength(3)
    expect(decisions.map((decision) => decision.allowed)).toEqual([true, true, false])
  })
})
