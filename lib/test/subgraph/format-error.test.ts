import { graphql, GraphQLError, GraphQLScalarType, buildSchema } from 'graphql'
import { describe, expect, it } from 'vitest'
import { formatSubgraphError, withoutVariableValue } from '@lienthong/lib/subgraph'

// A scalar that refuses without quoting, as the project's identifier scalars do.
const schema = buildSchema(`
  scalar Code
  input Filter { code: Code! }
  type Query { byCode(code: Code!): String, byFilter(filter: Filter!): String }
`)
const code = schema.getType('Code') as GraphQLScalarType
code.parseValue = (value) => {
  if (typeof value !== 'string' || !/^\d{12}$/.test(value)) throw new GraphQLError('Code must be 12 digits.', { extensions: { code: 'BAD_USER_INPUT' } })
  return value
}

async function variableErrorOf(query: string, variableValues: Record<string, unknown>): Promise<GraphQLError> {
  const result = await graphql({ schema, source: query, variableValues })
  expect(result.errors).toHaveLength(1)
  return result.errors![0]!
}

describe('formatSubgraphError on a variable graphql-js could not coerce', () => {
  it('keeps where and why, and drops the value graphql-js quoted', async () => {
    const error = await variableErrorOf('query($code: Code!) { byCode(code: $code) }', { code: '00109001234' })
    expect(error.message).toContain('00109001234')
    const formatted = formatSubgraphError(error.toJSON(), error)
    expect(formatted.message).toBe('Variable "$code" got an invalid value; Code must be 12 digits.')
    expect(formatted.extensions?.code).toBe('BAD_USER_INPUT')
  })

  it('keeps the path inside an input object', async () => {
    const error = await variableErrorOf('query($filter: Filter!) { byFilter(filter: $filter) }', { filter: { code: 'Nguyễn; "x" at "y"' } })
    const formatted = formatSubgraphError(error.toJSON(), error)
    expect(formatted.message).toBe('Variable "$filter" got an invalid value at "filter.code"; Code must be 12 digits.')
    expect(formatted.message).not.toContain('Nguyễn')
  })

  it('names only the variable when the reason is not known, and leaves other messages alone', () => {
    expect(withoutVariableValue('Variable "$code" got invalid value "001090012345"; something', undefined)).toBe('Variable "$code" got an invalid value.')
    expect(withoutVariableValue('Cannot query field "x" on type "Query".', undefined)).toBe('Cannot query field "x" on type "Query".')
  })
})
