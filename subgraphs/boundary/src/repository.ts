import { sql, type Kysely } from 'kysely'
import type { GazetteerData } from './address/types.js'
import type { BoundaryDatabase, CommuneRow } from './database.js'
import {
  communeRowToAdministrativeUnit,
  legacyCommuneRowToLegacyUnit,
  legacyDistrictRowToLegacyUnit,
  legacyProvinceRowToLegacyUnit,
  provinceRowToAdministrativeUnit,
  successionRowToSuccession,
  type AdministrativeUnit,
  type AdministrativeUnitPage,
  type LegacyAdministrativeUnit,
  type Succession,
} from './model.js'
import { encodeCursor } from './pagination.js'

// The only file of the boundary subgraph that builds SQL. Functions take the
// database first; batch functions (`…ByCodes`) return what they find, in any
// order, and the loaders put it back in key order.

type BoundaryDb = Kysely<BoundaryDatabase>

/** The 34 provinces of 2025, by code. */
export async function findProvinces(db: BoundaryDb): Promise<AdministrativeUnit[]> {
  const rows = await db.selectFrom('province').selectAll().orderBy('code').execute()
  return rows.map(provinceRowToAdministrativeUnit)
}

export async function findProvincesByCodes(db: BoundaryDb, codes: readonly string[]): Promise<AdministrativeUnit[]> {
  const rows = await db.selectFrom('province').selectAll().where('code', 'in', codes).execute()
  return rows.map(provinceRowToAdministrativeUnit)
}

export async function findCommunesByCodes(db: BoundaryDb, codes: readonly string[]): Promise<AdministrativeUnit[]> {
  const rows = await db.selectFrom('commune').selectAll().where('code', 'in', codes).execute()
  return rows.map(communeRowToAdministrativeUnit)
}

/**
 * Legacy units of any level by code. The code's length tells the table
 * (2 province, 3 district, 5 commune), so one statement runs per level present.
 */
export async function findLegacyUnitsByCodes(db: BoundaryDb, codes: readonly string[]): Promise<LegacyAdministrativeUnit[]> {
  const byLength = (length: number) => codes.filter((code) => code.length === length)
  const [provinces, districts, communes] = await Promise.all([
    whenAny(byLength(2), (some) => db.selectFrom('legacy_province').selectAll().where('code', 'in', some).execute()),
    whenAny(byLength(3), (some) => db.selectFrom('legacy_district').selectAll().where('code', 'in', some).execute()),
    whenAny(byLength(5), (some) =>
      db
        .selectFrom('legacy_commune')
        .select(['code', 'name', 'short_name', 'type', 'district_code', 'province_code'])
        .where('code', 'in', some)
        .execute(),
    ),
  ])
  return [
    ...provinces.map(legacyProvinceRowToLegacyUnit),
    ...districts.map(legacyDistrictRowToLegacyUnit),
    ...communes.map(legacyCommuneRowToLegacyUnit),
  ]
}

async function whenAny<T>(codes: string[], find: (codes: string[]) => Promise<T[]>): Promise<T[]> {
  return codes.length === 0 ? [] : find(codes)
}

/** Crosswalk rows of legacy communes, each commune's primary destination first. */
export async function findSuccessionsByLegacyCommuneCodes(db: BoundaryDb, codes: readonly string[]): Promise<Succession[]> {
  const rows = await db
    .selectFrom('legacy_succession')
    .select(['legacy_commune_code', 'new_commune_code', 'relation', 'is_primary'])
    .where('legacy_commune_code', 'in', codes)
    .orderBy('legacy_commune_code')
    .orderBy('is_primary', 'desc')
    .orderBy('new_commune_code')
    .execute()
  return rows.map(successionRowToSuccession)
}

/**
 * What went into 2025 communes: their crosswalk rows plus, for a special zone,
 * the island district without communes it was formed from. Ordered by legacy code.
 */
export async function findPredecessorsByCommuneCodes(db: BoundaryDb, codes: readonly string[]): Promise<Succession[]> {
  const rows = await db
    .selectFrom('legacy_succession')
    .select(['legacy_commune_code', 'new_commune_code', 'relation', 'is_primary'])
    .where('new_commune_code', 'in', codes)
    .unionAll(
      db
        .selectFrom('legacy_district')
        .select([
          'code as legacy_commune_code',
          // The column is nullable; the WHERE below keeps only non-null values.
          sql<string>`new_commune_code_if_no_communes`.as('new_commune_code'),
          sql<'whole'>`'whole'`.as('relation'),
          sql<boolean>`true`.as('is_primary'),
        ])
        .where('new_commune_code_if_no_communes', 'in', codes),
    )
    .orderBy('legacy_commune_code')
    .execute()
  return rows.map(successionRowToSuccession)
}

/** One page of a province's communes: start after a commune code (or at the start), at most `first` units. */
export interface CommunePageRequest {
  provinceCode: string
  /** Exclusive lower bound; null for the first page. */
  afterCode: string | null
  first: number
}

type CommunePageRow = Partial<CommuneRow> & { key_index: number; total_count: number }

/**
 * Pages of several provinces' communes in one statement, in request order.
 *
 * Each request is a row of a `jsonb_to_recordset`; a lateral count gives the
 * province's total and a lateral `LIMIT first + 1` the page plus one row that
 * only tells whether another page follows.
 *
 * ```sql
 * SELECT request.key_index, total.total_count, page.*
 * FROM jsonb_to_recordset($1::jsonb) AS request(key_index int, province_code char(2), after_code char(5), page_size int)
 * CROSS JOIN LATERAL (SELECT count(*) … WHERE commune.province_code = request.province_code) AS total
 * LEFT JOIN LATERAL (SELECT commune.* … ORDER BY code LIMIT request.page_size + 1) AS page ON true
 * ```
 */
