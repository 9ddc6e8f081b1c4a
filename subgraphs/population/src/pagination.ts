import { createCursorPagination } from '@lienthong/lib'
import { isAcceptedBy, PersonalIdScalar } from '@lienthong/schema'
import { GraphQLError } from 'graphql'

/** Pages of citizens (at most 500 per page of `searchCitizens`), after the cursor of a personal id. */
export const { encodeCursor, decodeCursor, assertPageSize } = createCursorPagination({
  prefix: 'citizen:',
  isKey: (personalId) => isAcceptedBy(PersonalIdScalar, personalId),
  maxPageSize: 500,
  badInput: (message) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } }),
})
