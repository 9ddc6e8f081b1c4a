import type { BaseContext, GraphQLRequestListener } from '@apollo/server'
import { GraphQLError } from 'graphql'

/**
 * A GraphQL error refusing a request: a message saying what to change, an
 * `extensions.code`, the HTTP status and any headers (Retry-After). Apollo
 * Server takes `extensions.http` off before the error reaches the caller.
 */
export function refusalError(message: string, code: string, status: number, headers: Record<string, string> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status, headers: new Map(Object.entries(headers)) } } })
}

/**
 * The listener of a plugin that decided in `requestDidStart` to refuse a
 * request (rate limit, untrusted operation).
 *
 * Apollo Server 5 answers HTTP 500 to an error thrown in `requestDidStart`,
 * `didResolveSource`, `parsingDidStart` or `validationDidStart`; the first
 * hook that may refuse is `didResolveOperation`, which runs before anything
 * executes. So the refusal is thrown there, and when parsing or validation
 * failed first (or an automatic persisted query was not found), it takes the
 * place of their errors in `willSendResponse`: the caller gets the same
 * answer whatever document it sent.
 */
export function refusingListener<TContext extends BaseContext>(error: GraphQLError): GraphQLRequestListener<TContext> {
  let thrown = false
  return {
    async didResolveOperation() {
      thrown = true
      throw error
    },
    async willSendResponse({ response }) {
      if (thrown) return
      const { http, ...extensions } = error.extensions as { http?: { status: number; headers: Map<string, string> } }
      if (http) {
        response.http.status = http.status
        for (const [name, value] of http.headers) response.http.headers.set(name, value)
      }
      response.body = { kind: 'single', singleResult: { errors: [{ message: error.message, extensions }] } }
    },
  }
}
