import { pino } from 'pino'

/**
 * The one structured (JSON) logger of every lienthong process.
 *
 * Never pass personal data (ID numbers, names, address text) to it in plain text.
 * Level from `LOG_LEVEL`; defaults to `info`, and `silent` under tests.
 */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info'),
  base: { service: process.env.LIENTHONG_SERVICE ?? 'lienthong' },
})
