import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ApolloServerPlugin, BaseContext } from '@apollo/server'
import { Kind, parse, type OperationTypeNode } from 'graphql'
import { refusalError, refusingListener } from './refusal.js'

/** One registered operation, as in Apollo's persisted query manifest. */
export interface TrustedOperation {
  /** SHA-256 of `body`, lowercase hex: what a client sends as `extensions.persistedQuery.sha256Hash`. */
  id: string
  /** The operation's name, e.g. "CitizenProfile". */
  name: string
  type: `${OperationTypeNode}`
  /** The document, exactly: one operation and its fragments. */
  body: string
}

/**
 * The manifest format of Apollo's persisted query lists
 * (`@apollo/generate-persisted-query-manifest`), so that client tooling can
 * read and produce it.
 */
export interface TrustedOperationsManifest {
  format: 'apollo-persisted-query-manifest'
  version: 1
  operations: TrustedOperation[]
}

const gatewayDirectory = fileURLToPath(new URL('../../', import.meta.url))
/** The registered documents, one `.graphql` file per operation: where operations are added or changed. */
export const TRUSTED_OPERATIONS_DIRECTORY = path.join(gatewayDirectory, 'trusted-operations')
/** The manifest built from them, read by the gateway and handed to machine clients. */
export const TRUSTED_OPERATIONS_MANIFEST_PATH = path.join(gatewayDirectory, 'trusted-operations.json')

export const OPERATION_NOT_TRUSTED_CODE = 'OPERATION_NOT_TRUSTED'

/** SHA-256 of a document's exact text, lowercase hex (as Apollo's APQ and persisted queries hash). */
export function documentHash(body: string): string {
  return createHash('sha256').update(body).digest('hex')
}

/**
 * The manifest of the `.graphql` files of a folder, in file name order. Each
 * file holds one named operation (and its fragments); its whole text is the
 * body. Throws naming the file for a file that does not parse, holds no or
 * several operations or an anonymous one, or repeats another's name.
 */
/** The exact text of a registered operation, `gateway/trusted-operations/<file>.graphql`: what a client of the manifest sends. */
export function trustedOperationDocument(file: string, directory: string = TRUSTED_OPERATIONS_DIRECTORY): string {
  return readFileSync(path.join(directory, `${file}.graphql`), 'utf8')
}

export function buildTrustedOperationsManifest(directory: string = TRUSTED_OPERATIONS_DIRECTORY): TrustedOperationsManifest {
  const operations: TrustedOperation[] = []
  for (const file of readdirSync(directory).filter((name) => name.endsWith('.graphql')).sort()) {
    const body = readFileSync(path.join(directory, file), 'utf8')
    const definitions = parse(body).definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION)
    const operation = definitions[0]
    if (definitions.length !== 1 || !operation?.name) throw new Error(`${file} must hold exactly one named operation.`)
    const name = operation.name.value
    if (operations.some((other) => other.name === name)) throw new Error(`${file}: another file already registers an operation named ${name}.`)
    operations.push({ id: documentHash(body), name, type: operation.operation, body })
  }
  return { format: 'apollo-persisted-query-manifest', version: 1, operations }
}

/**
 * The manifest file, checked: the gateway does not start on a manifest whose
 * ids are not the hashes of their bodies (a hand edit, a merge gone wrong).
 */
export function readTrustedOperationsManifest(file: string = TRUSTED_OPERATIONS_MANIFEST_PATH): TrustedOperationsManifest {
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as TrustedOperationsManifest
  if (manifest.format !== 'apollo-persisted-query-manifest' || manifest.version !== 1 || !Array.isArray(manifest.operations)) {
    throw new Error(`${file} is not an Apollo persisted query manifest (format "apollo-persisted-query-manifest", version 1).`)
  }
  for (const operation of manifest.operations) {
    if (typeof operation.body !== 'string' || documentHash(operation.body) !== operation.id) {
      throw new Error(`${file}: the id of ${operation.name} is not the SHA-256 of its body; rebuild the manifest from ${TRUSTED_OPERATIONS_DIRECTORY}.`)
    }
  }
  return manifest
}

export interface TrustedOperationsPluginOptions<TContext extends BaseContext> {
  /** Defaults to {@link readTrustedOperationsManifest}(). */
  manifest?: TrustedOperationsManifest
  /**
   * The callers held to the manifest. Defaults to machine clients
   * (`contextValue.caller?.kind === 'machine'`).
   */
  appliesTo?(contextValue: TContext): boolean
}

/**
 * Trusted documents: callers it applies to (machine clients) may run only the
 * operations of the manifest, refused otherwise with code
 * OPERATION_NOT_TRUSTED and HTTP 403 before anything executes.
 *
 * A client sends a registered operation either by its id alone,
 * `{"extensions":{"persistedQuery":{"version":1,"sha256Hash":"<id>"}}, "variables":…}`
 * (the document is taken from the manifest; any caller may do so), or as the
 * exact text of its body. A document that differs by a single character is
 * another document; an automatic persisted query registered by someone else
 * is not trusted either.
 *
 * Put it after the rate limit and before the other plugins.
 *
 * ```ts
 * createTrustedOperationsPlugin<GatewayContext>({ appliesTo: (context) => context.caller?.kind === 'machine' })
 * ```
 */
export function createTrustedOperationsPlugin<TContext extends BaseContext>(options: TrustedOperationsPluginOptions<TContext> = {}): ApolloServerPlugin<TContext> {
  const manifest = options.manifest ?? readTrustedOperationsManifest()
  const appliesTo = options.appliesTo ?? ((contextValue: TContext) => (contextValue as { caller?: { kind?: string } | null }).caller?.kind === 'machine')
  const byId = new Map(manifest.operations.map((operation) => [operation.id, operation]))

  return {
    async requestDidStart({ request, contextValue }) {
      const { persistedQuery, ...otherExtensions } = request.extensions ?? {}
      const registered = request.query === undefined ? byId.get(String((persistedQuery as { sha256Hash?: unknown } | undefined)?.sha256Hash)) : undefined
      if (registered) {
        // Executed as if sent in full: Apollo hashes the text to the same id, with or without its APQ cache.
        request.query = registered.body
        request.extensions = otherExtensions
      }
      if (!appliesTo(contextValue)) return {}
      if (request.query !== undefined && byId.has(documentHash(request.query))) return {}
      return refusingListener<TContext>(
        refusalError(
          'Operation not trusted: this client may run only the registered operations of the trusted operations manifest, sent by id (extensions.persistedQuery.sha256Hash) or as their exact text.',
          OPERATION_NOT_TRUSTED_CODE,
          403,
        ),
      )
    },
  }
}
