import type { ApolloServerPlugin } from '@apollo/server'
import { createAuthorizationPlugin, LIENTHONG_POLICIES, LIENTHONG_SCOPES, type AuthorizationRequirements, type DeniedField } from '@lienthong/lib/authorization'
import { GraphQLError } from 'graphql'
import type { Caller, Purpose } from '../auth/caller.js'
import { CASE_HEADER, PROCEDURE_HEADER, type GatewayContext } from '../context.js'

/** The scopes that guard personal data (all but resolving addresses, audit and admin): a field requiring one of them is personal data. */
export const PERSONAL_DATA_SCOPES: ReadonlySet<string> = new Set(LIENTHONG_SCOPES.filter((scope) => !['address:resolve', 'audit:read', 'admin'].includes(scope)))

/**
 * Authorization and purpose binding at the gateway, before any subgraph is
 * called:
 * - every field the operation reads must meet the `@authenticated`,
 *   `@requiresScopes` and `@policy` requirements composed into the supergraph
 *   (refused as a whole: UNAUTHENTICATED 401 or FORBIDDEN 403 naming the fields);
 * - an official or machine client reading any personal-data field must declare
 *   the case it serves (headers x-lienthong-case and x-lienthong-procedure),
 *   else PURPOSE_REQUIRED (403). A citizen reading their own data declares none.
 * The fields read are kept for the audit entry.
 */
export function createAccessControlPlugin(requirements: AuthorizationRequirements): ApolloServerPlugin<GatewayContext> {
  const authorization = createAuthorizationOnly(requirements)
  return {
    async requestDidStart(requestContext) {
      const listener = await authorization.requestDidStart?.(requestContext)
      return {
        ...listener,
        async didResolveOperation(resolved) {
          // Whom the operation asks about, before it may be refused: the audit entry names them either way.
          resolved.contextValue.access.requested(resolved.document, resolved.request.variables)
          await listener?.didResolveOperation?.(resolved)
        },
      }
    },
  }
}

function createAuthorizationOnly(requirements: AuthorizationRequirements): ApolloServerPlugin<GatewayContext> {
  const personalFields = new Set(
    [...requirements].filter(([, requirement]) => requirement.scopes?.some((alternative) => alternative.some((scope) => PERSONAL_DATA_SCOPES.has(scope)))).map(([coordinate]) => coordinate),
  )
  return createAuthorizationPlugin<GatewayContext, Caller, Purpose>({
    requirements,
    policies: LIENTHONG_POLICIES,
    callerOf: (context) => context.caller,
    purposeOf: (context) => context.purpose,
    onDecision(decision, context) {
      const personal = decision.fields.filter((field) => personalFields.has(field))
      context.access.fields = decision.fields
      context.access.denied = context.caller !== undefined && !decision.allowed && personal.length > 0
      if (!decision.allowed && !context.purpose && onlyPurposeMissing(decision.denied, context.caller)) throw purposeRequired(personal)
      if (!decision.allowed || context.purpose || context.caller?.kind === 'citizen' || personal.length === 0) return
      context.access.denied = true
      throw purposeRequired(personal)
    },
  })
}

function purposeRequired(fields: string[]): GraphQLError {
  return new GraphQLError(
    `Personal data is read only for a declared case: send the headers ${CASE_HEADER} (the dossier reference) and ${PROCEDURE_HEADER} (the procedure code).`,
    { extensions: { code: 'PURPOSE_REQUIRED', http: { status: 403 }, fields: fields.slice(0, 20) } },
  )
}

/** An agency refused only because it declared no case (the SDL's `purpose_bound`): say so, rather than FORBIDDEN. */
function onlyPurposeMissing(denied: readonly DeniedField[], caller: Caller | undefined): boolean {
  if (caller === undefined || caller.kind === 'citizen') return false
  return denied.every(
    (field) => !field.authenticationRequired && !field.missingScopes?.length && (field.unmetPolicies ?? []).some((alternative) => alternative.length === 1 && alternative[0] === 'purpose_bound'),
  )
}
