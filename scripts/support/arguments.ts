import { parseArgs, type ParseArgsOptionsConfig } from 'node:util'
import { describeError } from './describe-error.js'

/** How a script tells its caller about its arguments. */
export interface ScriptUsage {
  /** Printed for `--help`, and after every argument error. */
  usage: string
  /** Put before an argument error's message ("seed: …"); none by default. */
  prefix?: string
}

/**
 * A script's `--options` (strict, no positionals, `--help`/`-h` added): prints the
 * usage and exits 0 for `--help`, exits 2 with the error and the usage for
 * anything parseArgs refuses.
 */
export function parseScriptOptions<T extends ParseArgsOptionsConfig>(options: T, usage: ScriptUsage) {
  let values
  try {
    ;({ values } = parseArgs({ options: { ...options, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: false }))
  } catch (error) {
    usageError(describeError(error), usage)
  }
  // Inside this generic function parseArgs's result type does not show the added option.
  if ((values as { help?: boolean }).help) {
    console.log(usage.usage)
    process.exit(0)
  }
  return values
}

/** Exits with code 2 after printing `message` and the usage on stderr. */
export function usageError(message: string, { usage, prefix = '' }: ScriptUsage): never {
  console.error(`${prefix}${message}\n${usage}`)
  process.exit(2)
}
