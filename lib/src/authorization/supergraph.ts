import { Kind, parse, print, valueFromASTUntyped, type ConstDirectiveNode } from 'graphql'

/** The authorization features this engine implements, exactly these versions. */
const ENFORCED_FEATURE_URLS: ReadonlySet<string> = new Set([
  'https://specs.apollo.dev/authenticated/v0.1',
  'https://specs.apollo.dev/requiresScopes/v0.1',
  'https://specs.apollo.dev/policy/v0.1',
])

/**
 * The supergraph as `@apollo/gateway` may load it once createAuthorizationPlugin
 * enforces its authorization directives.
 *
 * Composition links the authenticated, requiresScopes and policy features
 * `for: SECURITY`, which tells every consumer that does not implement them to
 * refuse the supergraph (fail closed). @apollo/gateway 2.14 implements none of
 * them, so it rejects such a supergraph ("feature https://specs.apollo.dev/authenticated/v0.1
 * is for: SECURITY but is unsupported"). This removes `for: SECURITY` from
 * those three links (v0.1) only, and leaves everything else as composed: any
 * other SECURITY or EXECUTION feature the gateway does not know still stops it.
 *
 * Call it only where the gateway also installs the authorization plugin with
 * requirements read from the original SDL.
 *
 * ```ts
 * const requirements = readAuthorizationRequirements(supergraphSdl)
 * const gateway = new ApolloGateway({ supergraphSdl: supergraphForEnforcingGateway(supergraphSdl) })
 * ```
 */
export function supergraphForEnforcingGateway(supergraphSdl: string): string {
  const document = parse(supergraphSdl)
  const edits: { start: number; end: number; text: string }[] = []
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.SCHEMA_DEFINITION && definition.kind !== Kind.SCHEMA_EXTENSION) continue
    for (const directive of definition.directives ?? []) {
      if (!isEnforcedSecurityLink(directive) || !directive.loc) continue
      const withoutPurpose: ConstDirectiveNode = {
        ...directive,
        arguments: directive.arguments?.filter((argument) => argument.name.value !== 'for'),
      }
      edits.push({ start: directive.loc.start, end: directive.loc.end, text: print(withoutPurpose) })
    }
  }
  let sdl = supergraphSdl
  for (const { start, end, text } of edits.sort((left, right) => right.start - left.start)) {
    sdl = sdl.slice(0, start) + text + sdl.slice(end)
  }
  return sdl
}

function isEnforcedSecurityLink(directive: ConstDirectiveNode): boolean {
  if (directive.name.value !== 'link') return false
  const argument = (name: string) => directive.arguments?.find((candidate) => candidate.name.value === name)
  const url = argument('url')
  const purpose = argument('for')
  return (
    url !== undefined &&
    purpose !== undefined &&
    ENFORCED_FEATURE_URLS.has(String(valueFromASTUntyped(url.value))) &&
    valueFromASTUntyped(purpose.value) === 'SECURITY'
  )
}
