import { Kind, parse, type ConstDirectiveNode } from 'graphql'

/** Where the gateway reaches one subgraph. */
export interface SubgraphEndpoint {
  /** Subgraph name as composed into the supergraph (`@join__graph(name:)`). */
  name: string
  /** Its GraphQL endpoint, e.g. `http://127.0.0.1:4001/graphql`. */
  url: string
}

/**
 * The subgraphs a supergraph routes to, each with its URL: the one given in
 * `overrides` (tests on port 0, separate deployments) or else the routing URL
 * composed into the supergraph.
 *
 * Query planning (`buildService`) and the readiness check both read this list,
 * so `/readyz` probes exactly the servers queries go to.
 *
 * @throws when `overrides` names a subgraph the supergraph does not have: a
 * misspelt `<NAME>_URL` must not be ignored silently.
 */
export function subgraphEndpointsOf(supergraphSdl: string, overrides: Record<string, string> = {}): SubgraphEndpoint[] {
  const endpoints = joinGraphsOf(supergraphSdl).map(({ name, url }) => ({ name, url: overrides[name] ?? url }))
  const known = new Set(endpoints.map(({ name }) => name))
  const unknown = Object.keys(overrides).filter((name) => !known.has(name))
  if (unknown.length > 0) {
    throw new Error(`no subgraph named ${unknown.join(', ')} in the supergraph (it has: ${[...known].join(', ')})`)
  }
  for (const { name, url } of endpoints) assertHttpUrl(name, url)
  return endpoints
}

/** The `join__Graph` enum of a supergraph: one value per subgraph, carrying its name and routing URL. */
function joinGraphsOf(supergraphSdl: string): SubgraphEndpoint[] {
  const document = parse(supergraphSdl, { noLocation: true })
  const graphs: SubgraphEndpoint[] = []
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== 'join__Graph') continue
    for (const value of definition.values ?? []) {
      const directive = value.directives?.find((candidate) => candidate.name.value === 'join__graph')
      const name = directive && stringArgument(directive, 'name')
      if (!directive || !name) throw new Error(`supergraph enum value join__Graph.${value.name.value} has no @join__graph(name:)`)
      graphs.push({ name, url: stringArgument(directive, 'url') ?? '' })
    }
  }
  if (graphs.length === 0) throw new Error('the supergraph SDL has no join__Graph enum: is it a composed supergraph?')
  return graphs
}

function stringArgument(directive: ConstDirectiveNode, argument: string): string | undefined {
  const value = directive.arguments?.find((candidate) => candidate.name.value === argument)?.value
  return value?.kind === Kind.STRING ? value.value : undefined
}

function assertHttpUrl(name: string, url: string): void {
  let protocol: string
  try {
    protocol = new URL(url).protocol
  } catch {
    throw new Error(`subgraph ${name} has no valid URL (got "${url}")`)
  }
  if (protocol !== 'http:' && protocol !== 'https:') throw new Error(`subgraph ${name} URL must be http(s) (got "${url}")`)
}
