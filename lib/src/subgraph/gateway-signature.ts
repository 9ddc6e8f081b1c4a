import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import express from 'express'
import { GraphQLError } from 'graphql'
import { errors as joseErrors, jwtVerify, SignJWT, type JWTPayload } from 'jose'
import { logger } from '../logger.js'

/**
 * Only the gateway may call a subgraph (X-Road: every message signed and
 * time-stamped, carrying the user and the case). The gateway signs each
 * subgraph request with a short-lived internal JWT:
 *
 * - header `x-lienthong-gateway-signature: <JWT>` (not `Authorization`: the
 *   caller's own bearer token is never forwarded, and the two must not be confused);
 * - HS256 with the shared secret `LIENTHONG_GATEWAY_SECRET`;
 * - `iss` = `urn:lienthong:gateway`, `aud` = the subgraph's name, `iat`, `exp`
 *   = iat + 60 s, a fresh `jti`, header `typ` = `lienthong-gateway+jwt`;
 * - `caller`: who the gateway authenticated (absent for an anonymous request);
 * - `purpose`: the case the request serves, when the caller declared one;
 * - `body_sha256`: base64url SHA-256 of the exact request body bytes, so a
 *   captured signature cannot carry another query.
 */
export const GATEWAY_SIGNATURE_HEADER = 'x-lienthong-gateway-signature'
export const GATEWAY_TOKEN_ISSUER = 'urn:lienthong:gateway'
export const GATEWAY_TOKEN_TYPE = 'lienthong-gateway+jwt'
/** How long a signature is valid: long enough for one subgraph call, short enough that a captured one is soon useless. */
export const GATEWAY_TOKEN_LIFETIME_SECONDS = 60
/** Clock difference tolerated between the gateway's and a subgraph's machine. */
export const GATEWAY_TOKEN_CLOCK_SKEW_SECONDS = 5
/** HS256 wants a key at least as long as its output (RFC 7518 §3.2). */
export const GATEWAY_SECRET_MIN_BYTES = 32

/** The shared secret, as bytes; a string is taken as its UTF-8 bytes. */
export type GatewaySecret = Uint8Array | string

/**
 * Who called, as the gateway verified it from a bearer token; the gateway
 * calls it `Caller` (gateway/src/auth/caller.ts re-exports these types).
 */
export type GatewayCaller = GatewayOfficialCaller | GatewayMachineCaller | GatewayCitizenCaller

export interface GatewayOfficialCaller {
  kind: 'official'
  subject: string
  /** Cơ quan, e.g. "UBND-P-26734". */
  agency: string
  roles: string[]
  scopes: string[]
  /** 2025 unit codes the official may act for; empty means nationwide. */
  jurisdiction: string[]
}

export interface GatewayMachineCaller {
  kind: 'machine'
  /** e.g. "dvcqg" (Cổng Dịch vụ công quốc gia). */
  clientId: string
  agency?: string | undefined
  scopes: string[]
}

export interface GatewayCitizenCaller {
  kind: 'citizen'
  /** Số định danh cá nhân. Travels in the signed header: never log that header. */
  personalId: string
  scopes: string[]
}

/** The case a request serves (X-Road-Issue): the gateway's `Purpose`. */
export interface GatewayPurpose {
  /** Mã hồ sơ. */
  caseReference: string
  /** Mã thủ tục hành chính, e.g. "1.000894". */
  procedureCode: string
}

/** What a verified signature says about a request. */
export interface VerifiedGatewayRequest {
  /** Undefined for an anonymous request (public data such as boundaries). */
  caller: GatewayCaller | undefined
  purpose: GatewayPurpose | undefined
  /** The signature's `jti`, unique per subgraph request: for audit records and replay detection. */
  requestId: string
}

/**
 * Production mode is `NODE_ENV=production`: development conveniences (the
 * development token issuer, a generated gateway secret) are refused and every
 * secret must come from the environment.
 */
export function isProductionMode(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NODE_ENV === 'production'
}

/** `.lienthong/gateway-secret` at the root of this checkout (git-ignored). */
export const DEVELOPMENT_GATEWAY_SECRET_FILE = fileURLToPath(new URL('../../../.lienthong/gateway-secret', import.meta.url))

/**
 * The secret the gateway signs with and the subgraphs verify with.
 *
 * - `LIENTHONG_GATEWAY_SECRET`, when set, in any mode: at least 32 bytes.
 * - Production mode without it: an error at startup.
 * - Development without it: a random secret generated once into
 *   `.lienthong/gateway-secret` (mode 0600), so the gateway and the subgraphs
 *   started from one checkout share it without configuration.
 */
