import {
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  getOperationAST,
  getVariableValues,
  GraphQLError,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql'
import type { Alternatives, AuthorizationRequirements, FieldRequirement } from './requirements.js'

/**
 * The least the engine needs to know about a verified caller. The gateway's
 * `Caller` (official, machine, citizen) is assignable to it; policies receive
 * the caller's full type.
 */
export interface AuthorizationSubject {
  /** "official", "machine", "citizen"… */
  readonly kind: string
  /** The scopes the caller's credentials grant. */
  readonly scopes: readonly string[]
  /** Số định danh cá nhân, for a citizen reading their own data. */
  readonly personalId?: string | undefined
}

/** What a policy function is given for one field of one request. */
export interface PolicyInput<TCaller extends AuthorizationSubject, TPurpose> {
  /** The verified caller; policies are never evaluated for anonymous callers. */
  readonly caller: TCaller
  /** The case the request serves, if it declared one. */
  readonly purpose: TPurpose | undefined
  /** The field's arguments, with variables and defaults applied. */
  readonly args: Readonly<Record<string, unknown>>
  /** The field coordinate being read, e.g. "Query.citizen". */
  readonly coordinate: string
  /** The policy's own name, for functions registered under several names. */
  readonly policy: string
}

/** A named policy of `@policy(policies: …)`: true when the caller may read the field. */
export type AuthorizationPolicy<TCaller extends AuthorizationSubject = AuthorizationSubject, TPurpose = unknown> = (
  input: PolicyInput<TCaller, TPurpose>,
) => boolean | Promise<boolean>

/** Policy name → function; every name the schema uses must be present. */
export type AuthorizationPolicies<TCaller extends AuthorizationSubject = AuthorizationSubject, TPurpose = unknown> = Readonly<
  Record<string, AuthorizationPolicy<TCaller, TPurpose>>
>

export interface AuthorizeOperationOptions<TCaller extends AuthorizationSubject, TPurpose> {
  /** The schema the operation is executed against: the gateway's API schema, or a subgraph's schema. */
  schema: GraphQLSchema
  requirements: AuthorizationRequirements
  /** A document that passed validation against `schema`. */
  document: DocumentNode
  operationName?: string | null | undefined
  /** The request's variables as sent (they are coerced here as execution will). */
  variables?: Readonly<Record<string, unknown>> | null | undefined
  /** The verified caller; null or undefined for an anonymous request. */
  caller: TCaller | null | undefined
  purpose?: TPurpose | null | undefined
  policies: AuthorizationPolicies<TCaller, TPurpose>
}

/** One field coordinate a request may not read, and why. */
export interface DeniedField {
  /** "Citizen.religion". */
  coordinate: string
  /** Where the request selects it, with aliases ("a.religion"); list indexes are not part of it. */
  paths: string[]
  /** The caller is anonymous and the field needs a verified caller. */
  authenticationRequired?: true
  /** For each alternative of `@requiresScopes`, the scopes the caller lacks (any one alternative would do). */
  missingScopes?: string[][]
  /** For each alternative of `@policy`, the policies that were not satisfied. */
  unmetPolicies?: string[][]
}

export type AuthorizationDecision =
  | { allowed: true; /** Every field coordinate the operation reads, in the order of the query, for the audit trail. */ fields: string[] }
  | { allowed: false; error: GraphQLError; fields: string[]; denied: DeniedField[] }

/** One selected field with a requirement, to be checked once the walk is done. */
interface RestrictedRead {
  coordinate: string
  path: string
  requirement: FieldRequirement
  field: GraphQLField<unknown, unknown>
  node: FieldNode
}

/**
 * Decides, before execution, whether a caller may run an operation: every
 * field the operation selects (through fragments, inline fragments and
 * aliases; fields excluded by `@skip`/`@include` are not read) must have its
 * requirement met. A field selected on an interface carries the requirement
 * of that field on every possible runtime type (see readAuthorizationRequirements),
 * so it is refused if any runtime type would restrict it for this caller.
 * `__typename` and the introspection fields are never restricted here.
 *
 * The answer is all or nothing: a refusal is one GraphQLError naming every
 * denied field (`extensions.denied`), with the code UNAUTHENTICATED (HTTP 401)
 * when the caller is anonymous and FORBIDDEN (403) otherwise. Variables that
 * cannot be coerced give BAD_USER_INPUT (400), as execution would.
 *
 * ```ts
 * const decision = await authorizeOperation({ schema, requirements, document: parse(query), variables, caller, purpose, policies })
 * if (!decision.allowed) throw decision.error
 * ```
 */
export async function authorizeOperation<TCaller extends AuthorizationSubject, TPurpose = unknown>(
  options: AuthorizeOperationOptions<TCaller, TPurpose>,
): Promise<AuthorizationDecision> {
  const { schema, requirements, document, operationName, caller, policies } = options
  const purpose = options.purpose ?? undefined
  const operation = getOperationAST(document, operationName)
  if (!operation) return badUserInput(operationName ? `Unknown operation named "${operationName}".` : 'Must provide an operation.')
  const rootType = schema.getRootType(operation.operation)
  if (!rootType) return badUserInput(`The schema does not support ${operation.operation} operations.`)

  const coercion = getVariableValues(schema, operation.variableDefinitions ?? [], options.variables ?? {}, { maxErrors: 50 })
  if (coercion.errors) {
    // Refused as execution would refuse it: graphql-js's own error for each variable, its cause (a scalar's message) kept.
    const errors = coercion.errors.map(
      (variableError) =>
        new GraphQLError(variableError.message, {
          nodes: variableError.nodes,
          originalError: variableError.originalError,
          extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
        }),
    )
    return { allowed: false, error: errors[0]!, fields: [], denied: [] }
  }
  const variables = coercion.coerced

  const fragments = new Map<string, FragmentDefinitionNode>()
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition)
  }

  const fieldsRead = new Set<string>()
  const restrictedReads: RestrictedRead[] = []
  const isIncluded = (node: SelectionNode): boolean => {
    if (getDirectiveValues(GraphQLSkipDirective, node, variables)?.['if'] === true) return false
    return getDirectiveValues(GraphQLIncludeDirective, node, variables)?.['if'] !== false
  }
  const walk = (selectionSet: SelectionSetNode, parentType: GraphQLCompositeType, path: string, fragmentsEntered: ReadonlySet<string>): void => {
    for (const selection of selectionSet.selections) {
      if (!isIncluded(selection)) continue
      if (selection.kind === Kind.FIELD) {
        const fieldName = selection.name.value
        // __typename, __schema, __type: never restricted here (introspection is gated elsewhere).
        if (fieldName.startsWith('__')) continue
        if (!isObjectType(parentType) && !isInterfaceType(parentType)) continue
        const field = parentType.getFields()[fieldName]
        if (!field) continue // not in the schema: validation refuses the document
        const coordinate = `${parentType.name}.${fieldName}`
        const responsePath = path ? `${path}.${selection.alias?.value ?? fieldName}` : (selection.alias?.value ?? fieldName)
        fieldsRead.add(coordinate)
        const requirement = requirements.get(coordinate)
        if (requirement) restrictedReads.push({ coordinate, path: responsePath, requirement, field, node: selection })
        const returnedType = getNamedType(field.type)
        if (selection.selectionSet && isCompositeType(returnedType)) walk(selection.selectionSet, returnedType, responsePath, fragmentsEntered)
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const conditionType = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parentType
        if (conditionType && isCompositeType(conditionType)) walk(selection.selectionSet, conditionType, path, fragmentsEntered)
      } else {
        const name = selection.name.value
        const fragment = fragments.get(name)
        if (!fragment || fragmentsEntered.has(name)) continue // unknown or cyclic: validation refuses the document
        const conditionType = schema.getType(fragment.typeCondition.name.value)
        if (conditionType && isCompositeType(conditionType)) {
          walk(fragment.selectionSet, conditionType, path, new Set([...fragmentsEntered, name]))
        }
      }
    }
  }
  walk(operation.selectionSet, rootType, '', new Set())

  const deniedByCoordinate = new Map<string, DeniedField>()
  const granted = new Set(caller?.scopes)
  for (const read of restrictedReads) {
    const reason = caller ? await unmetRequirement(read, caller, granted, purpose, policies, variables) : anonymousReason(read.requirement)
    if (!reason) continue
    const existing = deniedByCoordinate.get(read.coordinate)
    if (existing) {
      if (!existing.paths.includes(read.path)) existing.paths.push(read.path)
    } else {
      deniedByCoordinate.set(read.coordinate, { coordinate: read.coordinate, paths: [read.path], ...reason })
    }
  }
  const fields = [...fieldsRead]
  if (deniedByCoordinate.size === 0) return { allowed: true, fields }
  const denied = [...deniedByCoordinate.values()]
  return { allowed: false, error: refusal(denied, !caller), fields, denied }
}

