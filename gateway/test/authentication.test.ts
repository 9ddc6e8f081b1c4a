import { randomBytes } from 'node:crypto'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway'
import express from 'express'
import { GraphQLError } from 'graphql'
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHttpServer, type RunningHttpServer } from '@lienthong/lib'
import { requireGatewaySignature, verifiedGatewayRequestOf } from '@lienthong/lib/subgraph'
import { createAuthenticator, readAuthenticationConfig, type Authenticator } from '../src/auth/authentication.js'
import type { Caller, Purpose } from '../src/auth/caller.js'
import { DEVELOPMENT_ISSUER, loadDevelopmentIssuer, signDevelopmentToken, type DevelopmentIssuer } from '../src/auth/development-issuer.js'
import { createSigningFetcher, setSigningContext, type SigningContext } from '../src/auth/subgraph-signing.js'

const EXTERNAL_ISSUER = 'https://sso.example.gov.vn/realms/lienthong'

let directory: string
let issuer: DevelopmentIssuer
let authenticator: Authenticator

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'lienthong-dev-issuer-'))
  authenticator = await createAuthenticator(readAuthenticationConfig({}, { developmentIssuerDirectory: directory }))
  issuer = await loadDevelopmentIssuer({ directory, env: {} })
})

afterAll(async () => {
  await rm(directory, { recursive: true, force: true })
})

/** A token from the development key with claims of the test's choosing (other issuers, missing claims). */
async function signWithDevelopmentKey(claims: JWTPayload, { issuer: iss = DEVELOPMENT_ISSUER, audience = 'lienthong', expiresIn = 600 } = {}) {
  const now = Math.floor(Date.now() / 1000)
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid: issuer.keyId })
    .setIssuer(iss)
    .setAudience(audience)
    .setIssuedAt(now)
    .setExpirationTime(now + expiresIn)
    .sign(issuer.privateKey)
}

/** The error `authenticate` throws for a header, after checking it is a 401 that does not quote the token. */
async function refusal(header: string, using: Authenticator = authenticator): Promise<GraphQLError> {
  let thrown: unknown
  try {
    await using.authenticate(header)
  } catch (error) {
    thrown = error
  }
  expect(thrown).toBeInstanceOf(GraphQLError)
  const error = thrown as GraphQLError
  expect(error.extensions.code).toBe('UNAUTHENTICATED')
  expect(error.extensions.http).toMatchObject({ status: 401 })
  const token = header.replace(/^Bearer /, '')
  if (token.length > 10) expect(error.message).not.toContain(token.slice(-10))
  return error
}

const official = { kind: 'official', agency: 'UBND-P-26734', roles: ['can-bo-ho-tich'], scopes: ['population:read', 'civil-status:read'], jurisdiction: ['79', '26734'] } as const

