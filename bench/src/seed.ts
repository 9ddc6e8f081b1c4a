import { REGISTERS } from '@lienthong/seed'
import type { BenchmarkReport } from './report.js'
import { MILLION_NATION, seedNation } from './support/nation.js'

const seconds = (ms: number) => (ms / 1000).toFixed(1)

/**
 * Loading 1,000,000 citizens into the five registers, timed: always a fresh
 * load (drop, migrate, seed) into the `bench_1m_*` databases, which it leaves
 * seeded and marked complete for the scenarios that follow.
 */
export async function runSeedBenchmark(): Promise<BenchmarkReport> {
  console.log(`Seeding ${MILLION_NATION.citizens.toLocaleString('en')} citizens (seed ${MILLION_NATION.seed}) into ${MILLION_NATION.prefix}_* …`)
  const { databaseUrls, result, phases } = await seedNation(MILLION_NATION)
  const { rowCounts, mappings, timings, manifest } = result
  const citizensPerSecond = Math.round(MILLION_NATION.citizens / (phases.seed / 1000))
  const rows = (register: (typeof REGISTERS)[number]) => Object.values(rowCounts[register]).reduce((sum, count) => sum + count, 0)
  const allRows = REGISTERS.reduce((sum, register) => sum + rows(register), 0)

  const lines = [
    `${MILLION_NATION.citizens.toLocaleString('en')} citizens, seed ${MILLION_NATION.seed}, ${manifest.chunks} chunks, into \`${MILLION_NATION.prefix}_*\` (dropped and migrated first).`,
    '',
    '| measure | value |',
    '|---|---:|',
    `| seed (generate, copy, restore indexes and keys, ANALYZE) | **${seconds(phases.seed)} s** |`,
    `| citizens per second | **${citizensPerSecond.toLocaleString('en')}** |`,
    `| rows per second (all registers) | ${Math.round(allRows / (phases.seed / 1000)).toLocaleString('en')} |`,
    `| generation (in the seed, overlapping the load) | ${seconds(timings.generation)} s |`,
    `| drop the old databases | ${seconds(phases.drop)} s |`,
    `| migrate the ${databaseUrls.size} databases | ${seconds(phases.migrate)} s |`,
    '',
    '| register | rows | copy | restore indexes and foreign keys | ANALYZE | addresses: EXACT / SPLIT_NEEDS_REVIEW / NOT_FOUND |',
    '|---|---:|---:|---:|---:|---|',
    ...REGISTERS.map((register) => {
      const mapped = mappings[register]
      return (
        `| ${register} | ${rows(register).toLocaleString('en')} | ${seconds(timings.load[register])} s | ${seconds(timings.indexes[register])} s | ${seconds(timings.analyze[register])} s | ` +
        `${mapped.exact.toLocaleString('en')} / ${mapped.awaitingReview.toLocaleString('en')} / ${mapped.notFound.toLocaleString('en')} |`
      )
    }),
    '',
    'Rows per table:',
    '',
    ...REGISTERS.map(
      (register) =>
        `- ${register}: ${Object.entries(rowCounts[register])
          .map(([table, count]) => `${table} ${count.toLocaleString('en')}`)
          .join(', ')}`,
    ),
  ]
  console.log(lines.join('\n'))
  return { title: `Seed: ${MILLION_NATION.citizens.toLocaleString('en')} citizens into the five registers`, lines }
}
