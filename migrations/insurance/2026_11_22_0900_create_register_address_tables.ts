import type { Kysely } from 'kysely'
// Named by its .ts file: kysely's FileMigrationProvider imports migrations with Node's own
// loader, which strips types but does not map a '.js' specifier to a '.ts' file.
import { createRegisterAddressTables, dropRegisterAddressTables } from '../shared/register-address-tables.ts'

// The addresses as the register's source recorded them, the 2025 mapping beside them,
// officials' resolutions of split addresses and the official legacy→2025 crosswalk.
export async function up(db: Kysely<any>): Promise<void> {
  await createRegisterAddressTables(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await dropRegisterAddressTables(db)
}
