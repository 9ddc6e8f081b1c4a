import { unwrapResolverError } from '@apollo/server/errors'
import { logger } from '../logger.js'
import { GraphQLError, type GraphQLFormattedError } from 'graphql'

/** The message clients see instead of an unexpected error's own. */
export const UNEXPECTED_ERROR_MESSAGE = 'Unexpected error.'

/**
 * Apollo Server's `formatError` for a subgraph.
 *
 * - A GraphQLError we or graphql-js threw on purpose passes unchanged. One
 *   caused by a BAD_USER_INPUT error (a scalar's `parseLiteral`, which Apollo
 *   reports as a validation failure) keeps its message and gets the code
 *   BAD_USER_INPUT back, so clients see one code for bad input however it was sent.
 * - Anything else (a database failure, a bug) becomes "Unexpected error." with
 *   the code INTERNAL_SERVER_ERROR. The log gets the error's class, SQLSTATE,
 *   field path and stack frames, but not its message, which may quote input
 *   values (personal data).
 */
export function formatSubgraphError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const cause = unwrapResolverError(error)
  if (cause instanceof GraphQLError) {
    const message = withoutVariableValue(formatted.message, cause.originalError?.message)
    if (hasBadUserInputCause(cause) && formatted.extensions?.code !== 'BAD_USER_INPUT') {
      return { ...formatted, message, extensions: { ...formatted.extensions, code: 'BAD_USER_INPUT' } }
    }
    return message === formatted.message ? formatted : { ...formatted, message }
  }
  logger.error(
    {
      err: {
        type: cause instanceof Error ? cause.constructor.name : typeof cause,
        sqlState: (cause as { code?: unknown } | null)?.code,
        stack: cause instanceof Error ? stackFramesOnly(cause.stack) : undefined,
      },
      path: formatted.path,
    },
    'unexpected error while resolving a subgraph query',
  )
  return {
    message: UNEXPECTED_ERROR_MESSAGE,
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  }
}

// graphql-js words a variable it cannot coerce as
// `Variable "$input" got invalid value <the value> at "input.applicantId"; <reason>`, the reason being its cause's message.
const VARIABLE_VALUE_PREFIX = /^(Variable "\$[^"]+" got) invalid value /

/**
 * A variable coercion error without the value it quotes (a mistyped personal
 * id, a name): where and why stay, the value reaches neither callers nor logs.
 * `reason` is the cause's message; without it only the variable is named.
 */
export function withoutVariableValue(message: string, reason: string | undefined): string {
  const prefix = VARIABLE_VALUE_PREFIX.exec(message)
  if (!prefix) return message
  if (reason === undefined || !message.endsWith(`; ${reason}`)) return `${prefix[1]} an invalid value.`
  const head = message.slice(0, -(reason.length + 2))
  const path = / at "[^"]*"$/.exec(head)?.[0] ?? ''
  return `${prefix[1]} an invalid value${path}; ${reason}`
}

function hasBadUserInputCause(error: GraphQLError): boolean {
  for (let current: unknown = error; current instanceof GraphQLError; current = current.originalError) {
    if (current.extensions.code === 'BAD_USER_INPUT') return true
  }
  return false
}

/** A stack without its first line, which repeats the message. */
function stackFramesOnly(stack: string | undefined): string | undefined {
  return stack
    ?.split('\n')
    .filter((line) => line.trimStart().startsWith('at '))
    .join('\n')
}
