/**
 * The statements the register subgraphs run on the gateway's hot paths (the
 * citizen profile's `_entities` lookups, the address loaders, citizen search
 * and paging), captured from the repositories' own functions and run with
 * `EXPLAIN (ANALYZE, BUFFERS)` on the 1,000,000-citizen nation with realistic
 * keys (50 per batch, sampled from the data). A sequential scan of a big table
 * on one of them is a missing index.
 */
import { databaseNameOf, withDatabaseClient } from '@lienthong/lib'
import { findAddressesByIds, findCrosswalkByLegacyCodes, findResolutionsByAddressIds, type RegisterAddressDatabase } from '@lienthong/lib/registers'
import type { DatabaseName } from '@lienthong/migrations'
import type { RegisterName } from '@lienthong/seed'
import type { BusinessDatabase } from '@lienthong/subgraph-business'
import type { CivilStatusDatabase } from '@lienthong/subgraph-civil-status'
import type { InsuranceDatabase } from '@lienthong/subgraph-insurance'
import type { LandDatabase } from '@lienthong/subgraph-land'
import type { PopulationDatabase } from '@lienthong/subgraph-population'
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, type CompiledQuery } from 'kysely'
import pg from 'pg'
import * as business from '../../subgraphs/business/src/repository.js'
import * as civilStatus from '../../subgraphs/civil-status/src/repository.js'
import * as insurance from '../../subgraphs/insurance/src/repository.js'
import * as land from '../../subgraphs/land/src/repository.js'
import * as population from '../../subgraphs/population/src/repository.js'
import type { BenchmarkReport } from './report.js'
import { ensureNation, MILLION_NATION } from './support/nation.js'

/** Keys per batch: a DataLoader batch of one `_entities` call or one page. */
const BATCH = 50
/** A sequential scan of a table with more rows than this is a defect on a hot path. */
const BIG_TABLE_ROWS = 10_000
/** Page size of the paging queries: `first: 100`, plus the one row that tells whether a page follows. */
const PAGE = 101

/** Keys sampled from one register, by name (`personalIds`, `parcelIds`, …). */
type Samples = Record<string, string[]>

interface HotQuery<DB> {
  name: string
  /** The keys it needs from the register's sample. */
  run: (db: Kysely<DB>, keys: Samples) => Promise<unknown>
}

interface RegisterQueries<DB> {
  register: RegisterName
  /** Key name → `table.column` (with an optional filter) the keys are sampled from. */
  samples: Record<string, { table: string; column: string; where?: string }>
  queries: HotQuery<DB>[]
}

/** What `explainHotQueries` found. */
export interface HotQueryReport {
  plans: HotQueryPlan[]
  /**
   * Big tables the planner has no statistics for (`register.table`): never
   * analysed, so it misjudges `= ANY($1)` and scans them whole. A bulk load
   * must ANALYZE (the seed does); autovacuum may be off or late.
   */
  tablesWithoutStatistics: string[]
}

/** What the statement of one hot query did. */
export interface HotQueryPlan {
  register: RegisterName
  name: string
  sql: string
  /** Scan nodes, e.g. `Index Scan citizen(citizen_pkey)`, `Seq Scan address`. */
  scans: string[]
  /** Sequential scans of big tables: missing indexes. */
  seqScansOfBigTables: string[]
  rows: number
  /** Execution time of the first run (the data mostly out of PostgreSQL's buffers) and of a repeat. */
  firstMs: number
  repeatMs: number
  /** Shared buffers read from outside PostgreSQL's cache on the first run. */
  buffersRead: number
}

const personalIds = { table: 'citizen', column: 'personal_id' }
const addressQueries = <DB extends RegisterAddressDatabase>(): HotQuery<DB>[] => [
  { name: 'address by id (address loader)', run: (db, keys) => findAddressesByIds(db, keys.addressIds!.map(Number)) },
  { name: 'crosswalk by legacy commune (candidates)', run: (db, keys) => findCrosswalkByLegacyCodes(db, keys.legacyCodes!) },
  { name: 'resolutions by address id', run: (db, keys) => findResolutionsByAddressIds(db, keys.addressIds!.map(Number)) },
]
const addressSamples = {
  addressIds: { table: 'address', column: 'id' },
  legacyCodes: { table: 'address', column: 'legacy_commune_code' },
}

