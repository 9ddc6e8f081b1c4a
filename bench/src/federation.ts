/**
 * `npm run bench -- draft | caselist | profile`: the same requests, in the
 * same run, on the same machine, sent to
 * - the lienthong gateway, security on (token, authorization, purpose, limits,
 *   rate limit, an audit entry written before each response);
 * - Hive Gateway serving the same supergraph over the same subgraphs, with its
 *   defaults, and with in-flight deduplication off;
 * - the subgraphs directly (the ceiling: each request's query plan replayed
 *   without a gateway, see support/direct.ts).
 * Every server runs in its own process; the CPU time of the gateway and of the
 * subgraphs is read from /proc around each round. Targets take turns in
 * rounds so that drift on a shared machine hits them alike.
 *
 * `draft` also measures the lienthong gateway's latency at half its saturating
 * load, and the same drafts on a nation of 1,000,000 citizens.
 */
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { Pool } from 'undici'
import { logger } from '@lienthong/lib'
import { LIENTHONG_SCOPES } from '@lienthong/lib/authorization'
import { purposeHeaders, signDevelopmentToken, type Caller, type Purpose } from '@lienthong/gateway'
import { readSupergraphSdl } from '@lienthong/schema'
import { indexNation, selectDraftCases } from '../../scripts/support/draft-cases.js'
import { startHiveGateway, type RunningPeer } from './peers/hive-gateway.js'
import type { BenchmarkReport } from './report.js'
import { cpuOfPostgres, cpuOfTrees, measureCpu } from './support/cpu.js'
import { replaySend, startRecordingProxy, type CapturedRequest } from './support/direct.js'
import { closedLoop, combineResults, graphqlSend, openLoop, summarize, type LoadResult, type LoadSummary, type Send } from './support/load.js'
import { ensureNation, MILLION_NATION, SMALL_NATION, type NationSpec } from './support/nation.js'
import { startLienthongGatewayProcess, startSubgraphProcesses, type RunningProcess } from './support/processes.js'

const CONCURRENCY = 16
const WARM_UP_SECONDS = 3
const ROUND_SECONDS = 4
const ROUNDS = 2
/** Requests captured per workload for the direct replay (one at a time: a case list takes a second). */
const CAPTURED: Record<string, number> = { draft: 40, caselist: 10, profile: 40 }
const TODAY = new Date().toISOString().slice(0, 10)

const OFFICIAL: Caller = {
  kind: 'official',
  subject: 'bench-official',
  agency: 'UBND-P-26734',
  roles: [],
  scopes: [...LIENTHONG_SCOPES],
  jurisdiction: [],
}
const BENCH_PURPOSE: Purpose = { caseReference: 'BENCH-FEDERATION', procedureCode: '1.004873' }

const trustedOperation = (file: string) => readFileSync(new URL(`../../gateway/trusted-operations/${file}`, import.meta.url), 'utf8')
const PROFILE_QUERY = trustedOperation('citizen-profile.graphql')
const CASE_LIST_QUERY = PROFILE_QUERY.replace(
  /query CitizenProfile\(\$personalId: PersonalId!\) \{\s*citizen\(personalId: \$personalId\) \{\s*\.\.\.CitizenProfile\s*\}\s*\}/,
  'query CaseList($personalIds: [PersonalId!]!) { citizens(personalIds: $personalIds) { ...CitizenProfile } }',
)
const DRAFT_QUERY = trustedOperation('application-draft.graphql')

interface WorkloadRequest {
  body: string
  headers: Record<string, string>
}

interface Workload {
  name: string
  description: string
  requests: WorkloadRequest[]
  accept(data: unknown): boolean
}

/** A deterministic shuffle, so runs send the same requests in the same order. */
function shuffled<T>(items: readonly T[], seed = 42): T[] {
  const result = [...items]
  let state = seed
  for (let i = result.length - 1; i > 0; i--) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31
    const j = state % (i + 1)
    ;[result[i], result[j]] = [result[j]!, result[i]!]
  }
  return result
}

