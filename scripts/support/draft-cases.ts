import type { ApplicationDraftInput } from '@lienthong/subgraph-cases'
import { generateNation, loadPlaces, type DefectManifest } from '@lienthong/seed'
import type {
  BirthRegistrationRecord,
  CitizenRecord,
  DeathRegistrationRecord,
  HouseholdBusinessRecord,
  LandParcelRecord,
  MarriageRegistrationRecord,
  SocialInsuranceRecord,
  EnterpriseRecord,
} from '@lienthong/lib/registers'

/**
 * A synthetic nation held in memory, indexed the way draft cases are chosen:
 * the same nation `npm run seed -- --citizens N --seed S` loaded (generation
 * is deterministic), so drafts can be checked against what the registers hold.
 */
export interface NationIndex {
  manifest: DefectManifest
  citizens: Map<string, CitizenRecord>
  /** Citizens in personal id order. */
  citizenIds: string[]
  childrenOf: Map<string, string[]>
  marriagesOf: Map<string, MarriageRegistrationRecord[]>
  deathOf: Map<string, DeathRegistrationRecord>
  birthOf: Map<string, BirthRegistrationRecord>
  parcelsOf: Map<string, LandParcelRecord[]>
  householdBusinessesOf: Map<string, HouseholdBusinessRecord[]>
  enterprisesOwnedBy: Map<string, EnterpriseRecord[]>
  socialInsuranceOf: Map<string, SocialInsuranceRecord>
  /** Personal ids some register disagrees about (an injected defect). */
  withDiscrepancy: Set<string>
  /** Whether a legacy commune code maps to exactly one 2025 commune. */
  mapsExactly(legacyCommuneCode: string | null): boolean
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}

export function indexNation(citizenCount: number, seed: number): NationIndex {
  const nation = generateNation({ citizens: citizenCount, seed })
  const index: NationIndex = {
    manifest: nation.manifest,
    citizens: new Map(),
    citizenIds: [],
    childrenOf: new Map(),
    marriagesOf: new Map(),
    deathOf: new Map(),
    birthOf: new Map(),
    parcelsOf: new Map(),
    householdBusinessesOf: new Map(),
    enterprisesOwnedBy: new Map(),
    socialInsuranceOf: new Map(),
    withDiscrepancy: new Set(),
    mapsExactly: () => false,
  }
  for (const chunk of nation.chunks) {
    for (const citizen of chunk.population.citizens) {
      index.citizens.set(citizen.personalId, citizen)
      for (const parent of [citizen.fatherId, citizen.motherId]) if (parent) push(index.childrenOf, parent, citizen.personalId)
    }
    for (const marriage of chunk.civilStatus.marriages) {
      push(index.marriagesOf, marriage.husbandId, marriage)
      push(index.marriagesOf, marriage.wifeId, marriage)
    }
    for (const death of chunk.civilStatus.deaths) index.deathOf.set(death.deceasedId, death)
    for (const birth of chunk.civilStatus.births) index.birthOf.set(birth.childId, birth)
    for (const parcel of chunk.land.parcels) {
      for (const holder of parcel.holders) if (holder.kind === 'CITIZEN') push(index.parcelsOf, holder.holderId, parcel)
    }
    for (const business of chunk.business.householdBusinesses) push(index.householdBusinessesOf, business.ownerId, business)
    for (const enterprise of chunk.business.enterprises) {
      for (const owner of enterprise.owners) if (owner.kind === 'CITIZEN') push(index.enterprisesOwnedBy, owner.ownerId, enterprise)
    }
    for (const record of chunk.insurance.socialInsurance) index.socialInsuranceOf.set(record.personalId, record)
  }
  for (const discrepancy of nation.manifest.discrepancies) index.withDiscrepancy.add(discrepancy.personalId)
  index.citizenIds = [...index.citizens.keys()].sort()
  const places = loadPlaces()
  index.mapsExactly = (code) => code !== null && places.byCode.get(code)?.mapping === 'WHOLE'
  return index
}

/** A draft to ask for, and whether its parties' records are complete (known, alive, mapped exactly, no register disagreeing). */
export interface DraftCase {
  procedureCode: string
  input: ApplicationDraftInput
  complete: boolean
}

/** Completed years of age on a date, both 'YYYY-MM-DD'. */
export const ageOn = (birthDate: string, date: string): number => Number(date.slice(0, 4)) - Number(birthDate.slice(0, 4)) - (date.slice(5) < birthDate.slice(5) ? 1 : 0)

/**
 * Up to `perProcedure` cases for each of the nine procedures, spread evenly
 * over the candidates each procedure has in the nation (no randomness: the
 * same nation gives the same cases).
 */
