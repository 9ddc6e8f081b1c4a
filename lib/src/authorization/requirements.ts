import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  valueFromASTUntyped,
  type ConstDirectiveNode,
  type GraphQLField,
  type GraphQLInterfaceType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql'
import { authorizationDirectiveNames, type AuthorizationDirectiveNames } from './directive-names.js'

/**
 * Alternatives of conjunctions (disjunctive normal form), as `@requiresScopes`
 * and `@policy` write them: `[["a", "b"], ["c"]]` means (a and b) or c.
 * An empty list has no alternative and can never be met.
 */
export type Alternatives = readonly (readonly string[])[]

/**
 * What a caller needs to read one field: the conjunction of the directives on
 * the field itself, on the type that declares it and on the type it returns.
 * Absent `scopes`/`policies` mean no such requirement.
 */
export interface FieldRequirement {
  /** `@authenticated` applies: any verified caller. Every other requirement implies it too. */
  readonly authenticated: boolean
  /** `@requiresScopes`: the caller's scopes must contain one of the alternatives. */
  readonly scopes?: Alternatives
  /** `@policy`: every policy of one of the alternatives must be satisfied. */
  readonly policies?: Alternatives
}

/** Requirements per field coordinate ("Citizen.religion"); a coordinate that is absent is public. */
export type AuthorizationRequirements = ReadonlyMap<string, FieldRequirement>

/**
 * Beyond this many alternatives after combining requirements the schema is
 * rejected: conjunctions multiply alternatives, and a schema that needs more is
 * certainly a mistake.
 */
const MAX_ALTERNATIVES = 256

/**
 * Reads the authorization directives of a schema and combines them per field
 * coordinate, from either
 * - the supergraph, as `@apollo/gateway` receives it: pass the SDL text (it is
 *   built with `buildSchema(sdl, { assumeValidSDL: true })`, which keeps the
 *   directive applications in the AST nodes) or such a schema; the supergraph
 *   names the directives through `@link(url: "https://specs.apollo.dev/authenticated/v0.1", for: SECURITY)`
 *   and its siblings, possibly renamed by `import`;
 * - a subgraph schema from `buildSubgraphSchema`, whose `extend schema @link(url: ".../federation/v2.x", import: [...])`
 *   imports (and may rename) them; `extend type` nodes count as much as the definition.
 *
 * A field's requirement is its own directives AND those of its parent type AND
 * those of the named type it returns (object, interface, scalar or enum). An
 * interface's requirement includes every implementation's (as composition
 * propagates them), and an interface field requires what every possible type's
 * field requires: a caller reads it only if they could read it on any runtime type.
 *
 * Throws when a directive's arguments are malformed.
 */
export function readAuthorizationRequirements(schemaOrSupergraphSdl: GraphQLSchema | string): AuthorizationRequirements {
  const schema =
    typeof schemaOrSupergraphSdl === 'string' ? buildSchema(schemaOrSupergraphSdl, { assumeValidSDL: true }) : schemaOrSupergraphSdl
  const reader = new RequirementReader(schema, authorizationDirectiveNames(schema))
  const requirements = new Map<string, FieldRequirement>()
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue
    if (!isObjectType(type) && !isInterfaceType(type)) continue
    for (const field of Object.values(type.getFields())) {
      if (field.name.startsWith('__')) continue
      const requirement = isObjectType(type) ? reader.objectField(type, field) : reader.interfaceField(type, field)
      if (requirement) requirements.set(`${type.name}.${field.name}`, requirement)
    }
  }
  return requirements
}

class RequirementReader {
  readonly #ownTypeRequirements = new Map<string, FieldRequirement | undefined>()

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly names: AuthorizationDirectiveNames,
  ) {}

  objectField(parent: GraphQLObjectType, field: GraphQLField<unknown, unknown>): FieldRequirement | undefined {
    return conjoinRequirements(
      this.#fromDirectives(field.astNode?.directives ?? [], `${parent.name}.${field.name}`),
      this.#ownTypeRequirement(parent),
      this.#returnedTypeRequirement(getNamedType(field.type)),
    )
  }

  interfaceField(parent: GraphQLInterfaceType, field: GraphQLField<unknown, unknown>): FieldRequirement | undefined {
    const implementations = this.schema.getPossibleTypes(parent).map((possibleType) => {
      const implementation = possibleType.getFields()[field.name]
      return implementation ? this.objectField(possibleType, implementation) : undefined
    })
    return conjoinRequirements(
      this.#fromDirectives(field.astNode?.directives ?? [], `${parent.name}.${field.name}`),
      this.#returnedTypeRequirement(parent),
      this.#returnedTypeRequirement(getNamedType(field.type)),
      ...implementations,
    )
  }

  /** A returned interface requires what each of its implementations requires (composition puts the same on the interface). */
  #returnedTypeRequirement(type: GraphQLNamedType): FieldRequirement | undefined {
    if (!isInterfaceType(type)) return this.#ownTypeRequirement(type)
    return conjoinRequirements(
      this.#ownTypeRequirement(type),
      ...this.schema.getPossibleTypes(type).map((possibleType) => this.#ownTypeRequirement(possibleType)),
    )
  }

  #ownTypeRequirement(type: GraphQLNamedType): FieldRequirement | undefined {
    if (!isObjectType(type) && !isInterfaceType(type) && !isScalarType(type) && !isEnumType(type)) return undefined
    if (this.#ownTypeRequirements.has(type.name)) return this.#ownTypeRequirements.get(type.name)
    const directives = [type.astNode, ...type.extensionASTNodes].flatMap((node) => node?.directives ?? [])
    const requirement = this.#fromDirectives(directives, type.name)
    this.#ownTypeRequirements.set(type.name, requirement)
    return requirement
  }

  #fromDirectives(directives: readonly ConstDirectiveNode[], location: string): FieldRequirement | undefined {
    let requirement: FieldRequirement | undefined
    for (const directive of directives) {
      const name = directive.name.value
      if (this.names.authenticated.has(name)) {
        requirement = conjoinRequirements(requirement, { authenticated: true })
      } else if (this.names.requiresScopes.has(name)) {
        const scopes = alternativesArgument(directive, 'scopes', location)
        requirement = conjoinRequirements(requirement, { authenticated: true, scopes })
      } else if (this.names.policy.has(name)) {
        const policies = alternativesArgument(directive, 'policies', location)
        requirement = conjoinRequirements(requirement, { authenticated: true, policies })
      }
    }
    return requirement
  }
}