const POPULATION: RegisterQueries<PopulationDatabase> = {
  register: 'population',
  samples: {
    personalIds,
    householdIds: { table: 'household', column: 'id' },
    fullNames: { table: 'citizen', column: 'full_name' },
    birthDates: { table: 'citizen', column: 'birth_date::text' },
    communeCodes: { table: 'address', column: 'commune_code', where: `mapping_status = 'EXACT'` },
    ...addressSamples,
  },
  queries: [
    { name: 'citizens by personal id (_entities, citizen(s))', run: (db, keys) => population.findCitizensByIds(db, keys.personalIds!) },
    { name: 'households by id', run: (db, keys) => population.findHouseholdsByIds(db, keys.householdIds!) },
    { name: 'members by household', run: (db, keys) => population.findMembersByHouseholdIds(db, keys.householdIds!) },
    { name: 'children by parent', run: (db, keys) => population.findChildrenByParentIds(db, keys.personalIds!) },
    ...addressQueries<PopulationDatabase>(),
    { name: 'allCitizens, first page', run: (db) => population.searchCitizens(db, {}, { limit: PAGE }) },
    { name: 'allCitizens, a page in the middle', run: (db, keys) => population.searchCitizens(db, {}, { afterPersonalId: keys.personalIds![0], limit: PAGE }) },
    { name: 'searchCitizens by full name', run: (db, keys) => population.searchCitizens(db, { fullName: keys.fullNames![0]!.normalize('NFC') }, { limit: PAGE }) },
    {
      name: 'searchCitizens by name prefix (family + middle name)',
      run: (db, keys) => population.searchCitizens(db, { namePrefix: keys.fullNames![0]!.normalize('NFC').split(' ').slice(0, 2).join(' ') }, { limit: PAGE }),
    },
    { name: 'searchCitizens by birth date', run: (db, keys) => population.searchCitizens(db, { birthDate: keys.birthDates![0] }, { limit: PAGE }) },
    { name: 'searchCitizens by 2025 commune', run: (db, keys) => population.searchCitizens(db, { communeCode: keys.communeCodes![0] }, { limit: PAGE }) },
    {
      name: 'searchCitizens by legacy commune',
      run: (db, keys) => population.searchCitizens(db, { legacyCommuneCode: keys.legacyCodes![0] }, { limit: PAGE }),
    },
  ],
}

const CIVIL_STATUS: RegisterQueries<CivilStatusDatabase> = {
  register: 'civil-status',
  samples: {
    personalIds,
    birthIds: { table: 'birth_registration', column: 'id' },
    marriageIds: { table: 'marriage_registration', column: 'id' },
    deathIds: { table: 'death_registration', column: 'id' },
    ...addressSamples,
  },
  queries: [
    { name: 'births by child (recordsByPersonId)', run: (db, keys) => civilStatus.findBirthRegistrationsByChildIds(db, keys.personalIds!) },
    { name: 'marriages by spouse (recordsByPersonId)', run: (db, keys) => civilStatus.findMarriageRegistrationsBySpouseIds(db, keys.personalIds!) },
    { name: 'deaths by deceased (recordsByPersonId)', run: (db, keys) => civilStatus.findDeathRegistrationsByDeceasedIds(db, keys.personalIds!) },
    { name: 'births by parent', run: (db, keys) => civilStatus.findBirthRegistrationsByParentIds(db, keys.personalIds!) },
    { name: 'births by id', run: (db, keys) => civilStatus.findBirthRegistrationsByIds(db, keys.birthIds!) },
    { name: 'marriages by id', run: (db, keys) => civilStatus.findMarriageRegistrationsByIds(db, keys.marriageIds!) },
    { name: 'deaths by id', run: (db, keys) => civilStatus.findDeathRegistrationsByIds(db, keys.deathIds!) },
    ...addressQueries<CivilStatusDatabase>(),
  ],
}

