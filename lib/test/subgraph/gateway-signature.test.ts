import { randomBytes } from 'node:crypto'
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { ApolloServer } from '@apollo/server'
import { expressMiddleware } from '@as-integrations/express5'
import express from 'express'
import { GraphQLError } from 'graphql'
import { SignJWT } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHttpServer, type RunningHttpServer } from '../../src/index.js'
import {
  GATEWAY_SIGNATURE_HEADER,
  readGatewaySecret,
  requireGatewaySignature,
  signSubgraphRequest,
  verifiedGatewayRequestOf,
  verifySubgraphRequest,
  type GatewayCaller,
  type GatewayPurpose,
  type VerifiedGatewayRequest,
} from '../../src/subgraph/index.js'

const secret = randomBytes(32)
const official: GatewayCaller = {
  kind: 'official',
  subject: 'nguyen.van.a',
  agency: 'UBND-P-26734',
  roles: ['can-bo-ho-tich'],
  scopes: ['population:read'],
  jurisdiction: ['79'],
}
const purpose: GatewayPurpose = { caseReference: 'HS-2026-000123', procedureCode: '1.000894' }
// Vietnamese text: the hash must be over the UTF-8 bytes the gateway sends, not UTF-16 code units.
const body = JSON.stringify({ query: '{ citizen(personalId: "001090012345") { fullName } }', variables: { ghiChu: 'Hồ sơ khai sinh' } })

/** The error a verification throws, after checking it is UNAUTHENTICATED with HTTP 401. */
async function refusal(verification: Promise<unknown>): Promise<GraphQLError> {
  const error = await verification.then(
    () => undefined,
    (thrown: unknown) => thrown,
  )
  expect(error).toBeInstanceOf(GraphQLError)
  expect((error as GraphQLError).extensions).toMatchObject({ code: 'UNAUTHENTICATED', http: { status: 401 } })
  return error as GraphQLError
}

