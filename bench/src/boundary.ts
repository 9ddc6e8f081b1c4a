import os from 'node:os'
import { signDevelopmentToken } from '@lienthong/gateway'
import { logger } from '@lienthong/lib'
import { createAddressConverter, readGazetteerDataFromFiles } from '@lienthong/subgraph-boundary'
import { DEFAULT_RATE_LIMITS } from '../../gateway/src/plugins/rate-limit.js'
import type { BenchmarkReport } from './report.js'
import { judgeConversion, loadAddressCorpus, type CorpusRow } from './support/boundary-corpus.js'
import { startBoundaryFederation } from './support/boundary-federation.js'
import { percentile, runConversionLoad, type ConversionLoadOptions, type ConversionLoadResult } from './support/boundary-load.js'

/** Conversions timed in-process, and through the gateway in the API's largest batches. */
const CONVERSIONS = 100_000
const TARGET_PER_SECOND = 20_000
/** Clients converting through the gateway at the same time: a portal's small connection pool (2 cores serve them). */
const CONCURRENCY = 4
/**
 * The most addresses `convertLegacyAddresses` takes in one request: what a bulk conversion job sends, the
 * machine rate limit (requests a minute) capping smaller batches at fewer addresses a second.
 */
const LARGEST_BATCH = 1_000
/** A smaller batch for comparison, on fewer addresses to keep the scenario within its minute. */
const SMALL_BATCH = 100
const SMALL_BATCH_CONVERSIONS = 20_000
/** The one-address query, as a form converting what a citizen typed, is timed for this long. */
const SINGLE_ADDRESS_SECONDS = 3
/** The National Public Service Portal as a machine client; boundary data is public, so it needs no scope. */
const PORTAL = { kind: 'machine' as const, clientId: 'dvcqg', scopes: [] }

interface ApiMeasurement {
  name: string
  result: ConversionLoadResult
  /** CPU time of each server process per address converted. */
  gatewayCpuMicroseconds: number
  subgraphCpuMicroseconds: number
}

interface InProcessResult {
  perSecond: number
  meanMicroseconds: number
  buildMs: number
  correct: number
  wrong: number
  distinct: number
}

/**
 * Legacy address conversion over seeded addresses in every form of the
 * curated set, with how many came out right and how many wrong:
 * - in-process: the converter alone, on one core;
 * - through the API: a portal (machine client, registered operations sent by
 *   id) converting the same addresses through the gateway over HTTP, in
 *   batches and one at a time; the gateway and the boundary subgraph each in
 *   their own process on this machine, with the gateway's full security.
 */
