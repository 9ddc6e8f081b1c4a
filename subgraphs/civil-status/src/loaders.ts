import { groupBy, indexBy } from '@lienthong/lib'
import DataLoader from 'dataloader'
import type { Kysely } from 'kysely'
import type { BirthRegistrationRow, CivilStatusDatabase, DeathRegistrationRow, MarriageRegistrationRow } from './database.js'
import type { PersonRecords } from './model.js'
import {
  findBirthRegistrationsByChildIds,
  findBirthRegistrationsByIds,
  findBirthRegistrationsByParentIds,
  findDeathRegistrationsByDeceasedIds,
  findDeathRegistrationsByIds,
  findMarriageRegistrationsByIds,
  findMarriageRegistrationsBySpouseIds,
} from './repository.js'

/** The civil-status subgraph's DataLoaders; see {@link createCivilStatusLoaders}. */
export type CivilStatusLoaders = ReturnType<typeof createCivilStatusLoaders>

/**
 * One set of DataLoaders per request: every lookup made while resolving one
 * operation (N citizens of `_entities`, N marriages' addresses) is batched into
 * one statement per loader, and the cache never outlives the request.
 *
 * ```ts
 * const loaders = createCivilStatusLoaders(db)
 * await Promise.all(ids.map((id) => loaders.recordsByPersonId.load(id))) // one SELECT per record kind, whatever the number of ids
 * ```
 */
export function createCivilStatusLoaders(db: Kysely<CivilStatusDatabase>) {
  return {
    birthById: new DataLoader<string, BirthRegistrationRow | undefined>(async (ids) =>
      indexBy(await findBirthRegistrationsByIds(db, ids), ids, (row) => row.id),
    ),
    marriageById: new DataLoader<string, MarriageRegistrationRow | undefined>(async (ids) =>
      indexBy(await findMarriageRegistrationsByIds(db, ids), ids, (row) => row.id),
    ),
    deathById: new DataLoader<string, DeathRegistrationRow | undefined>(async (ids) =>
      indexBy(await findDeathRegistrationsByIds(db, ids), ids, (row) => row.id),
    ),
    /**
     * Every record naming the person as child, spouse or deceased, newest first.
     * One loader for the three kinds, so they arrive together and the addresses
     * of all of them batch into one statement (a constant count whatever the timing).
     */
    recordsByPersonId: new DataLoader<string, PersonRecords>(async (ids) => {
      const [births, marriages, deaths] = await Promise.all([
        findBirthRegistrationsByChildIds(db, ids),
        findMarriageRegistrationsBySpouseIds(db, ids),
        findDeathRegistrationsByDeceasedIds(db, ids),
      ])
      const birthsOf = groupBy(births, ids, (row) => row.child_id)
      const marriagesOf = groupBy(marriages, ids, (row) => [row.husband_id, row.wife_id])
      const deathsOf = groupBy(deaths, ids, (row) => row.deceased_id)
      return ids.map((_id, index) => ({ births: birthsOf[index]!, marriages: marriagesOf[index]!, deaths: deathsOf[index]! }))
    }),
    /** Birth registrations where the person is father or mother, newest first. */
    birthsByParentId: new DataLoader<string, BirthRegistrationRow[]>(async (ids) =>
      groupBy(await findBirthRegistrationsByParentIds(db, ids), ids, (row) => [row.father_id, row.mother_id]),
    ),
  }
}