describe('signSubgraphRequest and verifySubgraphRequest', () => {
  it('when the gateway signs a request for a subgraph, then that subgraph reads back the caller and the purpose', async () => {
    const header = await signSubgraphRequest({ secret, subgraph: 'population', body, caller: official, purpose })

    const verified = await verifySubgraphRequest({ secret, subgraph: 'population', body: Buffer.from(body), header })

    expect(verified.caller).toEqual(official)
    expect(verified.purpose).toEqual(purpose)
    expect(verified.requestId).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('when the request is anonymous, then the signature carries no caller and no purpose', async () => {
    const header = await signSubgraphRequest({ secret, subgraph: 'boundary', body })

    expect(await verifySubgraphRequest({ secret, subgraph: 'boundary', body, header })).toMatchObject({ caller: undefined, purpose: undefined })
  })

  it.each<GatewayCaller>([
    { kind: 'machine', clientId: 'dvcqg', agency: 'VPCP', scopes: ['population:read'] },
    { kind: 'machine', clientId: 'dvc-hcm', scopes: [] },
    { kind: 'citizen', personalId: '001090012345', scopes: ['self:read'] },
  ])('when the caller is a $kind, then it comes back whole', async (caller) => {
    const header = await signSubgraphRequest({ secret, subgraph: 'land', body, caller })

    expect((await verifySubgraphRequest({ secret, subgraph: 'land', body, header })).caller).toEqual(caller)
  })

  it('when the body differs from the one signed, then the request is refused as a replay with another body', async () => {
    const header = await signSubgraphRequest({ secret, subgraph: 'population', body, caller: official })
    const otherBody = body.replace('001090012345', '001090099999')

    expect((await refusal(verifySubgraphRequest({ secret, subgraph: 'population', body: otherBody, header }))).message).toMatch(/not the one the gateway signed/)
  })

  it('when the signature is older than its lifetime, then it is refused as expired', async () => {
    const header = await signSubgraphRequest({ secret, subgraph: 'population', body, caller: official, now: new Date(Date.now() - 120_000) })

    expect((await refusal(verifySubgraphRequest({ secret, subgraph: 'population', body, header }))).message).toMatch(/expired/)
  })

  it('when the signature is 50 seconds old, then it is still good; at 70 seconds it is not', async () => {
    const signedAt = new Date('2026-03-01T08:00:00Z')
    const header = await signSubgraphRequest({ secret, subgraph: 'population', body, now: signedAt })
    const after = (seconds: number) => new Date(signedAt.getTime() + seconds * 1000)

    await expect(verifySubgraphRequest({ secret, subgraph: 'population', body, header, now: after(50) })).resolves.toBeDefined()
    await refusal(verifySubgraphRequest({ secret, subgraph: 'population', body, header, now: after(70) }))
  })

  it('when the signature is dated in the future beyond the clock skew, then it is refused', async () => {
    const header = await signSubgraphRequest({ secret, subgraph: 'population', body, now: new Date(Date.now() + 30_000) })

    expect((await refusal(verifySubgraphRequest({ secret, subgraph: 'population', body, header }))).message).toMatch(/from the future/)
  })

  it('when a signature for population is sent to land, then land refuses it', async () => {
    const header = await signSubgraphRequest({ secret, subgraph: 'population', body, caller: official })

    expect((await refusal(verifySubgraphRequest({ secret, subgraph: 'land', body, header }))).message).toMatch(/for another subgraph/)
  })

  it('when the request is signed with another secret, then the signature does not verify', async () => {
    const header = await signSubgraphRequest({ secret: randomBytes(32), subgraph: 'population', body, caller: official })

    expect((await refusal(verifySubgraphRequest({ secret, subgraph: 'population', body, header }))).message).toMatch(/does not verify/)
  })

  it('when the header is missing, repeated or garbage, then the request is refused', async () => {
    expect((await refusal(verifySubgraphRequest({ secret, subgraph: 'population', body, header: undefined }))).message).toMatch(/missing/)
    expect((await refusal(verifySubgraphRequest({ secret, subgraph: 'population', body, header: ['a', 'b'] }))).message).toMatch(/more than one/)
    expect((await refusal(verifySubgraphRequest({ secret, subgraph: 'population', body, header: 'not-a-jwt' }))).message).toMatch(/malformed/)
  })

  it('when a token is signed with the secret but is not a gateway signature (no typ, no body hash), then it is refused', async () => {
    const foreign = await new SignJWT({ caller: official }).setProtectedHeader({ alg: 'HS256' }).setIssuer('urn:lienthong:gateway').setAudience('population').setIssuedAt().setExpirationTime('1m').sign(secret)

    await refusal(verifySubgraphRequest({ secret, subgraph: 'population', body, header: foreign }))
  })

  it('when the secret is shorter than 32 bytes, then neither signing nor verifying uses it', async () => {
    await expect(signSubgraphRequest({ secret: 'short', subgraph: 'population', body })).rejects.toThrow(/at least 32 bytes/)
  })
})

describe('readGatewaySecret', () => {
  let directory: string

  beforeAll(async () => {
    directory = await mkdtemp(path.join(tmpdir(), 'lienthong-gateway-secret-'))
  })

  afterAll(async () => {
    await rm(directory, { recursive: true, force: true })
  })

  it('when LIENTHONG_GATEWAY_SECRET is set, then it is the secret, in production too', () => {
    const configured = 'x'.repeat(40)

    expect(Buffer.from(readGatewaySecret({ NODE_ENV: 'production', LIENTHONG_GATEWAY_SECRET: configured })).toString()).toBe(configured)
  })

  it('when LIENTHONG_GATEWAY_SECRET is shorter than 32 bytes, then it is refused', () => {
    expect(() => readGatewaySecret({ LIENTHONG_GATEWAY_SECRET: 'too-short' })).toThrow(/9 bytes long; it must be at least 32/)
  })

  it('when production mode has no secret, then startup fails naming the variable', () => {
    expect(() => readGatewaySecret({ NODE_ENV: 'production' }, { file: path.join(directory, 'never') })).toThrow(/NODE_ENV=production\) needs LIENTHONG_GATEWAY_SECRET/)
  })

  it('when development has no secret, then one is generated into the file, private to its owner, and the same on the next read', async () => {
    const file = path.join(directory, 'gateway-secret')

    const first = readGatewaySecret({}, { file })
    const second = readGatewaySecret({}, { file })

    expect(first.byteLength).toBeGreaterThanOrEqual(32)
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true)
    expect((await readFile(file, 'utf8')).trim()).toBe(Buffer.from(first).toString())
    expect((await stat(file)).mode & 0o777).toBe(0o600)
  })

  it('when the development secret file was truncated, then it is refused rather than used', async () => {
    const file = path.join(directory, 'truncated-secret')
    await writeFile(file, 'abc')

    expect(() => readGatewaySecret({}, { file })).toThrow(/delete it/)
  })
})

