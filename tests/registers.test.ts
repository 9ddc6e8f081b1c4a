import { readFileSync } from 'node:fs'
import { landParcelId } from '@lienthong/subgraph-land'
import type { CitizenRecord, NationChunk } from '@lienthong/lib/registers'
import { DEFECT_KINDS, generateNation, type DefectManifest } from '@lienthong/seed'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { collectDataQuality, compareWithManifest } from '../scripts/support/data-quality.js'
import { expectUpdatedAt, testOfficial } from '@lienthong/lib/testing'
import { trustedOperationDocument } from '@lienthong/gateway'
import { startFederationStack, type FederationStack } from './support/federation-stack.js'

// Unknown commune codes are rare by default (0.5% of households): raised so this small nation has some.
const NATION = { citizens: 1_500, seed: 11, defectRates: { unknownCommune: 0.02 } }
const PROFILE_DOCUMENT = trustedOperationDocument('citizen-profile')
const PROFILE_FRAGMENTS = PROFILE_DOCUMENT.slice(PROFILE_DOCUMENT.indexOf('fragment Place'))
const CITIZEN_LIST_QUERY = `query CitizenList($ids: [PersonalId!]!) { citizens(personalIds: $ids) { ...CitizenProfile } }\n${PROFILE_FRAGMENTS}`

/** The generated nation, kept in memory to know what each register must answer. */
interface GeneratedNation {
  manifest: DefectManifest
  chunks: NationChunk[]
  citizens: Map<string, CitizenRecord>
}

function regenerate(): GeneratedNation {
  const nation = generateNation(NATION)
  const chunks = [...nation.chunks]
  const citizens = new Map(chunks.flatMap((chunk) => chunk.population.citizens.map((citizen) => [citizen.personalId, citizen] as const)))
  return { manifest: nation.manifest, chunks, citizens }
}

