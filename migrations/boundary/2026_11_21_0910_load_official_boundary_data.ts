import { readFileSync } from 'node:fs'
import { parse } from 'csv-parse/sync'
import { sql, type Kysely } from 'kysely'

// Official boundary data copied from the normalised public datasets; sources
// and licences are in ./data/README.md. Each table is loaded by one set-based
// INSERT … SELECT FROM jsonb_to_recordset, not row by row.

type CsvRow = Record<string, string>

function readCsv(file: string): CsvRow[] {
  const text = readFileSync(new URL(`./data/${file}`, import.meta.url), 'utf8')
  return parse(text, { columns: true, skip_empty_lines: true, trim: true }) as CsvRow[]
}

const nullIfEmpty = (value: string | undefined) => (value === undefined || value === '' ? null : value)
// Some figures are published as "đang cập nhật" (being updated): not a number, so unknown.
const numberOrNull = (value: string | undefined) => (value !== undefined && /^\d+(\.\d+)?$/.test(value) ? value : null)

async function insertRows(db: Kysely<any>, table: string, columns: Record<string, string>, rows: object[]): Promise<void> {
  const names = Object.keys(columns)
  const recordType = names.map((name) => `${name} ${columns[name]}`).join(', ')
  await sql`
    INSERT INTO ${sql.table(table)} (${sql.raw(names.join(', '))})
    SELECT ${sql.raw(names.join(', '))}
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS row(${sql.raw(recordType)})
  `.execute(db)
}

export async function up(db: Kysely<any>): Promise<void> {
  await insertRows(
    db,
    'province',
    { code: 'text', name: 'text', short_name: 'text', type: 'text', name_en: 'text', full_name_en: 'text', area_km2: 'numeric', population: 'integer' },
    readCsv('provinces-2025.csv').map((row) => ({ ...row, area_km2: numberOrNull(row.area_km2), population: numberOrNull(row.population) })),
  )
  await insertRows(
    db,
    'commune',
    { code: 'text', name: 'text', short_name: 'text', type: 'text', province_code: 'text', name_en: 'text', area_km2: 'numeric', population: 'integer', resolution: 'text' },
    readCsv('communes-2025.csv').map((row) => ({
      ...row,
      area_km2: numberOrNull(row.area_km2),
      population: numberOrNull(row.population),
      resolution: nullIfEmpty(row.resolution),
    })),
  )
  await insertRows(
    db,
    'legacy_province',
    { code: 'text', name: 'text', short_name: 'text', type: 'text', new_province_code: 'text' },
    readCsv('legacy-provinces.csv'),
  )
  await insertRows(
    db,
    'legacy_district',
    { code: 'text', name: 'text', short_name: 'text', type: 'text', province_code: 'text', new_commune_code_if_no_communes: 'text' },
    readCsv('legacy-districts.csv').map((row) => ({ ...row, new_commune_code_if_no_communes: nullIfEmpty(row.new_commune_code_if_no_communes) })),
  )
  await insertRows(
    db,
    'legacy_commune',
    { code: 'text', name: 'text', short_name: 'text', type: 'text', district_code: 'text', province_code: 'text', alt_names: 'text[]' },
    readCsv('legacy-communes.csv').map((row) => ({ ...row, alt_names: row.alt_names ? row.alt_names.split(';') : [] })),
  )
  await insertRows(
    db,
    'legacy_succession',
    { legacy_commune_code: 'text', new_commune_code: 'text', relation: 'text', is_primary: 'boolean', primary_basis: 'text' },
    readCsv('legacy-to-2025.csv').map((row) => ({ ...row, is_primary: row.is_primary === '1', primary_basis: nullIfEmpty(row.primary_basis) })),
  )
  await insertRows(
    db,
    'legacy_commune_alias',
    { legacy_commune_code: 'text', alias: 'text', kind: 'text', year: 'integer', source: 'text' },
    readCsv('legacy-commune-aliases.csv').map((row) => ({ ...row, year: nullIfEmpty(row.year), source: nullIfEmpty(row.source) })),
  )
  await insertRows(
    db,
    'legacy_district_alias',
    { legacy_district_code: 'text', alias: 'text', kind: 'text', is_default: 'boolean', source: 'text' },
    readCsv('legacy-district-aliases.csv').map((row) => ({ ...row, is_default: row.is_default === '1', source: nullIfEmpty(row.source) })),
  )
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'legacy_district_alias',
    'legacy_commune_alias',
    'legacy_succession',
    'legacy_commune',
    'legacy_district',
    'legacy_province',
    'commune',
    'province',
  ]) {
    await sql`DELETE FROM ${sql.table(table)}`.execute(db)
  }
}
