import { groupBy, indexBy } from '@lienthong/lib'
import DataLoader from 'dataloader'
import type { Kysely } from 'kysely'
import type { CitizenRow, HouseholdRow, PopulationDatabase } from './database.js'
import { findChildrenByParentIds, findCitizensByIds, findHouseholdsByIds, findMembersByHouseholdIds } from './repository.js'

/** The population subgraph's DataLoaders; see {@link createPopulationLoaders}. */
export interface PopulationLoaders {
  citizen: DataLoader<string, CitizenRow | undefined>
  household: DataLoader<string, HouseholdRow | undefined>
  /** Children of a parent, oldest first. */
  childrenByParent: DataLoader<string, CitizenRow[]>
  /** Members of a household, the head first, then oldest first. */
  membersByHousehold: DataLoader<string, CitizenRow[]>
}

/**
 * One set of DataLoaders per request: every lookup made while resolving one
 * operation (the `_entities` representations, fathers, spouses, children,
 * household members at any depth) costs one statement per loader and level,
 * whatever the number of citizens; the cache never outlives the request.
 *
 * ```ts
 * const loaders = createPopulationLoaders(db)
 * await Promise.all(ids.map((id) => loaders.citizen.load(id))) // SELECT … WHERE personal_id = ANY($1)
 * ```
 */
export function createPopulationLoaders(db: Kysely<PopulationDatabase>): PopulationLoaders {
  return {
    citizen: new DataLoader(async (ids) => indexBy(await findCitizensByIds(db, ids), ids, (row) => row.personal_id)),
    household: new DataLoader(async (ids) => indexBy(await findHouseholdsByIds(db, ids), ids, (row) => row.id)),
    // A child belongs to its father's list and to its mother's list.
    childrenByParent: new DataLoader(async (ids) => groupBy(await findChildrenByParentIds(db, ids), ids, (row) => [row.father_id, row.mother_id])),
    membersByHousehold: new DataLoader(async (ids) => groupBy(await findMembersByHouseholdIds(db, ids), ids, (row) => row.household_id)),
  }
}
