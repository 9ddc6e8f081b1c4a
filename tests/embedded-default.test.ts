import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { databaseUrlOnServer, ensureDatabaseExists, startEmbeddedPostgres } from '@lienthong/lib'
import { startGateway } from '@lienthong/gateway'
import { startBoundarySubgraph } from '@lienthong/subgraph-boundary'
import { postGraphQL } from './support/federation-stack.js'
import { freePort } from './support/free-port.js'

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

  it('when no database is configured, then the embedded server is started, migrated, serves the gateway and leaves no process behind', async () => {
    const postgres = await startEmbeddedPostgres({ dataDir, port: await freePort(), ephemeral: true })
    let province: unknown
    try {
      const databaseUrl = databaseUrlOnServer(postgres.baseUrl, 'boundary')
      await ensureDatabaseExists(databaseUrl)
      const boundary = await startBoundarySubgraph({ databaseUrl, port: 0 })
      try {
        const gateway = await startGateway({ port: 0, subgraphUrls: { boundary: boundary.graphqlUrl } })
        try {
          const { body } = await postGraphQL(gateway.graphqlUrl, '{ province(code: "79") { name } }')
          province = body.data?.province
        } finally {
          await gateway.stop()
        }
      } finally {
        await boundary.stop()
      }
    } finally {
      await postgres.stop()
    }

    expect(province).toEqual({ name: 'Thành phố Hồ Chí Minh' })
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
