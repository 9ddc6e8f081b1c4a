import { promises as fs } from 'node:fs'
import path from 'node:path'
import type { Kysely } from 'kysely'
import { FileMigrationProvider, Migrator, type MigrationResult } from 'kysely/migration'

/**
 * Runs every pending kysely migration of one database, in file-name order.
 *
 * Several processes may start at once (tests, `npm start`): kysely takes an
 * advisory lock, so each migration runs exactly once.
 */
export async function migrateToLatest(db: Kysely<any>, migrationFolder: string): Promise<MigrationResult[]> {
  const migrator = new Migrator({
    db,
    provider: new FileMigrationProvider({ fs, path, migrationFolder }),
  })
  const { error, results = [] } = await migrator.migrateToLatest()
  if (error) {
    const failed = results.find((result) => result.status === 'Error')
    throw new Error(`migration ${failed?.migrationName ?? '(unknown)'} of ${path.basename(migrationFolder)} failed`, {
      cause: error,
    })
  }
  return results
}