export async function runBoundaryBenchmark(): Promise<BenchmarkReport> {
  const scenarioStarted = performance.now()
  const progress = (step: string) => console.log(`boundary: ${step} (${((performance.now() - scenarioStarted) / 1_000).toFixed(1)} s)`)
  // Other work on the machine slows every figure alike; the load says how much there was.
  const loadAtStart = os.loadavg()[0]!
  logger.level = 'warn'
  const corpus = loadAddressCorpus()
  const inProcess = convertInProcess(corpus)

  // The limiter still counts every request; the gateway process is started with the portal's allowance raised so that the measurement is not refused.
  progress('in-process done; starting the boundary subgraph and the gateway')
  const federation = await startBoundaryFederation()
  progress('federation ready')
  const throughApi: ApiMeasurement[] = []
  try {
    const token = await signDevelopmentToken({ ...PORTAL, ttlSeconds: 3_600 })
    const base = {
      graphqlUrl: federation.graphqlUrl,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      corpus,
      concurrency: CONCURRENCY,
    }
    const measure = async (name: string, options: Omit<ConversionLoadOptions, keyof typeof base>, warmUp: Partial<ConversionLoadOptions>) => {
      // Warm-up: query plans, connections, the JIT of both servers.
      await runConversionLoad({ ...base, ...options, ...warmUp })
      progress(`warmed up, timing ${name}`)
      const cpuBefore = federation.cpuMicroseconds()
      const result = await runConversionLoad({ ...base, ...options })
      const cpuAfter = federation.cpuMicroseconds()
      if (result.firstFailure) console.log(`${name}: ${result.failedRequests} failed requests, first: ${result.firstFailure}`)
      throughApi.push({
        name,
        result,
        gatewayCpuMicroseconds: (cpuAfter.gateway - cpuBefore.gateway) / result.addresses,
        subgraphCpuMicroseconds: (cpuAfter.subgraph - cpuBefore.subgraph) / result.addresses,
      })
    }
    await measure(
      `gateway, \`convertLegacyAddresses\`, ${LARGEST_BATCH.toLocaleString('en')} a request (the API's maximum)`,
      { operation: 'batch', batchSize: LARGEST_BATCH, addresses: CONVERSIONS },
      { addresses: 5 * LARGEST_BATCH },
    )
    await measure(
      `gateway, \`convertLegacyAddresses\`, ${SMALL_BATCH} a request`,
      { operation: 'batch', batchSize: SMALL_BATCH, addresses: SMALL_BATCH_CONVERSIONS },
      { addresses: 20 * SMALL_BATCH },
    )
    await measure(
      `gateway, \`convertLegacyAddress\`, one a request (${SINGLE_ADDRESS_SECONDS} s)`,
      { operation: 'single', batchSize: 1, seconds: SINGLE_ADDRESS_SECONDS },
      { seconds: 1 },
    )
  } finally {
    await federation.stop()
  }

  const share = (count: number, of: number) => `${((count / of) * 100).toFixed(2)} %`
  const largestBody = Math.max(...throughApi.map(({ result }) => result.largestRequestBytes))
  const lines = [
    `Seeded addresses in every form of the curated set (${corpus.length.toLocaleString('en')} distinct, cycled). Through the API: the National Public Service Portal as a machine client (development token, no scope: boundary data is public) sends the registered operations gateway/trusted-operations/convert-legacy-address(es).graphql by their manifest id, ${CONCURRENCY} concurrent clients, each sending its next request when the previous one answered; client, gateway and boundary subgraph are three processes on this machine, the gateway with its full security (token, trusted operations, limits, rate limit, authorization; the audit plugin writes no entry for public data). Latency is per request, from sending to the parsed answer; CPU is each server process's user + system time over the timed run. Correct, of the addresses sent: the expected status and, when EXACT, the expected commune; wrong: EXACT but not the expected unit.`,
    '',
    `| conversion | addresses | requests | addresses/s | requests/s | p50 ms | p99 ms | failed requests | correct | wrong | CPU µs per address |`,
    `|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|`,
    `| in-process (\`createAddressConverter\`, no GraphQL) | ${CONVERSIONS.toLocaleString('en')} | — | **${inProcess.perSecond.toLocaleString('en')}** | — | — | — | — | ${share(inProcess.correct, inProcess.distinct)} | ${share(inProcess.wrong, inProcess.distinct)} | ${inProcess.meanMicroseconds.toFixed(1)} (one core) |`,
    ...throughApi.map(({ name, result, gatewayCpuMicroseconds, subgraphCpuMicroseconds }) => {
      const row = [
        name,
        result.addresses.toLocaleString('en'),
        result.requests.toLocaleString('en'),
        `**${Math.round(result.addresses / result.seconds).toLocaleString('en')}**`,
        (result.requests / result.seconds).toFixed(1),
        percentile(result.latenciesMs, 0.5).toFixed(1),
        percentile(result.latenciesMs, 0.99).toFixed(1),
        result.failedRequests.toLocaleString('en'),
        share(result.correct, result.addresses),
        share(result.wrong, result.addresses),
        `gateway ${gatewayCpuMicroseconds.toFixed(0)} + subgraph ${subgraphCpuMicroseconds.toFixed(0)}`,
      ]
      return `| ${row.join(' | ')} |`
    }),
    '',
    `A portal's default allowance of ${DEFAULT_RATE_LIMITS.machine} requests a minute (raised for this run) caps it at ${((DEFAULT_RATE_LIMITS.machine / 60) * LARGEST_BATCH).toLocaleString('en')} addresses/s in batches of ${LARGEST_BATCH.toLocaleString('en')}, ${((DEFAULT_RATE_LIMITS.machine / 60) * SMALL_BATCH).toLocaleString('en')} in batches of ${SMALL_BATCH}, ${(DEFAULT_RATE_LIMITS.machine / 60).toLocaleString('en')} one at a time.`,
    '',
    `In-process target ≥ ${TARGET_PER_SECOND.toLocaleString('en')} addresses/s; gazetteer build ${inProcess.buildMs.toFixed(0)} ms. Largest request body: ${(largestBody / 1_024).toFixed(0)} kB (the gateway takes up to 512 kB). 1-minute load average at the scenario's start ${loadAtStart.toFixed(1)} (on ${os.cpus().length} cores).`,
  ]
  console.log(lines.join('\n'))
  return { title: 'Boundary: legacy address conversion, in-process and through the gateway', lines }
}

/** The converter alone: addresses per second on one core, then its verdicts on each distinct address. */
function convertInProcess(corpus: readonly CorpusRow[]): InProcessResult {
  const started = performance.now()
  const converter = createAddressConverter(readGazetteerDataFromFiles())
  const buildMs = performance.now() - started

  // Warm-up so the JIT has compiled the converter before timing.
  for (const row of corpus.slice(0, 5_000)) converter.convert(row.address)

  const timedStart = performance.now()
  for (let i = 0; i < CONVERSIONS; i++) converter.convert(corpus[i % corpus.length]!.address)
  const seconds = (performance.now() - timedStart) / 1000

  let correct = 0
  let wrong = 0
  for (const row of corpus) {
    const result = converter.convert(row.address)
    const verdict = judgeConversion(row, result.status, result.communeCode)
    if (verdict === 'correct') correct++
    else if (verdict === 'wrong') wrong++
  }
  return { perSecond: Math.round(CONVERSIONS / seconds), meanMicroseconds: (seconds / CONVERSIONS) * 1e6, buildMs, correct, wrong, distinct: corpus.length }
}
