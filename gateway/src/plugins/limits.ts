import type { ApolloServerPlugin, BaseContext } from '@apollo/server'
import { ApolloArmor } from '@escape.tech/graphql-armor'
import { isProductionMode } from '@lienthong/lib/subgraph'
import {
  getOperationAST,
  GraphQLError,
  Kind,
  Lexer,
  Source,
  parse,
  specifiedRules,
  TokenKind,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type ParseOptions,
  type ValidationContext,
} from 'graphql'
import { estimateOperationCost, LIENTHONG_LIST_SIZES, type ListSize } from './cost-estimate.js'

/**
 * The shape limits of one operation. The numbers are chosen against the
 * queries lienthong's clients run (README.md in this folder has the
 * measurements): the citizen profile, the deepest and widest, is at depth 7,
 * 311 tokens, no aliases, cost 1,894.
 */
export interface OperationLimits {
  /** Nesting of fields; fragments do not count as a level. */
  maxDepth: number
  /** Aliased fields in the operation, its fragments included. */
  maxAliases: number
  /** Directive uses (`@include`, `@skip`…) in the operation. */
  maxDirectives: number
  /** Lexical tokens of the whole document: names, punctuation, literals (not variables' values). */
  maxTokens: number
  /** Demand-control cost: objects the answer may hold, lists multiplied by their size (cost-estimate.ts). */
  maxCost: number
  /** Size the cost estimate assumes for a list with no `first` and no known size. */
  assumedListSize: number
}

export const DEFAULT_OPERATION_LIMITS: Readonly<OperationLimits> = {
  maxDepth: 10,
  maxAliases: 10,
  maxDirectives: 20,
  maxTokens: 1_000,
  // A desk's case list: 50 applicants with the full five-register profile (1,894 each) fits; 100 does not.
  maxCost: 100_000,
  assumedListSize: 10,
}

/** The `extensions.code` of each refusal; all are HTTP 400. */
export const LIMIT_ERROR_CODES = {
  depth: 'QUERY_TOO_DEEP',
  aliases: 'TOO_MANY_ALIASES',
  directives: 'TOO_MANY_DIRECTIVES',
  tokens: 'TOO_MANY_TOKENS',
  cost: 'QUERY_TOO_COSTLY',
} as const

export interface LimitPluginsOptions extends Partial<OperationLimits> {
  /** `@listSize` annotations by schema coordinate. Defaults to {@link LIENTHONG_LIST_SIZES}. */
  listSizes?: Readonly<Record<string, ListSize>>
  /**
   * Remove "Did you mean …?" from validation errors (graphql-armor's
   * block-field-suggestions), so that a caller who may not introspect cannot
   * read the schema out of typos. Defaults to production mode (`NODE_ENV=production`).
   */
  blockFieldSuggestions?: boolean
}

export interface LimitProtection<TContext extends BaseContext> {
  /** Add to ApolloServer's `plugins`. */
  plugins: ApolloServerPlugin<TContext>[]
  /**
   * ApolloServer's `parseOptions`: the parser stops at `maxTokens`, before a
   * huge document costs parsing and validation time. The plugin checks the
   * token count again, so the limit holds without them, only later.
   */
  parseOptions: ParseOptions
  /** The limits in force. */
  limits: OperationLimits
}

/**
 * Limits on the shape and cost of operations, refused before anything
 * executes with a GraphQL error naming the limit and the value found,
 * `extensions.code` from {@link LIMIT_ERROR_CODES} and HTTP 400.
 *
 * - depth, aliases, directives: graphql-armor's rules (`ApolloArmor().protect()`),
 *   run by the plugin in `didResolveOperation` rather than as Apollo's
 *   `validationRules`, whose errors Apollo recodes to GRAPHQL_VALIDATION_FAILED;
 * - tokens: graphql-js's own parser limit (`parseOptions`); armor's max-tokens
 *   plugin is off, because under Apollo Server 5 it throws from `parsingDidStart`
 *   (HTTP 500) and rethrows every unexpected error of any plugin as a
 *   validation error carrying its message;
 * - cost: {@link estimateOperationCost}, which reads `first` from literals,
 *   variables and the schema's defaults; armor's cost limit is off, as it
 *   reads `first` only when written as a literal.
 *
 * ```ts
 * const limits = createLimitPlugins<GatewayContext>()
 * new ApolloServer<GatewayContext>({ gateway, parseOptions: limits.parseOptions, plugins: [...limits.plugins] })
 * ```
 */
