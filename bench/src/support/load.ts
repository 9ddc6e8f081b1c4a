/**
 * Load generation over keep-alive HTTP/1.1 connections (undici's Pool): a
 * closed loop (N clients, each sending its next request when the previous
 * answered: the saturating throughput) or an open loop at a fixed rate (the
 * latency at a given load, timed from when each request was due, so a stalled
 * server cannot hide its queue).
 */
import { Pool } from 'undici'

export interface BenchRequest {
  /** Path and query on the target's origin, e.g. `/graphql`. */
  path: string
  headers: Record<string, string>
  body: string
}

/** A unit of load: one request, or several that together make one logical request (a replayed query plan). */
export type Send = (pool: PoolFor) => Promise<boolean>

/** The keep-alive pool for an origin; created on first use, closed when the load ends. */
export type PoolFor = (origin: string) => Pool

export interface LoadResult {
  requests: number
  errors: number
  seconds: number
  /** Sorted ascending, milliseconds. */
  latencies: number[]
  /** The first few error descriptions, for the report. */
  errorSamples: string[]
}

export interface LoadSummary {
  requests: number
  errors: number
  perSecond: number
  p50: number
  p99: number
}

export function summarize(result: LoadResult): LoadSummary {
  return {
    requests: result.requests,
    errors: result.errors,
    perSecond: result.requests / result.seconds,
    p50: percentile(result.latencies, 0.5),
    p99: percentile(result.latencies, 0.99),
  }
}

/** Several rounds of the same load as one: their requests, errors, time and latencies together. */
export function combineResults(results: readonly LoadResult[]): LoadResult {
  return {
    requests: results.reduce((sum, r) => sum + r.requests, 0),
    errors: results.reduce((sum, r) => sum + r.errors, 0),
    seconds: results.reduce((sum, r) => sum + r.seconds, 0),
    latencies: results.flatMap((r) => r.latencies).sort((a, b) => a - b),
    errorSamples: results.flatMap((r) => r.errorSamples).slice(0, 3),
  }
}

export function percentile(sorted: readonly number[], p: number): number {
  return sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!
}

/** A request unanswered after this long counts as an error: a stuck server must not stall the benchmark. */
export const REQUEST_TIMEOUT_MS = 30_000

/** One POST whose answer is checked: HTTP 200, no GraphQL errors, and `accept(data)`. */
export function graphqlSend(url: string, headers: Record<string, string>, body: string, accept: (data: unknown) => boolean): Send {
  const { origin, pathname } = new URL(url)
  return async (poolFor) => {
    const response = await poolFor(origin).request({
      method: 'POST',
      path: pathname,
      headers: { 'content-type': 'application/json', ...headers },
      body,
      headersTimeout: REQUEST_TIMEOUT_MS,
      bodyTimeout: REQUEST_TIMEOUT_MS,
    })
    const text = await response.body.text()
    if (response.statusCode !== 200) throw new Error(`HTTP ${response.statusCode}: ${text.slice(0, 300)}`)
    const parsed = JSON.parse(text) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] }
    if (parsed.errors?.length) throw new Error(`GraphQL error ${parsed.errors[0]!.extensions?.code ?? ''}: ${parsed.errors[0]!.message.slice(0, 200)}`)
    return accept(parsed.data)
  }
}

function poolsFor(connections: number): { poolFor: PoolFor; close(): Promise<void> } {
  const pools = new Map<string, Pool>()
  return {
    poolFor(origin) {
      let pool = pools.get(origin)
      if (!pool) {
        pool = new Pool(origin, { connections, pipelining: 1, keepAliveTimeout: 30_000 })
        pools.set(origin, pool)
      }
      return pool
    },
    async close() {
      await Promise.all([...pools.values()].map((pool) => pool.close()))
    },
  }
}

function finished(result: LoadResult, started: number): LoadResult {
  result.seconds = (performance.now() - started) / 1_000
  result.requests = result.latencies.length
  result.latencies.sort((a, b) => a - b)
  return result
}

async function timed(send: Send, poolFor: PoolFor, result: LoadResult, startedAt: number): Promise<void> {
  try {
    const accepted = await send(poolFor)
    if (!accepted) {
      result.errors++
      if (result.errorSamples.length < 3) result.errorSamples.push('unexpected answer')
    }
  } catch (error) {
    result.errors++
    if (result.errorSamples.length < 3) result.errorSamples.push(error instanceof Error ? error.message : String(error))
  }
  result.latencies.push(performance.now() - startedAt)
}

/** `concurrency` clients sending `next()` back to back for `seconds`, or until `maxRequests` were sent. */
export async function closedLoop(
  next: () => Send,
  { concurrency, seconds, maxRequests = Number.POSITIVE_INFINITY }: { concurrency: number; seconds: number; maxRequests?: number },
): Promise<LoadResult> {
  const { poolFor, close } = poolsFor(concurrency)
  const result: LoadResult = { requests: 0, errors: 0, seconds: 0, latencies: [], errorSamples: [] }
  const started = performance.now()
  const deadline = started + seconds * 1_000
  let sent = 0
  const client = async () => {
    while (performance.now() < deadline && sent < maxRequests) {
      sent++
      await timed(next(), poolFor, result, performance.now())
    }
  }
  try {
    await Promise.all(Array.from({ length: concurrency }, client))
  } finally {
    await close()
  }
  return finished(result, started)
}

/** `next()` sent at `perSecond` requests a second for `seconds`, whatever the answers' pace (up to `maxInFlight`). */
export async function openLoop(next: () => Send, { perSecond, seconds, maxInFlight = 256 }: { perSecond: number; seconds: number; maxInFlight?: number }): Promise<LoadResult> {
  const { poolFor, close } = poolsFor(maxInFlight)
  const result: LoadResult = { requests: 0, errors: 0, seconds: 0, latencies: [], errorSamples: [] }
  const started = performance.now()
  const total = Math.max(1, Math.round(perSecond * seconds))
  const inFlight = new Set<Promise<void>>()
  try {
    for (let index = 0; index < total; index++) {
      const due = started + (index * 1_000) / perSecond
      const wait = due - performance.now()
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
      if (inFlight.size >= maxInFlight) await Promise.race(inFlight)
      // Timed from when it was due, not from when it could be sent.
      const request = timed(next(), poolFor, result, due).finally(() => inFlight.delete(request))
      inFlight.add(request)
    }
    await Promise.all(inFlight)
  } finally {
    await close()
  }
  return finished(result, started)
}
