import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql'

/** How one identifier scalar is described and checked. */
export interface PatternScalarDefinition {
  /** GraphQL name of the scalar. */
  name: string
  /** SDL description, shown by the explorer; keep it the same as the scalar's `"""` in the SDL. */
  description: string
  /** The whole value's shape, anchored (`^…$`) and without the `g` flag (which makes `test` stateful). */
  pattern: RegExp
  /** What the pattern means, for the error message (e.g. `12 digits`). */
  expected: string
  /** Valid, made-up examples for the error message. */
  examples: readonly string[]
  /**
   * Why a number is not accepted, appended to the message (e.g. `a number loses the leading zeros`).
   * Defaults to none.
   */
  numberReason?: string
  /**
   * Further checks on a value that matches `pattern` (a check digit, a reserved range): returns why the
   * value is wrong, completing a sentence that starts with the scalar's name, or `undefined` when it is valid.
   * Defaults to no further checks.
   */
  check?: (value: string) => string | undefined
}

/**
 * A string scalar for an identifier of a fixed shape (a personal id, an enterprise code, a card number).
 * Identifiers are strings, never numbers: `"001090012345"` as a JSON number is `1090012345`.
 *
 * Bad input is a `GraphQLError` with code `BAD_USER_INPUT` that says what is expected and gives an
 * example, and never repeats the rejected value: identifiers are personal data (Decree 13/2023, Law
 * 91/2025/QH15) and error messages end up in logs.
 *
 * ```ts
 * export const SocialInsuranceNumberScalar = createPatternScalar({
 *   name: 'SocialInsuranceNumber', description: '…', pattern: /^\d{10}$/, expected: '10 digits', examples: ['0123456789'],
 * })
 * ```
 */
export function createPatternScalar({
  name,
  description,
  pattern,
  expected,
  examples,
  numberReason,
  check = () => undefined,
}: PatternScalarDefinition): GraphQLScalarType<string, string> {
  const exampleText = examples.map((example) => `"${example}"`).join(' or ')
  const malformed = `must be ${expected} written as a string, such as ${exampleText}`

  function badInput(reason: string): GraphQLError {
    return new GraphQLError(`${name} ${reason}`, { extensions: { code: 'BAD_USER_INPUT' } })
  }

  /** Why `value` is not a valid identifier, or `undefined` when it is. */
  function findProblem(value: string): string | undefined {
    return pattern.test(value) ? check(value) : malformed
  }

  function assertIdentifier(value: unknown): string {
    if (typeof value === 'number') {
      throw badInput(`${malformed}, not a number${numberReason === undefined ? '' : `: ${numberReason}`}`)
    }
    if (typeof value !== 'string') throw badInput(malformed)
    const problem = findProblem(value)
    if (problem !== undefined) throw badInput(problem)
    return value
  }

  return new GraphQLScalarType<string, string>({
    name,
    description,
    serialize(value) {
      // A malformed identifier on the way out is our data's fault, not the caller's: a plain error,
      // which the server masks and logs. Like bad input, the message leaves the value out.
      if (typeof value !== 'string' || findProblem(value) !== undefined) {
        throw new TypeError(`${name} cannot represent a malformed value`)
      }
      return value
    },
    parseValue: assertIdentifier,
    parseLiteral(ast: ValueNode) {
      if (ast.kind === Kind.STRING) return assertIdentifier(ast.value)
      if (ast.kind === Kind.INT || ast.kind === Kind.FLOAT) return assertIdentifier(Number(ast.value))
      return assertIdentifier(undefined)
    },
  })
}

/**
 * Whether a raw value (an `_entities` representation, a record being ingested)
 * is one the scalar accepts as input: the same rules, without an error.
 *
 * ```ts
 * isAcceptedBy(PersonalIdScalar, representation.personalId) // false for 12345
 * ```
 */
export function isAcceptedBy<T>(scalar: GraphQLScalarType<T>, value: unknown): value is T {
  try {
    scalar.parseValue(value)
    return true
  } catch {
    return false
  }
}
