/**
 * The federation as it is deployed: each subgraph and the gateway in its own
 * process, so that each one's CPU time can be read from /proc and none of
 * them shares an event loop with the load generator.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { envPrefix, freePort } from '@lienthong/lib'
import type { DatabaseName } from '@lienthong/migrations'
import { SUBGRAPHS, type SubgraphName } from '@lienthong/schema'

export const REPOSITORY_ROOT = fileURLToPath(new URL('../../../', import.meta.url))

// A benchmark stopped by Ctrl-C or a crash must not leave servers running (and holding database connections).
const liveChildren = new Set<ChildProcess>()
process.once('exit', () => {
  for (const child of liveChildren) child.kill('SIGKILL')
})
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    for (const child of liveChildren) child.kill('SIGKILL')
    process.exit(130)
  })
}

/** A server the benchmark measures: a gateway, a peer gateway, or one subgraph. */
export interface RunningProcess {
  name: string
  /** The GraphQL endpoint. */
  graphqlUrl: string
  /** The process to account CPU time to (its child processes, e.g. cluster workers, are counted with it). */
  pid: number
  description: string
  /** The last 20 kB the process wrote to stdout and stderr. */
  output(): string
  stop(): Promise<void>
}

export interface SpawnedServer {
  name: string
  command: string[]
  /** Working directory. Defaults to the repository's root. */
  cwd?: string
  env: Record<string, string>
  /** Answers 200 once the server takes requests. */
  readyUrl: string
  graphqlUrl: string
  description: string
}

/**
 * Spawns a server and waits until `readyUrl` answers 200. Its output is kept
 * and printed only if it fails to start or dies during the run.
 */
export async function spawnServer({ name, command, cwd = REPOSITORY_ROOT, env, readyUrl, graphqlUrl, description }: SpawnedServer): Promise<RunningProcess> {
  const [executable, ...args] = command
  const child = spawn(executable!, args, {
    cwd,
    env: { ...process.env, LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-20_000)
  }
  child.stdout!.on('data', keep)
  child.stderr!.on('data', keep)
  let stopping = false
  liveChildren.add(child)
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      liveChildren.delete(child)
      resolve(code)
    }),
  )
  void exited.then((code) => {
    if (!stopping) console.error(`${name} exited unexpectedly (code ${code}):\n${output}`)
  })
  try {
    await waitUntilReady(readyUrl, exited, 60_000)
  } catch (error) {
    child.kill('SIGKILL')
    throw new Error(`${name} did not start: ${error instanceof Error ? error.message : String(error)}\n${output}`)
  }
  return {
    name,
    graphqlUrl,
    pid: child.pid!,
    description,
    output: () => output,
    async stop() {
      stopping = true
      await stopChild(child, exited)
    },
  }
}

async function waitUntilReady(url: string, exited: Promise<number | null>, timeoutMs: number): Promise<void> {
  let dead = false
  void exited.then(() => (dead = true))
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (dead) throw new Error('the process exited')
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) })
      if (response.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs / 1000} s`)
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
  await exited
  clearTimeout(timer)
}

const TSX = ['node', '--import', 'tsx']


/** One subgraph in its own process (`subgraphs/<name>/src/main.ts`, as deployed), verifying the gateway's signatures with `gatewaySecret`. */
export async function startSubgraphProcess(name: SubgraphName, databaseUrl: string, gatewaySecret: string): Promise<RunningProcess> {
  const port = await freePort()
  const prefix = envPrefix(name)
  return spawnServer({
    name: `subgraph ${name}`,
    command: [...TSX, `subgraphs/${name}/src/main.ts`],
    env: {
      [`${prefix}_DATABASE_URL`]: databaseUrl,
      [`${prefix}_PORT`]: String(port),
      LIENTHONG_GATEWAY_SECRET: gatewaySecret,
      LIENTHONG_SERVICE: `subgraph-${name}`,
    },
    readyUrl: `http://127.0.0.1:${port}/readyz`,
    graphqlUrl: `http://127.0.0.1:${port}/graphql`,
    description: `subgraphs/${name}/src/main.ts`,
  })
}

/** Every subgraph of SUBGRAPHS in its own process, on its database ({@link startSubgraphProcess}). Stopped together. */
export async function startSubgraphProcesses(
  databaseUrls: ReadonlyMap<DatabaseName, string>,
  gatewaySecret: string,
): Promise<{ subgraphs: RunningProcess[]; subgraphUrls: Record<string, string>; stop(): Promise<void> }> {
  const started = await Promise.allSettled(SUBGRAPHS.map(({ name, database }) => startSubgraphProcess(name, databaseUrls.get(database)!, gatewaySecret)))
  const subgraphs = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []))
  const stop = async () => {
    await Promise.all(subgraphs.map((subgraph) => subgraph.stop()))
  }
  const failure = started.find((result) => result.status === 'rejected')
  if (failure) {
    await stop()
    throw failure.reason
  }
  const subgraphUrls = Object.fromEntries(SUBGRAPHS.map(({ name }, index) => [name, subgraphs[index]!.graphqlUrl]))
  return { subgraphs, subgraphUrls, stop }
}

export interface LienthongGatewayProcessOptions {
  subgraphUrls: Record<string, string>
  auditDatabaseUrl: string
  gatewaySecret: string
  /** Extra environment, e.g. `GATEWAY_ENTITY_CACHE: 'off'`. */
  env?: Record<string, string>
}

/**
 * The lienthong gateway in its own process (`gateway/src/main.ts`, as
 * deployed), with its security on: tokens from the development issuer, the
 * audit trail in `auditDatabaseUrl`. Rate limits are raised so that the load
 * is measured rather than refused; the limiter still counts every request.
 */
export async function startLienthongGatewayProcess({ subgraphUrls, auditDatabaseUrl, gatewaySecret, env = {} }: LienthongGatewayProcessOptions): Promise<RunningProcess> {
  const port = await freePort()
  return spawnServer({
    name: 'lienthong gateway',
    command: [...TSX, 'gateway/src/main.ts'],
    env: {
      GATEWAY_PORT: String(port),
      AUDIT_DATABASE_URL: auditDatabaseUrl,
      LIENTHONG_GATEWAY_SECRET: gatewaySecret,
      LIENTHONG_SERVICE: 'gateway',
      LIENTHONG_RATE_LIMIT_OFFICIAL: '100000000',
      LIENTHONG_RATE_LIMIT_MACHINE: '100000000',
      ...Object.fromEntries(Object.entries(subgraphUrls).map(([name, url]) => [`${envPrefix(name)}_URL`, url])),
      ...env,
    },
    readyUrl: `http://127.0.0.1:${port}/healthz`,
    graphqlUrl: `http://127.0.0.1:${port}/graphql`,
    description: 'gateway/src/main.ts, security on',
  })
}
