import { sql, type Kysely } from 'kysely'
import type { CitizenRow, HouseholdRow, PopulationDatabase } from './database.js'

// The only file of the population subgraph that builds SQL. Functions take the
// database first; batch functions (`…ByIds`) return what they find, in any
// order unless they say otherwise, and the loaders put it back in key order.

type PopulationDb = Kysely<PopulationDatabase>

const anyText = (values: readonly string[]) => sql<string>`ANY(${[...values]}::text[])`

/**
 * Citizens by personal id, one statement for the whole batch.
 *
 * ```sql
 * SELECT * FROM citizen WHERE personal_id = ANY($1::text[])
 * ```
 */
export async function findCitizensByIds(db: PopulationDb, personalIds: readonly string[]): Promise<CitizenRow[]> {
  if (personalIds.length === 0) return []
  return db.selectFrom('citizen').selectAll().where('personal_id', '=', anyText(personalIds)).execute()
}

export async function findHouseholdsByIds(db: PopulationDb, ids: readonly string[]): Promise<HouseholdRow[]> {
  if (ids.length === 0) return []
  return db.selectFrom('household').selectAll().where('id', '=', anyText(ids)).execute()
}

/**
 * Children of the given parents (citizens whose father or mother is one of
 * them), oldest first; a child of two parents in the batch appears once.
 *
 * ```sql
 * SELECT * FROM citizen WHERE father_id = ANY($1) OR mother_id = ANY($1) ORDER BY birth_date, personal_id
 * ```
 */
export async function findChildrenByParentIds(db: PopulationDb, parentIds: readonly string[]): Promise<CitizenRow[]> {
  if (parentIds.length === 0) return []
  return db
    .selectFrom('citizen')
    .selectAll()
    .where((eb) => eb.or([eb('father_id', '=', anyText(parentIds)), eb('mother_id', '=', anyText(parentIds))]))
    .orderBy('birth_date')
    .orderBy('personal_id')
    .execute()
}

/**
 * Members of the given households: per household the head first, then the
 * others oldest first.
 *
 * ```sql
 * SELECT citizen.* FROM citizen JOIN household ON household.id = citizen.household_id
 * WHERE citizen.household_id = ANY($1)
 * ORDER BY citizen.household_id, citizen.personal_id = household.head_id DESC, birth_date, personal_id
 * ```
 */
export async function findMembersByHouseholdIds(db: PopulationDb, householdIds: readonly string[]): Promise<CitizenRow[]> {
  if (householdIds.length === 0) return []
  return db
    .selectFrom('citizen')
    .innerJoin('household', 'household.id', 'citizen.household_id')
    .selectAll('citizen')
    .where('citizen.household_id', '=', anyText(householdIds))
    .orderBy('citizen.household_id')
    .orderBy(sql`citizen.personal_id = household.head_id`, 'desc')
    .orderBy('citizen.birth_date')
    .orderBy('citizen.personal_id')
    .execute()
}

/** The criteria of `searchCitizens`, already checked and normalised (NFC names, 'YYYY-MM-DD' date). */
export interface CitizenSearchCriteria {
  fullName?: string | undefined
  namePrefix?: string | undefined
  birthDate?: string | undefined
  /** 2025 commune of the permanent residence: EXACT mapping, or the resolution in force of a split address. */
  communeCode?: string | undefined
  legacyCommuneCode?: string | undefined
}

/**
 * One page of citizens matching every given criterion, by personal id, after
 * `afterPersonalId` (keyset pagination: no OFFSET, so page 1,000 costs what
 * page 1 costs). Each criterion has an index (see the citizen migration).
 *
 * ```sql
 * SELECT * FROM citizen
 * WHERE normalize(full_name, NFC) LIKE 'Nguyễn Văn%' AND birth_date = '1990-05-01'
 *   AND permanent_address_id IN (SELECT id FROM address WHERE commune_code = '00097' UNION ALL …resolved…)
 *   AND personal_id > $after
 * ORDER BY personal_id LIMIT $limit
 * ```
 */
export async function searchCitizens(
  db: PopulationDb,
  criteria: CitizenSearchCriteria,
  { afterPersonalId, limit }: { afterPersonalId?: string | undefined; limit: number },
): Promise<CitizenRow[]> {
  let query = db.selectFrom('citizen').selectAll()
  const name = sql<string>`normalize(full_name, NFC)`
  if (criteria.fullName !== undefined) query = query.where(name, '=', criteria.fullName)
  if (criteria.namePrefix !== undefined) query = query.where(name, 'like', `${escapeLike(criteria.namePrefix)}%`)
  if (criteria.birthDate !== undefined) query = query.where('birth_date', '=', criteria.birthDate)
  if (criteria.communeCode !== undefined) {
    const communeCode = criteria.communeCode
    query = query.where('permanent_address_id', 'in', (eb) =>
      eb
        .selectFrom('address')
        .select('address.id')
        .where('address.commune_code', '=', communeCode)
        .unionAll(
          // A split address counts once an official resolved it to this commune, and only by the latest resolution.
          eb
            .selectFrom('address_resolution as resolution')
            .innerJoin('address', 'address.id', 'resolution.address_id')
            .select('address.id')
            .where('resolution.commune_code', '=', communeCode)
            .where('address.mapping_status', '=', 'SPLIT_NEEDS_REVIEW')
            .where(({ not, exists, selectFrom }) =>
              not(
                exists(
                  selectFrom('address_resolution as later')
                    .select(sql`1`.as('one'))
                    .whereRef('later.address_id', '=', 'resolution.address_id')
                    .whereRef('later.id', '>', 'resolution.id'),
                ),
              ),
            ),
        ),
    )
  }
  if (criteria.legacyCommuneCode !== undefined) {
    const legacyCommuneCode = criteria.legacyCommuneCode
    query = query.where('permanent_address_id', 'in', (eb) =>
      eb.selectFrom('address').select('address.id').where('address.legacy_commune_code', '=', legacyCommuneCode),
    )
  }
  if (afterPersonalId !== undefined) query = query.where('personal_id', '>', afterPersonalId)
  return query.orderBy('personal_id').limit(limit).execute()
}

/** A LIKE pattern matching the text literally (PostgreSQL's default escape is the backslash). */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`)
}
