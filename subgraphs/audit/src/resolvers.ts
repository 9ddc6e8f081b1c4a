import { AuditTrailError, type DataAccess, type DataAccessPage } from '@lienthong/lib/audit'
import { AdministrativeUnitCodeScalar, DateTimeResolver, LegacyAdministrativeUnitCodeScalar } from '@lienthong/schema'
import { GraphQLError } from 'graphql'
import type { AuditContext } from './context.js'

/** Arguments of `Query.myDataAccesses`, defaults applied by graphql-js. */
interface MyDataAccessesArgs {
  first: number
  after?: string | null
}

/** `DataAccess` as the schema serves it. */
export interface DataAccessView {
  id: string
  occurredAt: Date
  callerKind: 'OFFICIAL' | 'MACHINE' | 'CITIZEN'
  agency: string | null
  clientSystem: string | null
  caseReference: string | null
  procedureCode: string | null
  operationName: string | null
  registers: string[]
  fields: string[]
  outcome: DataAccess['outcome']
}

/**
 * The personal id whose accesses the caller may list: their own, if they are
 * a citizen. Throws UNAUTHENTICATED for an anonymous request and FORBIDDEN
 * for an official or a machine client (whose subject or client id the message
 * does not repeat).
 */
export function ownPersonalIdOf(caller: AuditContext['caller']): string {
  if (!caller) {
    throw new GraphQLError('myDataAccesses needs a signed-in citizen: sign in to see who read your data.', {
      extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
    })
  }
  if (caller.kind !== 'citizen') {
    throw new GraphQLError(
      `myDataAccesses is a citizen's log of who read their own data: only a citizen signed in as themselves may read it, and this caller is ${caller.kind === 'official' ? 'an official' : 'a machine client'}.`,
      { extensions: { code: 'FORBIDDEN', http: { status: 403 } } },
    )
  }
  return caller.personalId
}

/**
 * An audit entry as a citizen sees it. Who read is the agency and the kind of
 * caller, as in Estonia's Data Tracker: the official's account id stays in the
 * trail (the agency finds it from the entry's id); a machine client is a
 * system, so its client id is shown.
 */
export function dataAccessView(access: DataAccess): DataAccessView {
  return {
    id: String(access.seq),
    occurredAt: access.occurredAt,
    callerKind: access.callerKind === 'official' ? 'OFFICIAL' : access.callerKind === 'machine' ? 'MACHINE' : 'CITIZEN',
    agency: access.callerKind === 'citizen' ? null : access.agency,
    clientSystem: access.callerKind === 'machine' ? access.callerId : null,
    caseReference: access.caseReference,
    procedureCode: access.procedureCode,
    operationName: access.operationName,
    registers: access.registers,
    fields: access.fields,
    outcome: access.outcome,
  }
}

/** The trail's refusal as the GraphQL error callers see: its code (BAD_USER_INPUT, AUDIT_UNAVAILABLE) and message, never its cause. */
function graphQLErrorOf(error: unknown): unknown {
  if (!(error instanceof AuditTrailError)) return error
  return new GraphQLError(error.code === 'AUDIT_UNAVAILABLE' ? 'The audit trail cannot be read right now; try again later.' : error.message, {
    extensions: { code: error.code, http: { status: error.code === 'BAD_USER_INPUT' ? 400 : 503 } },
  })
}

export const resolvers = {
  AdministrativeUnitCode: AdministrativeUnitCodeScalar,
  LegacyAdministrativeUnitCode: LegacyAdministrativeUnitCodeScalar,
  DateTime: DateTimeResolver,
  Query: {
    async myDataAccesses(_: unknown, { first, after }: MyDataAccessesArgs, context: AuditContext) {
      const personalId = ownPersonalIdOf(context.caller)
      let page: DataAccessPage
      try {
        page = await context.trail.accessesOf(personalId, { first, after })
      } catch (error) {
        throw graphQLErrorOf(error)
      }
      return { totalCount: page.totalCount, nodes: page.nodes.map(dataAccessView), pageInfo: page.pageInfo }
    },
  },
}
