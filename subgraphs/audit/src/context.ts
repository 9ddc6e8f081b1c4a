import type { AuditTrail } from '@lienthong/lib/audit'
import type { SecurityContext } from '@lienthong/lib/subgraph'

/** What the audit subgraph holds for its whole life: the audit trail, read through `accessesOf` only. */
export interface AuditServices {
  trail: Pick<AuditTrail, 'accessesOf'>
}

/**
 * The context of one request: the trail, and who asks as the gateway's
 * signature says (`caller`, and `purpose`, which the data tracker does not need).
 */
export interface AuditContext extends SecurityContext {
  trail: Pick<AuditTrail, 'accessesOf'>
}

/** A request's context from its verified security context (`securityContextOf(req)`; `{}` is anonymous). */
export function createAuditContext(services: AuditServices, security: SecurityContext): AuditContext {
  return { trail: services.trail, caller: security.caller, purpose: security.purpose }
}
