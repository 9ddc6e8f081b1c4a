import { configuredDatabaseUrl, envPrefix, portFromEnv } from '../config.js'
import { ensureDatabaseExists, redactUrl } from '../database.js'
import { logger } from '../logger.js'
import type { RunningSubgraph, SubgraphOptions } from './subgraph-server.js'

/**
 * The body of a subgraph's `main.ts` (`npm start --workspace …`): one
 * subgraph on its own, on `<NAME>_PORT`, against `<NAME>_DATABASE_URL` or
 * `DATABASE_URL`, stopped cleanly by SIGINT/SIGTERM.
 */
export async function runSubgraphMain(
  name: string,
  defaultPort: number,
  start: (options: SubgraphOptions) => Promise<RunningSubgraph>,
): Promise<void> {
  const prefix = envPrefix(name)
  const databaseUrl = configuredDatabaseUrl(name)
  if (!databaseUrl) {
    console.error(
      `The ${name} subgraph needs ${prefix}_DATABASE_URL or DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432); ` +
        'the embedded database is started by `npm start` at the root.',
    )
    process.exit(1)
  }
  try {
    const port = portFromEnv(`${prefix}_PORT`, defaultPort)
    await ensureDatabaseExists(databaseUrl)
    const subgraph = await start({ databaseUrl, port })
    logger.info({ url: subgraph.graphqlUrl, database: redactUrl(databaseUrl) }, `${name} subgraph started`)

    let stopping = false
    const stop = async (signal: NodeJS.Signals) => {
      if (stopping) return
      stopping = true
      logger.info({ signal }, `${name} subgraph stopping`)
      try {
        await subgraph.stop()
        process.exit(0)
      } catch (error) {
        logger.error({ err: { type: error instanceof Error ? error.constructor.name : typeof error } }, `${name} subgraph did not stop cleanly`)
        process.exit(1)
      }
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  } catch (error) {
    console.error(`The ${name} subgraph failed to start: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  }
}
