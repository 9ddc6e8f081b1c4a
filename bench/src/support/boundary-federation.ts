/**
 * The federation the boundary benchmark converts addresses through: the
 * boundary subgraph and the gateway (full security: token, trusted
 * operations, limits, rate limit, authorization, audit plugin), each in its
 * own child process (`boundary-server.ts`), on databases
 * `bench_boundary_boundary` and `bench_boundary_audit` that are created,
 * migrated and dropped here.
 *
 * PostgreSQL: the server of `DATABASE_URL`, else postgres://postgres@127.0.0.1:5432.
 */
import { fork, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import { databaseUrlOnServer, dropDatabase, ensureDatabaseExists } from '@lienthong/lib'
import type { DatabaseName } from '@lienthong/migrations'
import { migrateDatabase } from '../../../scripts/support/databases.js'
import { StopStack } from '../../../scripts/support/stop-stack.js'

export type BoundaryServerRole = 'subgraph' | 'gateway'

export interface BoundaryServerConfig {
  /** subgraph: its database, already migrated. */
  databaseUrl?: string
  /** gateway: the boundary subgraph's GraphQL URL. */
  boundaryUrl?: string
  /** gateway: the audit database, already migrated. */
  auditDatabaseUrl?: string
}

/** What a server child sends its parent: once it listens, and in answer to {@link CPU_MESSAGE}. */
export type BoundaryServerMessage = { type: 'ready'; graphqlUrl: string } | { type: 'cpu'; microseconds: number }

/** The message that makes a server child stop and exit. */
export const STOP_MESSAGE = 'stop'
/** The message a server child answers with the CPU time (user + system) it has used so far. */
export const CPU_MESSAGE = 'cpu'

export interface BoundaryFederation {
  /** The gateway's GraphQL endpoint. */
  graphqlUrl: string
  /** CPU time (user + system) each server process has used since it started, in microseconds. */
  cpuMicroseconds(): Promise<{ gateway: number; subgraph: number }>
  /** Stops both servers and drops the databases. */
  stop(): Promise<void>
}

interface BoundaryServer {
  graphqlUrl: string
  cpuMicroseconds(): Promise<number>
}

const DATABASE_PREFIX = 'bench_boundary_'
const SERVER_SCRIPT = fileURLToPath(new URL('./boundary-server.ts', import.meta.url))
const START_TIMEOUT_MS = 60_000
const STOP_TIMEOUT_MS = 10_000

/**
 * @param gatewayEnvironment extra variables for the gateway process, e.g. a raised
 * `LIENTHONG_RATE_LIMIT_MACHINE`.
 */
export async function startBoundaryFederation(gatewayEnvironment: Record<string, string> = {}): Promise<BoundaryFederation> {
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

    const subgraph = await startServer('subgraph', { databaseUrl: boundaryDatabaseUrl }, {}, stack)
    const gateway = await startServer('gateway', { boundaryUrl: subgraph.graphqlUrl, auditDatabaseUrl }, gatewayEnvironment, stack)
    return {
      graphqlUrl: gateway.graphqlUrl,
      async cpuMicroseconds() {
        const [gatewayCpu, subgraphCpu] = await Promise.all([gateway.cpuMicroseconds(), subgraph.cpuMicroseconds()])
        return { gateway: gatewayCpu, subgraph: subgraphCpu }
      },
      stop: () => stack.stopAll(),
    }
  } catch (error) {
    await stack.stopAll()
    throw error
  }
}

async function startServer(role: BoundaryServerRole, config: BoundaryServerConfig, environment: Record<string, string>, stack: StopStack): Promise<BoundaryServer> {
  const child = fork(SERVER_SCRIPT, [role, JSON.stringify(config)], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, LOG_LEVEL: 'warn', ...environment },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  stack.push(`boundary ${role}`, () => stopServer(child))
  const graphqlUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the boundary ${role} did not start within ${START_TIMEOUT_MS / 1_000} s`)), START_TIMEOUT_MS)
    const onExit = (code: number | null) => {
      clearTimeout(timer)
      reject(new Error(`the boundary ${role} exited during start-up (code ${code})`))
    }
    child.once('exit', onExit)
    child.once('message', (message: BoundaryServerMessage) => {
      clearTimeout(timer)
      child.off('exit', onExit)
      if (message.type === 'ready') resolve(message.graphqlUrl)
      else reject(new Error(`the boundary ${role} sent ${message.type} before it was ready`))
    })
  })
  const cpuMicroseconds = () =>
    new Promise<number>((resolve) => {
      const onMessage = (message: BoundaryServerMessage) => {
        if (message.type !== 'cpu') return
        child.off('message', onMessage)
        resolve(message.microseconds)
      }
      child.on('message', onMessage)
      child.send(CPU_MESSAGE)
    })
  return { graphqlUrl, cpuMicroseconds }
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = once(child, 'exit')
  if (child.connected) child.send(STOP_MESSAGE)
  else child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS)
  await exited
  clearTimeout(timer)
}
