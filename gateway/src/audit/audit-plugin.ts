import type { ApolloServerPlugin } from '@apollo/server'
import { logger } from '@lienthong/lib'
import { operationHashOf, type AuditEntry, type AuditOutcome, type AuditTrail } from '@lienthong/lib/audit'
import type { Caller } from '../auth/caller.js'
import type { GatewayContext } from '../context.js'

const log = logger.child({ component: 'gateway-audit' })

/** What the caller gets instead of data when the access cannot be logged. */
export const AUDIT_UNAVAILABLE_MESSAGE = 'The access could not be recorded in the audit trail, so no data is returned. Try again later.'

/**
 * Writes one audit entry for every request that touched personal data — who,
 * for which case, which operation, whose data, which registers and fields,
 * and the outcome — before the response leaves the gateway. When the entry
 * cannot be written the response is withheld: the caller gets
 * AUDIT_UNAVAILABLE (HTTP 503) and no data (fail closed).
 */
export function createAuditPlugin(trail: AuditTrail): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response, request, source, queryHash, operationName }) {
          const { access } = contextValue
          if (!access.touchedPersonalData && !access.denied) return
          if (response.body.kind !== 'single') return
          const result = response.body.singleResult
          const caller = contextValue.caller
          if (!caller) {
            // An anonymous caller refused by authorization touched nothing and leaves its refusal as it is (nobody to log).
            if (!access.touchedPersonalData) return
            // Authorization refuses anonymous reads of personal data before any subgraph call; if one got through, withhold it.
            log.error({ requestId: contextValue.requestId }, 'an anonymous request touched personal data: response withheld')
            withhold(response, contextValue.requestId)
            return
          }
          const outcome: AuditOutcome = access.denied ? 'DENIED' : !result.errors?.length ? 'OK' : result.data ? 'PARTIAL' : 'ERROR'
          const entry: AuditEntry = {
            ...callerOf(caller),
            caseReference: contextValue.purpose?.caseReference ?? null,
            procedureCode: contextValue.purpose?.procedureCode ?? null,
            operationName: operationName ?? request.operationName ?? null,
            // Apollo Server has hashed the document already (SHA-256 hex, as operationHashOf); not when it refused it before reading it.
            operationHash: queryHash ?? operationHashOf(source ?? request.query ?? ''),
            dataSubjects: access.dataSubjects,
            registers: [...access.registers].sort(),
            fields: access.fields,
            outcome,
          }
          try {
            await trail.record(entry)
          } catch (error) {
            log.error({ requestId: contextValue.requestId, err: { type: (error as Error)?.constructor?.name, code: (error as { code?: unknown })?.code } }, 'audit entry not written: response withheld')
            withhold(response, contextValue.requestId)
          }
        },
      }
    },
  }
}

function withhold(response: { http: { status?: number | undefined }; body: { kind: string; singleResult?: unknown } }, requestId: string): void {
  response.http.status = 503
  response.body.singleResult = { errors: [{ message: AUDIT_UNAVAILABLE_MESSAGE, extensions: { code: 'AUDIT_UNAVAILABLE', requestId } }] }
}

function callerOf(caller: Caller): Pick<AuditEntry, 'callerKind' | 'callerId' | 'agency'> {
  switch (caller.kind) {
    case 'official':
      return { callerKind: 'official', callerId: caller.subject, agency: caller.agency }
    case 'machine':
      return { callerKind: 'machine', callerId: caller.clientId, agency: caller.agency ?? null }
    case 'citizen':
      return { callerKind: 'citizen', callerId: caller.personalId, agency: null }
  }
}
