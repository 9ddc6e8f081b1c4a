import { groupBy, indexBy } from '@lienthong/lib'
import DataLoader from 'dataloader'
import type { Kysely } from 'kysely'
import type { HealthInsuranceCardRow, InsuranceDatabase, ParticipationPeriodRow, SocialInsuranceRecordRow } from './database.js'
import {
  findHealthInsuranceCardsByNumbers,
  findHealthInsuranceCardsByPersonalIds,
  findParticipationPeriodsByNumbers,
  findSocialInsuranceRecordsByNumbers,
  findSocialInsuranceRecordsByPersonalIds,
} from './repository.js'

/** The insurance subgraph's DataLoaders; see {@link createInsuranceLoaders}. */
export interface InsuranceLoaders {
  recordByNumber: DataLoader<string, SocialInsuranceRecordRow | undefined>
  recordsByPersonalId: DataLoader<string, SocialInsuranceRecordRow[]>
  periodsByNumber: DataLoader<string, ParticipationPeriodRow[]>
  cardByNumber: DataLoader<string, HealthInsuranceCardRow | undefined>
  cardsByPersonalId: DataLoader<string, HealthInsuranceCardRow[]>
}

/**
 * One set of DataLoaders per request: every lookup made while resolving one
 * operation (e.g. `_entities` with N citizens) is batched into one statement
 * per table, and the cache never outlives the request.
 *
 * ```ts
 * const loaders = createInsuranceLoaders(db)
 * await Promise.all(ids.map((id) => loaders.cardsByPersonalId.load(id))) // one SELECT … WHERE personal_id = ANY($1)
 * ```
 */
export function createInsuranceLoaders(db: Kysely<InsuranceDatabase>): InsuranceLoaders {
  return {
    recordByNumber: new DataLoader(async (numbers) =>
      indexBy(await findSocialInsuranceRecordsByNumbers(db, numbers), numbers, (row) => row.social_insurance_number),
    ),
    recordsByPersonalId: new DataLoader(async (ids) => groupBy(await findSocialInsuranceRecordsByPersonalIds(db, ids), ids, (row) => row.personal_id)),
    periodsByNumber: new DataLoader(async (numbers) =>
      groupBy(await findParticipationPeriodsByNumbers(db, numbers), numbers, (row) => row.social_insurance_number),
    ),
    cardByNumber: new DataLoader(async (numbers) => indexBy(await findHealthInsuranceCardsByNumbers(db, numbers), numbers, (row) => row.card_number)),
    cardsByPersonalId: new DataLoader(async (ids) => groupBy(await findHealthInsuranceCardsByPersonalIds(db, ids), ids, (row) => row.personal_id)),
  }
}
