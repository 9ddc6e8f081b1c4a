import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parse } from 'csv-parse/sync'

/** Distinct generated addresses; the timed runs cycle through them. */
const CORPUS_SIZE = 10_000
const CORPUS_SEED = '424242'

/** One generated legacy address and what converting it should give. */
export interface CorpusRow {
  address: string
  expected_status: string
  expected_commune_code: string
}

/** How one conversion compares with what the corpus expects. */
export type Verdict = 'correct' | 'wrong' | 'other'

/**
 * `correct`: the expected status and, when EXACT, the expected commune.
 * `wrong`: EXACT but not the expected unit (the harmful case: a confident wrong answer).
 * `other`: any other miss (e.g. AMBIGUOUS where EXACT was expected).
 */
export function judgeConversion(row: CorpusRow, status: string, communeCode: string | null | undefined): Verdict {
  const exact = status === 'EXACT'
  if (status === row.expected_status && (!exact || communeCode === row.expected_commune_code)) return 'correct'
  return exact ? 'wrong' : 'other'
}

/**
 * Seeded addresses in every form of the curated set, generated once with
 * their expected results and cached under .lienthong/bench/.
 */
export function loadAddressCorpus(): CorpusRow[] {
  const folder = fileURLToPath(new URL('../../../.lienthong/bench/', import.meta.url))
  const file = `${folder}addresses-${CORPUS_SIZE}-${CORPUS_SEED}.csv`
  if (!existsSync(file)) {
    mkdirSync(folder, { recursive: true })
    console.log(`generating ${CORPUS_SIZE} addresses (seed ${CORPUS_SEED}) into ${file} …`)
    const generator = fileURLToPath(new URL('../../../subgraphs/boundary/test/fixtures/generate-address-corpus.ts', import.meta.url))
    execFileSync(process.execPath, ['--import', 'tsx', generator, '--count', String(CORPUS_SIZE), '--seed', CORPUS_SEED, '--out', file], {
      stdio: 'inherit',
    })
  }
  return parse(readFileSync(file, 'utf8'), { columns: true }) as CorpusRow[]
}