describe('bearer tokens from the development issuer', () => {
  it('when an official presents a token, then the Caller carries subject, agency, roles, scopes and jurisdiction', async () => {
    const token = await signDevelopmentToken({ ...official, roles: [...official.roles], scopes: [...official.scopes], jurisdiction: [...official.jurisdiction], subject: 'nguyen.van.a', directory })

    expect(await authenticator.authenticate(`Bearer ${token}`)).toEqual({
      kind: 'official',
      subject: 'nguyen.van.a',
      agency: 'UBND-P-26734',
      roles: ['can-bo-ho-tich'],
      scopes: ['population:read', 'civil-status:read'],
      jurisdiction: ['79', '26734'],
    })
  })

  it('when the national portal presents a client token, then the Caller is a machine with its client id and scopes', async () => {
    const token = await signDevelopmentToken({ kind: 'machine', clientId: 'dvcqg', scopes: ['population:read'], directory })

    expect(await authenticator.authenticate(`Bearer ${token}`)).toEqual({ kind: 'machine', clientId: 'dvcqg', scopes: ['population:read'] })
  })

  it('when a citizen presents a token, then the Caller is that citizen with their personal ID', async () => {
    const token = await signDevelopmentToken({ kind: 'citizen', personalId: '001090012345', scopes: ['self:read'], directory })

    expect(await authenticator.authenticate(`bearer ${token}`)).toEqual({ kind: 'citizen', personalId: '001090012345', scopes: ['self:read'] })
  })

  it('when an official token has no jurisdiction codes, then the official acts nationwide', async () => {
    const token = await signDevelopmentToken({ kind: 'official', agency: 'BCA-C06', directory })

    expect(await authenticator.authenticate(`Bearer ${token}`)).toMatchObject({ kind: 'official', subject: 'dev-official', roles: [], scopes: [], jurisdiction: [] })
  })

  it('when a request has no Authorization header, then the caller is anonymous', async () => {
    expect(await authenticator.authenticate(undefined)).toBeUndefined()
  })

  it('when the token has expired, then it is refused as expired', async () => {
    const token = await signDevelopmentToken({ kind: 'machine', clientId: 'dvcqg', issuedAt: new Date(Date.now() - 2 * 3_600_000), ttlSeconds: 3_600, directory })

    expect((await refusal(`Bearer ${token}`)).message).toMatch(/expired/)
  })

  it('when the token comes from another issuer, then it is refused as untrusted although the key matches', async () => {
    const token = await signWithDevelopmentKey({ client_id: 'dvcqg' }, { issuer: 'https://attacker.example' })

    expect((await refusal(`Bearer ${token}`)).message).toMatch(/issuer this gateway does not trust/)
  })

  it('when the token is for another audience, then it is refused', async () => {
    const token = await signDevelopmentToken({ kind: 'machine', clientId: 'dvcqg', audience: 'another-service', directory })

    expect((await refusal(`Bearer ${token}`)).message).toMatch(/audience/)
  })

  it('when the token is signed by another key under the issuer’s key id, then the signature does not verify', async () => {
    const { privateKey: forgerKey } = await generateKeyPair('ES256')
    const now = Math.floor(Date.now() / 1000)
    const forged = await new SignJWT({ caller_kind: 'official', sub: 'x', agency: 'BCA-C06', jurisdiction: [] })
      .setProtectedHeader({ alg: 'ES256', kid: issuer.keyId })
      .setIssuer(DEVELOPMENT_ISSUER)
      .setAudience('lienthong')
      .setExpirationTime(now + 600)
      .sign(forgerKey)

    expect((await refusal(`Bearer ${forged}`)).message).toMatch(/signature does not verify/)
  })

  it('when a valid token’s payload is edited, then the signature does not verify', async () => {
    const [header, payload, signature] = (await signDevelopmentToken({ kind: 'official', agency: 'UBND-P-26734', jurisdiction: ['79'], directory })).split('.')
    const widened = { ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), jurisdiction: [] }
    const tampered = `${header}.${Buffer.from(JSON.stringify(widened)).toString('base64url')}.${signature}`

    expect((await refusal(`Bearer ${tampered}`)).message).toMatch(/signature does not verify/)
  })

  it('when the token is unsigned (alg none), then the algorithm is refused', async () => {
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')
    const now = Math.floor(Date.now() / 1000)
    const unsigned = `${encode({ alg: 'none', kid: issuer.keyId })}.${encode({ iss: DEVELOPMENT_ISSUER, aud: 'lienthong', exp: now + 600, client_id: 'dvcqg' })}.`

    expect((await refusal(`Bearer ${unsigned}`)).message).toMatch(/algorithm this gateway does not accept/)
  })

  it('when the token is HMAC-signed (HS256) under the issuer’s key id, then the algorithm is refused', async () => {
    const hmac = await new SignJWT({ client_id: 'dvcqg' })
      .setProtectedHeader({ alg: 'HS256', kid: issuer.keyId })
      .setIssuer(DEVELOPMENT_ISSUER)
      .setAudience('lienthong')
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode(JSON.stringify(issuer.publicJwks)))

    expect((await refusal(`Bearer ${hmac}`)).message).toMatch(/algorithm/)
  })

  it.each([
    ['Basic dXNlcjpwYXNz', /must be "Bearer <token>"/],
    ['Bearer', /must be "Bearer <token>"/],
    ['Bearer a b', /must be "Bearer <token>"/],
    [`Bearer ${'a'.repeat(9_000)}`, /must be "Bearer <token>"/],
    ['Bearer not-a-jwt', /malformed/],
    ['Bearer a.b.c', /malformed/],
  ])('when the header is %#, then it is refused as malformed', async (header, message) => {
    expect((await refusal(header)).message).toMatch(message)
  })

  it.each([
    ['an official token without agency', { caller_kind: 'official', sub: 'nguyen.van.a', jurisdiction: ['79'] }, /lacks the "agency" claim an official token needs/],
    ['an official token without jurisdiction', { sub: 'nguyen.van.a', agency: 'UBND-P-26734' }, /lacks the "jurisdiction" claim/],
    ['an official token without subject', { agency: 'UBND-P-26734', jurisdiction: [] }, /lacks the "sub" claim/],
    ['an official token with a legacy district code', { sub: 'a', agency: 'UBND-P-26734', jurisdiction: ['760'] }, /"jurisdiction" claim must list 2025 unit codes/],
    ['a machine token without client id', { caller_kind: 'machine', sub: 'service-account' }, /lacks the "client_id" claim a machine token needs/],
    ['a citizen token without personal ID', { caller_kind: 'citizen', sub: 'vneid-123' }, /lacks the "personal_id" claim a citizen token needs/],
    ['a citizen token with a numeric personal ID', { personal_id: 1090012345 }, /"personal_id" claim must be 12 digits/],
    ['a token with an unknown caller kind', { caller_kind: 'admin', sub: 'x' }, /"caller_kind" claim must be one of official, machine, citizen/],
    ['a token with scopes that are not strings', { client_id: 'dvcqg', scope: [1, 2] }, /"scope" claim must be a space-separated string or an array of strings/],
  ])('when %s is presented, then it is refused naming the claim', async (_case, claims, message) => {
    const error = await refusal(`Bearer ${await signWithDevelopmentKey(claims)}`)

    expect(error.message).toMatch(message)
    expect(error.message).not.toContain('1090012345')
  })

  it('when a token has no expiry, then it is refused: no token is valid forever', async () => {
    const eternal = await new SignJWT({ client_id: 'dvcqg' })
      .setProtectedHeader({ alg: 'ES256', kid: issuer.keyId })
      .setIssuer(DEVELOPMENT_ISSUER)
      .setAudience('lienthong')
      .sign(issuer.privateKey)

    expect((await refusal(`Bearer ${eternal}`)).message).toMatch(/lacks the "exp" claim/)
  })

  it('when the kind is not declared, then personal_id makes a citizen and client_id a machine; azp stands in for client_id', async () => {
    expect(await authenticator.authenticate(`Bearer ${await signWithDevelopmentKey({ personal_id: '079203000001', client_id: 'dvcqg' })}`)).toEqual({
      kind: 'citizen',
      personalId: '079203000001',
      scopes: [],
    })
    expect(await authenticator.authenticate(`Bearer ${await signWithDevelopmentKey({ client_id: 'dvc-hcm', agency: 'UBND-T-79', scope: 'land:read  land:read' })}`)).toEqual({
      kind: 'machine',
      clientId: 'dvc-hcm',
      agency: 'UBND-T-79',
      scopes: ['land:read'],
    })
    expect(await authenticator.authenticate(`Bearer ${await signWithDevelopmentKey({ caller_kind: 'machine', azp: 'lgsp-hn' })}`)).toEqual({
      kind: 'machine',
      clientId: 'lgsp-hn',
      scopes: [],
    })
  })

  it('when the development issuer is loaded again, then its key is the one kept in the folder', async () => {
    const onDisk = JSON.parse(await readFile(path.join(directory, 'jwks.json'), 'utf8'))

    expect(onDisk).toEqual(issuer.publicJwks)
    expect(onDisk.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', kid: issuer.keyId })
    expect(onDisk.keys[0]).not.toHaveProperty('d')
    expect(JSON.parse(await readFile(path.join(directory, 'signing-key.json'), 'utf8')).kid).toBe(issuer.keyId)
  })
})

