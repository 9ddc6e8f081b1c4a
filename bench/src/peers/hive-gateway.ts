/**
 * Hive Gateway (@graphql-hive/gateway, MIT) as the benchmarks' side-by-side
 * peer of the lienthong gateway: the same supergraph over the same running
 * subgraphs, in its own process.
 *
 * It runs the way Hive's documentation runs it: its CLI,
 * `hive-gateway supergraph <file> --host 127.0.0.1 --port <port>`, in
 * bench/peers/hive-gateway, where it finds `gateway.config.ts`. That file
 * sets only what this federation needs (the subgraphs' URLs, the gateway
 * signature on every subgraph request, the in-flight deduplication switch);
 * everything else is Hive's default. The CLI forks no workers by default
 * (`--fork` defaults to 1), so the process started is the only one serving.
 *
 * Hive is installed on its own in bench/peers/hive-gateway (its own
 * package.json and package-lock.json, not an npm workspace of the
 * repository), by {@link ensureHiveGatewayInstalled}.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { isDeepStrictEqual } from 'node:util'
import { Kind, parse, type ConstDirectiveNode, type ObjectTypeDefinitionNode, type TypeNode } from 'graphql'
import type { Caller, Purpose } from '@lienthong/gateway'
import type { GatewaySecret } from '@lienthong/lib/subgraph'
import { HIVE_PEER_SETTINGS_VARIABLE, type HivePeerSettings } from '../../peers/hive-gateway/settings.js'
import { freePort } from '@lienthong/lib'
import { REPOSITORY_ROOT, spawnServer, type RunningProcess } from '../support/processes.js'

export const HIVE_GATEWAY_DIRECTORY = fileURLToPath(new URL('../../peers/hive-gateway/', import.meta.url))
const HIVE_GATEWAY_CLI = path.join(HIVE_GATEWAY_DIRECTORY, 'node_modules/@graphql-hive/gateway/dist/bin.js')

export interface HiveGatewayOptions {
  /** The composed supergraph (`schema/supergraph.graphql`), as the lienthong gateway gets it. */
  supergraphSdl: string
  /** Subgraph name → the GraphQL URL it runs at, in place of the routing URLs composed into the supergraph. */
  subgraphUrls: Record<string, string>
  /** The secret the subgraphs verify gateway signatures with (`readGatewaySecret()`). */
  gatewaySecret: GatewaySecret
  /** Every subgraph request is signed as this caller, for this purpose (as `unsafeWithoutSecurity` does in the lienthong gateway). */
  caller: Caller
  purpose: Purpose
  /** True: Hive's default, identical in-flight subgraph queries are sent once. False: every one is sent. */
  deduplicateInflightRequests: boolean
  /** 0 or absent: a free port. */
  port?: number
}

/** Hive Gateway's process: its pid is the one whose CPU time the benchmark reads (the CLI forks no workers by default). */
export type RunningPeer = RunningProcess

/**
 * Installs Hive Gateway in bench/peers/hive-gateway (`npm ci`) when its
 * node_modules is missing or differs from its package-lock.json. Touches
 * nothing outside that folder.
 */
export function ensureHiveGatewayInstalled(): void {
  if (isInstallCurrent()) return
  console.log(`Installing Hive Gateway in ${path.relative(REPOSITORY_ROOT, HIVE_GATEWAY_DIRECTORY)} (npm ci, its own package-lock.json)…`)
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
  const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: HIVE_GATEWAY_DIRECTORY, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  if (result.error || result.status !== 0 || !isInstallCurrent()) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-20).join('\n')
    throw new Error(
      `Could not install Hive Gateway: \`npm ci\` in ${HIVE_GATEWAY_DIRECTORY} ` +
        `${result.error ? `failed to run (${result.error.message})` : `exited with ${result.status ?? result.signal}`}.\n${output}`,
    )
  }
  console.log(`Hive Gateway ${installedHiveVersion()} installed in ${path.relative(REPOSITORY_ROOT, HIVE_GATEWAY_DIRECTORY)}.`)
}

