import type { ApolloServer } from '@apollo/server'
import { auditSubjectKeyFromEnv, createAuditTrail } from '@lienthong/lib/audit'
import { createSubgraphApolloServer, startSubgraphServer, type RunningSubgraph, type SubgraphOptions } from '@lienthong/lib/subgraph'
import { migrationFolder } from '@lienthong/migrations'
import { createAuditContext, type AuditContext } from './context.js'
import { createAuditSchema } from './subgraph.js'

/** The audit subgraph's Apollo Server, not yet started: tests run operations in-process with `createAuditContext(services, { caller })`. */
export function createAuditApolloServer(): ApolloServer<AuditContext> {
  return createSubgraphApolloServer<AuditContext>(createAuditSchema())
}

export interface AuditSubgraphOptions extends SubgraphOptions {
  /**
   * The HMAC key personal ids are stored under: the gateway's, or no entry is
   * found. Defaults to `auditSubjectKeyFromEnv()` (`AUDIT_SUBJECT_KEY`).
   */
  subjectKey?: string
}

/**
 * Starts the audit subgraph over HTTP: POST `/graphql` (requests the gateway
 * signed only), GET `/healthz` and GET `/readyz`, on the audit database (`AUDIT_DATABASE_URL`, or
 * `lienthong_audit` on the server of `DATABASE_URL`). It only reads the
 * trail, through `accessesOf` (the writer role's SELECT): the gateway is the
 * one writer. Stopping it also closes the trail's connections.
 */
export async function startAuditSubgraph({ subjectKey = auditSubjectKeyFromEnv(), ...options }: AuditSubgraphOptions): Promise<RunningSubgraph> {
  // Its own pool, opened lazily: the first query runs after the migrations below created the role it switches to.
  const trail = createAuditTrail({ databaseUrl: options.databaseUrl, subjectKey })
  try {
    const subgraph = await startSubgraphServer(
      {
        name: 'audit',
        defaultPort: 4008,
        migrationFolder: migrationFolder('audit'),
        schema: createAuditSchema(),
        loadServices: async () => ({ trail }),
        createContext: (services, _request, security) => createAuditContext(services, security),
      },
      options,
    )
    return {
      ...subgraph,
      async stop() {
        try {
          await subgraph.stop()
        } finally {
          await trail.close()
        }
      },
    }
  } catch (error) {
    await trail.close()
    throw error
  }
}