export function selectDraftCases(nation: NationIndex, perProcedure: number, today: string): DraftCase[] {
  const living = nation.citizenIds.map((id) => nation.citizens.get(id)!).filter((citizen) => citizen.dateOfDeath === null)
  const adults = living.filter((citizen) => ageOn(citizen.birthDate, today) >= 18)
  const adultIds = new Set(adults.map((citizen) => citizen.personalId))
  const clean = (citizen: CitizenRecord | undefined) =>
    citizen !== undefined && citizen.dateOfDeath === null && nation.mapsExactly(citizen.permanentResidence.legacyCommuneCode) && !nation.withDiscrepancy.has(citizen.personalId)
  const validParcel = (id: string) => (nation.parcelsOf.get(id) ?? []).some((parcel) => parcel.certificates.some((certificate) => certificate.revokedOn === null))
  const maritalStatusOf = (id: string) => {
    const marriages = nation.marriagesOf.get(id) ?? []
    if (marriages.length === 0) return 'NEVER_MARRIED'
    return marriages.some((marriage) => marriage.dissolvedOn === null) ? 'MARRIED' : 'DISSOLVED'
  }
  const spread = <T>(candidates: T[]): T[] =>
    candidates.length <= perProcedure ? candidates : Array.from({ length: perProcedure }, (_, i) => candidates[Math.floor((i * candidates.length) / perProcedure)]!)

  const cases: DraftCase[] = []
  const add = (procedureCode: string, applicantId: string, parties: ApplicationDraftInput['parties'], complete: boolean) =>
    cases.push({ procedureCode, input: { procedureCode, applicantId, parties }, complete })

  // Khai sinh: a couple married and alive, the mother of child-bearing age; the applicant alternates mother / father.
  const couples = [...new Set([...nation.marriagesOf.values()].flat())].filter((marriage) => {
    const wife = nation.citizens.get(marriage.wifeId)
    const husband = nation.citizens.get(marriage.husbandId)
    return marriage.dissolvedOn === null && wife?.dateOfDeath === null && husband?.dateOfDeath === null && ageOn(wife.birthDate, today) <= 45
  })
  couples.sort((a, b) => a.id.localeCompare(b.id))
  spread(couples).forEach((marriage, i) =>
    add('1.001193', i % 2 === 0 ? marriage.wifeId : marriage.husbandId, [
      { role: 'MOTHER', personalId: marriage.wifeId },
      { role: 'FATHER', personalId: marriage.husbandId },
    ], clean(nation.citizens.get(marriage.wifeId)) && clean(nation.citizens.get(marriage.husbandId))),
  )

  // Kết hôn: a never-married man of 20 or more with a never-married woman of 18 or more, not related.
  const single = (sex: 'MALE' | 'FEMALE', age: number) => adults.filter((citizen) => citizen.sex === sex && ageOn(citizen.birthDate, today) >= age && maritalStatusOf(citizen.personalId) === 'NEVER_MARRIED')
  const men = single('MALE', 20)
  const women = single('FEMALE', 18)
  const related = (man: CitizenRecord, woman: CitizenRecord) =>
    [man.fatherId, man.motherId].some((parent) => parent !== null && (parent === woman.fatherId || parent === woman.motherId))
  const pairs = men.slice(0, women.length).map((man, i) => [man, women[i]!] as const).filter(([man, woman]) => !related(man, woman))
  spread(pairs).forEach(([man, woman]) =>
    add('1.000894', man.personalId, [{ role: 'PARTNER', personalId: woman.personalId }], clean(man) && clean(woman)),
  )

  // Xác nhận tình trạng hôn nhân: any adult.
  spread(adults).forEach((citizen) => add('1.004873', citizen.personalId, [], clean(citizen)))

  // Khai tử: a living person of 60 or more, declared by one of their living adult children (the death is not yet registered).
  const elders = living.filter((citizen) => ageOn(citizen.birthDate, today) >= 60 && (nation.childrenOf.get(citizen.personalId) ?? []).some((id) => adultIds.has(id)))
  spread(elders).forEach((elder) => {
    const declarant = nation.citizens.get((nation.childrenOf.get(elder.personalId) ?? []).find((id) => adultIds.has(id))!)!
    add('1.000656', declarant.personalId, [{ role: 'DECEASED', personalId: elder.personalId }], clean(elder) && clean(declarant))
  })

  // Thường trú and tạm trú: adults; complete when a land-use right proves the lawful residence.
  spread(adults).forEach((citizen) => add('1.004222', citizen.personalId, [], clean(citizen) && validParcel(citizen.personalId)))
  spread([...adults].reverse()).forEach((citizen) => add('1.004194', citizen.personalId, [], clean(citizen) && validParcel(citizen.personalId)))

  // Cấp GCN quyền sử dụng đất: holders of a parcel; the spouse joins when married.
  const holders = adults.filter((citizen) => (nation.parcelsOf.get(citizen.personalId) ?? []).length > 0)
  spread(holders).forEach((holder) => {
    const spouse = holder.spouseId ? nation.citizens.get(holder.spouseId) : undefined
    const parties = spouse && spouse.dateOfDeath === null ? [{ role: 'SPOUSE' as const, personalId: spouse.personalId }] : []
    const seized = (nation.parcelsOf.get(holder.personalId) ?? []).some((parcel) => parcel.encumbrances.some((encumbrance) => encumbrance.kind === 'SEIZURE' && encumbrance.releasedOn === null))
    add('1.012787', holder.personalId, parties, clean(holder) && validParcel(holder.personalId) && !seized && (!spouse || clean(spouse)))
  })

  // Hộ kinh doanh: adults; complete when they own no household business and no private enterprise.
  spread(adults.filter((citizen) => citizen.personalId.endsWith('1') || citizen.personalId.endsWith('6'))).forEach((citizen) =>
    add(
      '1.001612',
      citizen.personalId,
      [],
      clean(citizen) &&
        validParcel(citizen.personalId) &&
        !(nation.householdBusinessesOf.get(citizen.personalId) ?? []).some((business) => business.status !== 'CLOSED') &&
        !(nation.enterprisesOwnedBy.get(citizen.personalId) ?? []).some((enterprise) => enterprise.legalForm === 'PRIVATE'),
    ),
  )

  // Trợ cấp thất nghiệp: insured people whose last period has ended.
  const unemployed = adults.filter((citizen) => {
    const record = nation.socialInsuranceOf.get(citizen.personalId)
    return record !== undefined && record.periods.length > 0 && record.periods.every((period) => period.to !== null && period.to < today)
  })
  spread(unemployed).forEach((citizen) => add('1.014748', citizen.personalId, [], clean(citizen)))
  return cases
}
