/**
 * The federation the boundary benchmark converts addresses through: the
 * boundary subgraph and the gateway (full security: token, trusted
 * operations, limits, rate limit, authorization, audit plugin), each in its
 * own process as deployed (support/processes.ts), on databases
 * `bench_boundary_boundary` and `bench_boundary_audit` that are created,
 * migrated and dropped here.
 *
 * PostgreSQL: the server of `DATABASE_URL`, else postgres://postgres@127.0.0.1:5432.
 */
import { randomBytes } from 'node:crypto'
import { databaseUrlOnServer, dropDatabase, ensureDatabaseExists } from '@lienthong/lib'
import type { DatabaseName } from '@lienthong/migrations'
import { migrateDatabase } from '../../../scripts/support/databases.js'
import { StopStack } from '../../../scripts/support/stop-stack.js'
import { cpuOfTrees } from './cpu.js'
import { startLienthongGatewayProcess, startSubgraphProcess } from './processes.js'

export interface BoundaryFederation {
  /** The gateway's GraphQL endpoint. */
  graphqlUrl: string
  /** CPU time (user + system) each server process has used since it started, in microseconds. */
  cpuMicroseconds(): { gateway: number; subgraph: number }
  /** Stops both servers and drops the databases. */
  stop(): Promise<void>
}

const DATABASE_PREFIX = 'bench_boundary_'

export async function startBoundaryFederation(): Promise<BoundaryFederation> {
  const stack = new StopStack()
  try {
    const server = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
    const databaseUrl = async (database: DatabaseName) => {
      const url = databaseUrlOnServer(server, `${DATABASE_PREFIX}${database.replaceAll('-', '_')}`)
      // A previous run that was killed may have left it behind.
      await dropDatabase(url)
      await ensureDatabaseExists(url)
      stack.push(`database ${database}`, () => dropDatabase(url))
      await migrateDatabase(database, url)
      return url
    }
    const boundaryDatabaseUrl = await databaseUrl('boundary')
    const auditDatabaseUrl = await databaseUrl('audit')
    const gatewaySecret = randomBytes(48).toString('base64')

    const subgraph = await startSubgraphProcess('boundary', boundaryDatabaseUrl, gatewaySecret)
    stack.push('boundary subgraph', () => subgraph.stop())
    // Only the boundary subgraph runs; the others keep their routing URLs and are never called by these queries.
    const gateway = await startLienthongGatewayProcess({ subgraphUrls: { boundary: subgraph.graphqlUrl }, auditDatabaseUrl, gatewaySecret })
    stack.push('gateway', () => gateway.stop())
    const microseconds = (pid: number) => [...cpuOfTrees([pid]).values()].reduce((sum, seconds) => sum + seconds, 0) * 1e6
    return {
      graphqlUrl: gateway.graphqlUrl,
      cpuMicroseconds: () => ({ gateway: microseconds(gateway.pid), subgraph: microseconds(subgraph.pid) }),
      stop: () => stack.stopAll(),
    }
  } catch (error) {
    await stack.stopAll()
    throw error
  }
}
