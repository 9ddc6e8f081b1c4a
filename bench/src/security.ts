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
 * PostgreSQL: `DATABASE_URL` (a server; databases `lienthong_bench_*` are
 * created and dropped), else postgres://postgres@127.0.0.1:5432.
 */
import { readFileSync } from 'node:fs'
import { databaseUrlOnServer, dropDatabase, ensureDatabaseExists, logger } from '@lienthong/lib'
import { purposeHeaders, signDevelopmentToken, startGateway, type RunningGateway } from '@lienthong/gateway'
import { LIENTHONG_SCOPES } from '@lienthong/lib/authorization'
import { DATABASES } from '@lienthong/migrations'
import { generateNation, registerDatabaseUrls, seedRegisters } from '@lienthong/seed'
import { readGatewaySecret } from '@lienthong/lib/subgraph'
import { migrateDatabase } from '../../scripts/support/databases.js'
import { StopStack } from '../../scripts/support/stop-stack.js'
import { startAllSubgraphs } from '../../scripts/support/subgraph-starters.js'
import type { BenchmarkReport } from './report.js'

const CITIZENS = 2_000
const SEED = 7
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

interface RoundResult {
  requests: number
  errors: number
  seconds: number
  latencies: number[]
}

export async function runSecurityBenchmark(): Promise<BenchmarkReport> {
  logger.level = 'warn'
  const stack = new StopStack()
  const server = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
  const databaseUrls = new Map(DATABASES.map((database) => [database, databaseUrlOnServer(server, `bench_${database}`)]))
  try {
    for (const [database, url] of databaseUrls) {
      await dropDatabase(url)
      await ensureDatabaseExists(url)
      stack.push(`database ${database}`, () => dropDatabase(url))
      await migrateDatabase(database, url)
    }
    console.log(`Seeding ${CITIZENS} citizens…`)
    await seedRegisters({ databaseUrls: registerDatabaseUrls((database) => databaseUrls.get(database)!), citizens: CITIZENS, seed: SEED })
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
      'content-type': 'application/json',
      authorization: `Bearer ${await signDevelopmentToken({ ...OFFICIAL, kind: 'official', scopes: [...LIENTHONG_SCOPES], ttlSeconds: 3_600 })}`,
      ...purposeHeaders(PURPOSE),
    }

    const lines = [
      `Random living citizens of a seeded nation of ${CITIZENS}; ${CONCURRENCY} concurrent clients; per query ${ROUNDS} alternating rounds of ${ROUND_SECONDS} s per gateway after a warm-up; everything (client, gateways, subgraphs, PostgreSQL) on this machine. Subgraph signatures and the subgraphs’ own authorization run in both.`,
    ]
    for (const [name, query] of Object.entries(QUERIES)) lines.push('', ...(await compare(name, query, secured, open, personalIds, headers)))
    return { title: 'Gateway security: on vs off, same queries, same run', lines }
  } finally {
    await stack.stopAll()
  }
}

async function compare(name: string, query: string, secured: RunningGateway, open: RunningGateway, personalIds: string[], headers: Record<string, string>): Promise<string[]> {
    // Warm both (query plans, connection pools), then alternate rounds so drift on a shared machine hits both alike.
    await load(secured, query, personalIds, headers, 2)
    await load(open, query, personalIds, headers, 2)
    const on: RoundResult[] = []
    const off: RoundResult[] = []
    for (let round = 0; round < ROUNDS; round++) {
      on.push(await load(secured, query, personalIds, headers, ROUND_SECONDS))
      off.push(await load(open, query, personalIds, headers, ROUND_SECONDS))
    }
    const summary = (rounds: RoundResult[]) => {
      const requests = rounds.reduce((sum, r) => sum + r.requests, 0)
      const seconds = rounds.reduce((sum, r) => sum + r.seconds, 0)
      const latencies = rounds.flatMap((r) => r.latencies).sort((a, b) => a - b)
      return { rate: requests / seconds, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), errors: rounds.reduce((sum, r) => sum + r.errors, 0), requests }
    }
    const securedSummary = summary(on)
    const openSummary = summary(off)
    const row = (name: string, s: ReturnType<typeof summary>) =>
      `| ${name} | ${s.requests} | ${s.rate.toFixed(1)} | ${s.p50.toFixed(1)} | ${s.p99.toFixed(1)} | ${s.errors} |`
    return [
        `### ${name}`,
        '',
        '| gateway | requests | req/s | p50 ms | p99 ms | errors |',
        '|---|---|---|---|---|---|',
        row('security on (token, authorization, purpose, limits, rate limit, audit entry per request)', securedSummary),
        row('security off (unsafeWithoutSecurity)', openSummary),
        '',
        `Throughput with security on: **${((securedSummary.rate / openSummary.rate) * 100).toFixed(1)}%** of security off; p50 latency ×${(securedSummary.p50 / openSummary.p50).toFixed(2)}, p99 ×${(securedSummary.p99 / openSummary.p99).toFixed(2)}.`,
    ]
}

function livingCitizens(): string[] {
  const ids: string[] = []
  for (const chunk of generateNation({ citizens: CITIZENS, seed: SEED }).chunks) {
    for (const citizen of chunk.population.citizens) if (citizen.dateOfDeath === null) ids.push(citizen.personalId)
  }
  return ids
}

async function load(gateway: RunningGateway, query: string, personalIds: string[], headers: Record<string, string>, seconds: number): Promise<RoundResult> {
  const latencies: number[] = []
  let errors = 0
  const started = performance.now()
  const deadline = started + seconds * 1_000
  let next = 0
  const client = async () => {
    while (performance.now() < deadline) {
      const personalId = personalIds[(next++ * 7_919) % personalIds.length]!
      const sent = performance.now()
      const response = await fetch(gateway.graphqlUrl, { method: 'POST', headers, body: JSON.stringify({ query, variables: { personalId } }) })
      const body = (await response.json()) as { errors?: unknown[]; data?: { citizen?: unknown } }
      latencies.push(performance.now() - sent)
      if (!response.ok || body.errors?.length || !body.data?.citizen) errors++
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, client))
  return { requests: latencies.length, errors, seconds: (performance.now() - started) / 1_000, latencies }
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!
}