type DenialReason = Omit<DeniedField, 'coordinate' | 'paths'>

function anonymousReason(requirement: FieldRequirement): DenialReason {
  return {
    authenticationRequired: true,
    ...(requirement.scopes ? { missingScopes: requirement.scopes.map((alternative) => [...alternative]) } : {}),
    ...(requirement.policies ? { unmetPolicies: requirement.policies.map((alternative) => [...alternative]) } : {}),
  }
}

/** Undefined when the caller (granted `granted` scopes) meets the requirement, else what is missing. `@authenticated` is met by any caller. */
async function unmetRequirement<TCaller extends AuthorizationSubject, TPurpose>(
  read: RestrictedRead,
  caller: TCaller,
  granted: ReadonlySet<string>,
  purpose: TPurpose | undefined,
  policies: AuthorizationPolicies<TCaller, TPurpose>,
  variables: Record<string, unknown>,
): Promise<DenialReason | undefined> {
  const reason: DenialReason = {}
  const { scopes, policies: policyAlternatives } = read.requirement
  if (scopes) {
    const missing = scopes.map((alternative) => alternative.filter((scope) => !granted.has(scope)))
    if (!missing.some((alternative) => alternative.length === 0)) reason.missingScopes = missing
  }
  if (policyAlternatives) {
    const results = await evaluatePolicies(read, policyAlternatives, caller, purpose, policies, variables)
    const unmet = policyAlternatives.map((alternative) => alternative.filter((policy) => !results.get(policy)))
    if (!unmet.some((alternative) => alternative.length === 0)) reason.unmetPolicies = unmet
  }
  return reason.missingScopes || reason.unmetPolicies ? reason : undefined
}