async function authorizationHeader(): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await signDevelopmentToken({ ...OFFICIAL, kind: 'official', ttlSeconds: 3_600 })}` }
}

function livingCitizenIds(nation: ReturnType<typeof indexNation>): string[] {
  return nation.citizenIds.filter((id) => nation.citizens.get(id)!.dateOfDeath === null)
}

async function profileWorkload(nation: ReturnType<typeof indexNation>): Promise<Workload> {
  const headers = { ...(await authorizationHeader()), ...purposeHeaders(BENCH_PURPOSE) }
  const ids = shuffled(livingCitizenIds(nation)).slice(0, 2_000)
  return {
    name: 'profile',
    description: `one citizen’s full profile across the five registers (gateway/trusted-operations/citizen-profile.graphql), ${ids.length.toLocaleString('en')} random living citizens`,
    requests: ids.map((personalId) => ({ headers, body: JSON.stringify({ query: PROFILE_QUERY, variables: { personalId } }) })),
    accept: (data) => (data as { citizen?: unknown }).citizen != null,
  }
}

async function caseListWorkload(nation: ReturnType<typeof indexNation>): Promise<Workload> {
  const headers = { ...(await authorizationHeader()), ...purposeHeaders(BENCH_PURPOSE) }
  const ids = shuffled(livingCitizenIds(nation))
  const lists = Array.from({ length: 200 }, (_, index) => Array.from({ length: 50 }, (_, position) => ids[(index * 50 + position) % ids.length]!))
  return {
    name: 'caselist',
    description: `a desk’s case list: \`citizens(personalIds:)\` with 50 random living applicants and the whole profile of each across the five registers, ${lists.length} different lists`,
    requests: lists.map((personalIds) => ({ headers, body: JSON.stringify({ query: CASE_LIST_QUERY, variables: { personalIds } }) })),
    accept: (data) => {
      const citizens = (data as { citizens?: unknown[] }).citizens
      return Array.isArray(citizens) && citizens.length === 50 && citizens.every((citizen) => citizen != null)
    },
  }
}

async function draftWorkload(nation: ReturnType<typeof indexNation>): Promise<Workload> {
  const authorization = await authorizationHeader()
  const cases = shuffled(selectDraftCases(nation, 100, TODAY))
  const procedures = new Set(cases.map((draftCase) => draftCase.procedureCode))
  return {
    name: 'draft',
    description: `\`applicationDraft\` (gateway/trusted-operations/application-draft.graphql) for ${cases.length} seeded applicants and their parties across the ${procedures.size} procedures, in random order, each with its own procedure as the declared purpose`,
    requests: cases.map((draftCase, index) => ({
      headers: { ...authorization, ...purposeHeaders({ caseReference: `BENCH-DRAFT-${index}`, procedureCode: draftCase.procedureCode }) },
      body: JSON.stringify({ query: DRAFT_QUERY, variables: { input: draftCase.input } }),
    })),
    accept: (data) => (data as { applicationDraft?: unknown }).applicationDraft != null,
  }
}

/** Subgraph processes on a nation's databases, and the lienthong gateway in front of them. */
interface Federation {
  nation: NationSpec
  subgraphs: RunningProcess[]
  subgraphUrls: Record<string, string>
  gateway: RunningProcess
  auditDatabaseUrl: string
  gatewaySecret: string
  stop(): Promise<void>
}

async function startFederation(spec: NationSpec): Promise<Federation> {
  // ensureNation says when it seeds.
  const { databaseUrls } = await ensureNation(spec)
  // One secret for this run, handed to every process; the subgraphs refuse unsigned requests.
  const gatewaySecret = randomBytes(48).toString('base64')
  const { subgraphs, subgraphUrls, stop: stopSubgraphs } = await startSubgraphProcesses(databaseUrls, gatewaySecret)
  try {
    // The development issuer's key is created on first use; the gateway process reads it.
    await authorizationHeader()
    const auditDatabaseUrl = databaseUrls.get('audit')!
    const gateway = await startLienthongGatewayProcess({ subgraphUrls, auditDatabaseUrl, gatewaySecret })
    return {
      nation: spec,
      subgraphs,
      subgraphUrls,
      gateway,
      auditDatabaseUrl,
      gatewaySecret,
      async stop() {
        await gateway.stop()
        await stopSubgraphs()
      },
    }
  } catch (error) {
    await stopSubgraphs()
    throw error
  }
}