const LAND: RegisterQueries<LandDatabase> = {
  register: 'land',
  samples: {
    personalIds,
    parcelIds: { table: 'land_parcel', column: 'id' },
    enterpriseCodes: { table: 'land_right_holder', column: 'holder_id', where: `kind = 'ENTERPRISE'` },
    ...addressSamples,
  },
  queries: [
    { name: 'holdings by citizen (landRights)', run: (db, keys) => land.findHoldingsByHolderIds(db, 'CITIZEN', keys.personalIds!) },
    { name: 'holdings by enterprise', run: (db, keys) => land.findHoldingsByHolderIds(db, 'ENTERPRISE', keys.enterpriseCodes!) },
    { name: 'parcels by id', run: (db, keys) => land.findParcelsByIds(db, keys.parcelIds!) },
    { name: 'uses by parcel', run: (db, keys) => land.findUsesByParcelIds(db, keys.parcelIds!) },
    { name: 'certificates by parcel', run: (db, keys) => land.findCertificatesByParcelIds(db, keys.parcelIds!) },
    { name: 'holders by parcel', run: (db, keys) => land.findHoldersByParcelIds(db, keys.parcelIds!) },
    { name: 'encumbrances by parcel', run: (db, keys) => land.findEncumbrancesByParcelIds(db, keys.parcelIds!) },
    ...addressQueries<LandDatabase>(),
  ],
}

const BUSINESS: RegisterQueries<BusinessDatabase> = {
  register: 'business',
  samples: {
    personalIds,
    enterpriseCodes: { table: 'enterprise', column: 'enterprise_code' },
    parentCodes: { table: 'enterprise', column: 'parent_code' },
    registrationNumbers: { table: 'household_business', column: 'registration_number' },
    ...addressSamples,
  },
  queries: [
    { name: 'representations by citizen (enterprises)', run: (db, keys) => business.findRepresentativesByPersonalIds(db, keys.personalIds!) },
    { name: 'ownerships by citizen (enterprises)', run: (db, keys) => business.findOwnershipsByPersonalIds(db, keys.personalIds!) },
    { name: 'household businesses by owner', run: (db, keys) => business.findHouseholdBusinessesByOwnerIds(db, keys.personalIds!) },
    { name: 'enterprises by code', run: (db, keys) => business.findEnterprisesByCodes(db, keys.enterpriseCodes!) },
    { name: 'branches by parent', run: (db, keys) => business.findBranchesByParentCodes(db, keys.parentCodes!) },
    { name: 'representatives by enterprise', run: (db, keys) => business.findRepresentativesByEnterpriseCodes(db, keys.enterpriseCodes!) },
    { name: 'owners by enterprise', run: (db, keys) => business.findOwnersByEnterpriseCodes(db, keys.enterpriseCodes!) },
    { name: 'business lines by enterprise', run: (db, keys) => business.findBusinessLinesByEnterpriseCodes(db, keys.enterpriseCodes!) },
    { name: 'household businesses by number', run: (db, keys) => business.findHouseholdBusinessesByNumbers(db, keys.registrationNumbers!) },
    { name: 'household business lines by number', run: (db, keys) => business.findHouseholdBusinessLinesByNumbers(db, keys.registrationNumbers!) },
    ...addressQueries<BusinessDatabase>(),
  ],
}

const INSURANCE: RegisterQueries<InsuranceDatabase> = {
  register: 'insurance',
  samples: {
    personalIds,
    insuranceNumbers: { table: 'social_insurance_record', column: 'social_insurance_number' },
    cardNumbers: { table: 'health_insurance_card', column: 'card_number' },
    ...addressSamples,
  },
  queries: [
    { name: 'social insurance by citizen', run: (db, keys) => insurance.findSocialInsuranceRecordsByPersonalIds(db, keys.personalIds!) },
    { name: 'health insurance cards by citizen', run: (db, keys) => insurance.findHealthInsuranceCardsByPersonalIds(db, keys.personalIds!) },
    { name: 'social insurance by number', run: (db, keys) => insurance.findSocialInsuranceRecordsByNumbers(db, keys.insuranceNumbers!) },
    { name: 'participation periods by number', run: (db, keys) => insurance.findParticipationPeriodsByNumbers(db, keys.insuranceNumbers!) },
    { name: 'health insurance cards by number', run: (db, keys) => insurance.findHealthInsuranceCardsByNumbers(db, keys.cardNumbers!) },
    ...addressQueries<InsuranceDatabase>(),
  ],
}

const REGISTER_QUERIES = [POPULATION, CIVIL_STATUS, LAND, BUSINESS, INSURANCE] as RegisterQueries<unknown>[]