export function readGatewaySecret(env: NodeJS.ProcessEnv = process.env, { file = DEVELOPMENT_GATEWAY_SECRET_FILE }: { file?: string } = {}): Uint8Array {
  const configured = env.LIENTHONG_GATEWAY_SECRET
  if (configured !== undefined && configured !== '') {
    const secret = new TextEncoder().encode(configured)
    if (secret.byteLength < GATEWAY_SECRET_MIN_BYTES) {
      throw new Error(
        `LIENTHONG_GATEWAY_SECRET is ${secret.byteLength} bytes long; it must be at least ${GATEWAY_SECRET_MIN_BYTES} ` +
          '(e.g. `openssl rand -base64 48`).',
      )
    }
    return secret
  }
  if (isProductionMode(env)) {
    throw new Error(
      'Production mode (NODE_ENV=production) needs LIENTHONG_GATEWAY_SECRET, the secret the gateway signs subgraph requests ' +
        `with: at least ${GATEWAY_SECRET_MIN_BYTES} random bytes, the same value for the gateway and every subgraph.`,
    )
  }
  return readOrCreateDevelopmentSecret(file)
}

function readOrCreateDevelopmentSecret(file: string): Uint8Array {
  const existing = readSecretFile(file)
  if (existing) return existing
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 })
  // Written whole under a temporary name, then linked into place: processes of one
  // checkout starting together all end up with the secret of whichever linked first.
  const temporary = `${file}.${process.pid}.${randomUUID()}.tmp`
  writeFileSync(temporary, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600 })
  try {
    linkSync(temporary, file)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  } finally {
    rmSync(temporary, { force: true })
  }
  const created = readSecretFile(file)
  if (!created) throw new Error(`Could not create the development gateway secret ${file}.`)
  return created
}

function readSecretFile(file: string): Uint8Array | undefined {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  const secret = new TextEncoder().encode(text.trim())
  if (secret.byteLength < GATEWAY_SECRET_MIN_BYTES) {
    throw new Error(`The development gateway secret ${file} is shorter than ${GATEWAY_SECRET_MIN_BYTES} bytes; delete it to have a new one generated.`)
  }
  return secret
}

export interface SignSubgraphRequestOptions {
  secret: GatewaySecret
  /** The subgraph's name in the supergraph ("population", "land"…): the token's audience. */
  subgraph: string
  /** The exact bytes (or string, sent as UTF-8) of the request body. */
  body: string | Uint8Array
  caller?: GatewayCaller | undefined
  purpose?: GatewayPurpose | undefined
  /** The signing time. Defaults to now; tests pass a past time to get an expired signature. */
  now?: Date
}

/**
 * The value of the `x-lienthong-gateway-signature` header for one subgraph request.
 *
 * ```ts
 * headers.set(GATEWAY_SIGNATURE_HEADER, await signSubgraphRequest({ secret, subgraph: 'population', body, caller, purpose }))
 * ```
 */
export async function signSubgraphRequest({ secret, subgraph, body, caller, purpose, now = new Date() }: SignSubgraphRequestOptions): Promise<string> {
  const issuedAt = Math.floor(now.getTime() / 1000)
  const claims: JWTPayload = { body_sha256: sha256(body) }
  if (caller) claims.caller = caller
  if (purpose) claims.purpose = purpose
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: GATEWAY_TOKEN_TYPE })
    .setIssuer(GATEWAY_TOKEN_ISSUER)
    .setAudience(subgraph)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + GATEWAY_TOKEN_LIFETIME_SECONDS)
    .setJti(randomUUID())
    .sign(await hmacKeyOf(secret))
}

export interface VerifySubgraphRequestOptions {
  secret: GatewaySecret
  /** This subgraph's name: a signature for another subgraph is refused. */
  subgraph: string
  /** The exact bytes received. */
  body: string | Uint8Array
  /** The `x-lienthong-gateway-signature` header as received. */
  header: string | string[] | undefined
  /** The verification time. Defaults to now. */
  now?: Date
}

/**
 * Checks that the gateway signed this very request for this subgraph within
 * the last minute, and returns the caller and purpose it carries. Throws a
 * GraphQLError with code UNAUTHENTICATED (HTTP 401) for a missing, malformed,
 * badly signed, expired or misaddressed signature, or a body other than the
 * one signed.
 */