/** npm ci writes node_modules/.package-lock.json; current when it has every locked package at its locked version. */
function isInstallCurrent(): boolean {
  const installedFile = path.join(HIVE_GATEWAY_DIRECTORY, 'node_modules/.package-lock.json')
  if (!existsSync(installedFile) || !existsSync(HIVE_GATEWAY_CLI)) return false
  const locked = readLockPackages(path.join(HIVE_GATEWAY_DIRECTORY, 'package-lock.json'))
  const installed = readLockPackages(installedFile)
  for (const [location, entry] of Object.entries(locked)) {
    if (location === '') continue
    const present = installed[location]
    // Optional packages for other platforms are locked but never installed.
    if (!present && entry.optional) continue
    if (present?.version !== entry.version) return false
  }
  return true
}

interface LockedPackage {
  version?: string
  optional?: boolean
}

function readLockPackages(file: string): Record<string, LockedPackage> {
  return (JSON.parse(readFileSync(file, 'utf8')) as { packages?: Record<string, LockedPackage> }).packages ?? {}
}

function installedHiveVersion(): string {
  const manifest = path.join(HIVE_GATEWAY_DIRECTORY, 'node_modules/@graphql-hive/gateway/package.json')
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version
}

/**
 * Starts Hive Gateway in its own process on 127.0.0.1 and waits until it
 * answers `/readiness`. Its output is kept and shown only if it fails to start.
 */
export async function startHiveGateway(options: HiveGatewayOptions): Promise<RunningPeer> {
  ensureHiveGatewayInstalled()
  const version = installedHiveVersion()
  const { sdl, anchorFields } = supergraphForHiveGateway(options.supergraphSdl)
  const workDirectory = mkdtempSync(path.join(tmpdir(), 'lienthong-hive-gateway-'))
  const supergraphFile = path.join(workDirectory, 'supergraph.graphql')
  writeFileSync(supergraphFile, sdl)
  // Hive's CLI logs the port it was given, not the one bound, so a free port is chosen here.
  const port = options.port ? options.port : await freePort()
  const settings: HivePeerSettings = {
    subgraphUrls: options.subgraphUrls,
    gatewaySecretBase64: Buffer.from(typeof options.gatewaySecret === 'string' ? new TextEncoder().encode(options.gatewaySecret) : options.gatewaySecret).toString('base64'),
    caller: options.caller,
    purpose: options.purpose,
    deduplicateInflightRequests: options.deduplicateInflightRequests,
  }
  const description = [
    `Hive Gateway ${version}: its CLI (\`hive-gateway supergraph\`) with bench/peers/hive-gateway/gateway.config.ts, Hive's default runtime (query planning by @graphql-tools/stitch)`,
    'one process (the CLI forks no workers by default: --fork 1)',
    options.deduplicateInflightRequests ? 'in-flight deduplication of identical subgraph queries on (Hive default)' : 'in-flight deduplication off (transportEntries["*.http"].options.deduplicateInflightRequests = false)',
    'every subgraph request signed in an onFetch plugin',
    anchorFields.length
      ? `supergraph given ${anchorFields.length} @inaccessible anchor fields (${anchorFields.join(', ')}) that Hive's stitching needs to load it (see supergraphForHiveGateway); the API's types and fields unchanged`
      : 'supergraph as composed',
    'otherwise Hive defaults',
  ].join('; ')
  const baseUrl = `http://127.0.0.1:${port}`
  let hive: RunningProcess
  try {
    hive = await spawnServer({
      name: 'Hive Gateway',
      command: [process.execPath, HIVE_GATEWAY_CLI, 'supergraph', supergraphFile, '--host', '127.0.0.1', '--port', String(port)],
      cwd: HIVE_GATEWAY_DIRECTORY,
      env: { [HIVE_PEER_SETTINGS_VARIABLE]: JSON.stringify(settings) },
      readyUrl: `${baseUrl}/readiness`,
      graphqlUrl: `${baseUrl}/graphql`,
      description,
    })
  } catch (error) {
    rmSync(workDirectory, { recursive: true, force: true })
    throw error
  }
  return {
    ...hive,
    name: 'hive-gateway',
    async stop() {
      await hive.stop()
      rmSync(workDirectory, { recursive: true, force: true })
    },
  }
}

