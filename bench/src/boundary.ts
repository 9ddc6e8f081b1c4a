import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parse } from 'csv-parse/sync'
import { createAddressConverter, readGazetteerDataFromFiles } from '@lienthong/subgraph-boundary'
import type { BenchmarkReport } from './report.js'

/** Distinct generated addresses; the timed run cycles through them. */
const CORPUS_SIZE = 10_000
const CORPUS_SEED = '424242'
/** Conversions timed. */
const CONVERSIONS = 100_000
const TARGET_PER_SECOND = 20_000

interface CorpusRow {
  address: string
  expected_status: string
  expected_commune_code: string
}

/**
 * In-process legacy address conversion: addresses per second on one core,
 * over seeded addresses in every form of the curated set (generated once with
 * their expected results, cached under .lienthong/bench/), plus how many of
 * them came out right and how many wrong.
 */
export async function runBoundaryBenchmark(): Promise<BenchmarkReport> {
  const rows = loadCorpus()
  const started = performance.now()
  const converter = createAddressConverter(readGazetteerDataFromFiles())
  const buildMs = performance.now() - started

  // Warm-up so the JIT has compiled the converter before timing.
  for (const row of rows.slice(0, 5_000)) converter.convert(row.address)

  const timedStart = performance.now()
  for (let i = 0; i < CONVERSIONS; i++) converter.convert(rows[i % rows.length]!.address)
  const seconds = (performance.now() - timedStart) / 1000
  const perSecond = Math.round(CONVERSIONS / seconds)

  let correct = 0
  let wrong = 0
  for (const row of rows) {
    const result = converter.convert(row.address)
    const exact = result.status === 'EXACT'
    if (result.status === row.expected_status && (!exact || result.communeCode === row.expected_commune_code)) correct++
    else if (exact) wrong++
  }

  const lines = [
    `| measure | value |`,
    `|---|---:|`,
    `| conversions timed | ${CONVERSIONS.toLocaleString('en')} (cycling ${rows.length.toLocaleString('en')} distinct addresses) |`,
    `| addresses per second (one core) | **${perSecond.toLocaleString('en')}** (target ≥ ${TARGET_PER_SECOND.toLocaleString('en')}) |`,
    `| mean time per address | ${((seconds / CONVERSIONS) * 1e6).toFixed(1)} µs |`,
    `| gazetteer build | ${buildMs.toFixed(0)} ms |`,
    `| correct on the corpus | ${((correct / rows.length) * 100).toFixed(2)} % |`,
    `| wrong (EXACT but not the expected unit) | ${((wrong / rows.length) * 100).toFixed(2)} % |`,
  ]
  console.log(lines.join('\n'))
  return { title: 'Boundary: legacy address conversion in-process', lines }
}

function loadCorpus(): CorpusRow[] {
  const folder = fileURLToPath(new URL('../../.lienthong/bench/', import.meta.url))
  const file = `${folder}addresses-${CORPUS_SIZE}-${CORPUS_SEED}.csv`
  if (!existsSync(file)) {
    mkdirSync(folder, { recursive: true })
    console.log(`generating ${CORPUS_SIZE} addresses (seed ${CORPUS_SEED}) into ${file} …`)
    const generator = fileURLToPath(new URL('../../subgraphs/boundary/test/fixtures/generate-address-corpus.ts', import.meta.url))
    execFileSync(process.execPath, ['--import', 'tsx', generator, '--count', String(CORPUS_SIZE), '--seed', CORPUS_SEED, '--out', file], {
      stdio: 'inherit',
    })
  }
  return parse(readFileSync(file, 'utf8'), { columns: true }) as CorpusRow[]
}
