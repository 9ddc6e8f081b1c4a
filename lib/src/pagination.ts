/** How one keyset-paginated list (`first`/`after`, ordered by one string key) reads its arguments. */
export interface CursorPaginationOptions {
  /** What the cursor's key is, e.g. "citizen:": a cursor of another list never decodes here. */
  prefix: string
  /** Whether a decoded key has the key's shape. */
  isKey: (key: string) => boolean
  /** Most items one page returns. */
  maxPageSize: number
  /** The error thrown for a bad `first` or `after`; the subgraphs make it a GraphQLError with code BAD_USER_INPUT. */
  badInput: (message: string) => Error
}

export interface CursorPagination {
  /** The opaque cursor after the item with this key: clients pass it back, never build it. */
  encodeCursor(key: string): string
  /** The key inside a cursor; throws `badInput` for anything `encodeCursor` did not make. */
  decodeCursor(cursor: string): string
  /** Throws `badInput` unless `first` is an integer between 0 and the largest page. */
  assertPageSize(first: number): void
}

/** The cursor codec and page-size check of one list; lib stays free of GraphQL, so the caller says how bad input is thrown. */
export function createCursorPagination({ prefix, isKey, maxPageSize, badInput }: CursorPaginationOptions): CursorPagination {
  const encodeCursor = (key: string) => Buffer.from(`${prefix}${key}`, 'utf8').toString('base64url')
  return {
    encodeCursor,
    decodeCursor(cursor) {
      const decoded = Buffer.from(cursor, 'base64url').toString('utf8')
      const key = decoded.startsWith(prefix) ? decoded.slice(prefix.length) : ''
      // Re-encoding rejects the many strings base64url decodes leniently.
      if (!isKey(key) || encodeCursor(key) !== cursor) throw badInput('after must be a cursor returned as pageInfo.endCursor by a previous page')
      return key
    },
    assertPageSize(first) {
      if (!Number.isInteger(first) || first < 0 || first > maxPageSize) throw badInput(`first must be between 0 and ${maxPageSize}`)
    },
  }
}
