import { GraphQLError } from 'graphql'

/** Most citizens one page of `searchCitizens` returns. */
export const MAX_PAGE_SIZE = 500

const CURSOR_PREFIX = 'citizen:'

/** The opaque cursor after a citizen: clients pass it back, never build it. */
export function encodeCursor(personalId: string): string {
  return Buffer.from(`${CURSOR_PREFIX}${personalId}`, 'utf8').toString('base64url')
}

/** The personal id inside a cursor; throws BAD_USER_INPUT for anything `encodeCursor` did not make. */
export function decodeCursor(cursor: string): string {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8')
  const personalId = decoded.startsWith(CURSOR_PREFIX) ? decoded.slice(CURSOR_PREFIX.length) : ''
  if (!/^\d{12}$/.test(personalId) || encodeCursor(personalId) !== cursor) {
    throw new GraphQLError('after must be a cursor returned as pageInfo.endCursor by a previous page', {
      extensions: { code: 'BAD_USER_INPUT' },
    })
  }
  return personalId
}

/** Throws BAD_USER_INPUT unless `first` is between 0 and `max`. */
export function assertPageSize(first: number, max = MAX_PAGE_SIZE): void {
  if (!Number.isInteger(first) || first < 0 || first > max) {
    throw new GraphQLError(`first must be between 0 and ${max}`, { extensions: { code: 'BAD_USER_INPUT' } })
  }
}
