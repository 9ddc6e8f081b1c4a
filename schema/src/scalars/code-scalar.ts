import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql'

/** How one administrative unit code scalar is described and checked. */
export interface CodeScalarDefinition {
  /** GraphQL name of the scalar. */
  name: string
  /** SDL description, shown by the explorer. */
  description: string
  /** Accepted lengths, in digits; each is one administrative level. */
  lengths: readonly number[]
  /** What the lengths mean, for the error message (e.g. `2 digits (province) or 5 digits (commune)`). */
  expected: string
  /** Valid examples for the error message. */
  examples: readonly string[]
}

/**
 * A string scalar of zero-padded digits whose length tells the administrative
 * level. Codes are strings, never numbers: `"01"` (Hà Nội) as a JSON number
 * is `1`, and nothing can tell which leading zeros it lost.
 */
export function createCodeScalar({ name, description, lengths, expected, examples }: CodeScalarDefinition): GraphQLScalarType<string, string> {
  const pattern = new RegExp(`^(?:${lengths.map((length) => `\\d{${length}}`).join('|')})$`)
  const exampleText = examples.map((example) => `"${example}"`).join(' or ')

  function badInput(reason: string): GraphQLError {
    return new GraphQLError(`${name} ${reason}`, { extensions: { code: 'BAD_USER_INPUT' } })
  }

  function assertCode(value: unknown): string {
    if (typeof value === 'number') {
      throw badInput(`must be a string such as ${exampleText}, not a number: a number loses the code's leading zeros`)
    }
    if (typeof value !== 'string') throw badInput(`must be a string of ${expected}, such as ${exampleText}`)
    if (!pattern.test(value)) throw badInput(`must be ${expected}, written as a string such as ${exampleText}`)
    return value
  }

  return new GraphQLScalarType<string, string>({
    name,
    description,
    serialize(value) {
      // A malformed code on the way out is our data's fault, not the caller's:
      // a plain error, which the server masks and logs.
      if (typeof value !== 'string' || !pattern.test(value)) throw new TypeError(`${name} cannot represent a malformed code`)
      return value
    },
    parseValue: assertCode,
    parseLiteral(ast: ValueNode) {
      if (ast.kind === Kind.STRING) return assertCode(ast.value)
      if (ast.kind === Kind.INT || ast.kind === Kind.FLOAT) return assertCode(Number(ast.value))
      return assertCode(undefined)
    },
  })
}