describe('requireGatewaySignature on a subgraph’s express app', () => {
  let subgraph: RunningHttpServer
  let apollo: ApolloServer<{ verified: VerifiedGatewayRequest | undefined }>

  beforeAll(async () => {
    apollo = new ApolloServer({
      typeDefs: 'type Query { whoami: String, purpose: String }',
      resolvers: {
        Query: {
          whoami: (_parent: unknown, _args: unknown, { verified }: { verified: VerifiedGatewayRequest | undefined }) => JSON.stringify(verified?.caller ?? null),
          purpose: (_parent: unknown, _args: unknown, { verified }: { verified: VerifiedGatewayRequest | undefined }) => verified?.purpose?.procedureCode ?? null,
        },
      },
    })
    await apollo.start()
    const app = express()
    app.use(
      '/graphql',
      requireGatewaySignature({ secret, subgraph: 'population' }),
      expressMiddleware(apollo, { context: async ({ req }) => ({ verified: verifiedGatewayRequestOf(req) }) }),
    )
    subgraph = await startHttpServer(app, { port: 0, host: '127.0.0.1' })
  })

  afterAll(async () => {
    await subgraph?.stop()
    await apollo?.stop()
  })

  const query = JSON.stringify({ query: '{ whoami purpose }' })
  const post = (requestBody: string, headers: Record<string, string> = {}) =>
    fetch(`${subgraph.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: requestBody })

  it('when a request comes without the gateway’s signature, then it gets 401 with a GraphQL error coded UNAUTHENTICATED', async () => {
    const response = await post(query)

    expect(response.status).toBe(401)
    expect(response.headers.get('content-type')).toMatch(/^application\/json/)
    expect(await response.json()).toEqual({
      errors: [{ message: 'The gateway signature is missing: subgraphs answer the gateway only.', extensions: { code: 'UNAUTHENTICATED' } }],
    })
  })

  it('when the gateway signed the request, then Apollo runs it and the resolvers see the caller and purpose', async () => {
    const header = await signSubgraphRequest({ secret, subgraph: 'population', body: query, caller: official, purpose })

    const response = await post(query, { [GATEWAY_SIGNATURE_HEADER]: header })

    expect(response.status).toBe(200)
    const result = await response.json()
    expect(JSON.parse(result.data.whoami)).toEqual(official)
    expect(result.data.purpose).toBe('1.000894')
  })

  it('when a signed request with Vietnamese text in its body arrives, then the hash over its UTF-8 bytes matches', async () => {
    const withText = JSON.stringify({ query: '{ whoami }', variables: { ghiChu: 'Hồ sơ khai sinh – Phường Bến Thành' } })
    const header = await signSubgraphRequest({ secret, subgraph: 'population', body: withText, caller: official })

    expect((await post(withText, { [GATEWAY_SIGNATURE_HEADER]: header })).status).toBe(200)
  })

  it('when a signed request is sent a second time, then the replay is refused', async () => {
    const header = await signSubgraphRequest({ secret, subgraph: 'population', body: query, caller: official })

    expect((await post(query, { [GATEWAY_SIGNATURE_HEADER]: header })).status).toBe(200)
    const replay = await post(query, { [GATEWAY_SIGNATURE_HEADER]: header })

    expect(replay.status).toBe(401)
    expect((await replay.json()).errors[0].message).toMatch(/already been used/)
  })

  it('when a captured signature is sent with another query, then it is refused', async () => {
    const header = await signSubgraphRequest({ secret, subgraph: 'population', body: query, caller: official })

    const response = await post(JSON.stringify({ query: '{ purpose }' }), { [GATEWAY_SIGNATURE_HEADER]: header })

    expect(response.status).toBe(401)
    expect((await response.json()).errors[0].extensions.code).toBe('UNAUTHENTICATED')
  })

  it('when the signature is for another subgraph, then it is refused', async () => {
    const header = await signSubgraphRequest({ secret, subgraph: 'land', body: query, caller: official })

    const response = await post(query, { [GATEWAY_SIGNATURE_HEADER]: header })

    expect(response.status).toBe(401)
    expect((await response.json()).errors[0].message).toMatch(/another subgraph/)
  })

  it('when a GET arrives, then it gets 405: a query in the URL is outside the signed body', async () => {
    const response = await fetch(`${subgraph.url}/graphql?query=${encodeURIComponent('{ whoami }')}`)

    expect(response.status).toBe(405)
    expect(response.headers.get('allow')).toBe('POST')
    expect((await response.json()).errors[0].extensions.code).toBe('METHOD_NOT_ALLOWED')
  })

  it('when a signed body is not JSON, then it gets 400, after the signature was checked', async () => {
    const notJson = '{ whoami'
    const header = await signSubgraphRequest({ secret, subgraph: 'population', body: notJson })

    const response = await post(notJson, { [GATEWAY_SIGNATURE_HEADER]: header })

    expect(response.status).toBe(400)
    expect((await response.json()).errors[0].extensions.code).toBe('BAD_REQUEST')
    expect((await post(notJson)).status).toBe(401)
  })

  it('when express.json() parsed the body first, then the middleware fails loudly instead of refusing every request as tampered', async () => {
    const app = express()
    app.use(express.json())
    app.use('/graphql', requireGatewaySignature({ secret, subgraph: 'population' }), (_request, response) => {
      response.json({ data: {} })
    })
    const misconfigured = await startHttpServer(app, { port: 0, host: '127.0.0.1' })
    try {
      const header = await signSubgraphRequest({ secret, subgraph: 'population', body: query })
      const response = await fetch(`${misconfigured.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', [GATEWAY_SIGNATURE_HEADER]: header }, body: query })

      expect(response.status).toBe(500)
      expect(await response.json()).toEqual({ errors: [{ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] })
    } finally {
      await misconfigured.stop()
    }
  })
})
