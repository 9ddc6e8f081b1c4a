import { valueFromASTUntyped, type ConstDirectiveNode, type GraphQLSchema } from 'graphql'

/** The three authorization directives, by their name in their specifications. */
export type AuthorizationDirective = 'authenticated' | 'requiresScopes' | 'policy'

const AUTHORIZATION_DIRECTIVES: readonly AuthorizationDirective[] = ['authenticated', 'requiresScopes', 'policy']

/** The names under which a schema applies each authorization directive (usually exactly the standard one). */
export type AuthorizationDirectiveNames = Readonly<Record<AuthorizationDirective, ReadonlySet<string>>>

/**
 * Finds how a schema names the authorization directives from its `@link`s
 * (core schema / link spec v1.0):
 * - a subgraph links `https://specs.apollo.dev/federation/v2.x` and imports
 *   `"@authenticated"` or `{ name: "@requiresScopes", as: "@scopes" }`; one it
 *   does not import is still usable as `@federation__policy` (or `@<as>__policy`
 *   when the link has `as:`);
 * - a supergraph links `https://specs.apollo.dev/authenticated/v0.1` (and
 *   `requiresScopes/v0.1`, `policy/v0.1`) for SECURITY; the directive named
 *   like its specification is `@<as ?? name>` unless an `import` renames it
 *   (composition writes `import: [{name: "@requiresScopes", as: "@scopes"}]`
 *   when the subgraphs renamed it).
 *
 * A directive no `@link` mentions keeps its standard name, so an SDL written
 * without `@link` (plain `directive @authenticated …` definitions) works too.
 */
export function authorizationDirectiveNames(schema: GraphQLSchema): AuthorizationDirectiveNames {
  const names: Record<AuthorizationDirective, Set<string>> = { authenticated: new Set(), requiresScopes: new Set(), policy: new Set() }
  const schemaDirectives = [schema.astNode, ...schema.extensionASTNodes].flatMap((node) => node?.directives ?? [])
  for (const link of schemaDirectives.filter((directive) => directive.name.value === 'link')) {
    const { specification, as, imports } = readLink(link)
    if (!specification) continue
    if (specification === 'federation') {
      for (const directive of AUTHORIZATION_DIRECTIVES) {
        names[directive].add(imports.get(directive) ?? `${as ?? 'federation'}__${directive}`)
      }
    } else if ((AUTHORIZATION_DIRECTIVES as readonly string[]).includes(specification)) {
      const directive = specification as AuthorizationDirective
      names[directive].add(imports.get(directive) ?? as ?? directive)
    }
  }
  for (const directive of AUTHORIZATION_DIRECTIVES) {
    if (names[directive].size === 0) names[directive].add(directive)
  }
  return names
}

interface Link {
  /** The specification's name, from the URL's next-to-last path segment ("federation", "policy"), if any. */
  specification: string | undefined
  as: string | undefined
  /** Imported directive name (without "@") → the name used in the schema. */
  imports: Map<string, string>
}

function readLink(link: ConstDirectiveNode): Link {
  const argument = (name: string): unknown => {
    const node = link.arguments?.find((candidate) => candidate.name.value === name)
    return node ? valueFromASTUntyped(node.value) : undefined
  }
  const url = argument('url')
  const as = argument('as')
  const imports = new Map<string, string>()
  const importList = argument('import')
  for (const entry of Array.isArray(importList) ? importList : []) {
    if (typeof entry === 'string') {
      if (entry.startsWith('@')) imports.set(entry.slice(1), entry.slice(1))
    } else if (entry && typeof entry === 'object') {
      const { name, as: alias } = entry as { name?: unknown; as?: unknown }
      if (typeof name !== 'string' || !name.startsWith('@')) continue
      imports.set(name.slice(1), typeof alias === 'string' ? alias.replace(/^@/, '') : name.slice(1))
    }
  }
  return { specification: specificationName(url), as: typeof as === 'string' ? as : undefined, imports }
}

/** "https://specs.apollo.dev/federation/v2.7" → "federation". */
function specificationName(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined
  let segments: string[]
  try {
    segments = new URL(url).pathname.split('/').filter((segment) => segment.length > 0)
  } catch {
    return undefined
  }
  const version = segments.at(-1)
  if (!version || !/^v\d+\.\d+$/.test(version)) return undefined
  return segments.at(-2)
}
