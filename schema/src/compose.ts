import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { composeServices } from '@apollo/composition'
import { parse } from 'graphql'
import { REGISTER_TYPE_DEFS, UNIT_CODE_SCALAR_TYPE_DEFS } from './registers/type-defs.js'
import { SUBGRAPHS, type SubgraphName } from './subgraphs.js'

const REPOSITORY_ROOT = new URL('../../', import.meta.url)
const SUPERGRAPH_FILE = new URL('../supergraph.graphql', import.meta.url)

/**
 * Composes the supergraph from every subgraph's SDL file, as the gateway will
 * serve it; routing URLs are the default local ports (the gateway overrides
 * them with `<NAME>_URL`).
 *
 * Throws an AggregateError holding each composition error.
 *
 * ```ts
 * writeFileSync('schema/supergraph.graphql', composeSupergraph())
 * ```
 */
export function composeSupergraph(): string {
  const result = composeServices(
    SUBGRAPHS.map(({ name, port }) => ({
      name,
      url: `http://127.0.0.1:${port}/graphql`,
      typeDefs: parse(subgraphTypeDefs(name, readSubgraphOwnTypeDefs(name))),
    })),
  )
  if (result.errors) {
    const messages = result.errors.map((error) => `- ${error.message}`).join('\n')
    throw new AggregateError(result.errors, `supergraph composition failed:\n${messages}`)
  }
  return result.supergraphSdl.endsWith('\n') ? result.supergraphSdl : `${result.supergraphSdl}\n`
}

/**
 * A subgraph's own SDL: every `.graphql` file of `subgraphs/<name>/src/`, in
 * name order (`schema.graphql`, and for cases the `draft-types.graphql`
 * generated from the procedure catalogue).
 */
export function readSubgraphOwnTypeDefs(name: SubgraphName): string {
  const folder = new URL(`subgraphs/${name}/src/`, REPOSITORY_ROOT)
  return readdirSync(folder)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => readFileSync(new URL(file, folder), 'utf8'))
    .join('\n')
}

/**
 * A subgraph's whole SDL: its own `schema.graphql`, the unit code scalars, and
 * for a register the shared register types. Subgraphs build their schema from the same text.
 */
export function subgraphTypeDefs(name: SubgraphName, ownTypeDefs: string): string {
  const definition = SUBGRAPHS.find((subgraph) => subgraph.name === name)
  if (!definition) throw new Error(`unknown subgraph ${name}`)
  const shared = definition.register ? [UNIT_CODE_SCALAR_TYPE_DEFS, REGISTER_TYPE_DEFS] : [UNIT_CODE_SCALAR_TYPE_DEFS]
  return [ownTypeDefs, ...shared].join('\n')
}

/** Absolute path of the checked-in supergraph, `schema/supergraph.graphql`. */
export const SUPERGRAPH_PATH = fileURLToPath(SUPERGRAPH_FILE)

/** The checked-in supergraph SDL, written by `npm run compose`; the gateway serves it. */
export function readSupergraphSdl(): string {
  return readFileSync(SUPERGRAPH_PATH, 'utf8')
}
