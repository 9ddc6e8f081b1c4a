import { createHmac, randomBytes } from 'node:crypto'
import type { ApolloServerPlugin, BaseContext } from '@apollo/server'
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible'
import type { Caller } from '../auth/caller.js'
import { refusalError, refusingListener } from './refusal.js'

/** Who a limit is counted for: the three caller kinds, and callers without a token. */
export type RateLimitedKind = Caller['kind'] | 'anonymous'

/** Requests per minute, per caller of each kind. */
export type RateLimits = Record<RateLimitedKind, number>

/**
 * A portal relays many citizens' requests through one client id; an official
 * at a desk works one dossier at a time; a citizen reads their own records; an
 * anonymous caller reads public boundary data.
 */
export const DEFAULT_RATE_LIMITS: Readonly<RateLimits> = { machine: 600, official: 300, citizen: 60, anonymous: 30 }

/** The variable that sets each kind's requests per minute. */
export const RATE_LIMIT_VARIABLES: Readonly<Record<RateLimitedKind, string>> = {
  machine: 'LIENTHONG_RATE_LIMIT_MACHINE',
  official: 'LIENTHONG_RATE_LIMIT_OFFICIAL',
  citizen: 'LIENTHONG_RATE_LIMIT_CITIZEN',
  anonymous: 'LIENTHONG_RATE_LIMIT_ANONYMOUS',
}

/** The window every limit counts over. */
export const RATE_LIMIT_WINDOW_SECONDS = 60

export const RATE_LIMITED_CODE = 'RATE_LIMITED'

/**
 * {@link DEFAULT_RATE_LIMITS}, each overridden by its variable in
 * {@link RATE_LIMIT_VARIABLES} (a whole number of requests per minute, ≥ 1).
 * Throws naming the variable when one is not.
 */
export function readRateLimits(env: NodeJS.ProcessEnv = process.env): RateLimits {
  const limits = { ...DEFAULT_RATE_LIMITS }
  for (const [kind, variable] of Object.entries(RATE_LIMIT_VARIABLES) as [RateLimitedKind, string][]) {
    const value = env[variable]
    if (value === undefined || value === '') continue
    const perMinute = Number(value)
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(perMinute) || perMinute < 1) {
      throw new Error(`${variable} must be a whole number of requests per minute, at least 1; got "${value}".`)
    }
    limits[kind] = perMinute
  }
  return limits
}

export interface RateLimitPluginOptions<TContext extends BaseContext> {
  /** Requests per minute by kind. Defaults to {@link readRateLimits}() (environment, else the defaults). */
  limits?: RateLimits
  /** The verified caller. Defaults to `contextValue.caller`. */
  callerOf?(contextValue: TContext): Caller | null | undefined
  /**
   * The client's IP address, which keys anonymous callers. Defaults to
   * `contextValue.clientAddress` (set it from express's `req.ip`, with
   * `trust proxy` configured behind a reverse proxy). Without one, all
   * anonymous callers share one allowance.
   */
  clientAddressOf?(contextValue: TContext): string | null | undefined
}

/**
 * Per-client rate limits (rate-limiter-flexible, in-memory store: counts are
 * per gateway process). One allowance per machine client id, official
 * subject, citizen and anonymous IP address, refilled over a minute. Every
 * request counts, valid or not. Over the limit: a GraphQL error with code
 * RATE_LIMITED, HTTP 429 and `Retry-After` in seconds; nothing executes.
 *
 * Identities are kept only as HMACs under a key drawn at start: the limiter's
 * memory holds no personal id in plain text.
 *
 * Put it first among the plugins, so that a refused request is refused for
 * this reason before any other check.
 *
 * ```ts
 * new ApolloServer<GatewayContext>({ gateway, plugins: [createRateLimitPlugin<GatewayContext>(), …] })
 * ```
 */
export function createRateLimitPlugin<TContext extends BaseContext>(options: RateLimitPluginOptions<TContext> = {}): ApolloServerPlugin<TContext> {
  const limits = options.limits ?? readRateLimits()
  const callerOf = options.callerOf ?? ((contextValue: TContext) => (contextValue as { caller?: Caller | null }).caller)
  const clientAddressOf = options.clientAddressOf ?? ((contextValue: TContext) => (contextValue as { clientAddress?: string | null }).clientAddress)
  const limiters = Object.fromEntries(
    (Object.keys(RATE_LIMIT_VARIABLES) as RateLimitedKind[]).map((kind) => [
      kind,
      new RateLimiterMemory({ keyPrefix: `lienthong-${kind}`, points: limits[kind], duration: RATE_LIMIT_WINDOW_SECONDS }),
    ]),
  ) as Record<RateLimitedKind, RateLimiterMemory>
  const keyOfIdentity = identityHasher()

  return {
    async requestDidStart({ contextValue }) {
      const { kind, identity } = rateLimitIdentityOf(callerOf(contextValue), clientAddressOf(contextValue))
      try {
        await limiters[kind].consume(keyOfIdentity(identity))
        return {}
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection
        const retryAfterSeconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000))
        return refusingListener<TContext>(
          refusalError(
            `Rate limit exceeded: at most ${limits[kind]} requests per minute for ${kind === 'anonymous' ? 'anonymous callers' : `each ${kind} caller`}. Retry in ${retryAfterSeconds} s.`,
            RATE_LIMITED_CODE,
            429,
            { 'retry-after': String(retryAfterSeconds) },
          ),
        )
      }
    },
  }
}

/**
 * Whose allowance a request uses: the machine's client id, the official's
 * subject, the citizen's personal id, else the client's address.
 */
export function rateLimitIdentityOf(caller: Caller | null | undefined, clientAddress: string | null | undefined): { kind: RateLimitedKind; identity: string } {
  switch (caller?.kind) {
    case 'machine':
      return { kind: 'machine', identity: caller.clientId }
    case 'official':
      return { kind: 'official', identity: caller.subject }
    case 'citizen':
      return { kind: 'citizen', identity: caller.personalId }
    default:
      return { kind: 'anonymous', identity: clientAddress || 'unknown address' }
  }
}

/** HMAC-SHA256 under a key that lives as long as the process, as the counts do. */
function identityHasher(): (identity: string) => string {
  const key = randomBytes(32)
  return (identity) => createHmac('sha256', key).update(identity).digest('base64url')
}
