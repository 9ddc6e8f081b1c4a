import type { ApolloServerPlugin } from '@apollo/server'
import type { GraphQLError, GraphQLFormattedError } from 'graphql'
import { logger } from '@lienthong/lib'
import type { GatewayContext } from '../context.js'

/** The message every caller sees for an error that is not theirs to fix. */
export const UNEXPECTED_ERROR_MESSAGE = 'Unexpected error.'

/**
 * Codes that mean "something broke on our side". A subgraph error that reached
 * the gateway without a code (DOWNSTREAM_SERVICE_ERROR) counts too: it was not
 * raised on purpose.
 */
const UNEXPECTED_CODES = new Set([undefined, 'INTERNAL_SERVER_ERROR', 'DOWNSTREAM_SERVICE_ERROR'])

/** Extensions that describe our internals: subgraph URLs and bodies, stack traces. */
const INTERNAL_EXTENSIONS = ['stacktrace', 'exception', 'response']

const log = logger.child({ component: 'gateway' })

/**
 * Masks unexpected errors at the edge, as graphql-yoga's `maskError` does: the
 * caller gets "Unexpected error." with `extensions.code` and a `requestId`
 * (also sent as the `x-request-id` header), the log gets the cause under the
 * same id. Expected errors (`BAD_USER_INPUT`, validation) pass unchanged, minus
 * any internal extension a subgraph may have added.
 *
 * Nothing of the caller's input is logged: not the variables, not the query
 * text, not error messages, which may quote them (ID numbers, names, addresses).
 */
export function createErrorMaskingPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      const { requestId } = contextValue
      const started = performance.now()
      return {
        async didEncounterErrors({ errors, operationName }) {
          for (const error of errors) {
            if (!isUnexpected(error.extensions?.code)) continue
            log.error({ requestId, operationName, err: describeError(error) }, 'unexpected error')
          }
        },
        async willSendResponse({ response, operationName }) {
          response.http.headers.set('x-request-id', requestId)
          // One line per request: who and how it went, never whose data (counts only).
          log.info(
            {
              requestId,
              operationName,
              caller: contextValue.caller?.kind ?? 'anonymous',
              agency: contextValue.caller && 'agency' in contextValue.caller ? contextValue.caller.agency : undefined,
              procedureCode: contextValue.purpose?.procedureCode,
              status: response.http.status ?? 200,
              registers: [...contextValue.access.registers],
              dataSubjects: contextValue.access.subjects.size,
              ms: Math.round(performance.now() - started),
            },
            'request',
          )
          if (response.body.kind !== 'single' || !response.body.singleResult.errors) return
          response.body.singleResult.errors = response.body.singleResult.errors.map((error) => maskError(error, requestId))
        },
      }
    },
  }
}

function maskError(error: GraphQLFormattedError, requestId: string): GraphQLFormattedError {
  if (isUnexpected(error.extensions?.code)) {
    return {
      message: UNEXPECTED_ERROR_MESSAGE,
      ...(error.path ? { path: error.path } : {}),
      extensions: { code: 'INTERNAL_SERVER_ERROR', requestId },
    }
  }
  if (!error.extensions || !INTERNAL_EXTENSIONS.some((key) => key in error.extensions!)) return error
  const extensions = Object.fromEntries(Object.entries(error.extensions).filter(([key]) => !INTERNAL_EXTENSIONS.includes(key)))
  return { ...error, extensions }
}

function isUnexpected(code: unknown): boolean {
  return UNEXPECTED_CODES.has(typeof code === 'string' ? code : undefined)
}

/**
 * The error's class, the system error code under it (ECONNREFUSED, ETIMEDOUT…),
 * its GraphQL code, subgraph and path. Not its message: a subgraph's or a
 * driver's message may quote input values.
 */
function describeError(error: GraphQLError): Record<string, unknown> {
  const original = error.originalError ?? error
  return {
    type: original.constructor.name,
    systemCode: systemCodeOf(original),
    code: error.extensions?.code,
    serviceName: error.extensions?.serviceName,
    path: error.path?.join('.'),
  }
}

function systemCodeOf(error: unknown): string | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    const code = (current as NodeJS.ErrnoException).code
    if (typeof code === 'string') return code
  }
  return undefined
}
