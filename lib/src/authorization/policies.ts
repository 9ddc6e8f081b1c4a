import type { GatewayCaller, GatewayPurpose } from '../subgraph/gateway-signature.js'
import type { AuthorizationPolicy } from './authorize-operation.js'

/**
 * The scopes a token may grant (issue 5's contract). Boundary data and the
 * procedure catalogue are public and need none.
 */
export const LIENTHONG_SCOPES = [
  'population:read',
  // dân tộc, tôn giáo, nhóm máu, thẻ căn cước
  'population:sensitive',
  // hộ tịch
  'civil-status:read',
  'land:read',
  'land:encumbrances',
  'business:read',
  'insurance:read',
  'insurance:contributions',
  'cases:draft',
  'address:resolve',
  'audit:read',
  'admin',
] as const

export type LienthongScope = (typeof LIENTHONG_SCOPES)[number]

/** The names SDL `@policy(policies: …)` may use. */
export type LienthongPolicyName = 'citizen_self' | 'agency' | 'official' | 'purpose_bound'

/**
 * The four policies of lienthong, one implementation for the gateway and
 * every subgraph (`createAuthorizationPlugin({ policies: LIENTHONG_POLICIES, … })`).
 * Policies are only evaluated for a verified caller; scopes are checked apart
 * (`@requiresScopes`), so a policy says who, not how much.
 *
 * - `citizen_self`: the caller is a citizen and the field names only them: its
 *   `personalId` argument, every entry of `personalIds`, and `input.applicantId`
 *   (those present) are their own personal id. A field naming nobody, or an
 *   empty `personalIds`, does not satisfy it.
 * - `agency`: the caller acts for an agency: an official or a machine client.
 * - `official`: the caller is an official (a person who answers for a decision).
 * - `purpose_bound`: the request declares the case it serves (a Purpose).
 */
export const LIENTHONG_POLICIES: Readonly<Record<LienthongPolicyName, AuthorizationPolicy<GatewayCaller, GatewayPurpose>>> = {
  citizen_self: ({ caller, args }) => caller.kind === 'citizen' && namesOnly(args, caller.personalId),
  agency: ({ caller }) => caller.kind === 'official' || caller.kind === 'machine',
  official: ({ caller }) => caller.kind === 'official',
  purpose_bound: ({ purpose }) => purpose !== undefined,
}

/**
 * True when the arguments name at least one person and every person they name
 * is `personalId`. An argument of an unexpected shape names someone else.
 */
function namesOnly(args: Readonly<Record<string, unknown>>, personalId: string): boolean {
  const named: unknown[] = []
  if (args['personalId'] !== undefined && args['personalId'] !== null) named.push(args['personalId'])
  const personalIds = args['personalIds']
  if (personalIds !== undefined && personalIds !== null) {
    if (!Array.isArray(personalIds)) return false
    named.push(...personalIds)
  }
  const input = args['input']
  if (typeof input === 'object' && input !== null && 'applicantId' in input) {
    const applicantId = (input as { applicantId?: unknown }).applicantId
    if (applicantId !== undefined && applicantId !== null) named.push(applicantId)
  }
  return named.length > 0 && named.every((id) => id === personalId)
}
