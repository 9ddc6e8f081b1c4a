import { readFileSync } from 'node:fs'
import path from 'node:path'
import { landParcelId } from '@lienthong/subgraph-land'
import type { CitizenRecord, NationChunk } from '@lienthong/lib/registers'
import { boundaryDataFolder } from '@lienthong/migrations'
import { parse } from 'csv-parse/sync'
import { beforeAll, describe, expect, it } from 'vitest'
import { generateNation, REGISTERS, type DefectManifest, type ExpectedDiscrepancy, type RegisterName } from '../src/index.js'

// Read independently of the generator's own place index.
function csv(file: string): Record<string, string>[] {
  return parse(readFileSync(path.join(boundaryDataFolder(), file), 'utf8'), { columns: true, skip_empty_lines: true, trim: true }) as Record<string, string>[]
}
const crosswalkRows = new Map<string, Record<string, string>[]>()
for (const row of csv('legacy-to-2025.csv')) crosswalkRows.set(row.legacy_commune_code!, [...(crosswalkRows.get(row.legacy_commune_code!) ?? []), row])
const communeProvince = new Map(csv('legacy-communes.csv').map((row) => [row.code!, row.province_code!]))

const CITIZENS = 3_000
const CHUNK_SIZE = 1_000

function generate(seed: number, citizens = CITIZENS): { chunks: NationChunk[]; manifest: DefectManifest } {
  const nation = generateNation({ citizens, seed, chunkSize: CHUNK_SIZE })
  return { chunks: [...nation.chunks], manifest: nation.manifest }
}

/** As the EnterpriseCode scalar checks it: a check digit, and a sequence (digits 3–9) that is not all zeros. */
function validEnterpriseCode(code: string): boolean {
  const match = /^(\d{10})(-(?!000)\d{3})?$/.exec(code)
  if (!match || match[1]!.slice(2, 9) === '0000000') return false
  const digits = match[1]!.split('').map(Number)
  const weights = [31, 29, 23, 19, 17, 13, 7, 5, 3]
  const check = 10 - (weights.reduce((sum, weight, i) => sum + weight * digits[i]!, 0) % 11)
  return check !== 10 && check === digits[9]
}

/** Every object shaped like a LegacyAddress anywhere below `value`. */
function collectAddresses(value: unknown, found: { legacyCommuneCode: string | null; text: string }[] = []) {
  if (Array.isArray(value)) for (const item of value) collectAddresses(item, found)
  else if (value && typeof value === 'object') {
    const keys = Object.keys(value)
    if (keys.length === 2 && 'legacyCommuneCode' in value && 'text' in value) found.push(value as { legacyCommuneCode: string | null; text: string })
    else for (const item of Object.values(value)) collectAddresses(item, found)
  }
  return found
}

const SLICE_OF: Record<RegisterName, keyof NationChunk> = {
  population: 'population',
  'civil-status': 'civilStatus',
  land: 'land',
  business: 'business',
  insurance: 'insurance',
}

