import { fileURLToPath } from 'node:url'

/** Databases with migrations in this folder, one sub-folder each. */
export const DATABASES = ['boundary', 'population', 'civil-status', 'land', 'business', 'insurance'] as const
export type DatabaseName = (typeof DATABASES)[number]

/** Absolute path of a database's migration folder, for kysely's FileMigrationProvider. */
export function migrationFolder(database: DatabaseName): string {
  return fileURLToPath(new URL(`./${database}/`, import.meta.url))
}

/** The official boundary CSVs the boundary migrations load (sources and licences in its README.md). */
export function boundaryDataFolder(): string {
  return fileURLToPath(new URL('./boundary/data/', import.meta.url))
}
