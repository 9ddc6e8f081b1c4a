import { readFileSync } from 'node:fs'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAddressConverter, type AddressConverter } from '../src/address/converter.js'
import { readGazetteerDataFromFiles } from '../src/address/gazetteer-files.js'
import type { GazetteerData } from '../src/address/types.js'
import { findGazetteerData } from '../src/repository.js'
import { createTestBoundaryDatabase, type TestBoundaryDatabase } from './test-setup.js'

interface ExpectedConversion {
  address: string
  form: string
  expected_status: string
  expected_commune_code: string
  expected_candidate_codes: string
  /** Only in the curated set. */
  expected_legacy_commune_code?: string
  expected_street?: string
}

const readExpected = (file: string) => parse(readFileSync(new URL(`./fixtures/${file}`, import.meta.url), 'utf8'), { columns: true }) as ExpectedConversion[]
// Two sets with expected results from the official data only (fixtures/README.md): the curated one
// (hand-written cases plus generated ones) and one written independently of it and of the converter.
const EXPECTED = readExpected('addresses.csv')
const INDEPENDENT = readExpected('addresses-independent.csv')

let database: TestBoundaryDatabase
let data: GazetteerData
let converter: AddressConverter

beforeAll(async () => {
  database = await createTestBoundaryDatabase('address_conversion')
  data = await findGazetteerData(database.db)
  converter = createAddressConverter(data)
})

afterAll(async () => {
  await database?.drop()
})

const sorted = <T>(rows: T[]) => rows.map((row) => JSON.stringify(row)).sort()

describe('gazetteer data', () => {
  it('when read from the migrated database and from the shipped CSVs, then both hold the same units, crosswalk and aliases', () => {
    const files = readGazetteerDataFromFiles()
    for (const key of Object.keys(files) as Array<keyof GazetteerData>) {
      expect(sorted(data[key] as object[]), key).toEqual(sorted(files[key] as object[]))
    }
  })
})

describe('convertLegacyAddress on the curated address set', () => {
  it('holds at least 200 addresses in every form the converter must read', () => {
    expect(EXPECTED.length).toBeGreaterThanOrEqual(200)
    const forms = new Set(EXPECTED.map((row) => row.form))
    for (const form of ['abbrev', 'numbered-ward', 'no-diacritics', 'english', 'typo', 'street-hamlet', 'commas', 'nfd', 'former-name', 'former-district', 'no-district', '2025-form', 'split', 'special-zone', 'merged-province', 'garbage']) {
      expect(forms).toContain(form)
    }
  })

  it.each(EXPECTED.map((row) => [row.form, row.address, row] as const))('when the address is %s "%s", then it converts as expected', (_form, address, row) => {
    expectConversion(address, row)
  })
})

describe('convertLegacyAddress on the independently written address set', () => {
  it.each(INDEPENDENT.map((row) => [row.form, row.address, row] as const))('when the address is %s "%s", then it converts as expected', (_form, address, row) => {
    expectConversion(address, row)
  })
})

function expectConversion(address: string, row: ExpectedConversion): void {
  const result = converter.convert(address)
  expect(result.status).toBe(row.expected_status)
  expect(result.communeCode).toBe(row.expected_commune_code || null)
  if (row.expected_legacy_commune_code) expect(result.legacyCommuneCode).toBe(row.expected_legacy_commune_code)
  expect([...new Set(result.candidates.map((candidate) => candidate.communeCode))].sort().join(';')).toBe(row.expected_candidate_codes)
  if (row.expected_street !== undefined) expect(result.street ?? '').toBe(row.expected_street)
}

describe('convertLegacyAddress rules', () => {
  it('when a split legacy commune is named, then every candidate comes back with exactly one primary, never a single answer', () => {
    const result = converter.convert('Phường Đa Kao, Quận 1, TP.HCM')
    expect(result.status).toBe('SPLIT_NEEDS_REVIEW')
    expect(result.communeCode).toBeNull()
    expect(result.candidates.map((candidate) => [candidate.communeCode, candidate.relation, candidate.isPrimary])).toEqual([
      ['26737', 'PART', true],
      ['26740', 'PART', false],
    ])
  })

  it('when no split legacy commune is named with its district, then no EXACT answer is given for it', () => {
    const splitCodes = new Set(data.successions.filter((succession) => succession.relation === 'part').map((succession) => succession.legacyCommuneCode))
    const districtNames = new Map(data.legacyDistricts.map((district) => [district.code, district.name]))
    const provinceNames = new Map(data.legacyProvinces.map((province) => [province.code, province.name]))
    const split = data.legacyCommunes.filter((commune) => splitCodes.has(commune.code))
    expect(split.length).toBe(442)
    for (const commune of split) {
      const result = converter.convert(`${commune.name}, ${districtNames.get(commune.districtCode)}, ${provinceNames.get(commune.provinceCode)}`)
      expect(result.status, commune.code).not.toBe('EXACT')
    }
  })

  it('when a numbered ward is written without its district, then the answer is AMBIGUOUS with the candidates of every such ward', () => {
    const result = converter.convert('Phường 16, TP.HCM')
    expect(result.status).toBe('AMBIGUOUS')
    expect(result.candidates.length).toBeGreaterThan(1)
    expect(new Set(result.candidates.map((candidate) => candidate.legacyCommuneCode)).size).toBeGreaterThan(1)
  })

  it('when the text names no place, then the answer is NOT_FOUND, not an error', () => {
    for (const address of ['', '   ', 'xyz', '123/45/6', 'Phường Không Tồn Tại, Quận 1, TP.HCM']) {
      expect(converter.convert(address).status).toBe('NOT_FOUND')
    }
  })

  it('when a very long text precedes the units, then they are still found and the text is kept as the street', () => {
    const street = Array.from({ length: 400 }, (_, i) => `Lô ${i}`).join(' ')
    const result = converter.convert(`${street}, Phường Bến Nghé, Quận 1, TP.HCM`)
    expect(result).toMatchObject({ status: 'EXACT', communeCode: '26740', street })
  })

  it('when an unplaceable address still names a province, then that 2025 province is returned', () => {
    expect(converter.convert('Đường không tên, Tỉnh Bình Dương')).toMatchObject({ status: 'NOT_FOUND', provinceCode: '79' })
  })
})
