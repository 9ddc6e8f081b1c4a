import { fileURLToPath } from 'node:url'

/** Databases with migrations in this folder, one sub-folder each. */
export const DATABASES = ['boundary', 'population', 'civil-status', 'land', 'business', 'insurance', 'cases', 'audit'] as const
export type DatabaseName = (typeof DATABASES)[number]

/** Absolute path of a database's migration folder, for kysely's FileMigrationProvider. */
export function migrationFolder(database: DatabaseName): string {
  return fileURLToPath(new URL(`./${database}/`, import.meta.url))
}

/** The official boundary CSVs the boundary migrations load (sources and licences in its README.md). */
export function boundaryDataFolder(): string {
  return fileURLToPath(new URL('./boundary/data/', import.meta.url))
}

/** The folder of the procedure catalogue versions the cases migrations load. */
export function catalogueFolder(): string {
  return fileURLToPath(new URL('./cases/catalogue/', import.meta.url))
}

/** A version of the procedure catalogue the cases migrations load (`cases/catalogue/procedures-<version>.json`). */
export function catalogueFile(version: string): string {
  return fileURLToPath(new URL(`./cases/catalogue/procedures-${version}.json`, import.meta.url))
}
