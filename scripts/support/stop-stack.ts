import { logger } from '@lienthong/lib'

/**
 * What a script started, to stop in reverse order: the gateway before the
 * subgraphs it calls, the subgraphs before the database they use.
 */
export class StopStack {
  readonly #entries: Array<{ name: string; stop: () => Promise<void> }> = []
  #stopping: Promise<void> | undefined

  push(name: string, stop: () => Promise<void>): void {
    this.#entries.push({ name, stop })
  }

  /**
   * Stops everything pushed so far, last first. A failure is logged and the
   * rest still stop; calling it again returns the same promise.
   */
  stopAll(): Promise<void> {
    this.#stopping ??= (async () => {
      for (const { name, stop } of this.#entries.splice(0).reverse()) {
        try {
          await stop()
          logger.info({ component: name }, 'stopped')
        } catch (error) {
          logger.error({ component: name, err: error }, 'failed to stop')
        }
      }
    })()
    return this.#stopping
  }
}