describe('the five registers through the gateway, on a seeded nation', () => {
  let stack: FederationStack
  let nation: GeneratedNation
  let defective: Set<string>
  let kinds: Map<string, Set<string>>
  /** Before the stack's databases exist: every record's updatedAt comes after it. */
  let stackStartedAt: Date

  beforeAll(async () => {
    stackStartedAt = new Date()
    nation = regenerate()
    defective = new Set(nation.manifest.discrepancies.map((discrepancy) => discrepancy.personalId))
    kinds = recordKinds()
    // Statement counts of two requests compare only when neither is served from the gateway's entity cache.
    stack = await startFederationStack({ seed: NATION, connectionsPerSubgraph: 1, entityCache: false })
  })

  afterAll(async () => {
    await stack?.stop()
  })

  /** What each citizen has in the registers: the kinds of record the profile query walks into. */
  function recordKinds(): Map<string, Set<string>> {
    const byCitizen = new Map<string, Set<string>>()
    const add = (personalId: string, kind: string) => byCitizen.set(personalId, (byCitizen.get(personalId) ?? new Set()).add(kind))
    for (const chunk of nation.chunks) {
      for (const birth of chunk.civilStatus.births) add(birth.childId, 'birth')
      for (const marriage of chunk.civilStatus.marriages) for (const id of [marriage.husbandId, marriage.wifeId]) add(id, marriage.dissolvedOn ? 'past-marriage' : 'marriage')
      for (const parcel of chunk.land.parcels) {
        for (const holder of parcel.holders) if (holder.kind === 'CITIZEN') add(holder.holderId, parcel.encumbrances.length > 0 ? 'encumbered-land' : 'land')
      }
      for (const enterprise of chunk.business.enterprises) {
        for (const representative of enterprise.representatives) add(representative.personalId, enterprise.parentCode ? 'branch-representative' : 'representative')
        for (const owner of enterprise.owners) if (owner.kind === 'CITIZEN') add(owner.ownerId, 'owner')
      }
      for (const business of chunk.business.householdBusinesses) add(business.ownerId, 'household-business')
      for (const record of chunk.insurance.socialInsurance) add(record.personalId, 'social-insurance')
      for (const card of chunk.insurance.healthInsuranceCards) add(card.personalId, 'health-card')
    }
    for (const citizen of nation.citizens.values()) {
      for (const relative of ['fatherId', 'motherId', 'spouseId'] as const) if (citizen[relative]) add(citizen.personalId, relative)
      if (citizen.temporaryResidence) add(citizen.personalId, 'temporary-residence')
    }
    return byCitizen
  }

  /** Living, defect-free citizens in whole-mapped communes, those with most kinds of record first. */
  function citizensByRichness(): CitizenRecord[] {
    const richness = (citizen: CitizenRecord) => kinds.get(citizen.personalId)?.size ?? 0
    return [...nation.citizens.values()]
      .filter((citizen) => !citizen.dateOfDeath && !defective.has(citizen.personalId))
      .filter((citizen) => isWholeMapped(citizen.permanentResidence.legacyCommuneCode))
      .sort((a, b) => richness(b) - richness(a) || a.personalId.localeCompare(b.personalId))
  }

  /**
   * `count` citizens from different households (no one's relative is another, so a DataLoader cache never spares a
   * batch), the first ten holding between them every kind of record any of the others holds: the larger query then
   * walks no path of the plan that the smaller one does not.
   */
  function citizensForBatching(count: number): string[] {
    const households = new Set<string>()
    const candidates = citizensByRichness().filter((citizen) => !households.has(citizen.householdId) && households.add(citizen.householdId))
    const first: CitizenRecord[] = []
    const covered = new Set<string>()
    for (const citizen of candidates) {
      if (first.length === 10) break
      const adds = [...(kinds.get(citizen.personalId) ?? [])].some((kind) => !covered.has(kind))
      if (adds || candidates.length - candidates.indexOf(citizen) <= 10 - first.length) {
        first.push(citizen)
        kinds.get(citizen.personalId)?.forEach((kind) => covered.add(kind))
      }
    }
    const rest = candidates.filter((citizen) => !first.includes(citizen)).slice(0, count - first.length)
    return [...first, ...rest].map((citizen) => citizen.personalId)
  }

  function isWholeMapped(legacyCommuneCode: string | null): boolean {
    return legacyCommuneCode !== null && crosswalkCounts().get(legacyCommuneCode) === 1
  }

  it('when a seeded citizen is asked for, then one query returns all five registers with every address in its 2025 commune named by the boundary subgraph', async () => {
    const wanted = ['birth', 'marriage', 'land', 'representative', 'social-insurance', 'health-card']
    const citizen = citizensByRichness().find((candidate) => wanted.every((kind) => kinds.get(candidate.personalId)?.has(kind)))!
    expect(citizen).toBeDefined()
    const chunks = nation.chunks
    const parcels = chunks.flatMap((chunk) => chunk.land.parcels).filter((parcel) => parcel.holders.some((holder) => holder.holderId === citizen.personalId))
    const enterprises = chunks.flatMap((chunk) => chunk.business.enterprises).filter((enterprise) => enterprise.representatives.some((rep) => rep.personalId === citizen.personalId))
    const insurance = chunks.flatMap((chunk) => chunk.insurance.socialInsurance).find((record) => record.personalId === citizen.personalId)
    const birth = chunks.flatMap((chunk) => chunk.civilStatus.births).find((record) => record.childId === citizen.personalId)
    // The chosen citizen has a record in every register, so no comparison below is of two empty answers.
    expect([parcels.length > 0, enterprises.length > 0, insurance !== undefined, birth !== undefined]).toEqual([true, true, true, true])

    const { status, body } = await stack.post(PROFILE_DOCUMENT, { personalId: citizen.personalId })

    expect(status).toBe(200)
    expect(body.errors).toBeUndefined()
    const profile = body.data.citizen
    expect(profile).toMatchObject({ personalId: citizen.personalId, fullName: citizen.fullName, birthDate: citizen.birthDate, sex: citizen.sex })
    expect(profile.permanentResidence).toMatchObject({
      text: citizen.permanentResidence.text,
      mappingStatus: 'EXACT',
      legacyCommune: { code: citizen.permanentResidence.legacyCommuneCode },
    })
    // Every register answered for this citizen.
    expect(profile.birthRegistration?.registrationNumber).toBe(birth?.registrationNumber)
    expect(profile.landRights.map((right: { parcel: { id: string } }) => right.parcel.id).sort()).toEqual(
      parcels.map((parcel) => landParcelId(parcel)).sort(),
    )
    expect(profile.enterprises.filter((role: { role: string }) => role.role === 'LEGAL_REPRESENTATIVE').map((role: { enterprise: { enterpriseCode: string } }) => role.enterprise.enterpriseCode).sort()).toEqual(
      enterprises.map((enterprise) => enterprise.enterpriseCode).sort(),
    )
    expect(profile.socialInsurance?.socialInsuranceNumber).toBe(insurance?.socialInsuranceNumber)
    expect([profile.civilStatusDiscrepancies, profile.landDiscrepancies, profile.businessDiscrepancies, profile.insuranceDiscrepancies]).toEqual([[], [], [], []])

    // Every register tells when each record last changed (cases cites it beside each value): an ISO 8601 instant on the wire.
    const updatedAts: unknown[] = [
      profile.updatedAt,
      profile.household.updatedAt,
      profile.birthRegistration.updatedAt,
      ...profile.marriages.map((marriage: { updatedAt: unknown }) => marriage.updatedAt),
      ...profile.landRights.map((right: { parcel: { updatedAt: unknown } }) => right.parcel.updatedAt),
      ...profile.enterprises.map((role: { enterprise: { updatedAt: unknown } }) => role.enterprise.updatedAt),
      profile.socialInsurance.updatedAt,
      ...profile.healthInsuranceCards.map((card: { updatedAt: unknown }) => card.updatedAt),
    ]
    // The citizen, their household, birth, marriage, parcel, enterprise, book and card at least.
    expect(updatedAts.length).toBeGreaterThanOrEqual(8)
    for (const updatedAt of updatedAts) expectUpdatedAt(updatedAt, stackStartedAt)

    // Every address, whichever register holds it, carries its 2025 commune with the boundary's name.
    const addresses = collectAddresses(profile)
    expect(addresses.length).toBeGreaterThan(5)
    const communeCodes = new Set<string>()
    for (const address of addresses) {
      expect(address.mappingStatus).toBe('EXACT')
      expect(address.commune?.name).toMatch(/^(Phường|Xã|Đặc khu) /)
      expect(address.commune?.province?.name).toMatch(/^(Thành phố|Tỉnh) /)
      communeCodes.add(address.commune!.code)
    }
    const boundary = await stack.post(`query($code: AdministrativeUnitCode!) { commune(code: $code) { name } }`, {
      code: profile.permanentResidence.commune.code,
    })
    expect(boundary.body.data.commune.name).toBe(profile.permanentResidence.commune.name)
  })

  it('when 10 and then 50 citizens (a case list, the most the cost limit lets one request join) are asked for with all five registers joined, then the subgraphs send the same number of SQL statements', async () => {
    const ids = citizensForBatching(50)
    expect(new Set(ids).size).toBe(50)

    const statementsFor = async (personalIds: string[]) => {
      stack.statements.reset()
      const { body } = await stack.post(CITIZEN_LIST_QUERY, { ids: personalIds })
      expect(body.errors).toBeUndefined()
      expect(body.data.citizens.map((citizen: { personalId: string }) => citizen.personalId)).toEqual(personalIds)
      return { total: stack.statements.total(), bySubgraph: stack.statements.bySubgraph(), sql: stack.statements.sqlBySubgraph() }
    }
    const ten = await statementsFor(ids.slice(0, 10))
    const fifty = await statementsFor(ids)

    expect(ten.total).toBeGreaterThan(10)
    expect(fifty.sql).toEqual(ten.sql)
    expect(fifty.total).toBe(ten.total)
  })

  it('when an official resolves a split address through the gateway, then it reads RESOLVED with the chosen commune and the recorded text unchanged', async () => {
    const split = [...nation.citizens.values()].find((citizen) => (crosswalkCounts().get(citizen.permanentResidence.legacyCommuneCode ?? '') ?? 0) > 1)
    expect(split).toBeDefined()
    const query = `query($id: PersonalId!) { citizen(personalId: $id) { permanentResidence { id text mappingStatus legacyCommune { code } commune { code } candidates { primary commune { code name } } } } }`
    const before = (await stack.post(query, { id: split!.personalId })).body.data.citizen.permanentResidence
    expect(before).toMatchObject({ text: split!.permanentResidence.text, mappingStatus: 'SPLIT_NEEDS_REVIEW', commune: null })
    expect(before.candidates.length).toBeGreaterThan(1)
    const chosen = before.candidates.find((candidate: { primary: boolean }) => !candidate.primary).commune

    const mutation = `mutation($addressId: ID!, $communeCode: AdministrativeUnitCode!) {
      resolvePopulationAddressMapping(addressId: $addressId, communeCode: $communeCode, reason: "Số nhà thuộc tổ dân phố đã chuyển về đơn vị này") {
        text mappingStatus commune { code name } resolutions { resolvedBy reason commune { code } }
      }
    }`
    const anonymous = await stack.post(mutation, { addressId: before.id, communeCode: chosen.code }, { as: null })
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED')
    expect(anonymous.body.data ?? null).toBeNull()

    // The official recorded is the verified token's subject, not anything the request says.
    const resolved = await stack.post(mutation, { addressId: before.id, communeCode: chosen.code }, { as: testOfficial('officer-0042') })
    expect(resolved.body.errors).toBeUndefined()
    expect(resolved.body.data.resolvePopulationAddressMapping).toEqual({
      text: split!.permanentResidence.text,
      mappingStatus: 'RESOLVED',
      commune: { code: chosen.code, name: chosen.name },
      resolutions: [{ resolvedBy: 'officer-0042', reason: 'Số nhà thuộc tổ dân phố đã chuyển về đơn vị này', commune: { code: chosen.code } }],
    })
    const after = (await stack.post(query, { id: split!.personalId })).body.data.citizen.permanentResidence
    expect(after).toMatchObject({ mappingStatus: 'RESOLVED', legacyCommune: before.legacyCommune, commune: { code: chosen.code } })
  })

  it('when the data quality is collected through the gateway, then every injected defect is found and nothing else', async () => {
    const report = await collectDataQuality(stack.gateway.graphqlUrl, { pageSize: 250, headers: await stack.headersFor({ purpose: { caseReference: 'DQ-TEST', procedureCode: 'DATA_QUALITY' } }) })
    const comparison = compareWithManifest(report, nation.manifest)

    expect(report.citizensChecked).toBe(nation.citizens.size)
    expect(comparison.missed).toEqual([])
    expect(comparison.unexpected).toEqual([])
    expect(comparison.mappingMismatches).toEqual([])
    // Every kind of defect was injected, so finding them all means something.
    for (const kind of DEFECT_KINDS) expect(Object.values(nation.manifest.injected[kind]).reduce((sum, count) => sum + count, 0), kind).toBeGreaterThan(0)
  })
})

let crosswalkCountCache: Map<string, number> | undefined
/** How many 2025 communes each legacy commune went into, from the official crosswalk (1 = whole; absent = unknown code). */
function crosswalkCounts(): Map<string, number> {
  if (crosswalkCountCache) return crosswalkCountCache
  const rows = readFileSync(new URL('../migrations/boundary/data/legacy-to-2025.csv', import.meta.url), 'utf8').trim().split('\n').slice(1)
  crosswalkCountCache = new Map<string, number>()
  for (const row of rows) crosswalkCountCache.set(row.slice(0, 5), (crosswalkCountCache.get(row.slice(0, 5)) ?? 0) + 1)
  return crosswalkCountCache
}

interface AddressResult {
  mappingStatus: string
  commune: { code: string; name: string; province?: { name: string } } | null
}

/** Every object of a response that is an Address (it has a mappingStatus). */
function collectAddresses(value: unknown, found: AddressResult[] = []): AddressResult[] {
  if (Array.isArray(value)) value.forEach((item) => collectAddresses(item, found))
  else if (value && typeof value === 'object') {
    if ('mappingStatus' in value) found.push(value as AddressResult)
    Object.values(value).forEach((item) => collectAddresses(item, found))
  }
  return found
}
