/**
 * One server of the boundary benchmark's federation, run as a child process of
 * the benchmark (`boundary-federation.ts` forks it) so that the load
 * generator, the gateway and the subgraph each have their own event loop, as
 * in a deployment:
 *
 *   node --import tsx boundary-server.ts subgraph '{"databaseUrl":"postgres://…"}'
 *   node --import tsx boundary-server.ts gateway '{"boundaryUrl":"http://…/graphql","auditDatabaseUrl":"postgres://…"}'
 *
 * Sends `{ type: 'ready', graphqlUrl }` to the parent once listening, its
 * CPU time when asked (`cpu`); stops on `stop` or when the parent goes away.
 */
import { logger } from '@lienthong/lib'
import { startGateway } from '@lienthong/gateway'
import { startBoundarySubgraph } from '@lienthong/subgraph-boundary'
import { CPU_MESSAGE, STOP_MESSAGE, type BoundaryServerConfig, type BoundaryServerMessage, type BoundaryServerRole } from './boundary-federation.js'

async function main(): Promise<void> {
  logger.level = 'warn'
  const role = process.argv[2] as BoundaryServerRole
  const config = JSON.parse(process.argv[3] ?? '{}') as BoundaryServerConfig
  const running =
    role === 'subgraph'
      ? await startBoundarySubgraph({ databaseUrl: required(config.databaseUrl, 'databaseUrl'), port: 0, host: '127.0.0.1', migrate: false })
      : await startGateway({
          port: 0,
          host: '127.0.0.1',
          // Only the boundary subgraph runs; the others keep their routing URLs and are never called by this query.
          subgraphUrls: { boundary: required(config.boundaryUrl, 'boundaryUrl') },
          auditDatabaseUrl: required(config.auditDatabaseUrl, 'auditDatabaseUrl'),
        })
  let stopping = false
  const stop = async () => {
    if (stopping) return
    stopping = true
    await running.stop()
    process.exit(0)
  }
  const send = (message: BoundaryServerMessage) => process.send!(message)
  process.on('message', (message) => {
    if (message === STOP_MESSAGE) void stop()
    if (message === CPU_MESSAGE) {
      const { user, system } = process.cpuUsage()
      send({ type: 'cpu', microseconds: user + system })
    }
  })
  process.on('disconnect', () => void stop())
  send({ type: 'ready', graphqlUrl: running.graphqlUrl })
}

function required(value: string | undefined, name: string): string {
  if (!value) throw new Error(`boundary-server: ${name} missing from the configuration`)
  return value
}

if (!process.send) throw new Error('boundary-server runs as a child process of the boundary benchmark (child_process.fork)')
await main()