export async function verifySubgraphRequest({ secret, subgraph, body, header, now }: VerifySubgraphRequestOptions): Promise<VerifiedGatewayRequest> {
  if (header === undefined || header === '') throw unauthenticated('The gateway signature is missing: subgraphs answer the gateway only.')
  if (Array.isArray(header)) throw unauthenticated('The request carries more than one gateway signature.')
  let payload: JWTPayload
  try {
    ;({ payload } = await jwtVerify(header, await hmacKeyOf(secret), {
      algorithms: ['HS256'],
      typ: GATEWAY_TOKEN_TYPE,
      issuer: GATEWAY_TOKEN_ISSUER,
      audience: subgraph,
      requiredClaims: ['iat', 'exp', 'jti', 'body_sha256'],
      clockTolerance: GATEWAY_TOKEN_CLOCK_SKEW_SECONDS,
      // Bounds the age even if a signer set a far `exp`.
      maxTokenAge: GATEWAY_TOKEN_LIFETIME_SECONDS,
      ...(now ? { currentDate: now } : {}),
    }))
  } catch (error) {
    throw signatureErrorOf(error)
  }
  if (payload.body_sha256 !== sha256(body)) {
    throw unauthenticated('The request body is not the one the gateway signed.')
  }
  return {
    caller: payload.caller === undefined ? undefined : gatewayCallerOf(payload.caller),
    purpose: payload.purpose === undefined ? undefined : gatewayPurposeOf(payload.purpose),
    requestId: payload.jti!,
  }
}

function signatureErrorOf(error: unknown): GraphQLError {
  if (error instanceof joseErrors.JWTExpired) return unauthenticated('The gateway signature has expired.')
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return unauthenticated('The gateway signature is for another subgraph.')
    if (error.claim === 'iat') return unauthenticated('The gateway signature is too old or from the future.')
    return unauthenticated(`The gateway signature's "${error.claim}" is invalid.`)
  }
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return unauthenticated('The gateway signature does not verify.')
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return unauthenticated('The gateway signature uses an algorithm other than HS256.')
  if (error instanceof joseErrors.JOSEError) return unauthenticated('The gateway signature is malformed.')
  throw error
}

function gatewayCallerOf(value: unknown): GatewayCaller {
  const claims = objectOrUndefined(value)
  const scopes = stringsOrUndefined(claims?.scopes)
  if (claims && scopes) {
    if (claims.kind === 'official') {
      const roles = stringsOrUndefined(claims.roles)
      const jurisdiction = stringsOrUndefined(claims.jurisdiction)
      if (isText(claims.subject) && isText(claims.agency) && roles && jurisdiction) {
        return { kind: 'official', subject: claims.subject, agency: claims.agency, roles, scopes, jurisdiction }
      }
    } else if (claims.kind === 'machine') {
      if (isText(claims.clientId) && (claims.agency === undefined || isText(claims.agency))) {
        return { kind: 'machine', clientId: claims.clientId, ...(claims.agency !== undefined ? { agency: claims.agency } : {}), scopes }
      }
    } else if (claims.kind === 'citizen') {
      if (isText(claims.personalId)) return { kind: 'citizen', personalId: claims.personalId, scopes }
    }
  }
  throw unauthenticated('The gateway signature carries a malformed caller.')
}

function gatewayPurposeOf(value: unknown): GatewayPurpose {
  const claims = objectOrUndefined(value)
  if (claims && isText(claims.caseReference) && isText(claims.procedureCode)) {
    return { caseReference: claims.caseReference, procedureCode: claims.procedureCode }
  }
  throw unauthenticated('The gateway signature carries a malformed purpose.')
}

const objectOrUndefined = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined

const stringsOrUndefined = (value: unknown): string[] | undefined =>
  Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : undefined

const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0

function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } })
}

function secretBytes(secret: GatewaySecret): Uint8Array {
  const bytes = typeof secret === 'string' ? new TextEncoder().encode(secret) : secret
  if (bytes.byteLength < GATEWAY_SECRET_MIN_BYTES) throw new Error(`The gateway secret must be at least ${GATEWAY_SECRET_MIN_BYTES} bytes long.`)
  return bytes
}

const hmacKeys = new Map<string, Promise<CryptoKey>>()

/**
 * The secret imported once as an HMAC key: given raw bytes, jose imports them
 * again for every signature, which costs more than the signature itself
 * (136 µs against 39 µs here), and a gateway signs every subgraph fetch.
 */
