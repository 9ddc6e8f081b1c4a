import express, { type ErrorRequestHandler, type RequestHandler } from 'express'

/**
 * Largest request body: the largest legitimate one is `convertLegacyAddresses`
 * with its 1,000 addresses as a variable; at up to ~400 bytes each in UTF-8
 * (Vietnamese diacritics take 2–3 bytes) that is 400 kB, plus a document of at
 * most 1,000 tokens. A GET carries its query in the URL, which Node caps at
 * 16 kB of headers.
 */
export const DEFAULT_REQUEST_BODY_LIMIT = '512kb'

export const REQUEST_TOO_LARGE_CODE = 'REQUEST_TOO_LARGE'

export interface GraphQLBodyParserOptions {
  /** Largest body, in bytes or as `'512kb'`. Defaults to {@link DEFAULT_REQUEST_BODY_LIMIT}. */
  limit?: string | number
}

/**
 * `express.json` for the GraphQL endpoint, in place of `express.json({ limit: '1mb' })`,
 * whose refusals express would answer with an HTML page. Here they are GraphQL
 * responses with a code:
 *
 * - a body over the limit: REQUEST_TOO_LARGE, HTTP 413 (refused from
 *   `Content-Length` before it is read, or once the limit is read);
 * - a body that is not JSON: BAD_REQUEST, HTTP 400.
 *
 * Batches (a JSON array of operations) are left to Apollo Server, which
 * refuses them with BAD_REQUEST, HTTP 400, as long as `allowBatchedHttpRequests`
 * stays false (its default): every operation is then one request for the rate
 * limit, the cost limit and the audit trail.
 *
 * ```ts
 * app.use('/graphql', ...createGraphQLBodyParser(), expressMiddleware(server, { context }))
 * ```
 */
export function createGraphQLBodyParser({ limit = DEFAULT_REQUEST_BODY_LIMIT }: GraphQLBodyParserOptions = {}): [RequestHandler, ErrorRequestHandler] {
  const refuseUnreadableBody: ErrorRequestHandler = (error: { type?: unknown; status?: unknown }, _request, response, next) => {
    switch (error?.type) {
      case 'entity.too.large':
        return sendGraphQLError(response, 413, REQUEST_TOO_LARGE_CODE, `Request body too large: at most ${limit}. Split the request.`)
      case 'entity.parse.failed':
        return sendGraphQLError(response, 400, 'BAD_REQUEST', 'The request body is not valid JSON.')
      case 'encoding.unsupported':
      case 'charset.unsupported':
        return sendGraphQLError(response, 415, 'BAD_REQUEST', 'The request body must be JSON in UTF-8.')
      default:
        return next(error)
    }
  }
  return [express.json({ limit }), refuseUnreadableBody]
}

function sendGraphQLError(response: express.Response, status: number, code: string, message: string): void {
  response.status(status).json({ errors: [{ message, extensions: { code } }] })
}