/**
 * The supergraph as Hive Gateway 2.15 can load it.
 *
 * Hive plans queries with @graphql-tools/stitch, which splits each subgraph's
 * `@requires` fields into an "isolated" subschema and marks an object type
 * that only those fields return (a value type, no `@key` in that subgraph)
 * as that subschema's canonical definition. When several subgraphs do so for
 * one type, stitching refuses the whole supergraph: `Multiple canonical
 * definitions for "RegisterDiscrepancy"` (business, civil-status, insurance
 * and land each return it from a `@requires` field of Citizen only).
 * stitch does not mark a type that a non-isolated type of the subgraph also
 * returns, so for each such (subgraph, type) this adds one field returning it
 * on a new type, both `@inaccessible`: Hive drops them from the API schema and
 * never plans a query through them, and every field of the API keeps its
 * subgraphs and `@requires`. Nothing else changes; a supergraph without such
 * types is returned as is.
 *
 * The `for: SECURITY` links (authenticated, requiresScopes, policy) stay:
 * Hive loads them without complaint and enforces those directives only when
 * its authorization plugin is configured, which this peer does not do (the
 * lienthong gateway's security is switched off for the comparison too).
 */
export function supergraphForHiveGateway(supergraphSdl: string): { sdl: string; anchorFields: string[] } {
  const document = parse(supergraphSdl)
  const objectTypes = new Map<string, ObjectTypeDefinitionNode>()
  for (const definition of document.definitions) if (definition.kind === Kind.OBJECT_TYPE_DEFINITION) objectTypes.set(definition.name.value, definition)
  const graphsReturningFromRequires = new Map<string, Set<string>>()
  for (const type of objectTypes.values()) {
    for (const field of type.fields ?? []) {
      const returned = objectTypes.get(namedTypeOf(field.type))
      if (!returned) continue
      for (const joinField of directivesNamed(field.directives, 'join__field')) {
        const graph = enumArgument(joinField, 'graph')
        if (!graph || !hasArgument(joinField, 'requires') || isEntityIn(returned, graph)) continue
        const graphs = graphsReturningFromRequires.get(returned.name.value) ?? new Set<string>()
        graphs.add(graph)
        graphsReturningFromRequires.set(returned.name.value, graphs)
      }
    }
  }
  const anchors: { graph: string; type: string; field: string }[] = []
  for (const [type, graphs] of graphsReturningFromRequires) {
    if (graphs.size < 2) continue
    for (const graph of [...graphs].sort()) anchors.push({ graph, type, field: `${camelCase(graph)}${type}` })
  }
  if (anchors.length === 0) return { sdl: supergraphSdl, anchorFields: [] }
  const anchorType = 'LienthongHivePeerAnchor'
  if (objectTypes.has(anchorType)) throw new Error(`The supergraph already has a type ${anchorType}.`)
  const graphs = [...new Set(anchors.map(({ graph }) => graph))]
  const sdl = [
    supergraphSdl.trimEnd(),
    '',
    '"""Not part of the API: lets Hive Gateway\'s stitching load this supergraph (bench/src/peers/hive-gateway.ts, supergraphForHiveGateway)."""',
    `type ${anchorType}`,
    ...graphs.map((graph) => `  @join__type(graph: ${graph})`),
    '  @inaccessible',
    '{',
    ...anchors.map(({ graph, type, field }) => `  ${field}: ${type} @join__field(graph: ${graph}) @inaccessible`),
    '}',
    '',
  ].join('\n')
  return { sdl, anchorFields: anchors.map(({ graph, type }) => `${type} in ${graph}`) }
}

function namedTypeOf(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedTypeOf(type.type)
}

function directivesNamed(directives: readonly ConstDirectiveNode[] | undefined, name: string): ConstDirectiveNode[] {
  return (directives ?? []).filter((directive) => directive.name.value === name)
}

function enumArgument(directive: ConstDirectiveNode, name: string): string | undefined {
  const value = directive.arguments?.find((argument) => argument.name.value === name)?.value
  return value?.kind === Kind.ENUM ? value.value : undefined
}

function hasArgument(directive: ConstDirectiveNode, name: string): boolean {
  return directive.arguments?.some((argument) => argument.name.value === name) ?? false
}

function isEntityIn(type: ObjectTypeDefinitionNode, graph: string): boolean {
  return directivesNamed(type.directives, 'join__type').some((joinType) => enumArgument(joinType, 'graph') === graph && hasArgument(joinType, 'key'))
}

/** `CIVIL_STATUS` → `civilStatus`. */
function camelCase(graph: string): string {
  return graph.toLowerCase().replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase())
}