function hmacKeyOf(secret: GatewaySecret): Promise<CryptoKey> {
  const bytes = secretBytes(secret)
  const id = Buffer.from(bytes).toString('base64')
  let key = hmacKeys.get(id)
  if (!key) {
    key = crypto.subtle.importKey('raw', new Uint8Array(bytes), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify'])
    hmacKeys.set(id, key)
  }
  return key
}

function sha256(body: string | Uint8Array): string {
  return createHash('sha256').update(body).digest('base64url')
}

export interface RequireGatewaySignatureOptions {
  secret: GatewaySecret
  /** This subgraph's name in the supergraph. */
  subgraph: string
  /** Largest request body accepted. Defaults to 1 MB, as the subgraph servers' JSON parser. */
  limit?: string | number
}

const VERIFIED_REQUEST_KEY = 'lienthongGatewayRequest'

/**
 * Express middleware for a subgraph's `/graphql` that lets only the gateway
 * in. It takes the place of `express.json()`:
 *
 * 1. anything but POST gets 405 (a GET's query sits in the URL, outside the signed body);
 * 2. the raw body is read and the signature verified over its exact bytes,
 *    before anything parses it; a failure gets 401 with a GraphQL error body
 *    (`extensions.code` UNAUTHENTICATED);
 * 3. a signature already used (same `jti`) is refused: a replay within the minute;
 * 4. the body is parsed as JSON into `request.body` for Apollo, and the
 *    verified caller and purpose are kept for {@link verifiedGatewayRequestOf}.
 *
 * ```ts
 * app.use('/graphql', requireGatewaySignature({ secret: readGatewaySecret(), subgraph: 'population' }), expressMiddleware(apollo, {
 *   context: async ({ req }) => ({ caller: verifiedGatewayRequestOf(req)?.caller, … }),
 * }))
 * ```
 */
export function requireGatewaySignature({ secret, subgraph, limit = '1mb' }: RequireGatewaySignatureOptions): express.Router {
  secretBytes(secret)
  const seenRequestIds = new RecentRequestIds()
  const log = logger.child({ component: 'gateway-signature', subgraph })
  const router = express.Router()
  router.use((request, response, next) => {
    if (request.method === 'POST') return next()
    response.setHeader('allow', 'POST')
    sendGraphQLError(response, 405, 'METHOD_NOT_ALLOWED', 'Subgraphs take POST requests from the gateway only.')
  })
  router.use(express.raw({ type: () => true, limit }))
  router.use(async (request, response, next) => {
    if (request.body !== undefined && !Buffer.isBuffer(request.body)) {
      log.error('requireGatewaySignature must see the raw body: mount it instead of express.json(), before any other body parser')
      return sendGraphQLError(response, 500, 'INTERNAL_SERVER_ERROR', 'Unexpected error.')
    }
    const body: Buffer = request.body ?? Buffer.alloc(0)
    let verified: VerifiedGatewayRequest
    try {
      verified = await verifySubgraphRequest({ secret, subgraph, body, header: request.headers[GATEWAY_SIGNATURE_HEADER] })
      if (!seenRequestIds.add(verified.requestId)) throw unauthenticated('The gateway signature has already been used.')
    } catch (error) {
      if (!(error instanceof GraphQLError)) return next(error)
      // The reason only: the header may carry a citizen's personal ID.
      log.warn({ reason: error.message, remoteAddress: request.socket.remoteAddress }, 'subgraph request refused')
      return sendGraphQLError(response, 401, 'UNAUTHENTICATED', error.message)
    }
    try {
      request.body = JSON.parse(body.toString('utf8'))
    } catch {
      return sendGraphQLError(response, 400, 'BAD_REQUEST', 'The request body is not valid JSON.')
    }
    response.locals[VERIFIED_REQUEST_KEY] = verified
    next()
  })
  return router
}

/** The caller and purpose {@link requireGatewaySignature} verified for this request, if it ran. */
export function verifiedGatewayRequestOf(request: Pick<express.Request, 'res'>): VerifiedGatewayRequest | undefined {
  return request.res?.locals[VERIFIED_REQUEST_KEY] as VerifiedGatewayRequest | undefined
}

function sendGraphQLError(response: express.Response, status: number, code: string, message: string): void {
  response.status(status).type('application/json').send(JSON.stringify({ errors: [{ message, extensions: { code } }] }))
}

/**
 * The `jti`s of signatures seen in the last lifetime + skew: a signature is
 * good for one request. Per process; each replica of a subgraph keeps its own.
 */
class RecentRequestIds {
  private readonly expiryById = new Map<string, number>()

  /** False when the id was already seen. */
  add(id: string, now = Date.now()): boolean {
    for (const [seenId, expiry] of this.expiryById) {
      // Insertion order is expiry order: stop at the first one still current.
      if (expiry > now) break
      this.expiryById.delete(seenId)
    }
    if (this.expiryById.has(id)) return false
    this.expiryById.set(id, now + (GATEWAY_TOKEN_LIFETIME_SECONDS + 2 * GATEWAY_TOKEN_CLOCK_SKEW_SECONDS) * 1000)
    return true
  }
}
