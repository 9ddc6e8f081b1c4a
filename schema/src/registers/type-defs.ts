import { readFileSync } from 'node:fs'

/** The unit code scalars every subgraph declares, appended to each subgraph's own `schema.graphql`. */
export const UNIT_CODE_SCALAR_TYPE_DEFS = readFileSync(new URL('../scalars/unit-code-scalars.graphql', import.meta.url), 'utf8')

/**
 * The SDL every register subgraph shares (Address, MappingStatus, the unit
 * stubs…), appended to each register's own `schema.graphql`.
 */
export const REGISTER_TYPE_DEFS = readFileSync(new URL('./register-types.graphql', import.meta.url), 'utf8')
