/**
 * `npm run report:drafts`: how many documents lienthong cuts. Draft cases are
 * picked from the seeded synthetic nation (regenerated: it is deterministic)
 * for the nine procedures, each draft is asked of the gateway, and the report
 * prints per procedure, for all sampled cases and for those whose records are
 * complete: form fields auto-filled, document components waived, drafts
 * blocked with the most common blockers (and warnings), and errors.
 *
 *   npm run report:drafts                                        # starts the federation on the configured or embedded databases
 *   npm run report:drafts -- --gateway http://127.0.0.1:4000/graphql   # asks a running gateway instead
 *   npm run report:drafts -- --citizens 10000 --seed 1 --per-procedure 100 --json
 *
 * Exit code: 0 whether the goal is reached or not (the report says so), 1 when
 * a draft failed with an error or the registers do not hold that nation, 2 for
 * a usage error.
 */
import { purposeHeaders, startGateway } from '@lienthong/gateway'
import { logger, todayInVietnam } from '@lienthong/lib'
import { DATABASES } from '@lienthong/migrations'
import { registerDatabaseUrls, registersAreEmpty } from '@lienthong/seed'
import { migrateDatabase, resolveDatabaseUrls } from './support/databases.js'
import { parseScriptOptions, usageError } from './support/arguments.js'
import { indexNation, selectDraftCases } from './support/draft-cases.js'
import { checkNationLoaded, collectDraftReport, formatDraftReport } from './support/draft-report.js'
import { scriptAuthorization } from './support/gateway-credentials.js'
import { runScript } from './support/run-script.js'
import type { StopStack } from './support/stop-stack.js'
import { startAllSubgraphs } from './support/subgraph-starters.js'

const USAGE =
  'usage: npm run report:drafts -- [--gateway <graphql url>] [--citizens <n> --seed <s>] [--per-procedure <k>] [--concurrency <c>] [--json]\n' +
  '  --citizens, --seed   the nation `npm run seed` / `npm start` loaded (default 10000 and 1, what `npm start` loads)\n' +
  '  --per-procedure      cases sampled per procedure (default 100)\n' +
  '  --concurrency        drafts asked of the gateway at a time (default 8)'

const NO_DATA = 'The registers are empty: run `npm start` (it loads the demo nation) or `npm run seed -- --citizens N --seed S` first.'

const options = parseOptions()
// The report is what this prints: the components' info logs (JSON on stdout) only when asked for with LOG_LEVEL.
if (!process.env.LOG_LEVEL) logger.level = 'warn'

await runScript('report:drafts', async (stack) => {
  const graphqlUrl = options.gateway ?? (await startLocalFederation(stack))
  if (graphqlUrl === undefined) return 1

  const today = todayInVietnam()
  progress(`Regenerating the nation of ${options.citizens} citizens (seed ${options.seed}) to pick the cases…`)
  const cases = selectDraftCases(indexNation(options.citizens, options.seed), options.perProcedure, today)

  const authorization = await scriptAuthorization()
  const loaded = await checkNationLoaded(graphqlUrl, cases, { ...authorization, ...purposeHeaders({ caseReference: 'REPORT-CHECK', procedureCode: 'DATA_QUALITY' }) })
  if (loaded.empty) {
    console.error(NO_DATA)
    return 1
  }
  if (loaded.unknown > 0) {
    console.error(
      `The population register does not hold the nation of ${options.citizens} citizens with seed ${options.seed}: ` +
        `${loaded.unknown} of ${loaded.checked} sampled applicants are unknown. Give the --citizens and --seed the registers were seeded with ` +
        '(`npm start` loads DEMO_CITIZENS, default 10000, with seed 1).',
    )
    return 1
  }

  progress(`Asking the gateway for ${cases.length} drafts, ${options.concurrency} at a time…`)
  const report = await collectDraftReport(graphqlUrl, cases, {
    today,
    concurrency: options.concurrency,
    headers: authorization,
    onProgress: (done, total) => {
      if (done % 100 === 0 || done === total) progress(`  ${done}/${total}`)
    },
  })
  const sample = { citizens: options.citizens, seed: options.seed, perProcedure: options.perProcedure }
  if (options.json) process.stdout.write(`${JSON.stringify({ sample, ...report }, null, 2)}\n`)
  else console.log(`\n${formatDraftReport(report, sample)}`)
  return report.total.all.pooled.counts.errors > 0 ? 1 : 0
})

/** Starts every subgraph and a gateway on port 0, on all DATABASES migrated; undefined (after saying why) when the registers are empty. */
async function startLocalFederation(stack: StopStack): Promise<string | undefined> {
  const databaseUrls = await resolveDatabaseUrls(DATABASES, stack)
  for (const database of DATABASES) await migrateDatabase(database, databaseUrls.get(database)!)
  if (await registersAreEmpty(registerDatabaseUrls((database) => databaseUrls.get(database)!))) {
    console.error(NO_DATA)
    return undefined
  }
  const subgraphUrls = await startAllSubgraphs(databaseUrls, stack, () => 0)
  const gateway = await startGateway({ port: 0, subgraphUrls, auditDatabaseUrl: databaseUrls.get('audit')! })
  stack.push('gateway', () => gateway.stop())
  return gateway.graphqlUrl
}

/** Progress goes to stderr, so `--json` output stays parseable. */
function progress(message: string): void {
  console.error(message)
}

function parseOptions(): { gateway?: string; citizens: number; seed: number; perProcedure: number; concurrency: number; json: boolean } {
  const values = parseScriptOptions(
    {
      gateway: { type: 'string' },
      citizens: { type: 'string' },
      seed: { type: 'string' },
      'per-procedure': { type: 'string' },
      concurrency: { type: 'string' },
      json: { type: 'boolean' },
    },
    { usage: USAGE },
  )
  const whole = (name: string, raw: string | undefined, fallback: number, minimum: number): number => {
    if (raw === undefined) return fallback
    const value = Number(raw)
    if (raw.trim() === '' || !Number.isSafeInteger(value) || value < minimum) return usageError(`--${name} must be a whole number${minimum > 0 ? ` of at least ${minimum}` : ''}, not "${raw}"`, { usage: USAGE })
    return value
  }
  if (values.gateway !== undefined && !URL.canParse(values.gateway)) return usageError(`--gateway must be the gateway's GraphQL URL, e.g. http://127.0.0.1:4000/graphql, not "${values.gateway}"`, { usage: USAGE })
  return {
    ...(values.gateway !== undefined ? { gateway: values.gateway } : {}),
    citizens: whole('citizens', values.citizens, 10_000, 1),
    seed: whole('seed', values.seed, 1, Number.MIN_SAFE_INTEGER),
    perProcedure: whole('per-procedure', values['per-procedure'], 100, 1),
    concurrency: whole('concurrency', values.concurrency, 8, 1),
    json: values.json ?? false,
  }
}