describe('generateNation', () => {
  let chunks: NationChunk[]
  let manifest: DefectManifest
  beforeAll(() => {
    ;({ chunks, manifest } = generate(1))
  })

  it('is deterministic: same seed, same bytes; another seed, other data', () => {
    const again = generate(1)
    expect(JSON.stringify(again.chunks)).toBe(JSON.stringify(chunks))
    expect(JSON.stringify(again.manifest)).toBe(JSON.stringify(manifest))
    const other = generate(2)
    expect(JSON.stringify(other.chunks)).not.toBe(JSON.stringify(chunks))
  })

  it('produces exactly the citizens asked for, in chunks of the given size', () => {
    expect(chunks.map((chunk) => chunk.population.citizens.length)).toEqual([1_000, 1_000, 1_000])
    expect(manifest.chunks).toBe(3)
    expect(generate(7, 1_234).chunks.reduce((sum, chunk) => sum + chunk.population.citizens.length, 0)).toBe(1_234)
  })

  it('gives valid, unique personal ids consistent with birth registration province, century, sex and year', () => {
    const seen = new Set<string>()
    for (const chunk of chunks) {
      for (const citizen of chunk.population.citizens) {
        expect(citizen.personalId).toMatch(/^\d{12}$/)
        expect(seen.has(citizen.personalId)).toBe(false)
        seen.add(citizen.personalId)
        const province = communeProvince.get(citizen.placeOfBirthRegistration.legacyCommuneCode!)
        expect(citizen.personalId.slice(0, 3)).toBe(`0${province}`)
        const year = Number(citizen.birthDate.slice(0, 4))
        const centuryDigit = (Math.floor(year / 100) - 19) * 2 + (citizen.sex === 'FEMALE' ? 1 : 0)
        expect(citizen.personalId[3]).toBe(String(centuryDigit))
        expect(citizen.personalId.slice(4, 6)).toBe(citizen.birthDate.slice(2, 4))
        expect(citizen.nationality).toBe('VN')
        expect(citizen.fullName).toBe(citizen.fullName.normalize('NFC'))
        expect(citizen.fullName.split(' ').length).toBeGreaterThanOrEqual(3)
      }
    }
    expect(seen.size).toBe(CITIZENS)
  })

  it('draws names with realistic frequencies', () => {
    const citizens = chunks.flatMap((chunk) => chunk.population.citizens)
    const share = (surname: string) => citizens.filter((citizen) => citizen.fullName.startsWith(`${surname} `)).length / citizens.length
    expect(share('Nguyễn')).toBeGreaterThan(0.3)
    expect(share('Nguyễn')).toBeLessThan(0.46)
    expect(share('Trần')).toBeGreaterThan(0.06)
    const women = citizens.filter((citizen) => citizen.sex === 'FEMALE')
    expect(women.filter((citizen) => citizen.fullName.split(' ')[1] === 'Thị').length / women.length).toBeGreaterThan(0.25)
    expect(citizens.filter((citizen) => citizen.ethnicity === 'Kinh').length / citizens.length).toBeGreaterThan(0.7)
  })

  it('gives enterprises valid codes and branches an existing parent', () => {
    const codes = new Set<string>()
    for (const chunk of chunks) {
      for (const enterprise of chunk.business.enterprises) {
        expect(validEnterpriseCode(enterprise.enterpriseCode), enterprise.enterpriseCode).toBe(true)
        expect(codes.has(enterprise.enterpriseCode)).toBe(false)
        if (enterprise.parentCode) {
          expect(codes.has(enterprise.parentCode)).toBe(true)
          expect(enterprise.enterpriseCode.startsWith(`${enterprise.parentCode}-`)).toBe(true)
        }
        expect(enterprise.businessLines.filter((line) => line.isMain)).toHaveLength(1)
        codes.add(enterprise.enterpriseCode)
      }
    }
    expect(codes.size).toBeGreaterThan(20)
    expect([...codes].some((code) => code.includes('-'))).toBe(true)
  })

  it('refers only to citizens and enterprises of the same or an earlier chunk, with unique ids', () => {
    const citizens = new Map<string, CitizenRecord>()
    const enterprises = new Set<string>()
    const ids = new Set<string>()
    const unique = (id: string) => {
      expect(ids.has(id), id).toBe(false)
      ids.add(id)
    }
    const citizen = (id: string | null) => {
      if (id !== null) expect(citizens.has(id), `citizen ${id}`).toBe(true)
    }
    for (const chunk of chunks) {
      const households = new Set<string>()
      for (const record of chunk.population.citizens) citizens.set(record.personalId, record)
      for (const household of chunk.population.households) {
        unique(household.id)
        households.add(household.id)
        citizen(household.headId)
        expect(citizens.get(household.headId)!.householdId).toBe(household.id)
      }
      for (const record of chunk.population.citizens) {
        expect(households.has(record.householdId)).toBe(true)
        citizen(record.fatherId)
        citizen(record.motherId)
        citizen(record.spouseId)
      }
      for (const birth of chunk.civilStatus.births) {
        unique(birth.id)
        citizen(birth.childId)
        citizen(birth.fatherId)
        citizen(birth.motherId)
      }
      for (const marriage of chunk.civilStatus.marriages) {
        unique(marriage.id)
        citizen(marriage.husbandId)
        citizen(marriage.wifeId)
      }
      for (const death of chunk.civilStatus.deaths) {
        unique(death.id)
        citizen(death.deceasedId)
        citizen(death.declarantId)
        expect(citizens.get(death.deceasedId)!.dateOfDeath).toBe(death.dateOfDeath)
      }
      for (const enterprise of chunk.business.enterprises) {
        enterprises.add(enterprise.enterpriseCode)
        for (const representative of enterprise.representatives) citizen(representative.personalId)
        for (const owner of enterprise.owners) {
          if (owner.kind === 'CITIZEN') citizen(owner.ownerId)
          else expect(enterprises.has(owner.ownerId)).toBe(true)
        }
      }
      for (const business of chunk.business.householdBusinesses) {
        unique(`HKD ${business.registrationNumber}`)
        citizen(business.ownerId)
      }
      for (const parcel of chunk.land.parcels) {
        unique(landParcelId(parcel))
        for (const holder of parcel.holders) {
          if (holder.kind === 'CITIZEN') citizen(holder.holderId)
          else expect(enterprises.has(holder.holderId)).toBe(true)
        }
        expect(parcel.certificates.length).toBeGreaterThan(0)
      }
      for (const record of chunk.insurance.socialInsurance) {
        unique(`BHXH ${record.socialInsuranceNumber}`)
        expect(record.socialInsuranceNumber).toMatch(/^\d{10}$/)
        citizen(record.personalId)
        for (const period of record.periods) expect(enterprises.has(period.employerCode), period.employerCode).toBe(true)
      }
      const numbers = new Map(chunk.insurance.socialInsurance.map((record) => [record.socialInsuranceNumber, record.personalId]))
      for (const card of chunk.insurance.healthInsuranceCards) {
        unique(`BHYT ${card.cardNumber}`)
        expect(card.cardNumber).toMatch(/^[A-Z]{2}[1-5]\d{2}\d{10}$/)
        expect(card.cardNumber.slice(5)).toBe(card.socialInsuranceNumber)
        expect(numbers.get(card.socialInsuranceNumber)).toBe(card.personalId)
      }
    }
  })

  it('keeps family links consistent both ways, except injected missing marriages', () => {
    const citizens = new Map(chunks.flatMap((chunk) => chunk.population.citizens).map((record) => [record.personalId, record]))
    const missing = new Set(manifest.discrepancies.filter((d) => d.kind === 'MARRIAGE_MISSING_FROM_POPULATION').map((d) => d.personalId))
    const inForce = new Map<string, string>()
    for (const marriage of chunks.flatMap((chunk) => chunk.civilStatus.marriages)) {
      if (marriage.dissolvedOn === null) {
        inForce.set(marriage.husbandId, marriage.wifeId)
        inForce.set(marriage.wifeId, marriage.husbandId)
      } else if (marriage.dissolutionReason === 'DEATH') {
        const husbandDead = citizens.get(marriage.husbandId)!.dateOfDeath
        const wifeDead = citizens.get(marriage.wifeId)!.dateOfDeath
        expect(husbandDead === marriage.dissolvedOn || wifeDead === marriage.dissolvedOn).toBe(true)
      }
    }
    for (const record of citizens.values()) {
      if (record.spouseId) expect(citizens.get(record.spouseId)!.spouseId).toBe(record.personalId)
      if (missing.has(record.personalId)) {
        expect(record.spouseId).toBeNull()
        expect(inForce.has(record.personalId)).toBe(true)
      } else expect(record.spouseId).toBe(inForce.get(record.personalId) ?? null)
      if (record.fatherId) expect(citizens.get(record.fatherId)!.sex).toBe('MALE')
      if (record.motherId) expect(citizens.get(record.motherId)!.sex).toBe('FEMALE')
    }
    expect(missing.size).toBeGreaterThan(0)
    const deceased = [...citizens.values()].filter((record) => record.dateOfDeath !== null)
    expect(deceased.length).toBeGreaterThan(0)
    expect(chunks.flatMap((chunk) => chunk.civilStatus.deaths)).toHaveLength(deceased.length)
    const registered = new Set(chunks.flatMap((chunk) => chunk.civilStatus.births.map((birth) => birth.childId)))
    for (const record of citizens.values()) if (record.birthDate >= '1990') expect(registered.has(record.personalId)).toBe(true)
  })

  it('counts every address of every register and those under split or unknown communes exactly', () => {
    for (const register of REGISTERS) {
      const addresses = chunks.flatMap((chunk) => collectAddresses(chunk[SLICE_OF[register]]))
      const split = addresses.filter((a) => {
        const rows = a.legacyCommuneCode === null ? undefined : crosswalkRows.get(a.legacyCommuneCode)
        return rows !== undefined && !(rows.length === 1 && rows[0]!.relation === 'whole')
      }).length
      const unknown = addresses.filter((a) => a.legacyCommuneCode === null || !crosswalkRows.has(a.legacyCommuneCode)).length
      expect(manifest.addresses[register], register).toEqual({ total: addresses.length, split, unknown })
      expect(split, register).toBe(manifest.injected.SPLIT_COMMUNE[register] ?? 0)
      expect(unknown, register).toBe(manifest.injected.UNKNOWN_COMMUNE[register] ?? 0)
    }
    expect(manifest.addresses.population.split).toBeGreaterThan(0)
    expect(manifest.addresses.population.unknown).toBeGreaterThan(0)
    const households = chunks.flatMap((chunk) => chunk.population.households.map((household) => crosswalkRows.get(household.address.legacyCommuneCode!)))
    expect(manifest.households).toEqual({
      total: households.length,
      splitCommune: households.filter((rows) => rows !== undefined && !(rows.length === 1 && rows[0]!.relation === 'whole')).length,
      unknownCommune: households.filter((rows) => rows === undefined).length,
    })
    expect(manifest.households.splitCommune).toBeGreaterThan(0)
    expect(manifest.households.unknownCommune).toBeGreaterThan(0)
  })

  it('disagrees with population exactly where the manifest says (the brief\'s discrepancy rules)', () => {
    const citizens = new Map(chunks.flatMap((chunk) => chunk.population.citizens).map((record) => [record.personalId, record]))
    const found: Omit<ExpectedDiscrepancy, 'kind'>[] = []
    const compare = (register: ExpectedDiscrepancy['register'], recordType: string, recordId: string, personalId: string, seen: { name?: string; birthDate?: string; residenceCode?: string | null }) => {
      const person = citizens.get(personalId)!
      if (seen.name !== undefined && seen.name.normalize('NFC') !== person.fullName.normalize('NFC')) found.push({ register, personalId, field: 'FULL_NAME', recordType, recordId })
      if (seen.birthDate !== undefined && seen.birthDate !== person.birthDate) found.push({ register, personalId, field: 'BIRTH_DATE', recordType, recordId })
      if (seen.residenceCode !== undefined && seen.residenceCode !== person.permanentResidence.legacyCommuneCode) found.push({ register, personalId, field: 'RESIDENCE', recordType, recordId })
    }
    for (const chunk of chunks) {
      const { births, marriages, deaths } = chunk.civilStatus
      for (const birth of births) compare('CIVIL_STATUS', 'BirthRegistration', birth.id, birth.childId, { name: birth.childName, birthDate: birth.childBirthDate })
      for (const marriage of marriages) {
        compare('CIVIL_STATUS', 'MarriageRegistration', marriage.id, marriage.husbandId, { name: marriage.husbandName })
        compare('CIVIL_STATUS', 'MarriageRegistration', marriage.id, marriage.wifeId, { name: marriage.wifeName })
        if (marriage.dissolvedOn === null) {
          if (citizens.get(marriage.husbandId)!.spouseId !== marriage.wifeId) found.push({ register: 'CIVIL_STATUS', personalId: marriage.husbandId, field: 'SPOUSE', recordType: 'MarriageRegistration', recordId: marriage.id })
          if (citizens.get(marriage.wifeId)!.spouseId !== marriage.husbandId) found.push({ register: 'CIVIL_STATUS', personalId: marriage.wifeId, field: 'SPOUSE', recordType: 'MarriageRegistration', recordId: marriage.id })
        }
      }
      for (const death of deaths) compare('CIVIL_STATUS', 'DeathRegistration', death.id, death.deceasedId, { name: death.deceasedName })
      for (const parcel of chunk.land.parcels) {
        const id = landParcelId(parcel)
        for (const holder of parcel.holders) if (holder.kind === 'CITIZEN') compare('LAND', 'LandParcel', id, holder.holderId, { name: holder.holderName })
      }
      for (const enterprise of chunk.business.enterprises) {
        for (const r of enterprise.representatives) {
          compare('BUSINESS', 'LegalRepresentative', `${enterprise.enterpriseCode}/${r.personalId}`, r.personalId, { name: r.name, birthDate: r.birthDate, residenceCode: r.residence.legacyCommuneCode })
        }
        // Owners' names are never a defect: they always agree.
        for (const owner of enterprise.owners) if (owner.kind === 'CITIZEN') expect(owner.name).toBe(citizens.get(owner.ownerId)!.fullName)
      }
      for (const business of chunk.business.householdBusinesses) {
        compare('BUSINESS', 'HouseholdBusiness', business.registrationNumber, business.ownerId, { name: business.ownerName, birthDate: business.ownerBirthDate, residenceCode: business.ownerResidence.legacyCommuneCode })
      }
      for (const record of chunk.insurance.socialInsurance) {
        compare('INSURANCE', 'SocialInsuranceRecord', record.socialInsuranceNumber, record.personalId, { name: record.fullName, birthDate: record.birthDate, residenceCode: record.residence.legacyCommuneCode })
      }
    }
    const key = (d: Omit<ExpectedDiscrepancy, 'kind'>) => `${d.register} ${d.personalId} ${d.field} ${d.recordType} ${d.recordId}`
    expect(found.map(key).sort()).toEqual(manifest.discrepancies.map(key).sort())
    // No two defects on one record; at most one misspelled record per citizen.
    const records = manifest.discrepancies.filter((d) => d.kind !== 'MARRIAGE_MISSING_FROM_POPULATION').map((d) => `${d.recordType} ${d.recordId}`)
    expect(new Set(records).size).toBe(records.length)
    const misspelled = manifest.discrepancies.filter((d) => d.kind === 'NAME_MISSPELLED').map((d) => d.personalId)
    expect(new Set(misspelled).size).toBe(misspelled.length)
    for (const kind of ['NAME_MISSPELLED', 'STALE_RESIDENCE', 'MARRIAGE_MISSING_FROM_POPULATION'] as const) {
      expect(manifest.discrepancies.some((d) => d.kind === kind), kind).toBe(true)
    }
    // Injected counts per register: the records concerned, a missing marriage once for both spouses.
    const REGISTER_OF = { CIVIL_STATUS: 'civil-status', LAND: 'land', BUSINESS: 'business', INSURANCE: 'insurance' } as const
    for (const kind of ['NAME_MISSPELLED', 'STALE_RESIDENCE', 'MARRIAGE_MISSING_FROM_POPULATION'] as const) {
      const expected: Partial<Record<RegisterName, number>> = {}
      const records = new Set(manifest.discrepancies.filter((d) => d.kind === kind).map((d) => `${d.register} ${d.recordType} ${d.recordId}`))
      for (const record of records) {
        const register = REGISTER_OF[record.split(' ')[0] as keyof typeof REGISTER_OF]
        expected[register] = (expected[register] ?? 0) + 1
      }
      expect(manifest.injected[kind], kind).toEqual(expected)
    }
  })

  it('uses only whole-mapped communes when no defect is asked for', () => {
    const clean = generateNation({ citizens: 1_000, seed: 3, defectRates: { splitCommune: 0, unknownCommune: 0, nameMisspelled: 0, staleResidence: 0, marriageMissing: 0 } })
    const cleanChunks = [...clean.chunks]
    for (const register of REGISTERS) expect(clean.manifest.addresses[register]).toMatchObject({ split: 0, unknown: 0 })
    expect(clean.manifest.discrepancies).toEqual([])
    for (const address of cleanChunks.flatMap((chunk) => collectAddresses(chunk))) {
      const rows = crosswalkRows.get(address.legacyCommuneCode!)!
      expect(rows.length === 1 && rows[0]!.relation === 'whole').toBe(true)
    }
  })

  it('rejects bad options', () => {
    expect(() => generateNation({ citizens: -1, seed: 1 })).toThrow(/citizens/)
    expect(() => generateNation({ citizens: 10, seed: 1.5 })).toThrow(/seed/)
    expect(() => generateNation({ citizens: 10, seed: 1, chunkSize: 0 })).toThrow(/chunkSize/)
    expect(() => generateNation({ citizens: 10, seed: 1, defectRates: { nameMisspelled: 0.9 } })).toThrow(/nameMisspelled/)
  })
})
