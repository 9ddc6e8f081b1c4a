import { createTestDatabase, startTestServer, useTestSubgraph, type TestDatabase, type TestServer } from '@lienthong/lib/testing'
import { migrationFolder } from '@lienthong/migrations'
import type { Kysely, Transaction } from 'kysely'
import { createCasesContext, loadCasesServices, type CasesContext } from '../src/context.js'
import type { CasesDatabase } from '../src/database.js'
import { createCasesApolloServer } from '../src/server.js'
import { SCHEMA_EVIDENCE_SELECTIONS } from '../src/subgraph.js'
import { TODAY } from './fixtures.js'

export { dataOf, errorCodeOf, errorCodesOf } from '@lienthong/lib/testing'

export type TestCasesDatabase = TestDatabase<CasesDatabase>

/** A fresh database for one test file, migrated with the production cases migrations (which load the catalogue). */
export function createTestCasesDatabase(feature: string): Promise<TestCasesDatabase> {
  return createTestDatabase<CasesDatabase>({ subgraph: 'cases', feature, migrationFolder: migrationFolder('cases') })
}

/** The cases subgraph in-process over a test database: services loaded as at start, today fixed to TODAY. */
export type TestCasesServer = TestServer<CasesContext>

export async function startTestCasesServer(db: Kysely<CasesDatabase>): Promise<TestCasesServer> {
  const services = { ...(await loadCasesServices(db, SCHEMA_EVIDENCE_SELECTIONS)), today: () => TODAY }
  return startTestServer(createCasesApolloServer(), (security) => createCasesContext(services, security))
}

/** Gives a test file its own migrated cases database and a started subgraph over it, removed after its tests. */
export function useTestCasesSubgraph(feature: string): { database: TestCasesDatabase; subgraph: TestCasesServer } {
  return useTestSubgraph({
    createDatabase: () => createTestCasesDatabase(feature),
    startServer: ({ db }) => startTestCasesServer(db),
  })
}

class RolledBack extends Error {}

/**
 * Runs `change` (an edit of the catalogue tables and what to assert about it)
 * in a transaction that is always rolled back, so each test sees the catalogue
 * as the migrations loaded it.
 */
export async function inRolledBackTransaction(db: Kysely<CasesDatabase>, change: (trx: Transaction<CasesDatabase>) => Promise<void>): Promise<void> {
  try {
    await db.transaction().execute(async (trx) => {
      await change(trx)
      throw new RolledBack()
    })
  } catch (error) {
    if (!(error instanceof RolledBack)) throw error
  }
}
