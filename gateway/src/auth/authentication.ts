import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { GraphQLError } from 'graphql'
import { createLocalJWKSet, createRemoteJWKSet, errors as joseErrors, jwtVerify, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose'
import { logger } from '@lienthong/lib'
import { isProductionMode } from '@lienthong/lib/subgraph'
import type { Caller } from './caller.js'
import { callerFromClaims, unauthenticated } from './caller-claims.js'
import { DEFAULT_AUDIENCE, DEVELOPMENT_ALGORITHM, DEVELOPMENT_ISSUER, DEVELOPMENT_ISSUER_DIRECTORY, loadDevelopmentIssuer } from './development-issuer.js'

/** Where the issuer's public keys come from. */
export type JwksSource =
  /** `AUTH_JWKS_URL`: fetched on first use, cached, refetched when a token names an unknown `kid` (key rotation). */
  | { kind: 'url'; url: URL }
  /** `AUTH_JWKS_FILE`: read once at startup. */
  | { kind: 'file'; path: string }
  /** No issuer configured outside production: the development issuer's key in `.lienthong/dev-issuer/`. */
  | { kind: 'development'; directory: string }

export interface AuthenticationConfig {
  /** The `iss` every token must carry. */
  issuer: string
  /** The `aud` every token must carry. */
  audience: string
  jwks: JwksSource
  /** The signature algorithms accepted, asymmetric only: `none` and HMAC never are. */
  algorithms: string[]
}

/** Asymmetric JWS algorithms an issuer may be configured with (`AUTH_ALGORITHMS`). */
export const ASYMMETRIC_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'] as const
/** Accepted unless `AUTH_ALGORITHMS` narrows them: what Keycloak, Entra ID and most OIDC providers sign with. */
export const DEFAULT_ALGORITHMS = ['RS256', 'PS256', 'ES256', 'EdDSA', 'Ed25519']
/** Clock difference tolerated between the issuer and the gateway. */
export const CLOCK_TOLERANCE_SECONDS = 30
/** Longer "tokens" are refused before any parsing. */
const MAX_TOKEN_LENGTH = 8_192

export interface ReadAuthenticationConfigOptions {
  /** The development issuer's folder. Defaults to `.lienthong/dev-issuer/` of this checkout. */
  developmentIssuerDirectory?: string
}

/**
 * The authentication settings from the environment:
 *
 * - `AUTH_ISSUER`: the trusted issuer (`iss`);
 * - `AUTH_JWKS_URL` (https in production) or `AUTH_JWKS_FILE`: its public keys; one of them is required with AUTH_ISSUER;
 * - `AUTH_AUDIENCE`: the expected `aud`, default "lienthong";
 * - `AUTH_ALGORITHMS`: comma-separated, narrows {@link DEFAULT_ALGORITHMS};
 * - `NODE_ENV=production`: production mode.
 *
 * Without AUTH_ISSUER, outside production mode, the development issuer is
 * used. In production mode a missing or development issuer is an error: the
 * gateway does not start.
 */
export function readAuthenticationConfig(
  env: NodeJS.ProcessEnv = process.env,
  { developmentIssuerDirectory = DEVELOPMENT_ISSUER_DIRECTORY }: ReadAuthenticationConfigOptions = {},
): AuthenticationConfig {
  const production = isProductionMode(env)
  const issuer = setting(env, 'AUTH_ISSUER')
  const audience = setting(env, 'AUTH_AUDIENCE') ?? DEFAULT_AUDIENCE
  const jwksUrl = setting(env, 'AUTH_JWKS_URL')
  const jwksFile = setting(env, 'AUTH_JWKS_FILE')
  if (jwksUrl && jwksFile) throw new Error('Set AUTH_JWKS_URL or AUTH_JWKS_FILE, not both.')

  if (!issuer) {
    if (production) {
      throw new Error(
        'Production mode (NODE_ENV=production) needs a real token issuer: set AUTH_ISSUER and AUTH_JWKS_URL (or AUTH_JWKS_FILE). ' +
          'The development issuer is refused in production.',
      )
    }
    if (jwksUrl || jwksFile) throw new Error(`${jwksUrl ? 'AUTH_JWKS_URL' : 'AUTH_JWKS_FILE'} is set without AUTH_ISSUER: set the issuer whose keys these are.`)
    return { issuer: DEVELOPMENT_ISSUER, audience, jwks: { kind: 'development', directory: developmentIssuerDirectory }, algorithms: [DEVELOPMENT_ALGORITHM] }
  }
  if (production && issuer === DEVELOPMENT_ISSUER) throw new Error(`AUTH_ISSUER=${DEVELOPMENT_ISSUER} is the development issuer, refused in production mode.`)

  const algorithms = readAlgorithms(env)
  if (jwksUrl) {
    let url: URL
    try {
      url = new URL(jwksUrl)
    } catch {
      throw new Error('AUTH_JWKS_URL is not a URL.')
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('AUTH_JWKS_URL must be an http(s) URL.')
    // Keys fetched over plain HTTP can be swapped by anyone on the path, and with them every identity.
    if (production && url.protocol !== 'https:') throw new Error('AUTH_JWKS_URL must use https in production mode.')
    return { issuer, audience, jwks: { kind: 'url', url }, algorithms }
  }
  if (jwksFile) return { issuer, audience, jwks: { kind: 'file', path: path.resolve(jwksFile) }, algorithms }
  throw new Error('AUTH_ISSUER is set but neither AUTH_JWKS_URL nor AUTH_JWKS_FILE: the gateway needs the issuer’s public keys to verify tokens.')
}

function readAlgorithms(env: NodeJS.ProcessEnv): string[] {
  const configured = setting(env, 'AUTH_ALGORITHMS')
  if (!configured) return DEFAULT_ALGORITHMS
  const algorithms = configured.split(',').map((algorithm) => algorithm.trim()).filter(Boolean)
  const refused = algorithms.filter((algorithm) => !(ASYMMETRIC_ALGORITHMS as readonly string[]).includes(algorithm))
  if (algorithms.length === 0 || refused.length > 0) {
    throw new Error(`AUTH_ALGORITHMS accepts asymmetric JWS algorithms only (${ASYMMETRIC_ALGORITHMS.join(', ')}); refused: ${refused.join(', ') || '(empty)'}.`)
  }
  return algorithms
}

function setting(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim()
  return value ? value : undefined
}

export interface Authenticator {
  readonly issuer: string
  readonly audience: string
  /**
   * The caller a request's `Authorization` header proves.
   *
   * - no header: undefined (anonymous; public data only);
   * - `Bearer <token>` with a valid token: the Caller its claims describe;
   * - anything else: throws a GraphQLError with code UNAUTHENTICATED and HTTP
   *   401, whose message says what is wrong (malformed, expired, wrong issuer
   *   or audience, bad signature, missing claim) without quoting the token;
   * - the issuer's keys unreachable: throws code INTERNAL_SERVER_ERROR, HTTP 503.
   */
  authenticate(authorization: string | undefined): Promise<Caller | undefined>
}

const log = logger.child({ component: 'authentication' })

/**
 * Verifies bearer JWTs with `jose` against the configured issuer, audience
 * and keys, with the algorithms pinned.
 *
 * ```ts
 * const { authenticate } = await createAuthenticator(readAuthenticationConfig())
 * const caller = await authenticate(request.headers.authorization)
 * ```
 *
 * Resolves once the keys can be used: a JWKS file is read (and refused when it
 * is not a public JWKS), the development key generated if need be. A JWKS URL
 * is only fetched on the first token, so the gateway starts while the
 * identity provider is down.
 */
export async function createAuthenticator(config: AuthenticationConfig): Promise<Authenticator> {
  const keys = await keySetOf(config.jwks)
  const { issuer, audience, algorithms } = config
  return {
    issuer,
    audience,
    async authenticate(authorization) {
      if (authorization === undefined) return undefined
      const token = bearerTokenOf(authorization)
      let claims
      try {
        ;({ payload: claims } = await jwtVerify(token, keys, {
          issuer,
          audience,
          algorithms,
          requiredClaims: ['exp'],
          clockTolerance: CLOCK_TOLERANCE_SECONDS,
        }))
      } catch (error) {
        throw tokenErrorOf(error)
      }
      return callerFromClaims(claims)
    },
  }
}

async function keySetOf(source: JwksSource): Promise<JWTVerifyGetKey> {
  switch (source.kind) {
    case 'url':
      return createRemoteJWKSet(source.url, { timeoutDuration: 5_000, cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000 })
    case 'file':
      return localKeySet(await readJwksFile(source.path), `AUTH_JWKS_FILE ${source.path}`)
    case 'development':
      return localKeySet((await loadDevelopmentIssuer({ directory: source.directory })).publicJwks, 'the development issuer')
  }
}

async function readJwksFile(file: string): Promise<JSONWebKeySet> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as JSONWebKeySet
  } catch (error) {
    throw new Error(`AUTH_JWKS_FILE ${file} could not be read as JSON.`, { cause: error })
  }
}

