/**
 * A client converting legacy addresses through the gateway as a portal
 * would: a registered operation sent by its manifest id
 * (`extensions.persistedQuery`), the addresses as variables, a few
 * connections each sending its next request when the previous one answered.
 */
import { createHash } from 'node:crypto'
import { trustedOperationDocument } from '@lienthong/gateway'
import { judgeConversion, type CorpusRow } from './boundary-corpus.js'

/** `convertLegacyAddresses`, up to 1,000 addresses a request, or `convertLegacyAddress`, one. */
export type ConversionOperationKind = 'batch' | 'single'

const OPERATIONS: Record<ConversionOperationKind, { name: string; file: string; field: string }> = {
  batch: { name: 'ConvertLegacyAddresses', file: 'convert-legacy-addresses', field: 'convertLegacyAddresses' },
  single: { name: 'ConvertLegacyAddress', file: 'convert-legacy-address', field: 'convertLegacyAddress' },
}

export interface ConversionLoadOptions {
  graphqlUrl: string
  headers: Record<string, string>
  operation: ConversionOperationKind
  /** Addresses cycled through, with what each should give. */
  corpus: readonly CorpusRow[]
  /** Addresses per request (1 for `single`). */
  batchSize: number
  /** Clients sending at the same time, each one request after the other. */
  concurrency: number
  /** Stop once this many addresses were sent… */
  addresses?: number
  /** …or once this many seconds passed (no new request starts after). */
  seconds?: number
}

export interface ConversionLoadResult {
  addresses: number
  requests: number
  /** Requests answered with an HTTP error, GraphQL errors, or not one result per address. */
  failedRequests: number
  /** The first failure's HTTP status and error codes, for the console. */
  firstFailure: string | undefined
  seconds: number
  /** Per request, from sending to the parsed answer, ascending. */
  latenciesMs: number[]
  correct: number
  wrong: number
  largestRequestBytes: number
}

interface Conversion {
  status: string
  commune: { code: string } | null
}

interface GraphQLResponse {
  data?: Record<string, Conversion | Conversion[] | null> | null
  errors?: Array<{ extensions?: { code?: string } }>
}

export async function runConversionLoad(options: ConversionLoadOptions): Promise<ConversionLoadResult> {
  const { corpus, batchSize, concurrency } = options
  const operation = OPERATIONS[options.operation]
  const persistedQuery = { version: 1, sha256Hash: createHash('sha256').update(trustedOperationDocument(operation.file)).digest('hex') }
  const result: ConversionLoadResult = {
    addresses: 0,
    requests: 0,
    failedRequests: 0,
    firstFailure: undefined,
    seconds: 0,
    latenciesMs: [],
    correct: 0,
    wrong: 0,
    largestRequestBytes: 0,
  }
  const started = performance.now()
  const deadline = options.seconds === undefined ? Number.POSITIVE_INFINITY : started + options.seconds * 1_000
  let next = 0

  const takeRows = (): CorpusRow[] | undefined => {
    const remaining = options.addresses === undefined ? batchSize : options.addresses - next
    if (remaining <= 0 || performance.now() >= deadline) return undefined
    const rows = Array.from({ length: Math.min(batchSize, remaining) }, (_, i) => corpus[(next + i) % corpus.length]!)
    next += rows.length
    return rows
  }

  const client = async () => {
    for (let rows = takeRows(); rows; rows = takeRows()) {
      const addresses = rows.map((row) => row.address)
      const variables = options.operation === 'batch' ? { addresses } : { address: addresses[0] }
      const body = JSON.stringify({ operationName: operation.name, variables, extensions: { persistedQuery } })
      result.largestRequestBytes = Math.max(result.largestRequestBytes, Buffer.byteLength(body))
      const sent = performance.now()
      const response = await fetch(options.graphqlUrl, { method: 'POST', headers: options.headers, body })
      const answer = (await response.json()) as GraphQLResponse
      result.latenciesMs.push(performance.now() - sent)
      result.requests++
      result.addresses += rows.length

      const field = answer.data?.[operation.field]
      const conversions = field == null ? undefined : Array.isArray(field) ? field : [field]
      if (!response.ok || answer.errors?.length || conversions?.length !== rows.length) {
        result.failedRequests++
        result.firstFailure ??= `HTTP ${response.status} ${(answer.errors ?? []).map((error) => error.extensions?.code ?? 'no code').join(', ')}`
        continue
      }
      rows.forEach((row, i) => {
        const verdict = judgeConversion(row, conversions[i]!.status, conversions[i]!.commune?.code)
        if (verdict === 'correct') result.correct++
        else if (verdict === 'wrong') result.wrong++
      })
    }
  }

  await Promise.all(Array.from({ length: concurrency }, client))
  result.seconds = (performance.now() - started) / 1_000
  result.latenciesMs.sort((a, b) => a - b)
  return result
}

/** The value below which a share `p` of the sorted values lie (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!
}
