/**
 * `npm run bench -- security`: what the gateway's security costs. One
 * federation (every subgraph, a seeded nation on real PostgreSQL) and two
 * gateways in front of it, measured in alternating rounds on the same query:
 * - security on: bearer token verified, authorization and purpose checked,
 *   limits and rate limits, an audit entry written before each response;
 * - security off: none of that at the gateway (`unsafeWithoutSecurity`).
 * Both sign their subgraph requests and the subgraphs check signatures and
 * authorization either way, so the difference is the gateway's own work.
 *
 * PostgreSQL: `DATABASE_URL` (a server; the nation is kept in databases
 * `bench_security_*`), else postgres://postgres@127.0.0.1:5432.
 */
import { readFileSync } from 'node:fs'
import { logger } from '@lienthong/lib'
import { purposeHeaders, signDevelopmentToken, startGateway, type RunningGateway } from '@lienthong/gateway'
import { LIENTHONG_SCOPES } from '@lienthong/lib/authorization'
import { generateNation } from '@lienthong/seed'
import { readGatewaySecret } from '@lienthong/lib/subgraph'
import { StopStack } from '../../scripts/support/stop-stack.js'
import { startAllSubgraphs } from '../../scripts/support/subgraph-starters.js'
import type { BenchmarkReport } from './report.js'
import { closedLoop, combineResults, graphqlSend, summarize, type LoadResult, type Send } from './support/load.js'
import { ensureNation, type NationSpec } from './support/nation.js'

// Chunks of the generator's default size, as livingCitizens() regenerates them.
const NATION: NationSpec = { prefix: 'bench_security', citizens: 2_000, seed: 7, chunkSize: 20_000 }
const CONCURRENCY = 16
const ROUND_SECONDS = 8
const ROUNDS = 2
const QUERIES = {
  'citizen profile (five registers joined, gateway/trusted-operations/citizen-profile.graphql)': readFileSync(
    new URL('../../gateway/trusted-operations/citizen-profile.graphql', import.meta.url),
    'utf8',
  ),
  'one citizen’s name and birth date (population only)': 'query CitizenName($personalId: PersonalId!) { citizen(personalId: $personalId) { fullName birthDate } }',
}
const PURPOSE = { caseReference: 'BENCH-SECURITY', procedureCode: '1.004873' }
const OFFICIAL = { kind: 'official' as const, subject: 'bench-official', agency: 'UBND-P-26734', roles: [], scopes: [...LIENTHONG_SCOPES], jurisdiction: [] }

export async function runSecurityBenchmark(): Promise<BenchmarkReport> {
  logger.level = 'warn'
  const stack = new StopStack()
  try {
    const { databaseUrls } = await ensureNation(NATION)
    const personalIds = livingCitizens()
    const gatewaySecret = readGatewaySecret()
    const subgraphUrls = await startAllSubgraphs(databaseUrls, stack, () => 0, { gatewaySecret })
    // The limiter still counts every request; its allowance is raised so that the measurement is not refused.
    process.env.LIENTHONG_RATE_LIMIT_OFFICIAL ??= '1000000'
    const secured = await startGateway({ port: 0, subgraphUrls, gatewaySecret, auditDatabaseUrl: databaseUrls.get('audit')! })
    stack.push('gateway (security on)', () => secured.stop())
    const open = await startGateway({ port: 0, subgraphUrls, gatewaySecret, unsafeWithoutSecurity: { caller: OFFICIAL, purpose: PURPOSE } })
    stack.push('gateway (security off)', () => open.stop())
    const headers = {
      authorization: `Bearer ${await signDevelopmentToken({ ...OFFICIAL, ttlSeconds: 3_600 })}`,
      ...purposeHeaders(PURPOSE),
    }

    const lines = [
      `Random living citizens of a seeded nation of ${NATION.citizens}; ${CONCURRENCY} concurrent clients; per query ${ROUNDS} alternating rounds of ${ROUND_SECONDS} s per gateway after a warm-up; everything (client, gateways, subgraphs, PostgreSQL) on this machine. Subgraph signatures and the subgraphs’ own authorization run in both.`,
    ]
    for (const [name, query] of Object.entries(QUERIES)) lines.push('', ...(await compare(name, query, secured, open, personalIds, headers)))
    return { title: 'Gateway security: on vs off, same queries, same run', lines }
  } finally {
    await stack.stopAll()
  }
}

async function compare(name: string, query: string, secured: RunningGateway, open: RunningGateway, personalIds: string[], headers: Record<string, string>): Promise<string[]> {
  const sender = (gateway: RunningGateway) => {
    let next = 0
    return (): Send => {
      const personalId = personalIds[(next++ * 7_919) % personalIds.length]!
      return graphqlSend(gateway.graphqlUrl, headers, JSON.stringify({ query, variables: { personalId } }), (data) => (data as { citizen?: unknown }).citizen != null)
    }
  }
  const [onNext, offNext] = [sender(secured), sender(open)]
  // Warm both (query plans, connection pools), then alternate rounds so drift on a shared machine hits both alike.
  await closedLoop(onNext, { concurrency: CONCURRENCY, seconds: 2 })
  await closedLoop(offNext, { concurrency: CONCURRENCY, seconds: 2 })
  const on: LoadResult[] = []
  const off: LoadResult[] = []
  for (let round = 0; round < ROUNDS; round++) {
    on.push(await closedLoop(onNext, { concurrency: CONCURRENCY, seconds: ROUND_SECONDS }))
    off.push(await closedLoop(offNext, { concurrency: CONCURRENCY, seconds: ROUND_SECONDS }))
  }
  const securedSummary = summarize(combineResults(on))
  const openSummary = summarize(combineResults(off))
  const row = (label: string, s: typeof securedSummary) => `| ${label} | ${s.requests} | ${s.perSecond.toFixed(1)} | ${s.p50.toFixed(1)} | ${s.p99.toFixed(1)} | ${s.errors} |`
  return [
    `### ${name}`,
    '',
    '| gateway | requests | req/s | p50 ms | p99 ms | errors |',
    '|---|---|---|---|---|---|',
    row('security on (token, authorization, purpose, limits, rate limit, audit entry per request)', securedSummary),
    row('security off (unsafeWithoutSecurity)', openSummary),
    '',
    `Throughput with security on: **${((securedSummary.perSecond / openSummary.perSecond) * 100).toFixed(1)}%** of security off; p50 latency ×${(securedSummary.p50 / openSummary.p50).toFixed(2)}, p99 ×${(securedSummary.p99 / openSummary.p99).toFixed(2)}.`,
  ]
}

function livingCitizens(): string[] {
  const ids: string[] = []
  for (const chunk of generateNation({ citizens: NATION.citizens, seed: NATION.seed }).chunks) {
    for (const citizen of chunk.population.citizens) if (citizen.dateOfDeath === null) ids.push(citizen.personalId)
  }
  return ids
}
