import { groupBy } from '@lienthong/lib/registers'
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
    citizen: new DataLoader(async (ids) => inKeyOrder(ids, await findCitizensByIds(db, ids), (row) => row.personal_id)),
    household: new DataLoader(async (ids) => inKeyOrder(ids, await findHouseholdsByIds(db, ids), (row) => row.id)),
    childrenByParent: new DataLoader(async (ids) => {
      const children = await findChildrenByParentIds(db, ids)
      // A child belongs to its father's list and to its mother's list.
      const byFather = groupBy(children, ids, (row) => row.father_id)
      const byMother = groupBy(children, ids, (row) => row.mother_id)
      return ids.map((_, index) => mergeInOrder(children, byFather[index]!, byMother[index]!))
    }),
    membersByHousehold: new DataLoader(async (ids) => groupBy(await findMembersByHouseholdIds(db, ids), ids, (row) => row.household_id)),
  }
}

function inKeyOrder<T>(keys: readonly string[], rows: readonly T[], keyOf: (row: T) => string): (T | undefined)[] {
  const byKey = new Map(rows.map((row) => [keyOf(row), row]))
  return keys.map((key) => byKey.get(key))
}

/** The union of two sub-lists of `all`, in the order of `all`. */
function mergeInOrder<T>(all: readonly T[], first: readonly T[], second: readonly T[]): T[] {
  if (second.length === 0) return [...first]
  if (first.length === 0) return [...second]
  const wanted = new Set([...first, ...second])
  return all.filter((row) => wanted.has(row))
}
