/**
 * Rebuilds gateway/trusted-operations.json from gateway/trusted-operations/*.graphql:
 *
 *   node --import tsx gateway/src/plugins/write-trusted-operations-manifest.ts
 *
 * Run it after adding or changing a registered operation, and hand the new
 * manifest to the machine clients; gateway/test/hardening.test.ts fails while
 * the committed manifest is stale.
 */
import { writeFileSync } from 'node:fs'
import { buildTrustedOperationsManifest, TRUSTED_OPERATIONS_MANIFEST_PATH } from './trusted-operations.js'

const manifest = buildTrustedOperationsManifest()
writeFileSync(TRUSTED_OPERATIONS_MANIFEST_PATH, `${JSON.stringify(manifest, null, 2)}\n`)
process.stdout.write(`${TRUSTED_OPERATIONS_MANIFEST_PATH}: ${manifest.operations.map(({ name }) => name).join(', ')}\n`)