/**
 * EXPLAIN (ANALYZE, BUFFERS) of every hot query on the given databases (the
 * five registers of a seeded nation). Personal ids are sampled from the
 * population register and used in every register, as the gateway does.
 */
export async function explainHotQueries(databaseUrls: Map<DatabaseName, string>): Promise<HotQueryReport> {
  const plans: HotQueryPlan[] = []
  const tablesWithoutStatistics: string[] = []
  const populationIds = await withClient(databaseUrls.get('population')!, (client) => sampleKeys(client, personalIds.table, personalIds.column))
  for (const { register, samples, queries } of REGISTER_QUERIES) {
    await withClient(databaseUrls.get(register)!, async (client) => {
      const keys: Samples = {}
      for (const [name, source] of Object.entries(samples)) {
        keys[name] = source === personalIds ? populationIds : await sampleKeys(client, source.table, source.column, source.where)
      }
      const bigTables = await tablesOver(client, BIG_TABLE_ROWS)
      for (const table of await tablesNeverAnalysed(client)) if (bigTables.has(table)) tablesWithoutStatistics.push(`${register}.${table}`)
      for (const query of queries) plans.push(await explainOne(client, register, query, keys, bigTables))
    })
  }
  return { plans, tablesWithoutStatistics }
}

/** The explain scenario: the hot queries on the `bench_1m_*` nation (seeded first if needed). */
export async function runExplainBenchmark(): Promise<BenchmarkReport> {
  const { databaseUrls } = await ensureNation(MILLION_NATION)
  const lines = formatPlans(await explainHotQueries(databaseUrls))
  console.log(lines.join('\n'))
  return { title: `Hot queries at ${MILLION_NATION.citizens.toLocaleString('en')} citizens: plans and times`, lines }
}

/** The plans as Markdown: one table row per query, the defects listed after it. */
export function formatPlans({ plans, tablesWithoutStatistics }: HotQueryReport): string[] {
  const defects = plans.filter((plan) => plan.seqScansOfBigTables.length > 0)
  const slowest = [...plans].sort((a, b) => b.firstMs - a.firstMs)[0]
  return [
    `${plans.length} statements of the subgraphs' repositories, each with ${BATCH} keys sampled from the nation (pages of ${PAGE - 1} + 1 rows), ` +
      `run with EXPLAIN (ANALYZE, BUFFERS): first run, then a repeat. Sequential scans of tables over ${BIG_TABLE_ROWS.toLocaleString('en')} rows are defects.`,
    '',
    `**${defects.length === 0 ? 'No sequential scan of a big table' : `${defects.length} sequential scan(s) of big tables`}**; ` +
      `slowest first run: ${slowest ? `${slowest.register} / ${slowest.name}, ${slowest.firstMs.toFixed(1)} ms` : '—'}; ` +
      (tablesWithoutStatistics.length === 0
        ? 'every big table has planner statistics.'
        : `**no planner statistics (never analysed) for ${tablesWithoutStatistics.join(', ')}**: the plans below are not those of an analysed database.`),
    '',
    '| register | query | scans | rows | first ms | repeat ms | blocks read |',
    '|---|---|---|---:|---:|---:|---:|',
    ...plans.map(
      (plan) =>
        `| ${plan.register} | ${plan.name} | ${plan.scans.join(', ')}${plan.seqScansOfBigTables.length > 0 ? ' ⚠' : ''} | ${plan.rows} | ` +
        `${plan.firstMs.toFixed(2)} | ${plan.repeatMs.toFixed(2)} | ${plan.buffersRead} |`,
    ),
    ...(defects.length > 0 ? ['', 'Defects:', '', ...defects.map((plan) => `- ${plan.register} / ${plan.name}: ${plan.seqScansOfBigTables.join(', ')}\n  \`${plan.sql}\``)] : []),
  ]
}