describe('an issuer whose JWKS is served over HTTP', () => {
  let jwksServer: RunningHttpServer
  let remote: Authenticator

  beforeAll(async () => {
    const app = express()
    app.get('/realms/lienthong/certs', (_request, response) => {
      response.json(issuer.publicJwks)
    })
    jwksServer = await startHttpServer(app, { port: 0, host: '127.0.0.1' })
    remote = await createAuthenticator(
      readAuthenticationConfig({ AUTH_ISSUER: EXTERNAL_ISSUER, AUTH_JWKS_URL: `${jwksServer.url}/realms/lienthong/certs`, AUTH_AUDIENCE: 'lienthong-gw' }),
    )
  })

  afterAll(async () => {
    await jwksServer?.stop()
  })

  it('when a token from that issuer arrives, then the keys are fetched and the caller established', async () => {
    const token = await signWithDevelopmentKey({ client_id: 'dvcqg', scope: 'population:read' }, { issuer: EXTERNAL_ISSUER, audience: 'lienthong-gw' })

    expect(await remote.authenticate(`Bearer ${token}`)).toEqual({ kind: 'machine', clientId: 'dvcqg', scopes: ['population:read'] })
  })

  it('when a token names a key the issuer does not publish, then it is refused', async () => {
    const { privateKey } = await generateKeyPair('ES256')
    const token = await new SignJWT({ client_id: 'dvcqg' })
      .setProtectedHeader({ alg: 'ES256', kid: 'unknown-key' })
      .setIssuer(EXTERNAL_ISSUER)
      .setAudience('lienthong-gw')
      .setExpirationTime('10m')
      .sign(privateKey)

    expect((await refusal(`Bearer ${token}`, remote)).message).toMatch(/key the issuer does not publish/)
  })

  it('when a development-issuer token arrives, then it is refused: only the configured issuer counts', async () => {
    const token = await signWithDevelopmentKey({ client_id: 'dvcqg' }, { audience: 'lienthong-gw' })

    expect((await refusal(`Bearer ${token}`, remote)).message).toMatch(/issuer this gateway does not trust/)
  })

  it('when the JWKS cannot be fetched, then the error is ours (503), not the caller’s', async () => {
    const unreachable = await createAuthenticator(readAuthenticationConfig({ AUTH_ISSUER: EXTERNAL_ISSUER, AUTH_JWKS_URL: 'http://127.0.0.1:1/certs' }))
    const token = await signWithDevelopmentKey({ client_id: 'dvcqg' }, { issuer: EXTERNAL_ISSUER })

    const error = await unreachable.authenticate(`Bearer ${token}`).then(
      () => undefined,
      (thrown: GraphQLError) => thrown,
    )

    expect(error?.extensions).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', http: { status: 503 } })
    expect(error?.message).not.toContain('127.0.0.1')
  })
})