export function createLimitPlugins<TContext extends BaseContext = BaseContext>(options: LimitPluginsOptions = {}): LimitProtection<TContext> {
  const { listSizes = LIENTHONG_LIST_SIZES, blockFieldSuggestions = isProductionMode(), ...overrides } = options
  const limits: OperationLimits = { ...DEFAULT_OPERATION_LIMITS, ...definedOnly(overrides) }
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isSafeInteger(value) || value < 0) throw new Error(`Operation limit ${name} must be a whole number ≥ 0, got ${value}.`)
  }

  const armorOptions = (code: string) => ({ exposeLimits: true, propagateOnRejection: false, onReject: [reportAs(code)] })
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, flattenFragments: true, ignoreIntrospection: true, ...armorOptions(LIMIT_ERROR_CODES.depth) },
    maxAliases: { n: limits.maxAliases, ...armorOptions(LIMIT_ERROR_CODES.aliases) },
    maxDirectives: { n: limits.maxDirectives, ...armorOptions(LIMIT_ERROR_CODES.directives) },
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: blockFieldSuggestions },
  }).protect()
  const armorRules = armor.validationRules
  /**
   * The token count and armor's findings depend on the document alone (its source is the text Apollo parsed it
   * from); Apollo hands the same DocumentNode back from its cache, so each is measured once per document.
   */
  const shapeErrorByDocument = new WeakMap<DocumentNode, GraphQLError | null>()

  const limitsPlugin: ApolloServerPlugin<TContext> = {
    async requestDidStart() {
      let tooManyTokens: GraphQLError | undefined
      return {
        async parsingDidStart({ source }) {
          return async (error) => {
            if (error && tokenCountExceeds(source, limits.maxTokens)) tooManyTokens = tokenRefusal(limits.maxTokens)
          }
        },
        async didResolveOperation({ schema, document, operation, request, source }) {
          let shapeError = shapeErrorByDocument.get(document)
          if (shapeError === undefined) {
            shapeError = tokenCountExceeds(source, limits.maxTokens) ? tokenRefusal(limits.maxTokens) : (validate(schema, document, armorRules)[0] ?? null)
            shapeErrorByDocument.set(document, shapeError)
          }
          if (shapeError) throw new GraphQLError(shapeError.message, { extensions: shapeError.extensions })
          if (!operation) return
          const fragments = fragmentsOf(document)
          const cost = estimateOperationCost(schema, operation, fragments, {
            assumedListSize: limits.assumedListSize,
            listSizes,
            variables: request.variables,
          })
          if (cost > limits.maxCost) {
            throw limitError(
              `Query cost limit of ${limits.maxCost} exceeded, found ${cost}: lists count their \`first\` (or expected size) times their selection. Ask for fewer items per page or fewer nested lists.`,
              LIMIT_ERROR_CODES.cost,
            )
          }
        },
        async willSendResponse({ response }) {
          // The parser's own token limit fails as GRAPHQL_PARSE_FAILED: say which limit it was.
          if (!tooManyTokens || response.body.kind !== 'single') return
          const { code } = tooManyTokens.extensions
          response.body.singleResult.errors = response.body.singleResult.errors?.map((error) =>
            error.extensions?.code === 'GRAPHQL_PARSE_FAILED' ? { message: tooManyTokens!.message, extensions: { code } } : error,
          )
        },
      }
    },
  }

  return { plugins: [limitsPlugin, ...(armor.plugins as ApolloServerPlugin<TContext>[])], parseOptions: { maxTokens: limits.maxTokens }, limits }
}

