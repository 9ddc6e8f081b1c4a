import { buildSchema } from 'graphql'
import { describe, expect, it } from 'vitest'
import { composeSupergraph, readSupergraphSdl, SUBGRAPHS } from '../src/index.js'

describe('supergraph composition', () => {
  it('when every subgraph SDL is composed, then composition succeeds with a routing URL per subgraph', () => {
    const supergraph = composeSupergraph()
    const schema = buildSchema(supergraph, { assumeValidSDL: true })
    expect(Object.keys(schema.getQueryType()?.getFields() ?? {})).toEqual(
      expect.arrayContaining(['provinces', 'province', 'commune', 'legacyCommune', 'searchAdministrativeUnits', 'convertLegacyAddress', 'convertLegacyAddresses']),
    )
    for (const { name, port } of SUBGRAPHS) {
      expect(supergraph).toContain(`name: "${name}", url: "http://127.0.0.1:${port}/graphql"`)
    }
  })

  it('when the checked-in schema/supergraph.graphql is compared with a fresh composition, then they are equal', () => {
    const fresh = composeSupergraph()
    const committed = readSupergraphSdl()
    expect(committed === fresh, 'schema/supergraph.graphql is stale: run `npm run compose` and commit the result').toBe(true)
  })
})
