/**
 * `npm run convert -- input.csv > output.csv` — for agencies migrating
 * spreadsheets: adds the 2025 unit, the status and the candidates to each row
 * of an address column. Reads the official boundary files shipped with the
 * repository; needs no database and no network.
 *
 * Options: `--column <name>` (defaults to the first column named like
 * address/dia_chi/địa chỉ, else the first column), `--delimiter <char>`
 * (defaults to `,`). `-` or no file reads standard input.
 */
import { createReadStream, existsSync } from 'node:fs'
import { pipeline } from 'node:stream/promises'
import { Transform } from 'node:stream'
import { parseArgs } from 'node:util'
import { parse } from 'csv-parse'
import { stringify } from 'csv-stringify'
import { createAddressConverter } from '../address/converter.js'
import { readGazetteerDataFromFiles } from '../address/gazetteer-files.js'
import { foldText } from '../address/normalize.js'
import type { AddressConversionResult } from '../address/types.js'

const ADDED_COLUMNS = [
  'conversion_status',
  'commune_code_2025',
  'commune_name_2025',
  'province_code_2025',
  'province_name_2025',
  'converted_address',
  'legacy_commune_code',
  'candidates',
] as const

function fail(message: string): never {
  process.stderr.write(`convert: ${message}\n`)
  process.exit(2)
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { column: { type: 'string' }, delimiter: { type: 'string', default: ',' }, help: { type: 'boolean', short: 'h' } },
})
if (values.help) {
  process.stdout.write('usage: npm run convert -- [input.csv|-] [--column <name>] [--delimiter <char>] > output.csv\n')
  process.exit(0)
}
const inputPath = positionals[0] ?? '-'
if (inputPath !== '-' && !existsSync(inputPath)) fail(`no such file: ${inputPath}`)

const data = readGazetteerDataFromFiles()
const converter = createAddressConverter(data)
const communeNames = new Map(data.communes.map((commune) => [commune.code, commune.name]))
const provinceNames = new Map(data.provinces.map((province) => [province.code, province.name]))

function pickAddressColumn(header: string[]): number {
  if (values.column !== undefined) {
    const index = header.indexOf(values.column)
    if (index < 0) fail(`column "${values.column}" not found; the columns are: ${header.join(', ')}`)
    return index
  }
  const index = header.findIndex((name) => /^(address|dia ?chi|diachi|dia_chi)$/.test(foldText(name).replace(/[_-]/g, ' ')))
  return index >= 0 ? index : 0
}

function describe(result: AddressConversionResult): string[] {
  const communeName = result.communeCode ? (communeNames.get(result.communeCode) ?? '') : ''
  const provinceName = result.provinceCode ? (provinceNames.get(result.provinceCode) ?? '') : ''
  const converted = result.status === 'EXACT' ? [result.street, communeName, provinceName].filter(Boolean).join(', ') : ''
  const candidates = result.candidates
    .map((candidate) => `${candidate.communeCode} ${communeNames.get(candidate.communeCode) ?? ''}${candidate.isPrimary ? ' (primary)' : ''}`)
    .join('; ')
  return [result.status, result.communeCode ?? '', communeName, result.provinceCode ?? '', provinceName, converted, result.legacyCommuneCode ?? '', candidates]
}

let addressColumn = -1
const convertRows = new Transform({
  objectMode: true,
  transform(row: string[], _encoding, callback) {
    if (addressColumn < 0) {
      addressColumn = pickAddressColumn(row)
      callback(null, [...row, ...ADDED_COLUMNS])
      return
    }
    callback(null, [...row, ...describe(converter.convert(row[addressColumn] ?? ''))])
  },
})

try {
  await pipeline(
    inputPath === '-' ? process.stdin : createReadStream(inputPath),
    parse({ delimiter: values.delimiter, bom: true, relax_column_count: true, skip_empty_lines: true }),
    convertRows,
    stringify({ delimiter: values.delimiter }),
    process.stdout,
  )
} catch (error) {
  fail(error instanceof Error ? error.message : String(error))
}