function localKeySet(jwks: JSONWebKeySet, origin: string): JWTVerifyGetKey {
  const keys: unknown = jwks?.keys
  if (!Array.isArray(keys) || keys.length === 0) throw new Error(`${origin} holds no JSON Web Key Set ({"keys": [...]}).`)
  // A JWKS is public; private or symmetric key material in it is a leak waiting to be copied.
  if (keys.some((key) => typeof key !== 'object' || key === null || 'd' in key || 'k' in key || key.kty === 'oct')) {
    throw new Error(`${origin} holds private or symmetric key material; it must hold public keys only.`)
  }
  try {
    return createLocalJWKSet(jwks)
  } catch (error) {
    throw new Error(`${origin} is not a valid JSON Web Key Set.`, { cause: error })
  }
}

function bearerTokenOf(authorization: string): string {
  const match = /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i.exec(authorization)
  if (!match || authorization.length > MAX_TOKEN_LENGTH) {
    throw unauthenticated('The Authorization header must be "Bearer <token>" with a JWT.', 'invalid_request')
  }
  return match[1]!
}

/** The caller's fault (401, saying which) or ours (503, logged). */
function tokenErrorOf(error: unknown): GraphQLError {
  if (error instanceof joseErrors.JWTExpired) return unauthenticated('The bearer token has expired.')
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.reason === 'missing') return unauthenticated(`The bearer token lacks the "${error.claim}" claim.`)
    switch (error.claim) {
      case 'iss':
        return unauthenticated('The bearer token is from an issuer this gateway does not trust.')
      case 'aud':
        return unauthenticated('The bearer token is meant for another audience than this gateway.')
      case 'nbf':
        return unauthenticated('The bearer token is not valid yet.')
      default:
        return unauthenticated(`The bearer token's "${error.claim}" claim is invalid.`)
    }
  }
  if (error instanceof joseErrors.JWSSignatureVerificationFailed || error instanceof joseErrors.JWKSMultipleMatchingKeys) {
    return unauthenticated('The bearer token’s signature does not verify.')
  }
  if (error instanceof joseErrors.JWKSNoMatchingKey) return unauthenticated('The bearer token is signed with a key the issuer does not publish.')
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return unauthenticated('The bearer token is signed with an algorithm this gateway does not accept.')
  if (
    error instanceof joseErrors.JWSInvalid ||
    error instanceof joseErrors.JWTInvalid ||
    error instanceof joseErrors.JOSENotSupported
  ) {
    return unauthenticated('The bearer token is malformed.')
  }
  // The JWKS could not be fetched or read: not the caller's doing.
  log.error({ err: { type: error instanceof Error ? error.constructor.name : typeof error, code: (error as { code?: unknown })?.code } }, 'the token issuer’s keys are unavailable')
  return new GraphQLError('Authentication is unavailable: the token issuer’s keys could not be loaded.', {
    extensions: { code: 'INTERNAL_SERVER_ERROR', http: { status: 503 } },
  })
}