/** Armor's messages start "Syntax Error: " although nothing is wrong with the syntax. */
function reportAs(code: string): (context: ValidationContext | null, error: GraphQLError) => void {
  return (context, error) => context?.reportError(limitError(error.message.replace(/^Syntax Error: /, ''), code))
}

function limitError(message: string, code: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status: 400 } } })
}

function tokenRefusal(maxTokens: number): GraphQLError {
  return limitError(
    `Token limit of ${maxTokens} exceeded: the document is too long. Send lists and long values as variables, and split the operation.`,
    LIMIT_ERROR_CODES.tokens,
  )
}

/** What the limits measure of one operation of a document. */
export interface OperationMeasurements {
  depth: number
  aliases: number
  directives: number
  tokens: number
  cost: number
}

export interface MeasureOperationOptions {
  /** The operation to measure when the document holds several. */
  operationName?: string
  variables?: Record<string, unknown>
  assumedListSize?: number
  listSizes?: Readonly<Record<string, ListSize>>
}

/**
 * The numbers the limits compare, measured as the plugin measures them (the
 * same armor rules and cost estimate): to choose limits, and to check that a
 * client's queries keep their headroom.
 *
 * ```ts
 * measureOperation(apiSchema, trustedOperationDocument('citizen-profile'))
 * // → { depth: 7, aliases: 0, directives: 0, tokens: 311, cost: 1894 }
 * ```
 */
export function measureOperation(schema: GraphQLSchema, source: string, options: MeasureOperationOptions = {}): OperationMeasurements {
  const document = parse(source)
  const measured = { depth: 0, aliases: 0, directives: 0 }
  const record = (key: keyof typeof measured) => ({ n: Number.MAX_SAFE_INTEGER, onAccept: [(_context: unknown, { n }: { n: number }) => void (measured[key] = Math.max(measured[key], n))] })
  const { validationRules } = new ApolloArmor({
    maxDepth: { ...record('depth'), flattenFragments: true, ignoreIntrospection: true },
    maxAliases: record('aliases'),
    maxDirectives: record('directives'),
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  }).protect()
  const errors = validate(schema, document, [...specifiedRules, ...validationRules])
  if (errors[0]) throw errors[0]
  const operation = getOperationAST(document, options.operationName)
  if (!operation) throw new Error('The document holds no operation of that name, or several operations and no name was given.')
  const cost = estimateOperationCost(schema, operation, fragmentsOf(document), {
    assumedListSize: options.assumedListSize ?? DEFAULT_OPERATION_LIMITS.assumedListSize,
    listSizes: options.listSizes ?? LIENTHONG_LIST_SIZES,
    variables: options.variables,
  })
  return { ...measured, tokens: countTokens(source), cost }
}

/** Lexical tokens of a document, as the parser's `maxTokens` counts them. */
export function countTokens(source: string): number {
  const lexer = new Lexer(new Source(source))
  let count = 0
  while (lexer.advance().kind !== TokenKind.EOF) count++
  return count
}

/** Lexes at most `limit + 1` tokens; false for a document the lexer refuses before that. */
export function tokenCountExceeds(source: string | undefined, limit: number): boolean {
  if (source === undefined) return false
  const lexer = new Lexer(new Source(source))
  try {
    for (let count = 0; lexer.advance().kind !== TokenKind.EOF; ) {
      if (++count > limit) return true
    }
  } catch {
    return false
  }
  return false
}

function fragmentsOf(document: DocumentNode): Record<string, FragmentDefinitionNode> {
  const fragments: Record<string, FragmentDefinitionNode> = {}
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition
  }
  return fragments
}

function definedOnly<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>
}
