import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { databaseUrlOnServer, ensureDatabaseExists, freePort, startEmbeddedPostgres } from '@lienthong/lib'
import { purposeHeaders, startGateway } from '@lienthong/gateway'
import { registerDatabaseUrls, REGISTERS, seedRegisters } from '@lienthong/seed'
import { startBoundarySubgraph } from '@lienthong/subgraph-boundary'
import { startPopulationSubgraph } from '@lienthong/subgraph-population'
import { TEST_GATEWAY_SECRET, TEST_OFFICIAL } from '@lienthong/lib/testing'
import { migrateDatabase } from '../scripts/support/databases.js'
import { postGraphQL } from './support/federation-stack.js'
import { createTestIssuer } from './support/test-issuer.js'

describe('embedded PostgreSQL default', () => {
  // mkdtemp gives a folder only root may enter; the cluster runs as the
  // `postgres` OS user when tests run as root, so it lives in a fresh sub-folder
  // of a world-traversable parent.
  const parent = mkdtempSync(path.join(tmpdir(), 'lienthong-embedded-'))
  chmodSync(parent, 0o755)
  const dataDir = path.join(parent, 'postgres')

  afterAll(() => {
    rmSync(parent, { recursive: true, force: true })
  })

  it('when no database is configured, then the embedded server is started, migrated, seeded, serves the gateway and leaves no process behind', async () => {
    const postgres = await startEmbeddedPostgres({ dataDir, port: await freePort(), ephemeral: true })
    let province: unknown
    let citizens: unknown
    try {
      const urlOf = (database: string) => databaseUrlOnServer(postgres.baseUrl, database)
      for (const database of ['boundary', ...REGISTERS]) await ensureDatabaseExists(urlOf(database))
      await migrateDatabase('audit', urlOf('audit'))
      await seedRegisters({ databaseUrls: registerDatabaseUrls(urlOf), citizens: 300, seed: 5 })
      const boundary = await startBoundarySubgraph({ databaseUrl: urlOf('boundary'), port: 0, gatewaySecret: TEST_GATEWAY_SECRET })
      const population = await startPopulationSubgraph({ databaseUrl: urlOf('population'), port: 0, gatewaySecret: TEST_GATEWAY_SECRET })
      try {
        const issuer = await createTestIssuer()
        const gateway = await startGateway({
          port: 0,
          subgraphUrls: { boundary: boundary.graphqlUrl, population: population.graphqlUrl },
          authentication: issuer.authentication,
          gatewaySecret: TEST_GATEWAY_SECRET,
          auditDatabaseUrl: urlOf('audit'),
        })
        try {
          province = (await postGraphQL(gateway.graphqlUrl, '{ province(code: "79") { name } }')).body.data?.province
          const { body } = await postGraphQL(
            gateway.graphqlUrl,
            '{ allCitizens(first: 500) { edges { node { permanentResidence { mappingStatus commune { name } } } } } }',
            undefined,
            { authorization: `Bearer ${await issuer.tokenFor(TEST_OFFICIAL)}`, ...purposeHeaders({ caseReference: 'DQ-TEST', procedureCode: 'DATA_QUALITY' }) },
          )
          citizens = body.data?.allCitizens.edges
        } finally {
          await gateway.stop()
        }
      } finally {
        await population.stop()
        await boundary.stop()
      }
    } finally {
      await postgres.stop()
    }

    expect(province).toEqual({ name: 'Thành phố Hồ Chí Minh' })
    // Every seeded citizen, each residence mapped to a 2025 commune named by the boundary subgraph (or flagged).
    const residences = (citizens as { node: { permanentResidence: { mappingStatus: string; commune: { name: string } | null } } }[]).map(
      (edge) => edge.node.permanentResidence,
    )
    expect(residences).toHaveLength(300)
    for (const residence of residences) {
      if (residence.mappingStatus === 'EXACT') expect(residence.commune?.name).toMatch(/^(Phường|Xã|Đặc khu) /)
      else expect(residence.commune).toBeNull()
    }
    expect(processesMentioning(dataDir)).toEqual([])
    expect(existsSync(dataDir)).toBe(false)
  })
})

/** Command lines of running processes that mention a path (Linux /proc). */
function processesMentioning(needle: string): string[] {
  const found: string[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const commandLine = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ')
      if (commandLine.includes(needle)) found.push(`${entry}: ${commandLine}`)
    } catch {
      // The process ended while we looked.
    }
  }
  return found
}
