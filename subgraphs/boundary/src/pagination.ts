import { GraphQLError } from 'graphql'

/** Most units one page of `communes` returns; the largest province has fewer than 200 communes. */
export const MAX_PAGE_SIZE = 500

const CURSOR_PREFIX = 'commune:'

/** The opaque cursor after a commune: clients pass it back, never build it. */
export function encodeCursor(communeCode: string): string {
  return Buffer.from(`${CURSOR_PREFIX}${communeCode}`, 'utf8').toString('base64url')
}

/** The commune code inside a cursor; throws BAD_USER_INPUT for anything `encodeCursor` did not make. */
export function decodeCursor(cursor: string): string {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8')
  const code = decoded.startsWith(CURSOR_PREFIX) ? decoded.slice(CURSOR_PREFIX.length) : ''
  if (!/^\d{5}$/.test(code) || encodeCursor(code) !== cursor) {
    throw new GraphQLError('after must be a cursor returned as pageInfo.endCursor by a previous page', {
      extensions: { code: 'BAD_USER_INPUT' },
    })
  }
  return code
}

/** Throws BAD_USER_INPUT unless `first` is between 0 and `max`. */
export function assertPageSize(first: number, max: number, argument = 'first'): void {
  if (first < 0 || first > max) {
    throw new GraphQLError(`${argument} must be between 0 and ${max}`, { extensions: { code: 'BAD_USER_INPUT' } })
  }
}
