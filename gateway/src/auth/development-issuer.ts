import { randomUUID } from 'node:crypto'
import { link, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, SignJWT, type CryptoKey, type JSONWebKeySet, type JWK } from 'jose'
import { isProductionMode } from '@lienthong/lib/subgraph'
import type { Caller } from './caller.js'
import { callerFromClaims, claimsForCaller, type CallerKind } from './caller-claims.js'

/** The issuer of development tokens: never accepted in production mode. */
export const DEVELOPMENT_ISSUER = 'urn:lienthong:dev-issuer'
export const DEVELOPMENT_ALGORITHM = 'ES256'
/** The audience the gateway expects unless `AUTH_AUDIENCE` says otherwise. */
export const DEFAULT_AUDIENCE = 'lienthong'

/** `.lienthong/dev-issuer/` at the root of this checkout (git-ignored): shared by the gateway and `npm run token`. */
export const DEVELOPMENT_ISSUER_DIRECTORY = fileURLToPath(new URL('../../../.lienthong/dev-issuer/', import.meta.url))
/** The private signing key, a JWK (mode 0600). */
const PRIVATE_KEY_FILE = 'signing-key.json'
/** The public key as a JWKS: what `AUTH_JWKS_FILE` would point at. */
export const DEVELOPMENT_JWKS_FILE = 'jwks.json'

export interface DevelopmentIssuer {
  issuer: string
  directory: string
  /** The key id (`kid`): the JWK thumbprint of the public key. */
  keyId: string
  privateKey: CryptoKey
  publicJwks: JSONWebKeySet
}

const issuersByDirectory = new Map<string, Promise<DevelopmentIssuer>>()

/**
 * The development issuer's key pair: an ES256 key generated on first use into
 * `<directory>/signing-key.json`, its public half in `<directory>/jwks.json`.
 * Refused in production mode.
 */
export function loadDevelopmentIssuer({
  directory = DEVELOPMENT_ISSUER_DIRECTORY,
  env = process.env,
}: { directory?: string; env?: NodeJS.ProcessEnv } = {}): Promise<DevelopmentIssuer> {
  if (isProductionMode(env)) throw new Error('The development token issuer is not available in production mode (NODE_ENV=production).')
  const resolved = path.resolve(directory)
  let issuer = issuersByDirectory.get(resolved)
  if (!issuer) {
    issuer = readOrCreateIssuer(resolved)
    issuersByDirectory.set(resolved, issuer)
    issuer.catch(() => issuersByDirectory.delete(resolved))
  }
  return issuer
}

async function readOrCreateIssuer(directory: string): Promise<DevelopmentIssuer> {
  const keyFile = path.join(directory, PRIVATE_KEY_FILE)
  const privateJwk = (await readJwk(keyFile)) ?? (await createKeyFile(keyFile))
  const { d: _private, ...publicJwk } = privateJwk
  const publicJwks: JSONWebKeySet = { keys: [publicJwk] }
  await writeIfChanged(path.join(directory, DEVELOPMENT_JWKS_FILE), `${JSON.stringify(publicJwks, null, 2)}\n`)
  const privateKey = await importJWK(privateJwk, DEVELOPMENT_ALGORITHM)
  if (privateKey instanceof Uint8Array) throw new Error(`${keyFile} does not hold an ${DEVELOPMENT_ALGORITHM} private key; delete the folder to have a new one generated.`)
  return { issuer: DEVELOPMENT_ISSUER, directory, keyId: privateJwk.kid!, privateKey, publicJwks }
}

async function readJwk(file: string): Promise<JWK | undefined> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  const jwk = JSON.parse(text) as JWK
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.d || !jwk.kid) {
    throw new Error(`${file} is not an ${DEVELOPMENT_ALGORITHM} private key; delete the folder to have a new one generated.`)
  }
  return jwk
}

/**
 * Generates the key and links it into place: of the processes of one checkout
 * starting together (gateway, token script, test workers), whichever links
 * first wins and the others read its key.
 */
async function createKeyFile(file: string): Promise<JWK> {
  const { privateKey } = await generateKeyPair(DEVELOPMENT_ALGORITHM, { extractable: true })
  const jwk = await exportJWK(privateKey)
  const { d: _private, ...publicJwk } = jwk
  const keyId = await calculateJwkThumbprint(publicJwk)
  const privateJwk: JWK = { ...jwk, kid: keyId, alg: DEVELOPMENT_ALGORITHM, use: 'sig' }
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 })
  const temporary = `${file}.${process.pid}.${randomUUID()}.tmp`
  await writeFile(temporary, `${JSON.stringify(privateJwk, null, 2)}\n`, { mode: 0o600 })
  try {
    await link(temporary, file)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  } finally {
    await rm(temporary, { force: true })
  }
  return (await readJwk(file))!
}

