import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { trustedOperationDocument } from '@lienthong/gateway'
import { generateNation } from '@lienthong/seed'
import { startFederationStack, type FederationStack } from './support/federation-stack.js'

const NATION = { citizens: 300, seed: 21 }
const PROFILE_DOCUMENT = trustedOperationDocument('citizen-profile')

function livingCitizenIds(count: number): string[] {
  const ids: string[] = []
  for (const chunk of generateNation(NATION).chunks) {
    for (const citizen of chunk.population.citizens) if (citizen.dateOfDeath === null && citizen.permanentResidence.legacyCommuneCode) ids.push(citizen.personalId)
  }
  return ids.slice(0, count)
}

describe('the gateway’s entity cache', () => {
  let stack: FederationStack

  beforeAll(async () => {
    stack = await startFederationStack({ seed: NATION })
  })

  afterAll(async () => {
    await stack?.stop()
  })

  it('when the same profile is asked for twice, then the second answer is the same, the boundary subgraph is not asked again and the registers are', async () => {
    const [personalId] = livingCitizenIds(1)

    stack.statements.reset()
    const first = await stack.post(PROFILE_DOCUMENT, { personalId })
    const firstStatements = stack.statements.bySubgraph()
    stack.statements.reset()
    const second = await stack.post(PROFILE_DOCUMENT, { personalId })
    const secondStatements = stack.statements.bySubgraph()

    expect(first.body.errors).toBeUndefined()
    expect(first.body.data.citizen.permanentResidence.commune.name).toMatch(/^(Phường|Xã|Đặc khu) /)
    expect(second.body).toEqual(first.body)
    expect(firstStatements.boundary).toBeGreaterThan(0)
    expect(secondStatements.boundary ?? 0).toBe(0)
    // Personal data is never cached: the registers answer every time.
    expect(secondStatements.population).toBe(firstStatements.population)
  })

  it('when a case list mixes cached and new units, then each name is the one the boundary subgraph gives for that code', async () => {
    const ids = livingCitizenIds(40)
    await stack.post(PROFILE_DOCUMENT, { personalId: ids[0] })

    const { body } = await stack.post(
      `query($ids: [PersonalId!]!) { citizens(personalIds: $ids) { personalId permanentResidence { legacyCommune { code name } commune { code name province { code name } } } } }`,
      { ids },
    )

    expect(body.errors).toBeUndefined()
    const communes = new Map<string, { name: string; province: { code: string; name: string } }>()
    const legacyNames = new Map<string, string>()
    for (const citizen of body.data.citizens) {
      const { commune, legacyCommune } = citizen.permanentResidence
      if (commune) communes.set(commune.code, { name: commune.name, province: commune.province })
      if (legacyCommune) legacyNames.set(legacyCommune.code, legacyCommune.name)
    }
    expect(communes.size).toBeGreaterThan(1)
    for (const [code, expected] of communes) {
      const direct = await stack.post('query($code: AdministrativeUnitCode!) { commune(code: $code) { name province { code name } } }', { code })
      expect(direct.body.data.commune).toEqual(expected)
    }
    for (const [code, name] of legacyNames) {
      const direct = await stack.post('query($code: LegacyAdministrativeUnitCode!) { legacyCommune(code: $code) { name } }', { code })
      expect(direct.body.data.legacyCommune.name).toBe(name)
    }
  })

  it('when the same unit is asked for with another selection, then the answer has that selection, not the cached one', async () => {
    const [personalId] = livingCitizenIds(1)
    await stack.post(PROFILE_DOCUMENT, { personalId })

    const { body } = await stack.post('query($id: PersonalId!) { citizen(personalId: $id) { permanentResidence { commune { code type level } } } }', { id: personalId })

    expect(body.errors).toBeUndefined()
    expect(body.data.citizen.permanentResidence.commune).toEqual({ code: expect.stringMatching(/^\d{5}$/), type: expect.any(String), level: 'COMMUNE' })
  })
})