async function explainOne<DB>(client: pg.Client, register: RegisterName, query: HotQuery<DB>, keys: Samples, bigTables: Set<string>): Promise<HotQueryPlan> {
  const statements = await capture<DB>((db) => query.run(db, keys))
  if (statements.length !== 1) throw new Error(`${register} / ${query.name}: expected one statement, got ${statements.length}`)
  const statement = statements[0]!
  const explain = async () => {
    const { rows } = await client.query<{ 'QUERY PLAN': [ExplainOutput] }>(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${statement.sql}`, [...statement.parameters])
    return rows[0]!['QUERY PLAN'][0]
  }
  const first = await explain()
  const repeat = await explain()
  const scans = scanNodes(first.Plan)
  return {
    register,
    name: query.name,
    sql: statement.sql,
    scans: [...new Set(scans.map(describeScan))],
    seqScansOfBigTables: [...new Set(scans.filter((node) => node['Node Type'] === 'Seq Scan' && bigTables.has(node['Relation Name']!)).map(describeScan))],
    rows: first.Plan['Actual Rows'],
    firstMs: first['Execution Time'],
    repeatMs: repeat['Execution Time'],
    buffersRead: first.Plan['Shared Read Blocks'] ?? 0,
  }
}

interface PlanNode {
  'Node Type': string
  'Relation Name'?: string
  'Index Name'?: string
  'Actual Rows': number
  'Shared Read Blocks'?: number
  Plans?: PlanNode[]
}
interface ExplainOutput {
  Plan: PlanNode
  'Execution Time': number
}

function scanNodes(node: PlanNode): PlanNode[] {
  const own = node['Relation Name'] !== undefined || node['Index Name'] !== undefined ? [node] : []
  return [...own, ...(node.Plans ?? []).flatMap(scanNodes)]
}

function describeScan(node: PlanNode): string {
  const relation = node['Relation Name'] ?? ''
  return node['Index Name'] ? `${node['Node Type']} ${relation}(${node['Index Name']})`.replace(' ()', '') : `${node['Node Type']} ${relation}`
}

/** The statements a repository function runs, compiled by kysely without touching a database. */
async function capture<DB>(work: (db: Kysely<DB>) => Promise<unknown>): Promise<CompiledQuery[]> {
  const statements: CompiledQuery[] = []
  const db = new Kysely<DB>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (introspected) => new PostgresIntrospector(introspected),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
    log: (event) => {
      if (event.level === 'query') statements.push(event.query)
    },
  })
  await work(db)
  await db.destroy()
  return statements
}

/**
 * `count` distinct values of a column, spread over the table: a block sample
 * (TABLESAMPLE SYSTEM, a few hundred pages, repeatable) ordered by a hash, so
 * the keys come from all over the table without reading all of it.
 */
async function sampleKeys(client: pg.Client, table: string, column: string, where = 'true', count = BATCH): Promise<string[]> {
  const { rows: sizes } = await client.query<{ pages: number }>(`SELECT greatest(relpages, 1)::int AS pages FROM pg_class WHERE oid = $1::regclass`, [table])
  const percent = Math.min(100, (100 * 400) / sizes[0]!.pages)
  const { rows } = await client.query<{ value: string }>(
    `SELECT DISTINCT ${column} AS value, md5(${column}::text) AS hash FROM ${pg.escapeIdentifier(table)} TABLESAMPLE SYSTEM (${percent.toFixed(4)}) REPEATABLE (${MILLION_NATION.seed})
     WHERE ${column} IS NOT NULL AND ${where} ORDER BY hash LIMIT ${count}`,
  )
  if (rows.length === 0) throw new Error(`no ${table}.${column} to sample in ${client.database}`)
  return rows.map((row) => String(row.value).trimEnd())
}

async function tablesNeverAnalysed(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT relname AS name FROM pg_stat_user_tables WHERE schemaname = 'public' AND last_analyze IS NULL AND last_autoanalyze IS NULL`,
  )
  return rows.map((row) => row.name)
}

async function tablesOver(client: pg.Client, rows: number): Promise<Set<string>> {
  // The live-row count the statistics collector keeps: right even before the first ANALYZE (reltuples is -1 until then).
  const { rows: tables } = await client.query<{ name: string }>(
    `SELECT relname AS name FROM pg_stat_user_tables WHERE schemaname = 'public' AND greatest(n_live_tup, (SELECT reltuples FROM pg_class WHERE oid = relid)) > $1`,
    [rows],
  )
  return new Set(tables.map((table) => table.name))
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  try {
    return await withDatabaseClient(url, work)
  } catch (error) {
    throw new Error(`${databaseNameOf(url)}: ${error instanceof Error ? error.message : String(error)}`, { cause: error })
  }
}
