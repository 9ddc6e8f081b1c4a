import { groupBy, indexBy } from '@lienthong/lib'
import DataLoader from 'dataloader'
import type { Kysely } from 'kysely'
import type {
  BusinessDatabase,
  EnterpriseBusinessLineRow,
  EnterpriseOwnerRow,
  EnterpriseRepresentativeRow,
  EnterpriseRow,
  HouseholdBusinessLineRow,
  HouseholdBusinessRow,
} from './database.js'
import {
  findBranchesByParentCodes,
  findBusinessLinesByEnterpriseCodes,
  findEnterprisesByCodes,
  findHouseholdBusinessesByNumbers,
  findHouseholdBusinessesByOwnerIds,
  findHouseholdBusinessLinesByNumbers,
  findOwnersByEnterpriseCodes,
  findOwnershipsByPersonalIds,
  findRepresentativesByEnterpriseCodes,
  findRepresentativesByPersonalIds,
} from './repository.js'

/** The business subgraph's DataLoaders; see {@link createBusinessLoaders}. */
export interface BusinessLoaders {
  enterpriseByCode: DataLoader<string, EnterpriseRow | undefined>
  branchesByParentCode: DataLoader<string, EnterpriseRow[]>
  representativesByEnterpriseCode: DataLoader<string, EnterpriseRepresentativeRow[]>
  ownersByEnterpriseCode: DataLoader<string, EnterpriseOwnerRow[]>
  businessLinesByEnterpriseCode: DataLoader<string, EnterpriseBusinessLineRow[]>
  /** Legal-representative records naming a citizen. */
  representationsByPersonalId: DataLoader<string, EnterpriseRepresentativeRow[]>
  /** Capital a citizen owns. */
  ownershipsByPersonalId: DataLoader<string, EnterpriseOwnerRow[]>
  householdBusinessByNumber: DataLoader<string, HouseholdBusinessRow | undefined>
  householdBusinessesByOwnerId: DataLoader<string, HouseholdBusinessRow[]>
  businessLinesByRegistrationNumber: DataLoader<string, HouseholdBusinessLineRow[]>
}

/**
 * One set of DataLoaders per request: every lookup by key made while resolving
 * one operation is batched into one statement per loader, so `_entities` with N
 * citizens costs the same number of statements as with one.
 *
 * ```ts
 * const loaders = createBusinessLoaders(db)
 * await Promise.all(['0100109106', '0100233488'].map((code) => loaders.enterpriseByCode.load(code))) // one SELECT
 * ```
 */
export function createBusinessLoaders(db: Kysely<BusinessDatabase>): BusinessLoaders {
  return {
    enterpriseByCode: new DataLoader(async (codes) => indexBy(await findEnterprisesByCodes(db, codes), codes, (row) => row.enterprise_code)),
    branchesByParentCode: new DataLoader(async (codes) => groupBy(await findBranchesByParentCodes(db, codes), codes, (row) => row.parent_code!)),
    representativesByEnterpriseCode: new DataLoader(async (codes) =>
      groupBy(await findRepresentativesByEnterpriseCodes(db, codes), codes, (row) => row.enterprise_code),
    ),
    ownersByEnterpriseCode: new DataLoader(async (codes) => groupBy(await findOwnersByEnterpriseCodes(db, codes), codes, (row) => row.enterprise_code)),
    businessLinesByEnterpriseCode: new DataLoader(async (codes) =>
      groupBy(await findBusinessLinesByEnterpriseCodes(db, codes), codes, (row) => row.enterprise_code),
    ),
    representationsByPersonalId: new DataLoader(async (ids) => groupBy(await findRepresentativesByPersonalIds(db, ids), ids, (row) => row.personal_id)),
    ownershipsByPersonalId: new DataLoader(async (ids) => groupBy(await findOwnershipsByPersonalIds(db, ids), ids, (row) => row.owner_id)),
    householdBusinessByNumber: new DataLoader(async (numbers) =>
      indexBy(await findHouseholdBusinessesByNumbers(db, numbers), numbers, (row) => row.registration_number),
    ),
    householdBusinessesByOwnerId: new DataLoader(async (ids) => groupBy(await findHouseholdBusinessesByOwnerIds(db, ids), ids, (row) => row.owner_id)),
    businessLinesByRegistrationNumber: new DataLoader(async (numbers) =>
      groupBy(await findHouseholdBusinessLinesByNumbers(db, numbers), numbers, (row) => row.registration_number),
    ),
  }
}
