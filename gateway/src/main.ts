/**
 * Starts the gateway alone, for deployments where each subgraph runs as its
 * own process: `GATEWAY_PORT` (default 4000), `HOST`, and `<NAME>_URL` per
 * subgraph (e.g. `BOUNDARY_URL=http://10.0.0.5:4001/graphql`), else the
 * routing URLs of the checked-in supergraph. `npm start` starts everything.
 */
import { envPrefix, logger, portFromEnv } from '@lienthong/lib'
import { GATEWAY_PORT, SUBGRAPHS } from '@lienthong/schema'
import { startGateway, type RunningGateway } from './server.js'

let gateway: RunningGateway | undefined
let stopping = false

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return
    stopping = true
    logger.info({ signal }, 'stopping the gateway')
    void (gateway?.stop() ?? Promise.resolve()).then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'the gateway did not stop cleanly')
        process.exit(1)
      },
    )
  })
}

try {
  const subgraphUrls = Object.fromEntries(
    SUBGRAPHS.flatMap(({ name }) => {
      const url = process.env[`${envPrefix(name)}_URL`]
      return url ? [[name, url]] : []
    }),
  )
  gateway = await startGateway({
    port: portFromEnv('GATEWAY_PORT', GATEWAY_PORT),
    ...(process.env.HOST ? { host: process.env.HOST } : {}),
    subgraphUrls,
  })
} catch (error) {
  logger.fatal({ err: error }, 'the gateway did not start')
  process.exit(1)
}
