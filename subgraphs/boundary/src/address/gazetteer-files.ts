import { readFileSync } from 'node:fs'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import { boundaryDataFolder } from '@lienthong/migrations'
import type { GazetteerData } from './types.js'

type CsvRow = Record<string, string>

/**
 * Reads the gazetteer straight from the official CSVs the boundary
 * migrations load, for tools that run without a database (`npm run convert`,
 * the in-process benchmark). The subgraph itself reads its database
 * (`findGazetteerData`); a test checks both give the same data.
 */
export function readGazetteerDataFromFiles(folder: string = boundaryDataFolder()): GazetteerData {
  const read = (file: string) => parse(readFileSync(path.join(folder, file), 'utf8'), { columns: true, skip_empty_lines: true, trim: true }) as CsvRow[]
  const text = (row: CsvRow, column: string): string => {
    const value = row[column]
    if (value === undefined) throw new Error(`${column} missing in the boundary data`)
    return value
  }
  return {
    provinces: read('provinces-2025.csv').map((row) => ({
      code: text(row, 'code'),
      name: text(row, 'name'),
      shortName: text(row, 'short_name'),
      type: text(row, 'type'),
      nameEn: text(row, 'name_en'),
    })),
    communes: read('communes-2025.csv').map((row) => ({
      code: text(row, 'code'),
      name: text(row, 'name'),
      shortName: text(row, 'short_name'),
      type: text(row, 'type'),
      provinceCode: text(row, 'province_code'),
    })),
    legacyProvinces: read('legacy-provinces.csv').map((row) => ({
      code: text(row, 'code'),
      name: text(row, 'name'),
      shortName: text(row, 'short_name'),
      type: text(row, 'type'),
      newProvinceCode: text(row, 'new_province_code'),
    })),
    legacyDistricts: read('legacy-districts.csv').map((row) => ({
      code: text(row, 'code'),
      name: text(row, 'name'),
      shortName: text(row, 'short_name'),
      type: text(row, 'type'),
      provinceCode: text(row, 'province_code'),
      newCommuneCodeIfNoCommunes: text(row, 'new_commune_code_if_no_communes') || null,
    })),
    legacyCommunes: read('legacy-communes.csv').map((row) => ({
      code: text(row, 'code'),
      name: text(row, 'name'),
      shortName: text(row, 'short_name'),
      type: text(row, 'type'),
      districtCode: text(row, 'district_code'),
      provinceCode: text(row, 'province_code'),
      altNames: text(row, 'alt_names') ? text(row, 'alt_names').split(';') : [],
    })),
    successions: read('legacy-to-2025.csv').map((row) => ({
      legacyCommuneCode: text(row, 'legacy_commune_code'),
      newCommuneCode: text(row, 'new_commune_code'),
      relation: text(row, 'relation') === 'whole' ? 'whole' : 'part',
      isPrimary: text(row, 'is_primary') === '1',
    })),
    communeAliases: read('legacy-commune-aliases.csv').map((row) => ({
      legacyCommuneCode: text(row, 'legacy_commune_code'),
      alias: text(row, 'alias'),
      kind: text(row, 'kind') === 'variant' ? 'variant' : 'former_name',
    })),
    districtAliases: read('legacy-district-aliases.csv').map((row) => ({
      legacyDistrictCode: text(row, 'legacy_district_code'),
      alias: text(row, 'alias'),
      kind: text(row, 'kind') === 'divided' ? 'divided' : 'former_name',
      isDefault: text(row, 'is_default') === '1',
    })),
  }
}
