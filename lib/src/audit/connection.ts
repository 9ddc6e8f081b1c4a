import pg from 'pg'
import { logger } from '../logger.js'

/** The role of migrations/audit that may only INSERT and SELECT audit entries. */
export const AUDIT_WRITER_ROLE = 'lienthong_audit_writer'

export interface AuditPoolOptions {
  databaseUrl: string
  /** Names the sessions in pg_stat_activity. */
  applicationName: string
  /** The role every connection runs as; none keeps the URL's user (the verifier, which only reads). */
  role?: string | undefined
  maxConnections: number
  connectionTimeoutMillis: number
  /** Client-side limit of one statement, so a hung server fails a write instead of holding responses forever. */
  queryTimeoutMillis: number
}

/**
 * A pool whose connections run as `role` from their first statement: the role
 * is a startup parameter (`-c role=…`), so a connection that cannot take it
 * fails to open instead of silently writing as the URL's user. Each
 * connection also commits synchronously (a committed entry is on disk) and
 * prints timestamps in UTC.
 *
 * PostgreSQL options already in the URL are kept, ours after them so that
 * they win (pg would otherwise let the URL's `options` replace ours).
 */
export function createAuditPool({ databaseUrl, applicationName, role, maxConnections, connectionTimeoutMillis, queryTimeoutMillis }: AuditPoolOptions): pg.Pool {
  // The role goes into a startup option string: a plain identifier only.
  if (role !== undefined && !/^[a-z_][a-z0-9_]*$/.test(role)) throw new Error('the audit role must be a lower-case SQL identifier')
  const url = new URL(databaseUrl)
  const urlOptions = url.searchParams.get('options')
  url.searchParams.delete('options')
  const settings = ['-c synchronous_commit=on', '-c TimeZone=UTC', '-c DateStyle=ISO', ...(role ? [`-c role=${role}`] : [])]
  const pool = new pg.Pool({
    connectionString: url.toString(),
    options: [urlOptions, ...settings].filter(Boolean).join(' '),
    application_name: applicationName,
    max: maxConnections,
    connectionTimeoutMillis,
    query_timeout: queryTimeoutMillis,
  })
  // Without a listener, an idle connection dropped by the server crashes the process.
  pool.on('error', (error) => logger.warn({ component: 'audit', err: { message: error.message } }, 'idle audit database connection failed'))
  return pool
}