describe('an issuer whose JWKS is a file', () => {
  it('when AUTH_JWKS_FILE holds the public keys, then tokens verify against them', async () => {
    const file = path.join(directory, 'external-jwks.json')
    await writeFile(file, JSON.stringify(issuer.publicJwks))
    const fromFile = await createAuthenticator(readAuthenticationConfig({ AUTH_ISSUER: EXTERNAL_ISSUER, AUTH_JWKS_FILE: file }))

    const token = await signWithDevelopmentKey({ personal_id: '001090012345' }, { issuer: EXTERNAL_ISSUER })

    expect(await fromFile.authenticate(`Bearer ${token}`)).toEqual({ kind: 'citizen', personalId: '001090012345', scopes: [] })
  })

  it('when AUTH_JWKS_FILE holds a private key, then the gateway refuses to start', async () => {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true })
    const file = path.join(directory, 'leaked-jwks.json')
    await writeFile(file, JSON.stringify({ keys: [await exportJWK(privateKey)] }))

    await expect(createAuthenticator(readAuthenticationConfig({ AUTH_ISSUER: EXTERNAL_ISSUER, AUTH_JWKS_FILE: file }))).rejects.toThrow(/private or symmetric key material/)
  })
})

describe('authentication settings', () => {
  it('when production mode has no issuer, then startup fails naming the settings to make', () => {
    expect(() => readAuthenticationConfig({ NODE_ENV: 'production' })).toThrow(/Production mode \(NODE_ENV=production\) needs a real token issuer: set AUTH_ISSUER and AUTH_JWKS_URL/)
  })

  it('when production mode names the development issuer, then startup fails', () => {
    expect(() => readAuthenticationConfig({ NODE_ENV: 'production', AUTH_ISSUER: DEVELOPMENT_ISSUER, AUTH_JWKS_FILE: 'jwks.json' })).toThrow(/development issuer, refused in production/)
  })

  it('when production mode fetches keys over plain http, then startup fails', () => {
    expect(() => readAuthenticationConfig({ NODE_ENV: 'production', AUTH_ISSUER: EXTERNAL_ISSUER, AUTH_JWKS_URL: 'http://sso.example.gov.vn/certs' })).toThrow(/https/)
  })

  it('when production mode has an issuer and an https JWKS, then the settings are read with the default audience and pinned algorithms', () => {
    const config = readAuthenticationConfig({ NODE_ENV: 'production', AUTH_ISSUER: EXTERNAL_ISSUER, AUTH_JWKS_URL: `${EXTERNAL_ISSUER}/protocol/openid-connect/certs` })

    expect(config).toMatchObject({ issuer: EXTERNAL_ISSUER, audience: 'lienthong', jwks: { kind: 'url' } })
    expect(config.algorithms).not.toContain('HS256')
    expect(config.algorithms).not.toContain('none')
  })

  it.each([
    [{ AUTH_ISSUER: EXTERNAL_ISSUER }, /neither AUTH_JWKS_URL nor AUTH_JWKS_FILE/],
    [{ AUTH_JWKS_FILE: 'jwks.json' }, /AUTH_JWKS_FILE is set without AUTH_ISSUER/],
    [{ AUTH_ISSUER: EXTERNAL_ISSUER, AUTH_JWKS_URL: 'https://a/certs', AUTH_JWKS_FILE: 'jwks.json' }, /not both/],
    [{ AUTH_ISSUER: EXTERNAL_ISSUER, AUTH_JWKS_URL: 'https://a/certs', AUTH_ALGORITHMS: 'RS256,HS256' }, /asymmetric JWS algorithms only.*refused: HS256/],
  ])('when the settings are inconsistent (%o), then they are refused', (env, message) => {
    expect(() => readAuthenticationConfig(env)).toThrow(message)
  })

  it('when no issuer is configured outside production, then the development issuer with ES256 only is used', () => {
    expect(readAuthenticationConfig({ NODE_ENV: 'development' }, { developmentIssuerDirectory: directory })).toEqual({
      issuer: DEVELOPMENT_ISSUER,
      audience: 'lienthong',
      jwks: { kind: 'development', directory },
      algorithms: ['ES256'],
    })
  })

  it('when production mode asks for a development token, then none is issued', async () => {
    await expect(signDevelopmentToken({ kind: 'machine', clientId: 'dvcqg', directory, env: { NODE_ENV: 'production' } })).rejects.toThrow(/not available in production mode/)
  })

  it('when a development token lacks what its kind needs, then signing says which option', async () => {
    await expect(signDevelopmentToken({ kind: 'official', directory })).rejects.toThrow(/--agency/)
    await expect(signDevelopmentToken({ kind: 'citizen', directory })).rejects.toThrow(/--personal-id/)
    await expect(signDevelopmentToken({ kind: 'citizen', personalId: '12345', directory })).rejects.toThrow(/12 digits/)
  })
})