async function writeIfChanged(file: string, content: string): Promise<void> {
  const current = await readFile(file, 'utf8').catch(() => undefined)
  if (current === content) return
  const temporary = `${file}.${process.pid}.${randomUUID()}.tmp`
  await writeFile(temporary, content)
  await rename(temporary, file)
}

export interface DevelopmentTokenOptions {
  /** Which kind of caller the token stands for (`--role` of `npm run token`). */
  kind: CallerKind
  /** Official: the account (`sub`). Defaults to "dev-official". */
  subject?: string | undefined
  /** Official (required) or machine (optional): e.g. "UBND-P-26734". */
  agency?: string | undefined
  /** Official: role names. */
  roles?: string[] | undefined
  scopes?: string[] | undefined
  /** Official: 2025 unit codes; empty or absent means nationwide. */
  jurisdiction?: string[] | undefined
  /** Citizen (required): số định danh cá nhân. */
  personalId?: string | undefined
  /** Machine (required): e.g. "dvcqg". */
  clientId?: string | undefined
  /** Lifetime in seconds. Defaults to 3,600 (one hour). */
  ttlSeconds?: number | undefined
  /** Defaults to `AUTH_AUDIENCE`, else "lienthong". */
  audience?: string | undefined
  /** Defaults to now; tests pass a past time for an expired token. */
  issuedAt?: Date | undefined
  /** The issuer's folder. Defaults to `.lienthong/dev-issuer/`. */
  directory?: string | undefined
  env?: NodeJS.ProcessEnv | undefined
}

export const DEFAULT_DEVELOPMENT_TOKEN_TTL_SECONDS = 3_600

/**
 * A bearer token from the development issuer, for `npm run token` and tests.
 * Throws (a plain Error naming the option) when the kind's required details
 * are missing, and in production mode.
 *
 * ```ts
 * const token = await signDevelopmentToken({ kind: 'official', agency: 'UBND-P-26734', roles: ['can-bo-ho-tich'], jurisdiction: ['79'] })
 * ```
 */
export async function signDevelopmentToken(options: DevelopmentTokenOptions): Promise<string> {
  const env = options.env ?? process.env
  const ttlSeconds = options.ttlSeconds ?? DEFAULT_DEVELOPMENT_TOKEN_TTL_SECONDS
  if (!Number.isSafeInteger(ttlSeconds) || ttlSeconds <= 0) throw new Error(`The token lifetime must be a positive number of seconds, got ${ttlSeconds}.`)
  const caller = developmentCaller(options)
  const claims = claimsForCaller(caller)
  // The gateway must accept what this issues: fail here, with the gateway's own message, if not.
  callerFromClaims(claims)
  const issuer = await loadDevelopmentIssuer({ ...(options.directory ? { directory: options.directory } : {}), env })
  const issuedAt = Math.floor((options.issuedAt ?? new Date()).getTime() / 1000)
  return new SignJWT(claims)
    .setProtectedHeader({ alg: DEVELOPMENT_ALGORITHM, kid: issuer.keyId, typ: 'JWT' })
    .setIssuer(DEVELOPMENT_ISSUER)
    .setAudience(options.audience ?? (env.AUTH_AUDIENCE || DEFAULT_AUDIENCE))
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ttlSeconds)
    .setJti(randomUUID())
    .sign(issuer.privateKey)
}

function developmentCaller(options: DevelopmentTokenOptions): Caller {
  const scopes = options.scopes ?? []
  switch (options.kind) {
    case 'official':
      if (!options.agency) throw new Error('An official token needs an agency (--agency, e.g. UBND-P-26734).')
      return {
        kind: 'official',
        subject: options.subject ?? 'dev-official',
        agency: options.agency,
        roles: options.roles ?? [],
        scopes,
        jurisdiction: options.jurisdiction ?? [],
      }
    case 'machine':
      if (!options.clientId) throw new Error('A machine token needs a client id (--client-id, e.g. dvcqg).')
      return { kind: 'machine', clientId: options.clientId, ...(options.agency ? { agency: options.agency } : {}), scopes }
    case 'citizen':
      if (!options.personalId) throw new Error('A citizen token needs a personal ID (--personal-id, 12 digits).')
      return { kind: 'citizen', personalId: options.personalId, scopes }
    default:
      throw new Error(`Unknown caller kind "${String(options.kind)}": official, machine or citizen.`)
  }
}