/** Captures the query plan of `count` of the workload's requests through a lienthong gateway behind a recording proxy. */
async function captureQueryPlans(federation: Federation, workload: Workload, count: number): Promise<CapturedRequest[]> {
  const proxy = await startRecordingProxy(federation.subgraphUrls)
  const gateway = await startLienthongGatewayProcess({
    subgraphUrls: proxy.proxyUrls,
    auditDatabaseUrl: federation.auditDatabaseUrl,
    gatewaySecret: federation.gatewaySecret,
  })
  try {
    const captured: CapturedRequest[] = []
    for (const request of workload.requests.slice(0, count)) {
      const send = graphqlSend(gateway.graphqlUrl, request.headers, request.body, workload.accept)
      captured.push(
        await proxy.capture(async () => {
          const pool = new Pool(new URL(gateway.graphqlUrl).origin)
          try {
            if (!(await send(() => pool))) throw new Error(`${workload.name}: the gateway's answer was not the expected one while capturing`)
          } finally {
            await pool.close()
          }
        }),
      )
    }
    return captured
  } finally {
    await gateway.stop()
    await proxy.stop()
  }
}

interface Target {
  name: string
  /** Processes whose CPU counts as the gateway's (none for the subgraphs queried directly). */
  gatewayPids: number[]
  next(): Send
}

function cycling<T>(items: readonly T[]): () => T {
  let index = 0
  return () => items[index++ % items.length]!
}

function gatewayTarget(name: string, gateway: Pick<RunningProcess, 'graphqlUrl' | 'pid'>, workload: Workload): Target {
  const sends = workload.requests.map((request) => graphqlSend(gateway.graphqlUrl, request.headers, request.body, workload.accept))
  return { name, gatewayPids: [gateway.pid], next: cycling(sends) }
}

interface Measured {
  target: Target
  /** Why the target was not measured: it failed every request of the warm-up. */
  failed?: string
  load: LoadResult[]
  gatewayCpu: number
  subgraphCpu: number
  postgresCpu: number
}

async function measureRound(target: Target, subgraphPids: number[], seconds: number): Promise<{ load: LoadResult; cpu: Record<string, number> }> {
  const { result, cpuSeconds } = await measureCpu(
    {
      gateway: () => cpuOfTrees(target.gatewayPids),
      subgraphs: () => cpuOfTrees(subgraphPids),
      postgres: cpuOfPostgres,
    },
    () => closedLoop(target.next, { concurrency: CONCURRENCY, seconds }),
  )
  return { load: result, cpu: cpuSeconds }
}

async function measureSideBySide(targets: Target[], subgraphPids: number[]): Promise<Measured[]> {
  const measured = targets.map((target): Measured => ({ target, load: [], gatewayCpu: 0, subgraphCpu: 0, postgresCpu: 0 }))
  for (const entry of measured) {
    entry.failed = await probe(entry.target)
    if (entry.failed) {
      console.log(`  ${entry.target.name}: not measured, ${entry.failed}`)
      continue
    }
    const warm = await closedLoop(entry.target.next, { concurrency: CONCURRENCY, seconds: WARM_UP_SECONDS })
    // A target that answers nothing is reported as such rather than waited for round after round.
    if (warm.errors === warm.requests) entry.failed = `all ${warm.requests} requests of the warm-up failed, e.g. ${warm.errorSamples[0] ?? ''}`
    else if (warm.errors > 0) console.log(`  ${entry.target.name}: ${warm.errors} of ${warm.requests} warm-up requests failed, e.g. ${warm.errorSamples[0]}`)
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (const entry of measured) {
      if (entry.failed) continue
      const { load, cpu } = await measureRound(entry.target, subgraphPids, ROUND_SECONDS)
      entry.load.push(load)
      entry.gatewayCpu += cpu.gateway!
      entry.subgraphCpu += cpu.subgraphs!
      entry.postgresCpu += cpu.postgres!
      console.log(`  ${entry.target.name}, round ${round + 1}: ${(load.requests / load.seconds).toFixed(1)} req/s, ${load.errors} errors`)
    }
  }
  return measured
}

const PROBE_TIMEOUT_MS = 10_000

/** One request alone: why the target cannot be measured (no answer in time, an error, a wrong answer), or undefined. */
async function probe(target: Target): Promise<string | undefined> {
  const pools = new Map<string, Pool>()
  const poolFor = (origin: string) => {
    let pool = pools.get(origin)
    if (!pool) pools.set(origin, (pool = new Pool(origin)))
    return pool
  }
  let timer: NodeJS.Timeout | undefined
  const timedOut = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`no answer within ${PROBE_TIMEOUT_MS / 1_000} s to a single request`), PROBE_TIMEOUT_MS)
  })
  const answered = target
    .next()(poolFor)
    .then(
      (accepted) => (accepted ? undefined : 'an unexpected answer'),
      (error: unknown) => (error instanceof Error ? error.message : String(error)),
    )
  try {
    return await Promise.race([answered, timedOut])
  } finally {
    clearTimeout(timer)
    await Promise.all([...pools.values()].map((pool) => pool.destroy()))
  }
}