describe('a gateway data source with the signing fetcher', () => {
  const secret = randomBytes(32)
  let subgraph: RunningHttpServer
  const received: { headers: string[]; verified: unknown }[] = []

  beforeAll(async () => {
    const app = express()
    app.use('/graphql', requireGatewaySignature({ secret, subgraph: 'population' }), (request, response) => {
      received.push({ headers: Object.keys(request.headers), verified: verifiedGatewayRequestOf(request) })
      response.json({ data: { ok: true } })
    })
    subgraph = await startHttpServer(app, { port: 0, host: '127.0.0.1' })
  })

  afterAll(async () => {
    await subgraph?.stop()
  })

  it('when RemoteGraphQLDataSource sends a query, then the subgraph verifies the exact body and sees the caller and purpose, and not the internal header', async () => {
    const dataSource = new RemoteGraphQLDataSource<SigningContext>({
      url: `${subgraph.url}/graphql`,
      fetcher: createSigningFetcher({ secret, subgraph: 'population', fetcher: (url, init) => fetch(url, init as RequestInit) as never }),
      willSendRequest({ request, context }) {
        setSigningContext(request.http!.headers, context)
      },
    })
    const caller: Caller = { kind: 'official', subject: 'tran.thi.b', agency: 'UBND-P-Bến-Thành', roles: [], scopes: ['population:read'], jurisdiction: ['26740'] }
    const purpose: Purpose = { caseReference: 'HS-2026-000123', procedureCode: '1.000894' }

    // What the gateway's query planner hands a data source (the kind's enum is not exported).
    const options = {
      kind: 'incoming operation',
      request: { query: 'query ($note: String) { ok }', variables: { note: 'Đăng ký khai sinh' } },
      context: { caller, purpose },
      incomingRequestContext: {},
    } as unknown as GraphQLDataSourceProcessOptions<SigningContext>

    const response = await dataSource.process(options)

    expect(response.data).toEqual({ ok: true })
    expect(received.at(-1)?.verified).toMatchObject({ caller, purpose })
    expect(received.at(-1)?.headers).not.toContain('x-lienthong-signing-context')
  })
})
