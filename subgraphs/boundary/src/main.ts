// `npm start --workspace @lienthong/subgraph-boundary`: the boundary subgraph on its own.
import { configuredDatabaseUrl, ensureDatabaseExists, logger, portFromEnv, redactUrl } from '@lienthong/lib'
import { startBoundarySubgraph } from './server.js'

const databaseUrl = configuredDatabaseUrl('boundary')
if (!databaseUrl) {
  console.error(
    'The boundary subgraph needs BOUNDARY_DATABASE_URL or DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432); ' +
      'the embedded database is started by `npm start` at the root.',
  )
  process.exit(1)
}

try {
  const port = portFromEnv('BOUNDARY_PORT', 4001)
  await ensureDatabaseExists(databaseUrl)
  const subgraph = await startBoundarySubgraph({ databaseUrl, port })
  logger.info({ url: subgraph.graphqlUrl, database: redactUrl(databaseUrl) }, 'boundary subgraph started')

  let stopping = false
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return
    stopping = true
    logger.info({ signal }, 'boundary subgraph stopping')
    try {
      await subgraph.stop()
      process.exit(0)
    } catch (error) {
      logger.error({ err: { type: error instanceof Error ? error.constructor.name : typeof error } }, 'boundary subgraph did not stop cleanly')
      process.exit(1)
    }
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
} catch (error) {
  console.error(`The boundary subgraph failed to start: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
}
