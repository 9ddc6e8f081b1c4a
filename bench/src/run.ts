/**
 * `npm run bench [-- <scenario> …]`: runs the named benchmark scenarios (the
 * six of DEFAULT_SCENARIOS when none is named), prints their figures and
 * writes a dated Markdown result for each under bench/results/. Timings live
 * here, never in tests.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { fileURLToPath } from 'node:url'
import { runBoundaryBenchmark } from './boundary.js'
import { runExplainBenchmark } from './explain.js'
import { runCaseListBenchmark, runDraftBenchmark, runProfileBenchmark, stopSharedFederation } from './federation.js'
import { runRemapBenchmark } from './remap.js'
import type { BenchmarkReport } from './report.js'
import { runSecurityBenchmark } from './security.js'
import { runSeedBenchmark } from './seed.js'

const SCENARIOS: Record<string, () => Promise<BenchmarkReport>> = {
  boundary: runBoundaryBenchmark,
  // Loads the nation of 1,000,000 citizens that remap, explain and draft then use.
  seed: runSeedBenchmark,
  remap: runRemapBenchmark,
  explain: runExplainBenchmark,
  draft: runDraftBenchmark,
  caselist: runCaseListBenchmark,
  profile: runProfileBenchmark,
  security: runSecurityBenchmark,
}

/** What `npm run bench` runs without arguments; `security` (issue 5's on/off comparison) is run by name. */
const DEFAULT_SCENARIOS = ['boundary', 'seed', 'remap', 'explain', 'draft', 'caselist', 'profile']

const requested = process.argv.slice(2).filter((arg) => !arg.startsWith('-'))
const unknown = requested.filter((name) => !(name in SCENARIOS))
if (unknown.length > 0) {
  console.error(`unknown scenario(s): ${unknown.join(', ')}; known: ${Object.keys(SCENARIOS).join(', ')}`)
  process.exit(2)
}

const resultsFolder = fileURLToPath(new URL('../results/', import.meta.url))
mkdirSync(resultsFolder, { recursive: true })
const date = new Date().toISOString().slice(0, 10)
const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`

const started = performance.now()
try {
  for (const name of requested.length > 0 ? requested : DEFAULT_SCENARIOS) {
    console.log(`\n== ${name} (${((performance.now() - started) / 1_000).toFixed(0)} s into the run)`)
    const scenarioStarted = performance.now()
    const report = await SCENARIOS[name]!()
    const seconds = (performance.now() - scenarioStarted) / 1_000
    const markdown = [`# ${report.title}`, '', `${new Date().toISOString()} — ${machine}; this scenario took ${seconds.toFixed(0)} s`, '', ...report.lines, ''].join('\n')
    const file = `${resultsFolder}${date}-${name}.md`
    writeFileSync(file, markdown)
    console.log(`\n${markdown}\nwritten to ${file}`)
  }
} finally {
  await stopSharedFederation()
}
console.log(`\nnpm run bench: ${((performance.now() - started) / 1_000).toFixed(0)} s in all`)
