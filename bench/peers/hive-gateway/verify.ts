/**
 * Checks that Hive Gateway, as the benchmarks run it, answers exactly as the
 * lienthong gateway does over the same federation:
 *
 *   node --import tsx bench/peers/hive-gateway/verify.ts [--citizens 500]
 *
 * One federation (every subgraph, a seeded nation on PostgreSQL in databases
 * `hivecheck_*`, created and dropped), the lienthong gateway with its security
 * off (`unsafeWithoutSecurity`, so both gateways sign as the same caller and
 * purpose), and Hive Gateway with in-flight deduplication on, then off. For
 * each of them: the citizen profile (gateway/trusted-operations/citizen-profile.graphql)
 * and a marital status certificate draft (procedure 1.004873,
 * gateway/trusted-operations/application-draft.graphql) for 24 living
 * citizens spread over the nation, whose `data` must be deep-equal to the
 * lienthong gateway's, with no errors. When Hive does not answer the first
 * draft within 15 s, the other drafts are not tried. Throughput is what
 * `npm run bench -- profile` measures.
 *
 * PostgreSQL: `DATABASE_URL` (a server), else postgres://postgres@127.0.0.1:5432.
 * Exits 1 on any difference.
 */
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { logger } from '@lienthong/lib'
import { startGateway, type Caller, type Purpose } from '@lienthong/gateway'
import { LIENTHONG_SCOPES } from '@lienthong/lib/authorization'
import { readGatewaySecret } from '@lienthong/lib/subgraph'
import { readSupergraphSdl } from '@lienthong/schema'
import { generateNation } from '@lienthong/seed'
import { StopStack } from '../../../scripts/support/stop-stack.js'
import { startAllSubgraphs } from '../../../scripts/support/subgraph-starters.js'
import { checkSameAnswers, startHiveGateway, type AnswerDifference, type GraphQLRequest } from '../../src/peers/hive-gateway.js'
import { dropNation, ensureNation, type NationSpec } from '../../src/support/nation.js'

const SEED = 7
const CHECKED_CITIZENS = 24
const DRAFT_PROBE_TIMEOUT_MS = 15_000
const PURPOSE: Purpose = { caseReference: 'BENCH-HIVE-CHECK', procedureCode: '1.004873' }
const CALLER: Caller = { kind: 'official', subject: 'bench-official', agency: 'UBND-P-26734', roles: [], scopes: [...LIENTHONG_SCOPES], jurisdiction: [] }
const PROFILE_QUERY = readFileSync(new URL('../../../gateway/trusted-operations/citizen-profile.graphql', import.meta.url), 'utf8')
const DRAFT_QUERY = readFileSync(new URL('../../../gateway/trusted-operations/application-draft.graphql', import.meta.url), 'utf8')

const { values: args } = parseArgs({ options: { citizens: { type: 'string', default: '500' } } })
const citizens = Number(args.citizens)
// Chunks of the generator's default size, as livingCitizens() regenerates them.
const NATION: NationSpec = { prefix: 'hivecheck', citizens, seed: SEED, chunkSize: 20_000 }

logger.level = 'warn'
const stack = new StopStack()
let failed = false
try {
  stack.push('databases', () => dropNation(NATION))
  const { databaseUrls } = await ensureNation(NATION)
  const personalIds = spreadPick(livingCitizens(), CHECKED_CITIZENS)
  const gatewaySecret = readGatewaySecret()
  const subgraphUrls = await startAllSubgraphs(databaseUrls, stack, () => 0, { gatewaySecret })
  const lienthong = await startGateway({ port: 0, subgraphUrls, gatewaySecret, unsafeWithoutSecurity: { caller: CALLER, purpose: PURPOSE } })
  stack.push('lienthong gateway', () => lienthong.stop())

  const profiles: GraphQLRequest[] = personalIds.map((personalId, index) => ({ label: `citizen profile, citizen #${index + 1}`, query: PROFILE_QUERY, variables: { personalId } }))
  const drafts: GraphQLRequest[] = personalIds.map((personalId, index) => ({
    label: `draft 1.004873, citizen #${index + 1}`,
    query: DRAFT_QUERY,
    variables: { input: { procedureCode: '1.004873', applicantId: personalId, parties: [] } },
  }))
  console.log(`The lienthong gateway's drafts for these citizens: ${await draftOutcomes(lienthong.graphqlUrl, drafts)}`)
  for (const deduplicateInflightRequests of [true, false]) {
    const hive = await startHiveGateway({ supergraphSdl: readSupergraphSdl(), subgraphUrls, gatewaySecret, caller: CALLER, purpose: PURPOSE, deduplicateInflightRequests })
    try {
      console.log(`${hive.description} (pid ${hive.pid})`)
      const compare = (requests: GraphQLRequest[], timeoutMs: number) => checkSameAnswers({ peerUrl: hive.graphqlUrl, referenceUrl: lienthong.graphqlUrl, requests, timeoutMs })
      const differences = await compare(profiles, 30_000)
      // A gateway that does not answer one draft is not waited for 24 times.
      const firstDraft = await compare(drafts.slice(0, 1), DRAFT_PROBE_TIMEOUT_MS)
      const draftsChecked = firstDraft.some(({ kind }) => kind === 'no answer') ? 1 : drafts.length
      differences.push(...firstDraft, ...(draftsChecked > 1 ? await compare(drafts.slice(1), 30_000) : []))
      console.log(`  ${profiles.length} profiles and ${draftsChecked} drafts compared with the lienthong gateway's answers: ${summary(differences)}`)
      for (const { label, kind, detail } of differences) console.log(`  - ${label}: ${kind}: ${detail}`)
      failed ||= differences.length > 0
    } finally {
      await hive.stop()
    }
  }
} catch (error) {
  failed = true
  console.error(error)
} finally {
  await stack.stopAll()
}
process.exit(failed ? 1 : 0)

function livingCitizens(): string[] {
  const ids: string[] = []
  for (const chunk of generateNation({ citizens, seed: SEED }).chunks) {
    for (const citizen of chunk.population.citizens) if (citizen.dateOfDeath === null) ids.push(citizen.personalId)
  }
  return ids
}

/** `count` items spread evenly over the list (different ages, households, provinces). */
function spreadPick<T>(items: T[], count: number): T[] {
  if (items.length < count) throw new Error(`only ${items.length} living citizens; need ${count}`)
  return Array.from({ length: count }, (_, index) => items[Math.floor((index * items.length) / count)]!)
}

function summary(differences: AnswerDifference[]): string {
  if (differences.length === 0) return 'same data, no errors'
  const counts = new Map<string, number>()
  for (const { kind } of differences) counts.set(kind, (counts.get(kind) ?? 0) + 1)
  return [...counts].map(([kind, count]) => `${count}× ${kind}`).join(', ')
}

/** How many drafts of each type came back: a check that the drafts compared are real, not all refusals. */
async function draftOutcomes(url: string, requests: GraphQLRequest[]): Promise<string> {
  const counts = new Map<string, number>()
  for (const request of requests) {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: request.query, variables: request.variables }), signal: AbortSignal.timeout(60_000) })
    const body = (await response.json()) as { data?: { applicationDraft?: { __typename?: string; canProceed?: boolean } } }
    const draft = body.data?.applicationDraft
    const key = draft ? `${draft.__typename} canProceed=${draft.canProceed}` : 'none'
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  return [...counts].map(([key, count]) => `${count}× ${key}`).join(', ')
}

/** A closed loop of the profile query: answers per second, and how many of them carried errors. */
