import { GraphQLError } from 'graphql'
import type { JWTPayload } from 'jose'
import { AdministrativeUnitCodeScalar, isAcceptedBy, PersonalIdScalar } from '@lienthong/schema'
import type { Caller } from './caller.js'

/**
 * The bearer-token claims the gateway reads, beyond the registered ones
 * (`iss`, `aud`, `exp`, `sub`). An identity provider maps its users and
 * clients onto these.
 */
export const CALLER_CLAIMS = {
  /** "official" | "machine" | "citizen". Optional: derived from the claims below when absent. */
  kind: 'caller_kind',
  /** Citizen: số định danh cá nhân, 12 digits. Its presence makes a citizen token. */
  personalId: 'personal_id',
  /** Machine: the registered client ("dvcqg"); `azp` is read when absent. Its presence makes a machine token. */
  clientId: 'client_id',
  /** Official (required) or machine (optional): the agency code, e.g. "UBND-P-26734". */
  agency: 'agency',
  /** Official: role names, a JSON array or a space-separated string. */
  roles: 'roles',
  /** Every kind: OAuth scopes, a space-separated string (RFC 8693 `scope`) or a JSON array. */
  scope: 'scope',
  /** Official (required): 2025 unit codes, a JSON array or a space-separated string; `[]` means nationwide. */
  jurisdiction: 'jurisdiction',
} as const

export type CallerKind = Caller['kind']
const CALLER_KINDS: readonly CallerKind[] = ['official', 'machine', 'citizen']

/**
 * The Caller a verified token's claims describe. The kind is `caller_kind`
 * when present, else: a `personal_id` makes a citizen, a `client_id` a
 * machine client, anything else an official.
 *
 * Throws UNAUTHENTICATED when a claim the kind needs is missing or malformed.
 * Messages name the claim, never its value (personal data).
 */
export function callerFromClaims(claims: JWTPayload): Caller {
  const kind = callerKindOf(claims)
  const scopes = wordList(claims, CALLER_CLAIMS.scope) ?? []
  switch (kind) {
    case 'citizen': {
      const personalId = claims[CALLER_CLAIMS.personalId]
      if (personalId === undefined) throw missingClaim(CALLER_CLAIMS.personalId, kind)
      if (!isAcceptedBy(PersonalIdScalar, personalId)) throw invalidClaim(CALLER_CLAIMS.personalId, 'must be 12 digits written as a string')
      return { kind, personalId, scopes }
    }
    case 'machine': {
      const clientId = identifier(claims, CALLER_CLAIMS.clientId) ?? identifier(claims, 'azp')
      if (clientId === undefined) throw missingClaim(CALLER_CLAIMS.clientId, kind)
      const agency = identifier(claims, CALLER_CLAIMS.agency)
      return { kind, clientId, ...(agency !== undefined ? { agency } : {}), scopes }
    }
    case 'official': {
      const subject = identifier(claims, 'sub')
      if (subject === undefined) throw missingClaim('sub', kind)
      const agency = identifier(claims, CALLER_CLAIMS.agency)
      if (agency === undefined) throw missingClaim(CALLER_CLAIMS.agency, kind)
      const jurisdiction = wordList(claims, CALLER_CLAIMS.jurisdiction)
      if (jurisdiction === undefined) throw missingClaim(CALLER_CLAIMS.jurisdiction, kind)
      if (!jurisdiction.every((code) => isAcceptedBy(AdministrativeUnitCodeScalar, code))) {
        throw invalidClaim(CALLER_CLAIMS.jurisdiction, 'must list 2025 unit codes (2 digits for a province, 5 for a commune)')
      }
      const roles = wordList(claims, CALLER_CLAIMS.roles) ?? []
      return { kind, subject, agency, roles, scopes, jurisdiction }
    }
  }
}

/** The claims that describe a Caller: the inverse of {@link callerFromClaims}, for issuing development tokens. */
export function claimsForCaller(caller: Caller): JWTPayload {
  const scope = caller.scopes.length > 0 ? { [CALLER_CLAIMS.scope]: caller.scopes.join(' ') } : {}
  switch (caller.kind) {
    case 'citizen':
      return { [CALLER_CLAIMS.kind]: caller.kind, [CALLER_CLAIMS.personalId]: caller.personalId, ...scope }
    case 'machine':
      return {
        [CALLER_CLAIMS.kind]: caller.kind,
        sub: caller.clientId,
        [CALLER_CLAIMS.clientId]: caller.clientId,
        ...(caller.agency !== undefined ? { [CALLER_CLAIMS.agency]: caller.agency } : {}),
        ...scope,
      }
    case 'official':
      return {
        [CALLER_CLAIMS.kind]: caller.kind,
        sub: caller.subject,
        [CALLER_CLAIMS.agency]: caller.agency,
        [CALLER_CLAIMS.roles]: caller.roles,
        ...scope,
        [CALLER_CLAIMS.jurisdiction]: caller.jurisdiction,
      }
  }
}

function callerKindOf(claims: JWTPayload): CallerKind {
  const declared = claims[CALLER_CLAIMS.kind]
  if (declared !== undefined) {
    if (CALLER_KINDS.includes(declared as CallerKind)) return declared as CallerKind
    throw invalidClaim(CALLER_CLAIMS.kind, `must be one of ${CALLER_KINDS.join(', ')}`)
  }
  if (claims[CALLER_CLAIMS.personalId] !== undefined) return 'citizen'
  if (claims[CALLER_CLAIMS.clientId] !== undefined) return 'machine'
  return 'official'
}

/** A subject, agency or client id: printable, no spaces, at most 200 characters. */
function identifier(claims: JWTPayload, claim: string): string | undefined {
  const value = claims[claim]
  if (value === undefined) return undefined
  if (typeof value !== 'string' || !/^[^\s\p{C}]{1,200}$/u.test(value)) {
    throw invalidClaim(claim, 'must be a non-empty string of at most 200 printable characters without spaces')
  }
  return value
}

/** A list claim, as a JSON array of strings or one space-separated string (OAuth `scope` style); duplicates dropped. */
function wordList(claims: JWTPayload, claim: string): string[] | undefined {
  const value = claims[claim]
  if (value === undefined) return undefined
  const words = typeof value === 'string' ? value.split(/\s+/) : value
  if (!Array.isArray(words) || !words.every((word) => typeof word === 'string' && !/\s/.test(word) && word.length <= 200)) {
    throw invalidClaim(claim, 'must be a space-separated string or an array of strings')
  }
  return [...new Set(words.filter((word) => word.length > 0))]
}

function missingClaim(claim: string, kind: CallerKind): GraphQLError {
  return unauthenticated(`The bearer token lacks the "${claim}" claim a${kind === 'official' ? 'n' : ''} ${kind} token needs.`)
}

function invalidClaim(claim: string, rule: string): GraphQLError {
  return unauthenticated(`The bearer token's "${claim}" claim ${rule}.`)
}

/**
 * The error for a request whose credentials are refused: HTTP 401 with a
 * `WWW-Authenticate` challenge (RFC 6750), code UNAUTHENTICATED.
 */
export function unauthenticated(message: string, challenge: 'invalid_token' | 'invalid_request' = 'invalid_token'): GraphQLError {
  return new GraphQLError(message, {
    extensions: {
      code: 'UNAUTHENTICATED',
      http: { status: 401, headers: new Map([['www-authenticate', `Bearer realm="lienthong", error="${challenge}"`]]) },
    },
  })
}
