import { readFileSync } from 'node:fs'

/**
 * The SDL every register subgraph shares (Address, MappingStatus, the unit
 * stubs…), appended to each register's own `schema.graphql`.
 */
export const REGISTER_TYPE_DEFS = readFileSync(new URL('./register-types.graphql', import.meta.url), 'utf8')
