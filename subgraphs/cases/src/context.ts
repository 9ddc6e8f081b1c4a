import { todayInVietnam } from '@lienthong/lib'
import type { SecurityContext } from '@lienthong/lib/subgraph'
import type { Kysely } from 'kysely'
import type { Catalogue, Procedure } from './catalogue.js'
import type { CasesDatabase } from './database.js'
import { citizenSelectionOf, selectionCovers } from './drafts/draft-types.js'
import { loadCatalogue } from './repository.js'

/** What the cases subgraph loads once at start: the catalogue, from its database. */
export interface CasesServices {
  db: Kysely<CasesDatabase>
  catalogue: Catalogue
  /** The catalogue's procedures by code, indexed once for the per-request lookups. */
  procedureByCode: ReadonlyMap<string, Procedure>
  /** Today's date, 'YYYY-MM-DD' in Vietnam: ages are counted up to it. Tests fix it. */
  today: () => string
}

/** The context of one cases request, with the caller and purpose the gateway signed. */
export interface CasesContext extends SecurityContext {
  catalogue: Catalogue
  procedureByCode: ReadonlyMap<string, Procedure>
  /** Fixed once per request so every rule of one draft agrees. */
  today: string
}

/**
 * Loads the catalogue and checks the schema serves it: a draft type for each
 * procedure, whose @requires (generated from the catalogue file by
 * `npm run compose`) fetches every Citizen field the procedure's rows read. A
 * row edited to use a rule the schema fetches no data for stops the start
 * instead of drafting from missing data.
 *
 * `schemaSelections`: per draft type, the Citizen selection its @requires holds.
 */
export async function loadCasesServices(db: Kysely<CasesDatabase>, schemaSelections: ReadonlyMap<string, string>): Promise<CasesServices> {
  const catalogue = await loadCatalogue(db)
  const problems = catalogue.procedures.flatMap((procedure) => {
    const available = schemaSelections.get(procedure.draftType)
    if (available === undefined) return [`${procedure.code}: no draft type ${procedure.draftType} in this schema`]
    return selectionCovers(available, citizenSelectionOf(procedure)) ? [] : [`${procedure.code}: its rows read Citizen fields ${procedure.draftType} does not @require`]
  })
  if (problems.length > 0) {
    throw new Error(`the cases database's catalogue does not match the schema (${problems.join('; ')}): update the catalogue file and run \`npm run compose\``)
  }
  return { db, catalogue, procedureByCode: new Map(catalogue.procedures.map((procedure) => [procedure.code, procedure])), today: () => todayInVietnam() }
}

/** The context of one request: the catalogue, today, and the caller and purpose the gateway signed (none: anonymous). */
export function createCasesContext(services: CasesServices, security: SecurityContext = {}): CasesContext {
  return { catalogue: services.catalogue, procedureByCode: services.procedureByCode, today: services.today(), caller: security.caller, purpose: security.purpose }
}
