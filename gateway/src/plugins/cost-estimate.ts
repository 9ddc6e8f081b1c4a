import {
  getNamedType,
  isCompositeType,
  isListType,
  isNonNullType,
  Kind,
  valueFromASTUntyped,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql'

/**
 * How big a list field's result is, after `@listSize` of the IBM/Apollo
 * demand-control spec (https://ibm.github.io/graphql-specs/cost-spec.html).
 * Our subgraphs do not annotate their SDL yet, so the gateway keeps the
 * annotations here, by schema coordinate.
 */
export interface ListSize {
  /**
   * Arguments that set the size: an Int argument (`first`) counts its value;
   * a list argument (`personalIds`, `addresses`, our extension of the spec)
   * counts its length. The largest one given wins. A variable counts its value
   * in the request, an argument left out its default in the schema.
   */
  slicingArguments?: readonly string[]
  /**
   * On a connection: the lists in its selection that the slicing argument
   * sizes (`edges`, `nodes`); the connection itself is one object. Absent: the
   * field itself is the list.
   */
  sizedFields?: readonly string[]
  /** Size when no slicing argument gives one. Defaults to the estimator's `assumedListSize`. */
  assumedSize?: number
}

/**
 * The list sizes of lienthong's supergraph. Every other list counts the
 * estimator's `assumedListSize` (10: a citizen's children, marriages, land
 * rights; a parcel's holders; a draft's fields…).
 */
export const LIENTHONG_LIST_SIZES: Readonly<Record<string, ListSize>> = {
  // Paginated: `first` elements per page; the SDL's defaults count when `first` is left out.
  'Query.searchCitizens': { slicingArguments: ['first'], sizedFields: ['edges'] },
  'Query.allCitizens': { slicingArguments: ['first'], sizedFields: ['edges'] },
  'Query.myDataAccesses': { slicingArguments: ['first'], sizedFields: ['nodes'] },
  'AdministrativeUnit.communes': { slicingArguments: ['first'], sizedFields: ['nodes'] },
  'Query.searchAdministrativeUnits': { slicingArguments: ['first'] },
  // One result per id or address asked for (up to 500 and 1,000).
  'Query.citizens': { slicingArguments: ['personalIds'] },
  'Query.convertLegacyAddresses': { slicingArguments: ['addresses'] },
  // Fixed by law: 34 provinces since 1 July 2025.
  'Query.provinces': { assumedSize: 34 },
}

export interface CostEstimateOptions {
  /** Size of a list with no {@link ListSize} and no slicing argument. */
  assumedListSize: number
  /** By schema coordinate (`Type.field`). Defaults to {@link LIENTHONG_LIST_SIZES}. */
  listSizes?: Readonly<Record<string, ListSize>>
  /** The request's variables, for `first: $first`. */
  variables?: Readonly<Record<string, unknown>> | undefined
}

/** Weight of a mutation's root field: it writes (Apollo's demand control uses 10 too). */
export const MUTATION_ROOT_FIELD_WEIGHT = 10

/**
 * The demand-control cost of an operation: how many objects its answer may
 * hold, lists multiplied by their expected size. As in the spec's default
 * weights, a field of object, interface or union type costs 1, a scalar or
 * enum 0 (the token limit bounds those), a list `size × (1 + its selection)`,
 * and `__typename` and introspection nothing (the introspection guard decides
 * on those). Fragments on several types of a union all count (an upper bound).
 *
 * ```ts
 * estimateOperationCost(schema, operation, fragments, { assumedListSize: 10, variables: { first: 200 } })
 * ```
 */
export function estimateOperationCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
  { assumedListSize, listSizes = LIENTHONG_LIST_SIZES, variables = {} }: CostEstimateOptions,
): number {
  const rootType = schema.getRootType(operation.operation)
  if (!rootType) return 0

  const variableValue = (name: string): unknown => {
    if (name in variables) return variables[name]
    const definition = operation.variableDefinitions?.find((candidate) => candidate.variable.name.value === name)
    return definition?.defaultValue ? valueFromASTUntyped(definition.defaultValue) : undefined
  }
  const argumentValue = (node: ValueNode): unknown =>
    node.kind === Kind.VARIABLE ? variableValue(node.name.value) : valueFromASTUntyped(node, variables as Record<string, unknown>)

  /** The size a field's slicing arguments ask for, or undefined when none is given and none has a default. */
  const slicedSize = (field: GraphQLField<unknown, unknown>, node: FieldNode, listSize: ListSize): number | undefined => {
    let size: number | undefined
    for (const name of listSize.slicingArguments ?? []) {
      const given = node.arguments?.find((argument) => argument.name.value === name)
      const value = given ? argumentValue(given.value) : field.args.find((argument) => argument.name === name)?.defaultValue
      const count = typeof value === 'number' ? value : Array.isArray(value) ? value.length : undefined
      if (count !== undefined && Number.isFinite(count)) size = Math.max(size ?? 0, Math.max(0, Math.floor(count)))
    }
    return size
  }

  const selectionCost = (parentType: GraphQLCompositeType, selectionSet: SelectionSetNode, sizeOf: ReadonlyMap<string, number>): number => {
    let cost = 0
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        cost += fieldCost(parentType, selection, sizeOf.get(selection.name.value))
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const typeName = selection.typeCondition?.name.value
        const type = typeName ? schema.getType(typeName) : parentType
        if (type && isCompositeType(type)) cost += selectionCost(type, selection.selectionSet, sizeOf)
      } else {
        const fragment = fragments[selection.name.value]
        const type = fragment && schema.getType(fragment.typeCondition.name.value)
        if (fragment && type && isCompositeType(type)) cost += selectionCost(type, fragment.selectionSet, sizeOf)
      }
    }
    return cost
  }

  const fieldCost = (parentType: GraphQLCompositeType, node: FieldNode, sizeFromParent: number | undefined, mutationRoot = false): number => {
    if (node.name.value.startsWith('__') || !('getFields' in parentType)) return 0
    const field = parentType.getFields()[node.name.value]
    if (!field) return 0
    const type = getNamedType(field.type)
    const weight = mutationRoot ? MUTATION_ROOT_FIELD_WEIGHT : isCompositeType(type) ? 1 : 0
    if (!isCompositeType(type) || !node.selectionSet) return weight
    const listSize = listSizes[`${parentType.name}.${field.name}`] ?? {}
    const sliced = slicedSize(field, node, listSize)
    // A connection passes its size down to its sized fields; a list uses it itself.
    const sizedChildren = new Map((listSize.sizedFields ?? []).map((name) => [name, sliced ?? listSize.assumedSize ?? assumedListSize]))
    const ownSize = listSize.sizedFields
      ? 1
      : isList(field.type)
        ? (sizeFromParent ?? sliced ?? listSize.assumedSize ?? assumedListSize)
        : 1
    return ownSize * (weight + selectionCost(type, node.selectionSet, sizedChildren))
  }

  let cost = 0
  for (const selection of operation.selectionSet.selections) {
    // A mutation's root fields write; fragments at the root are rare enough to count as a query's.
    if (selection.kind === Kind.FIELD) cost += fieldCost(rootType, selection, undefined, operation.operation === 'mutation')
    else cost += selectionCost(rootType, { kind: Kind.SELECTION_SET, selections: [selection] }, new Map())
  }
  return cost
}

function isList(type: GraphQLOutputType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type)
}