const ms = (seconds: number) => (seconds * 1_000).toFixed(2)

function sideBySideTable(measured: Measured[]): { lines: string[]; summaries: Map<string, LoadSummary & { gatewayCpuMs: number; subgraphCpuMs: number }> } {
  const summaries = new Map<string, LoadSummary & { gatewayCpuMs: number; subgraphCpuMs: number }>()
  const lines = [
    '| target | requests | req/s | p50 ms | p99 ms | errors | gateway CPU ms/req | subgraphs CPU ms/req | PostgreSQL CPU ms/req |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ]
  for (const entry of measured) {
    if (entry.failed) {
      summaries.set(entry.target.name, { requests: 0, errors: 0, perSecond: 0, p50: Number.NaN, p99: Number.NaN, gatewayCpuMs: Number.NaN, subgraphCpuMs: Number.NaN })
      lines.push(`| ${entry.target.name} | not measured: ${entry.failed.replaceAll('|', '/')} | | | | | | | |`)
      continue
    }
    const summary = summarize(combineResults(entry.load))
    const perRequest = (cpu: number) => (summary.requests === 0 ? Number.NaN : cpu / summary.requests)
    summaries.set(entry.target.name, { ...summary, gatewayCpuMs: perRequest(entry.gatewayCpu) * 1_000, subgraphCpuMs: perRequest(entry.subgraphCpu) * 1_000 })
    lines.push(
      `| ${entry.target.name} | ${summary.requests} | ${summary.perSecond.toFixed(1)} | ${summary.p50.toFixed(1)} | ${summary.p99.toFixed(1)} | ${summary.errors} | ${
        entry.target.gatewayPids.length === 0 ? '—' : ms(perRequest(entry.gatewayCpu))
      } | ${ms(perRequest(entry.subgraphCpu))} | ${ms(perRequest(entry.postgresCpu))} |`,
    )
  }
  return { lines, summaries }
}

const LIENTHONG = 'lienthong gateway (security on)'
const HIVE_DEFAULTS = 'Hive Gateway (defaults)'
const HIVE_NO_DEDUP = 'Hive Gateway (in-flight deduplication off)'
const DIRECT = 'subgraphs directly (ceiling)'

function ratioLines(summaries: ReturnType<typeof sideBySideTable>['summaries']): string[] {
  const of = (name: string) => summaries.get(name)!
  const lienthong = of(LIENTHONG)
  const ratio = (a: number, b: number) => (b > 0 && Number.isFinite(a / b) ? (a / b).toFixed(2) : 'n/a (not measured)')
  return [
    `- throughput lienthong / Hive Gateway (defaults): **${ratio(lienthong.perSecond, of(HIVE_DEFAULTS).perSecond)}**`,
    `- throughput lienthong / Hive Gateway (deduplication off): **${ratio(lienthong.perSecond, of(HIVE_NO_DEDUP).perSecond)}**`,
    `- throughput lienthong / subgraphs directly: **${ratio(lienthong.perSecond, of(DIRECT).perSecond)}**`,
    `- p99 lienthong / Hive Gateway (defaults): ${ratio(lienthong.p99, of(HIVE_DEFAULTS).p99)}`,
    `- gateway CPU / subgraphs CPU per request, lienthong: **${ratio(lienthong.gatewayCpuMs, lienthong.subgraphCpuMs)}** (${lienthong.gatewayCpuMs.toFixed(2)} ms / ${lienthong.subgraphCpuMs.toFixed(2)} ms); Hive Gateway (defaults): ${ratio(
      of(HIVE_DEFAULTS).gatewayCpuMs,
      of(HIVE_DEFAULTS).subgraphCpuMs,
    )}; Hive (deduplication off): ${ratio(of(HIVE_NO_DEDUP).gatewayCpuMs, of(HIVE_NO_DEDUP).subgraphCpuMs)}`,
  ]
}

type WorkloadBuilder = (nation: ReturnType<typeof indexNation>) => Promise<Workload>

/** The federation on the small nation and the Hive Gateways in front of it: started once per run, shared by the scenarios. */
interface SharedFederation {
  nation: ReturnType<typeof indexNation>
  federation: Federation
  hive: RunningPeer
  hiveNoDedup: RunningPeer
}

let shared: Promise<SharedFederation> | undefined

function sharedFederation(): Promise<SharedFederation> {
  shared ??= (async () => {
    const nation = indexNation(SMALL_NATION.citizens, SMALL_NATION.seed)
    const federation = await startFederation(SMALL_NATION)
    try {
      const supergraphSdl = readSupergraphSdl()
      const hiveOptions = { supergraphSdl, subgraphUrls: federation.subgraphUrls, gatewaySecret: federation.gatewaySecret, caller: OFFICIAL, purpose: BENCH_PURPOSE }
      const hive = await startHiveGateway({ ...hiveOptions, deduplicateInflightRequests: true })
      const hiveNoDedup = await startHiveGateway({ ...hiveOptions, deduplicateInflightRequests: false }).catch(async (error: unknown) => {
        await hive.stop()
        throw error
      })
      return { nation, federation, hive, hiveNoDedup }
    } catch (error) {
      await federation.stop()
      throw error
    }
  })()
  return shared
}

/** Stops what the scenarios of this run shared; `npm run bench` calls it once they are done. */
export async function stopSharedFederation(): Promise<void> {
  if (!shared) return
  const running = await shared.catch(() => undefined)
  shared = undefined
  if (!running) return
  await Promise.all([running.hive.stop(), running.hiveNoDedup.stop()])
  await running.federation.stop()
}

async function sideBySide({ federation, hive, hiveNoDedup }: SharedFederation, workload: Workload): Promise<{ lines: string[]; lienthong: LoadSummary }> {
  const count = CAPTURED[workload.name] ?? 20
  console.log(`  capturing ${count} query plans for the direct replay…`)
  const captured = await captureQueryPlans(federation, workload, count)
  const fetchesPerRequest = captured.reduce((sum, request) => sum + request.fetches.length, 0) / captured.length
  const targets: Target[] = [
    gatewayTarget(LIENTHONG, federation.gateway, workload),
    gatewayTarget(HIVE_DEFAULTS, hive, workload),
    gatewayTarget(HIVE_NO_DEDUP, hiveNoDedup, workload),
    { name: DIRECT, gatewayPids: [], next: cycling(captured.map((request) => replaySend(request, federation.subgraphUrls, federation.gatewaySecret))) },
  ]
  const measured = await measureSideBySide(
    targets,
    federation.subgraphs.map((subgraph) => subgraph.pid),
  )
  const { lines, summaries } = sideBySideTable(measured)
  const errorNotes = measured.flatMap((entry) => {
    const samples = entry.load.flatMap((round) => round.errorSamples)
    return samples.length === 0 ? [] : [`Errors of ${entry.target.name}, first ones: ${samples.slice(0, 3).map((sample) => `“${sample.replaceAll('|', '/')}”`).join('; ')}`]
  })
  return {
    lienthong: summaries.get(LIENTHONG)!,
    lines: [
      `### ${workload.name}: ${workload.description}`,
      '',
      ...lines,
      '',
      ...ratioLines(summaries),
      '',
      ...(errorNotes.length > 0 ? [...errorNotes, ''] : []),
      `Servers: lienthong — ${federation.gateway.description}; ${hive.description}; ${hiveNoDedup.description}. Direct: ${captured.length} captured query plans (${fetchesPerRequest.toFixed(1)} subgraph fetches per request on average) replayed, each fetch after those it waited for.`,
    ],
  }
}

const SETUP = `${CONCURRENCY} concurrent clients (closed loop, keep-alive connections); per target a ${WARM_UP_SECONDS} s warm-up, then ${ROUNDS} rounds of ${ROUND_SECONDS} s taken in turns with the other targets. Every subgraph and gateway in its own process; client, gateways, subgraphs and PostgreSQL on this one machine. CPU per request: user + system time from /proc over the measured rounds, divided by the requests answered.`

async function runSideBySideScenario(title: string, build: WorkloadBuilder, extra?: (federation: Federation, workload: Workload, lienthong: LoadSummary) => Promise<string[]>): Promise<BenchmarkReport> {
  logger.level = 'warn'
  const running = await sharedFederation()
  const workload = await build(running.nation)
  const { lines, lienthong } = await sideBySide(running, workload)
  const more = extra ? await extra(running.federation, workload, lienthong) : []
  return {
    title,
    lines: [`Nation: ${SMALL_NATION.citizens.toLocaleString('en')} synthetic citizens (seed ${SMALL_NATION.seed}). ${SETUP}`, '', ...lines, ...more],
  }
}

export const runProfileBenchmark = () => runSideBySideScenario('Citizen profile: lienthong, Hive Gateway and the subgraphs directly, same run', profileWorkload)

export const runCaseListBenchmark = () => runSideBySideScenario('Case list of 50 applicants: lienthong, Hive Gateway and the subgraphs directly, same run', caseListWorkload)

export const runDraftBenchmark = () =>
  runSideBySideScenario('Application drafts: lienthong, Hive Gateway and the subgraphs directly, same run; 10,000 vs 1,000,000 citizens', draftWorkload, async (small, workload, saturated) => {
    const lines = ['', '### A single draft’s latency at half the saturating load, and the database size', '']
    const halfRate = Math.max(1, Math.floor(saturated.perSecond / 2))
    const quarterRate = Math.max(1, Math.floor(saturated.perSecond / 4))
    lines.push(
      `On each nation, every draft is sent once first (warm-up), then a closed loop of ${ROUND_SECONDS * 2} s, then an open loop (requests sent at a fixed rate whatever the answers’ pace, latency timed from when each was due) at ${halfRate} drafts/s, half the ${saturated.perSecond.toFixed(1)}/s the lienthong gateway sustained above, and at a quarter of it. The nations: the one above, and a nation of ${MILLION_NATION.citizens.toLocaleString('en')} citizens seeded in chunks of ${MILLION_NATION.chunkSize.toLocaleString('en')}, whose first ${SMALL_NATION.citizens.toLocaleString('en')} citizens are the nation above: the same drafts of the same applicants, on registers 100 times larger.`,
      '',
      '| nation | load | requests | drafts/s | p50 ms | p99 ms | errors |',
      '|---|---|---:|---:|---:|---:|---:|',
    )
    const row = (nation: string, load: string, result: LoadResult) => {
      const s = summarize(result)
      return `| ${nation} | ${load} | ${s.requests} | ${s.perSecond.toFixed(1)} | ${s.p50.toFixed(1)} | ${s.p99.toFixed(1)} | ${s.errors} |`
    }
    const at = async (federation: Federation, nationName: string) => {
      const target = gatewayTarget(LIENTHONG, federation.gateway, workload)
      // Every draft once first, so that both nations are measured equally warm (plans, entity cache, PostgreSQL's cache).
      await closedLoop(target.next, { concurrency: CONCURRENCY, seconds: 120, maxRequests: workload.requests.length })
      const saturating = await closedLoop(target.next, { concurrency: CONCURRENCY, seconds: ROUND_SECONDS * 2 })
      const half = await openLoop(target.next, { perSecond: halfRate, seconds: ROUND_SECONDS * 2 })
      const quarter = await openLoop(target.next, { perSecond: quarterRate, seconds: ROUND_SECONDS * 2 })
      lines.push(
        row(nationName, `saturating (${CONCURRENCY} clients)`, saturating),
        row(nationName, `${halfRate}/s (open loop)`, half),
        row(nationName, `${quarterRate}/s (open loop)`, quarter),
      )
      return { saturating: summarize(saturating), half: summarize(half), quarter: summarize(quarter) }
    }
    const small10k = await at(small, `${SMALL_NATION.citizens.toLocaleString('en')} citizens`)
    const large = await startFederation(MILLION_NATION)
    try {
      const large1m = await at(large, `${MILLION_NATION.citizens.toLocaleString('en')} citizens`)
      lines.push(
        '',
        `- p99 of a single draft at half the saturating load: **${small10k.half.p99.toFixed(1)} ms** (10,000 citizens), **${large1m.half.p99.toFixed(1)} ms** (1,000,000); goal < 50 ms. At a quarter: ${small10k.quarter.p99.toFixed(1)} ms and ${large1m.quarter.p99.toFixed(1)} ms.`,
        `- throughput at 1,000,000 / at 10,000 citizens: **${(large1m.saturating.perSecond / small10k.saturating.perSecond).toFixed(2)}**; p50 ×${(large1m.saturating.p50 / small10k.saturating.p50).toFixed(2)}, p99 ×${(large1m.saturating.p99 / small10k.saturating.p99).toFixed(2)}.`,
      )
    } finally {
      await large.stop()
    }
    return lines
  })

