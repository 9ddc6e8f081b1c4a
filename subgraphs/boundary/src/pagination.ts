import { createCursorPagination } from '@lienthong/lib'
import { GraphQLError } from 'graphql'

const COMMUNE_CODE = /^\d{5}$/

/** Pages of `communes`, after the cursor of a commune code; 500 per page is more than the largest province has (fewer than 200). */
export const { encodeCursor, decodeCursor, assertPageSize } = createCursorPagination({
  prefix: 'commune:',
  isKey: (code) => COMMUNE_CODE.test(code),
  maxPageSize: 500,
  badInput: (message) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } }),
})