/**
 * `[[String!]!]!` as GraphQL input coercion reads it: a single value where a
 * list is expected is a list of one (`scopes: "a"` = `[["a"]]`).
 */
function alternativesArgument(directive: ConstDirectiveNode, argumentName: string, location: string): Alternatives {
  const argument = directive.arguments?.find((candidate) => candidate.name.value === argumentName)
  if (!argument) throw new Error(`@${directive.name.value} on ${location} has no "${argumentName}" argument`)
  const value: unknown = valueFromASTUntyped(argument.value)
  const asList = (item: unknown): unknown[] => (Array.isArray(item) ? item : [item])
  return normalizeAlternatives(
    asList(value).map((alternative) =>
      asList(alternative).map((entry) => {
        if (typeof entry !== 'string' || entry.length === 0) {
          throw new Error(`@${directive.name.value} on ${location}: "${argumentName}" must hold non-empty strings`)
        }
        return entry
      }),
    ),
  )
}

/**
 * The requirement of meeting all the given ones (undefined ones are no
 * requirement): `@authenticated` if any, and the scope and policy alternatives
 * multiplied out, as composition merges a directive applied in several
 * subgraphs (its DNF_CONJUNCTION strategy).
 */
export function conjoinRequirements(...requirements: (FieldRequirement | undefined)[]): FieldRequirement | undefined {
  let combined: FieldRequirement | undefined
  for (const requirement of requirements) {
    if (!requirement) continue
    if (!combined) {
      combined = requirement
      continue
    }
    const scopes = conjoinAlternatives(combined.scopes, requirement.scopes)
    const policies = conjoinAlternatives(combined.policies, requirement.policies)
    combined = {
      authenticated: combined.authenticated || requirement.authenticated,
      ...(scopes ? { scopes } : {}),
      ...(policies ? { policies } : {}),
    }
  }
  return combined
}

function conjoinAlternatives(left: Alternatives | undefined, right: Alternatives | undefined): Alternatives | undefined {
  if (!left) return right
  if (!right) return left
  const product = left.flatMap((leftSet) => right.map((rightSet) => [...leftSet, ...rightSet]))
  return normalizeAlternatives(product)
}

/**
 * One canonical form for equal requirements: each alternative sorted and
 * without duplicates, alternatives that include another one dropped (they add
 * nothing to an OR), the rest sorted.
 */
export function normalizeAlternatives(alternatives: readonly (readonly string[])[]): Alternatives {
  const sets = alternatives.map((alternative) => [...new Set(alternative)].sort())
  const kept = sets.filter(
    (set, index) =>
      !sets.some(
        (other, otherIndex) =>
          otherIndex !== index && other.every((entry) => set.includes(entry)) && (other.length < set.length || otherIndex < index),
      ),
  )
  if (kept.length > MAX_ALTERNATIVES) {
    throw new Error(`authorization requirement with ${kept.length} alternatives (more than ${MAX_ALTERNATIVES}); simplify the directives`)
  }
  return kept.sort(compareSets)
}

function compareSets(left: readonly string[], right: readonly string[]): number {
  const length = Math.min(left.length, right.length)
  for (let index = 0; index < length; index++) {
    const order = left[index]!.localeCompare(right[index]!)
    if (order !== 0) return order
  }
  return left.length - right.length
}

/** Every policy name the requirements use, sorted. */
export function policyNamesOf(requirements: AuthorizationRequirements): string[] {
  const names = new Set<string>()
  for (const requirement of requirements.values()) {
    for (const alternative of requirement.policies ?? []) for (const name of alternative) names.add(name)
  }
  return [...names].sort()
}

/**
 * Throws unless every policy the schema uses has a registered function: an
 * unknown policy name is a deployment mistake, found at startup rather than
 * by the first caller it would lock out (or let in).
 */
export function assertPoliciesRegistered(requirements: AuthorizationRequirements, policies: Readonly<Record<string, unknown>>): void {
  const unknown = policyNamesOf(requirements).filter((name) => !Object.hasOwn(policies, name) || typeof policies[name] !== 'function')
  if (unknown.length > 0) {
    throw new Error(`the schema uses @policy names with no registered policy function: ${unknown.join(', ')}`)
  }
}
