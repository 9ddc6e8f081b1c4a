import type { Kysely } from 'kysely'
import { replaceCatalogue } from './catalogue/load-catalogue.ts'

// The catalogue as of November 2026: the nine procedures of the one-stop desks'
// most frequent dossiers (catalogue/procedures-2026-11.json). A later version
// is a new migration calling replaceCatalogue with its own file.
export async function up(db: Kysely<any>): Promise<void> {
  await replaceCatalogue(db, '2026-11')
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('procedure').where('catalogue_version', '=', '2026-11').execute()
}