export interface GraphQLRequest {
  /** For the report, e.g. "citizen profile #3"; must not carry personal data. */
  label: string
  query: string
  variables?: Record<string, unknown>
}

export interface AnswerDifference {
  label: string
  /**
   * `no answer`: a gateway did not answer in time (or not with JSON);
   * `data`: the `data` differ; `errors`: same `data`, but a gateway reported errors.
   */
  kind: 'no answer' | 'data' | 'errors'
  /** Where the answers first differ (a JSON path), or what went wrong; never a value. */
  detail: string
}

/**
 * Sends each request to both gateways and compares the answers: `data` must
 * be deep-equal and neither may carry errors. Returns the differences
 * (empty when the answers agree).
 */
export async function checkSameAnswers({
  peerUrl,
  referenceUrl,
  requests,
  headers = {},
  timeoutMs = 30_000,
}: {
  peerUrl: string
  referenceUrl: string
  requests: GraphQLRequest[]
  headers?: Record<string, string>
  /** How long each gateway has to answer one request. */
  timeoutMs?: number
}): Promise<AnswerDifference[]> {
  const differences: AnswerDifference[] = []
  for (const { label, query, variables } of requests) {
    const [peer, reference] = (await Promise.all([peerUrl, referenceUrl].map((url) => postGraphQL(url, query, variables, headers, timeoutMs)))) as [Answer, Answer]
    const unanswered = ([['peer', peer], ['reference', reference]] as const).filter(([, answer]) => 'failure' in answer)
    if (unanswered.length) {
      differences.push({ label, kind: 'no answer', detail: unanswered.map(([name, answer]) => `${name}: ${(answer as { failure: string }).failure}`).join('; ') })
      continue
    }
    const [peerBody, referenceBody] = [peer, reference] as [GraphQLAnswer, GraphQLAnswer]
    if (!isDeepStrictEqual(peerBody.data, referenceBody.data)) {
      differences.push({ label, kind: 'data', detail: `data differs at ${firstDifference(peerBody.data, referenceBody.data, '$')}` })
    }
    const withErrors = ([['peer', peerBody], ['reference', referenceBody]] as const).filter(([, answer]) => answer.errors?.length)
    if (withErrors.length) {
      differences.push({ label, kind: 'errors', detail: withErrors.map(([name, answer]) => `${name}: ${answer.errors!.map(errorSummary).join('; ')}`).join(' | ') })
    }
  }
  return differences
}

interface GraphQLAnswer {
  data?: unknown
  errors?: { message?: string; path?: unknown[]; extensions?: { code?: string } }[]
}

type Answer = GraphQLAnswer | { failure: string }

async function postGraphQL(url: string, query: string, variables: Record<string, unknown> | undefined, headers: Record<string, string>, timeoutMs: number): Promise<Answer> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...headers },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(timeoutMs),
    })
    const text = await response.text()
    try {
      return JSON.parse(text) as GraphQLAnswer
    } catch {
      return { failure: `HTTP ${response.status}, not JSON` }
    }
  } catch (error) {
    const reason = (error as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : (error as Error).message
    return { failure: reason }
  }
}

function errorSummary(error: NonNullable<GraphQLAnswer['errors']>[number]): string {
  return `${error.extensions?.code ?? 'error'} at ${JSON.stringify(error.path ?? [])}: ${error.message ?? ''}`
}

function firstDifference(left: unknown, right: unknown, at: string): string {
  if (Array.isArray(left) && Array.isArray(right)) {
    if (left.length !== right.length) return `${at} (${left.length} vs ${right.length} items)`
    for (let index = 0; index < left.length; index++) {
      if (!isDeepStrictEqual(left[index], right[index])) return firstDifference(left[index], right[index], `${at}[${index}]`)
    }
  } else if (isRecord(left) && isRecord(right)) {
    const leftKeys = Object.keys(left).sort()
    const rightKeys = Object.keys(right).sort()
    if (!isDeepStrictEqual(leftKeys, rightKeys)) return `${at} (keys ${leftKeys.join(',')} vs ${rightKeys.join(',')})`
    for (const key of leftKeys) if (!isDeepStrictEqual(left[key], right[key])) return firstDifference(left[key], right[key], `${at}.${key}`)
  }
  return at
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)