async function evaluatePolicies<TCaller extends AuthorizationSubject, TPurpose>(
  read: RestrictedRead,
  alternatives: Alternatives,
  caller: TCaller,
  purpose: TPurpose | undefined,
  policies: AuthorizationPolicies<TCaller, TPurpose>,
  variables: Record<string, unknown>,
): Promise<Map<string, boolean>> {
  const args = getArgumentValues(read.field, read.node, variables)
  const names = [...new Set(alternatives.flat())]
  const outcomes = await Promise.all(
    names.map(async (name) => {
      const policy = Object.hasOwn(policies, name) ? policies[name] : undefined
      // assertPoliciesRegistered runs at startup; reaching this is a programming error, not a caller's.
      if (typeof policy !== 'function') throw new Error(`no policy function registered for @policy "${name}"`)
      return (await policy({ caller, purpose, args, coordinate: read.coordinate, policy: name })) === true
    }),
  )
  return new Map(names.map((name, index) => [name, outcomes[index] === true]))
}

function refusal(denied: readonly DeniedField[], anonymous: boolean): GraphQLError {
  const coordinates = denied.map((field) => field.coordinate).join(', ')
  return new GraphQLError(anonymous ? `Authentication required to read ${coordinates}.` : `Not authorized to read ${coordinates}.`, {
    extensions: {
      code: anonymous ? 'UNAUTHENTICATED' : 'FORBIDDEN',
      denied,
      // Apollo Server sets the HTTP status from this and removes it from the response body.
      http: anonymous ? { status: 401, headers: new Map([['www-authenticate', 'Bearer']]) } : { status: 403 },
    },
  })
}

function badUserInput(message: string): AuthorizationDecision {
  return { allowed: false, error: new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } }), fields: [], denied: [] }
}
