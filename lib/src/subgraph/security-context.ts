import type express from 'express'
import { verifiedGatewayRequestOf, type GatewayCaller, type GatewayPurpose } from './gateway-signature.js'

/**
 * The part of every subgraph's request context that says who asks and why,
 * as the gateway's signature on the request says (never a plain header).
 * The subgraph's authorization plugin reads it; resolvers that record a
 * decision read the official from it.
 */
export interface SecurityContext {
  /** The verified caller; undefined for an anonymous request (public data such as boundaries). */
  caller?: GatewayCaller | undefined
  /** The case (hồ sơ) the request serves, when the caller declared one. */
  purpose?: GatewayPurpose | undefined
}

/**
 * The caller and purpose of a request that passed `requireGatewaySignature`;
 * an empty (anonymous) context when the middleware did not run.
 */
export function securityContextOf(request: Pick<express.Request, 'res'>): SecurityContext {
  const verified = verifiedGatewayRequestOf(request)
  return { caller: verified?.caller, purpose: verified?.purpose }
}

/**
 * The official (cán bộ) a request acts for: the subject of a verified
 * official caller, or undefined for an anonymous request, a machine client or
 * a citizen. Mutations that record an official's decision need one.
 */
export function officialSubjectOf(context: SecurityContext): string | undefined {
  return context.caller?.kind === 'official' ? context.caller.subject : undefined
}