export async function findCommunePages(db: BoundaryDb, requests: readonly CommunePageRequest[]): Promise<AdministrativeUnitPage[]> {
  const parameters = JSON.stringify(
    requests.map((request, index) => ({
      key_index: index,
      province_code: request.provinceCode,
      after_code: request.afterCode,
      page_size: request.first,
    })),
  )
  const { rows } = await sql<CommunePageRow>`
    SELECT request.key_index, total.total_count, page.*
    FROM jsonb_to_recordset(${parameters}::jsonb)
      AS request(key_index int, province_code char(2), after_code char(5), page_size int)
    CROSS JOIN LATERAL (
      SELECT count(*) AS total_count FROM commune WHERE commune.province_code = request.province_code
    ) AS total
    LEFT JOIN LATERAL (
      SELECT commune.* FROM commune
      WHERE commune.province_code = request.province_code
        AND (request.after_code IS NULL OR commune.code > request.after_code)
      ORDER BY commune.code
      LIMIT request.page_size + 1
    ) AS page ON true
    ORDER BY request.key_index, page.code
  `.execute(db)

  const pages = requests.map(() => ({ totalCount: 0, rows: [] as CommuneRow[] }))
  for (const row of rows) {
    const page = pages[row.key_index]!
    page.totalCount = row.total_count
    if (row.code !== null && row.code !== undefined) page.rows.push(row as CommuneRow)
  }
  return pages.map(({ totalCount, rows: pageRows }, index) => {
    const first = requests[index]!.first
    const nodes = pageRows.slice(0, first).map(communeRowToAdministrativeUnit)
    const last = nodes.at(-1)
    return {
      totalCount,
      nodes,
      pageInfo: { hasNextPage: pageRows.length > first, endCursor: last ? encodeCursor(last.code) : null },
    }
  })
}

/** Every row the address converter and the search index need, read once at subgraph start. */
export async function findGazetteerData(db: BoundaryDb): Promise<GazetteerData> {
  const [provinces, communes, legacyProvinces, legacyDistricts, legacyCommunes, successions, communeAliases, districtAliases] =
    await Promise.all([
      db.selectFrom('province').select(['code', 'name', 'short_name', 'type', 'name_en']).orderBy('code').execute(),
      db.selectFrom('commune').select(['code', 'name', 'short_name', 'type', 'province_code']).orderBy('code').execute(),
      db.selectFrom('legacy_province').select(['code', 'name', 'short_name', 'type', 'new_province_code']).orderBy('code').execute(),
      db
        .selectFrom('legacy_district')
        .select(['code', 'name', 'short_name', 'type', 'province_code', 'new_commune_code_if_no_communes'])
        .orderBy('code')
        .execute(),
      db
        .selectFrom('legacy_commune')
        .select(['code', 'name', 'short_name', 'type', 'district_code', 'province_code', 'alt_names'])
        .orderBy('code')
        .execute(),
      db
        .selectFrom('legacy_succession')
        .select(['legacy_commune_code', 'new_commune_code', 'relation', 'is_primary'])
        .orderBy('legacy_commune_code')
        .orderBy('is_primary', 'desc')
        .orderBy('new_commune_code')
        .execute(),
      db.selectFrom('legacy_commune_alias').select(['legacy_commune_code', 'alias', 'kind']).orderBy('legacy_commune_code').orderBy('alias').execute(),
      db
        .selectFrom('legacy_district_alias')
        .select(['legacy_district_code', 'alias', 'kind', 'is_default'])
        .orderBy('legacy_district_code')
        .orderBy('alias')
        .execute(),
    ])
  return {
    provinces: provinces.map((row) => ({ code: row.code, name: row.name, shortName: row.short_name, type: row.type, nameEn: row.name_en })),
    communes: communes.map((row) => ({
      code: row.code,
      name: row.name,
      shortName: row.short_name,
      type: row.type,
      provinceCode: row.province_code,
    })),
    legacyProvinces: legacyProvinces.map((row) => ({
      code: row.code,
      name: row.name,
      shortName: row.short_name,
      type: row.type,
      newProvinceCode: row.new_province_code,
    })),
    legacyDistricts: legacyDistricts.map((row) => ({
      code: row.code,
      name: row.name,
      shortName: row.short_name,
      type: row.type,
      provinceCode: row.province_code,
      newCommuneCodeIfNoCommunes: row.new_commune_code_if_no_communes,
    })),
    legacyCommunes: legacyCommunes.map((row) => ({
      code: row.code,
      name: row.name,
      shortName: row.short_name,
      type: row.type,
      districtCode: row.district_code,
      provinceCode: row.province_code,
      altNames: row.alt_names,
    })),
    successions: successions.map((row) => ({
      legacyCommuneCode: row.legacy_commune_code,
      newCommuneCode: row.new_commune_code,
      relation: row.relation,
      isPrimary: row.is_primary,
    })),
    communeAliases: communeAliases.map((row) => ({ legacyCommuneCode: row.legacy_commune_code, alias: row.alias, kind: row.kind })),
    districtAliases: districtAliases.map((row) => ({
      legacyDistrictCode: row.legacy_district_code,
      alias: row.alias,
      kind: row.kind,
      isDefault: row.is_default,
    })),
  }
}
