/**
 * `npm run bench [-- <scenario> …]`: runs the named benchmark scenarios (all
 * when none is named), prints their figures and writes a dated Markdown
 * result under bench/results/. Timings live here, never in tests.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { fileURLToPath } from 'node:url'
import { runBoundaryBenchmark } from './boundary.js'
import { runSecurityBenchmark } from './security.js'
import type { BenchmarkReport } from './report.js'

const SCENARIOS: Record<string, () => Promise<BenchmarkReport>> = {
  boundary: runBoundaryBenchmark,
  security: runSecurityBenchmark,
}

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

for (const name of requested.length > 0 ? requested : Object.keys(SCENARIOS)) {
  const report = await SCENARIOS[name]!()
  const markdown = [`# ${report.title}`, '', `${new Date().toISOString()} — ${machine}`, '', ...report.lines, ''].join('\n')
  const file = `${resultsFolder}${date}-${name}.md`
  writeFileSync(file, markdown)
  console.log(`\n${markdown}\nwritten to ${file}`)
}
