import { createTestDatabase, TEST_GATEWAY_SECRET, type TestDatabase } from '@lienthong/lib/testing'
import { migrationFolder } from '@lienthong/migrations'
import { startGateway, type GatewayServerOptions, type RunningGateway } from '../src/index.js'

/**
 * A gateway for the gateway's own tests: on a fresh, migrated audit database
 * of its own (the gateway does not start without one), signing with the test
 * secret; `stop()` also drops the database.
 */
export async function startTestGateway(options: Omit<GatewayServerOptions, 'auditDatabaseUrl'> = {}): Promise<RunningGateway> {
  const audit: TestDatabase<unknown> = await createTestDatabase({ subgraph: 'gateway', feature: 'audit', migrationFolder: migrationFolder('audit') })
  await audit.db.destroy()
  try {
    const gateway = await startGateway({ gatewaySecret: TEST_GATEWAY_SECRET, ...options, auditDatabaseUrl: audit.url })
    return {
      ...gateway,
      async stop() {
        await gateway.stop()
        await audit.drop()
      },
    }
  } catch (error) {
    await audit.drop()
    throw error
  }
}
