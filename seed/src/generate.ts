import { landParcelId } from '@lienthong/subgraph-land'
import type {
  BirthRegistrationRecord,
  BusinessSlice,
  CitizenRecord,
  CivilStatusSlice,
  DeathRegistrationRecord,
  EnterpriseRecord,
  HealthInsuranceCardRecord,
  HouseholdBusinessRecord,
  HouseholdRecord,
  InsuranceSlice,
  LandParcelRecord,
  LandSlice,
  LegacyAddress,
  MarriageRegistrationRecord,
  NationChunk,
  RegisteringAuthority,
  Sex,
  SocialInsuranceRecord,
} from '@lienthong/lib/registers'
import {
  BRANDS,
  CHARTER_CAPITALS,
  ENTERPRISE_STATUSES,
  HOUSEHOLD_VSIC_LINES,
  LEGAL_FORM_PREFIX,
  LEGAL_FORMS,
  LENDERS,
  SHOP_KINDS,
  TRADES,
  VSIC_LINES,
} from './business-data.js'
import { addYears, dayOf, drawEnterpriseCode, formatDay, personalIdPrefix, REFERENCE_DAY, UniqueDigits, yearOf } from './identifiers.js'
import {
  forEachAddress,
  emptyManifest,
  REGISTERS,
  type DefectKind,
  type DefectManifest,
  type DiscrepancyField,
  type DiscrepancyRegister,
  type RegisterName,
} from './manifest.js'
import { BLOOD_GROUPS, ETHNICITIES, misspellName, pickFullName, pickSurname, RELIGIONS, surnameOf } from './names.js'
import {
  loadPlaces,
  mistypeCommuneCode,
  pickOtherWholeCommune,
  pickSplitCommune,
  pickWholeCommune,
  pickWholeCommuneNear,
  placeAddress,
  residenceText,
  type LegacyCommune,
  type Places,
} from './places.js'
import { pickWeighted, Random } from './random.js'

/** Rates of the injected defects (each a share of the units it can apply to). */
export interface DefectRates {
  /** Households living in a legacy commune the crosswalk splits. */
  splitCommune: number
  /** Households whose residence carries a mistyped legacy commune code. */
  unknownCommune: number
  /** Eligible records (birth registration, land holder, legal representative, household-business owner, social insurance) with the name spelled differently. */
  nameMisspelled: number
  /** Social insurance records and legal representatives keeping a previous residence. */
  staleResidence: number
  /** Married couples whose population records miss the spouse (both sides). */
  marriageMissing: number
}

const DEFAULT_DEFECT_RATES: DefectRates = {
  splitCommune: 0.01,
  unknownCommune: 0.005,
  nameMisspelled: 0.01,
  staleResidence: 0.01,
  marriageMissing: 0.01,
}

export interface GenerateOptions {
  /** Citizens in the nation (living and deceased), exactly. */
  citizens: number
  /** Same citizens + seed (+ chunkSize) ⇒ byte-identical output. */
  seed: number
  /** Citizens per chunk; default 20,000. */
  chunkSize?: number
  defectRates?: Partial<DefectRates>
}

export interface Nation {
  /** Filled as chunks are produced: complete once `chunks` is exhausted. */
  manifest: DefectManifest
  /** The chunks, in order; iterate once. */
  chunks: Generator<NationChunk, void, undefined>
}

const DEFAULT_CHUNK_SIZE = 20_000

/**
 * A synthetic nation, chunk by chunk: population, civil status, land,
 * business and insurance records that agree with each other everywhere
 * except the defects it injects and records in the manifest.
 *
 * ```ts
 * const nation = generateNation({ citizens: 10_000, seed: 1 })
 * for (const chunk of nation.chunks) load(chunk)
 * nation.manifest.discrepancies
 * ```
 */
export function generateNation(options: GenerateOptions): Nation {
  const citizens = options.citizens
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE
  if (!Number.isInteger(citizens) || citizens < 0) throw new RangeError(`citizens must be a non-negative integer, got ${citizens}`)
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new RangeError(`chunkSize must be a positive integer, got ${chunkSize}`)
  if (!Number.isInteger(options.seed)) throw new RangeError(`seed must be an integer, got ${options.seed}`)
  const rates = { ...DEFAULT_DEFECT_RATES, ...options.defectRates }
  for (const [name, rate] of Object.entries(rates)) {
    if (!(rate >= 0 && rate <= 0.2)) throw new RangeError(`defect rate ${name} must be between 0 and 0.2, got ${rate}`)
  }
  const manifest = emptyManifest(options.seed, citizens)
  const state = new NationState(options.seed, rates, manifest)

  function* chunks(): Generator<NationChunk, void, undefined> {
    let produced = 0
    while (produced < citizens) {
      const size = Math.min(chunkSize, citizens - produced)
      const chunk = new ChunkBuilder(state, size).build()
      produced += size
      manifest.chunks++
      for (const register of REGISTERS) state.countAddresses(register, chunk)
      yield chunk
    }
  }
  return { manifest, chunks: chunks() }
}

// ───────────── state kept across chunks ─────────────

interface EnterpriseRef {
  code: string
  name: string
  registeredOn: number
}

class NationState {
  readonly random: Random
  readonly places: Places
  readonly personalIds = new UniqueDigits()
  readonly enterpriseCodes = new UniqueDigits()
  readonly socialInsuranceNumbers = new UniqueDigits()
  readonly householdBusinessNumbers = new UniqueDigits()
  /** Every enterprise produced so far (employers and land holders may be any of them). */
  readonly enterprises: EnterpriseRef[] = []
  readonly householdCounters = new Map<string, number>()
  readonly parcelCounters = new Map<string, number>()
  readonly counters = { birth: 0, marriage: 0, death: 0, certificate: 0 }

  constructor(
    seed: number,
    readonly rates: DefectRates,
    readonly manifest: DefectManifest,
  ) {
    this.random = new Random(seed)
    this.places = loadPlaces()
  }

  countAddresses(register: RegisterName, chunk: NationChunk): void {
    let total = 0
    let split = 0
    let unknown = 0
    const byCode = this.places.byCode
    forEachAddress(register, chunk, (address) => {
      total++
      const commune = address.legacyCommuneCode === null ? undefined : byCode.get(address.legacyCommuneCode)
      if (commune === undefined) unknown++
      else if (commune.mapping === 'SPLIT') split++
    })
    const counts = this.manifest.addresses[register]
    counts.total += total
    counts.split += split
    counts.unknown += unknown
    // Only registers that got such an address are listed among the injected defects.
    if (split > 0) bump(this.manifest.injected.SPLIT_COMMUNE, register, split)
    if (unknown > 0) bump(this.manifest.injected.UNKNOWN_COMMUNE, register, unknown)
  }

  /** Records an expected discrepancy and counts the defect for its register. */
  expect(kind: DefectKind, register: DiscrepancyRegister, personalId: string, field: DiscrepancyField, recordType: string, recordId: string, count = true): void {
    this.manifest.discrepancies.push({ register, personalId, field, recordType, recordId, kind })
    if (count) bump(this.manifest.injected[kind], REGISTER_NAMES[register])
  }
}

const REGISTER_NAMES: Record<DiscrepancyRegister, RegisterName> = {
  CIVIL_STATUS: 'civil-status',
  LAND: 'land',
  BUSINESS: 'business',
  INSURANCE: 'insurance',
}

function bump(counts: Partial<Record<RegisterName, number>>, register: RegisterName, by = 1): void {
  counts[register] = (counts[register] ?? 0) + by
}

// ───────────── one chunk ─────────────

interface Household {
  record: HouseholdRecord
  /** The real commune the household lives in. */
  commune: LegacyCommune
  /** The legacy commune code its residence carries (mistyped for an unknown-commune defect). */
  residenceCode: string
  residenceText: string
  members: Person[]
}

interface Person {
  record: CitizenRecord
  birthDay: number
  deathDay: number | null
  birthCommune: LegacyCommune
  household: Household
  /** The marriage this person is part of (at most one). */
  marriage: Marriage | null
  /** Set once a record of a register carries a defect about this person. */
  misspelled: boolean
}

interface Marriage {
  husband: Person
  wife: Person
  day: number
  dissolvedOn: number | null
  reason: 'DIVORCE' | 'DEATH' | null
  /** The population register misses it (MARRIAGE_MISSING_FROM_POPULATION). */
  missingFromPopulation: boolean
}

const ISSUER = 'Cục Cảnh sát quản lý hành chính về trật tự xã hội'

class ChunkBuilder {
  readonly #state: NationState
  readonly #random: Random
  readonly #places: Places
  readonly #size: number
  readonly #people: Person[] = []
  readonly #households: Household[] = []
  readonly #marriages: Marriage[] = []

  constructor(state: NationState, size: number) {
    this.#state = state
    this.#random = state.random
    this.#places = state.places
    this.#size = size
  }

  build(): NationChunk {
    let remaining = this.#size
    while (remaining > 0) remaining -= this.#addFamily(remaining)
    const population = {
      citizens: this.#people.map((person) => person.record),
      households: this.#households.map((household) => household.record),
    }
    const civilStatus = this.#civilStatus()
    const business = this.#business()
    const land = this.#land(business)
    const insurance = this.#insurance()
    return { population, civilStatus, land, business, insurance }
  }

  // ───── population ─────

  /** One household (and, for a divorce, the ex-spouse's own household) of at most `max` people; returns the people created. */
  #addFamily(max: number): number {
    const random = this.#random
    const headAge = pickHeadAge(random)
    let status: 'SINGLE' | 'MARRIED' | 'WIDOWED' | 'DIVORCED' = 'SINGLE'
    const r = random.float()
    if (headAge >= 23) {
      const widowed = headAge >= 60 ? 0.2 : 0.03
      if (r < widowed) status = 'WIDOWED'
      else if (r < widowed + 0.05) status = 'DIVORCED'
      else if (r < widowed + 0.05 + (headAge < 28 ? 0.4 : 0.68)) status = 'MARRIED'
    }
    let children = status === 'SINGLE' ? 0 : [0, 1, 1, 2, 2, 2, 3, 3][random.int(0, 7)]!
    let withParents = headAge <= 55 && random.chance(0.12)
    const sizeOf = () => 1 + (status === 'SINGLE' ? 0 : 1) + children + (withParents ? 2 : 0)
    while (sizeOf() > max) {
      if (withParents) withParents = false
      else if (children > 0) children--
      else status = 'SINGLE'
    }

    const household = this.#newHousehold()
    const headSex: Sex = status === 'MARRIED' ? (random.chance(0.75) ? 'MALE' : 'FEMALE') : random.chance(0.5) ? 'MALE' : 'FEMALE'
    const headBirth = REFERENCE_DAY - headAge * 365 - random.int(0, 364)
    const ethnicity = pickWeighted(random, ETHNICITIES)
    const religion = pickWeighted(random, RELIGIONS)

    let father: Person | null = null
    let mother: Person | null = null
    if (withParents) {
      // An elderly widowed parent lives with the head; the other parent died.
      const fatherBirth = headBirth - (random.int(24, 38) * 365 + random.int(0, 364))
      const motherBirth = fatherBirth + random.int(0, 6) * 365 + random.int(0, 200)
      const birthCommune = pickWholeCommuneNear(random, this.#places, household.commune.provinceCode, 0.8)
      father = this.#person({ sex: 'MALE', birthDay: fatherBirth, household, relationship: 'Bố', ethnicity, religion, birthCommune })
      mother = this.#person({
        sex: 'FEMALE', birthDay: motherBirth, household, relationship: 'Mẹ', ethnicity, religion,
        birthCommune: pickWholeCommuneNear(random, this.#places, household.commune.provinceCode, 0.8),
      })
      const marriageDay = Math.max(addYears(fatherBirth, 20), addYears(motherBirth, 18)) + random.int(0, 365 * 3)
      const deceased = random.chance(0.6) ? father : mother
      const deathDay = random.int(Math.max(headBirth + 365, addYears(deceased.birthDay, 45)), REFERENCE_DAY - 30)
      this.#die(deceased, deathDay)
      this.#marry(father, mother, Math.min(marriageDay, headBirth - 300), deathDay, 'DEATH')
    }

    const head = this.#person({
      sex: headSex, birthDay: headBirth, household, relationship: 'Chủ hộ', ethnicity, religion,
      birthCommune: pickWholeCommuneNear(random, this.#places, household.commune.provinceCode, 0.75),
      father, mother,
    })
    household.record.headId = head.record.personalId
    // The head comes first in the household's member list.
    household.members.unshift(household.members.splice(household.members.indexOf(head), 1)[0]!)

    if (status === 'SINGLE') return household.members.length

    // A spouse: living here (married), dead (widowed) or heading their own household (divorced).
    const spouseSex: Sex = headSex === 'MALE' ? 'FEMALE' : 'MALE'
    const gap = random.int(0, 6) * 365 + random.int(0, 364)
    let spouseBirth = headSex === 'MALE' ? headBirth + gap : headBirth - gap
    spouseBirth = Math.min(spouseBirth, REFERENCE_DAY - 21 * 365)
    const spouseHousehold = status === 'DIVORCED' ? this.#newHousehold() : household
    const spouse = this.#person({
      sex: spouseSex, birthDay: spouseBirth, household: spouseHousehold,
      relationship: status === 'DIVORCED' ? 'Chủ hộ' : spouseSex === 'FEMALE' ? 'Vợ' : 'Chồng',
      ethnicity, religion,
      birthCommune: pickWholeCommuneNear(random, this.#places, household.commune.provinceCode, 0.7),
    })
    if (status === 'DIVORCED') spouseHousehold.record.headId = spouse.record.personalId
    const husband = headSex === 'MALE' ? head : spouse
    const wife = headSex === 'MALE' ? spouse : head
    const earliest = Math.max(addYears(husband.birthDay, 20), addYears(wife.birthDay, 18))
    const marriageDay = random.int(earliest, Math.max(earliest, Math.min(earliest + 365 * 8, REFERENCE_DAY - 400)))
    let end: number | null = null
    if (status === 'WIDOWED' || status === 'DIVORCED') {
      end = random.int(Math.min(marriageDay + 365 * 2, REFERENCE_DAY - 60), REFERENCE_DAY - 30)
      if (status === 'WIDOWED') this.#die(spouse, end)
    }
    const marriage = this.#marry(husband, wife, marriageDay, end, status === 'MARRIED' ? null : status === 'WIDOWED' ? 'DEATH' : 'DIVORCE')
    if (status === 'MARRIED' && random.chance(this.#state.rates.marriageMissing)) marriage.missingFromPopulation = true

    // Children born in the marriage, in the household's commune.
    const last = Math.min(end ?? REFERENCE_DAY - 1, addYears(wife.birthDay, 45), REFERENCE_DAY - 1)
    const births: number[] = []
    for (let i = 0; i < children; i++) {
      if (last - (marriageDay + 300) < 0) break
      births.push(random.int(marriageDay + 300, last))
    }
    births.sort((a, b) => a - b)
    for (const birthDay of births) {
      this.#person({
        sex: random.chance(0.51) ? 'MALE' : 'FEMALE', birthDay, household, relationship: 'Con', ethnicity, religion,
        birthCommune: household.commune, father: husband, mother: wife,
      })
    }
    for (const person of [husband, wife]) {
      if (!marriage.missingFromPopulation && marriage.dissolvedOn === null) {
        person.record.spouseId = (person === husband ? wife : husband).record.personalId
      }
    }
    return household.members.length + (spouseHousehold === household ? 0 : spouseHousehold.members.length)
  }

  #newHousehold(): Household {
    const random = this.#random
    const places = this.#places
    const rates = this.#state.rates
    const manifest = this.#state.manifest
    const r = random.float()
    let commune: LegacyCommune
    let residenceCode: string
    manifest.households.total++
    if (r < rates.splitCommune) {
      commune = pickSplitCommune(random, places)
      residenceCode = commune.code
      manifest.households.splitCommune++
    } else if (r < rates.splitCommune + rates.unknownCommune) {
      commune = pickWholeCommune(random, places)
      residenceCode = mistypeCommuneCode(random, places, commune.code)
      manifest.households.unknownCommune++
    } else {
      commune = pickWholeCommune(random, places)
      residenceCode = commune.code
    }
    const counter = (this.#state.householdCounters.get(commune.provinceCode) ?? 0) + 1
    this.#state.householdCounters.set(commune.provinceCode, counter)
    const text = residenceText(random, commune)
    const household: Household = {
      record: { id: `HK${commune.provinceCode}${String(counter).padStart(6, '0')}`, headId: '', address: { legacyCommuneCode: residenceCode, text } },
      commune,
      residenceCode,
      residenceText: text,
      members: [],
    }
    this.#households.push(household)
    return household
  }

  #person(input: {
    sex: Sex
    birthDay: number
    household: Household
    relationship: string
    ethnicity: string
    religion: string
    birthCommune: LegacyCommune
    father?: Person | null
    mother?: Person | null
  }): Person {
    const random = this.#random
    const { sex, birthDay, household, birthCommune } = input
    const father = input.father ?? null
    const mother = input.mother ?? null
    const birthYear = yearOf(birthDay)
    const personalId = this.#state.personalIds.draw(random, personalIdPrefix(birthCommune.provinceCode, birthYear, sex), 6)
    const fullName = pickFullName(random, sex, father ? surnameOf(father.record.fullName) : pickSurname(random))
    const age = (REFERENCE_DAY - birthDay) / 365.25
    const residence = (): LegacyAddress => ({ legacyCommuneCode: household.residenceCode, text: household.residenceText })

    let temporaryResidence: LegacyAddress | null = null
    if (age >= 18 && age < 45 && random.chance(0.1)) {
      const elsewhere = pickOtherWholeCommune(random, this.#places, household.commune.code, household.commune.provinceCode)
      temporaryResidence = { legacyCommuneCode: elsewhere.code, text: residenceText(random, elsewhere) }
    }
    let idCard: CitizenRecord['idCard'] = null
    if (age >= 14) {
      const issueDay = random.int(Math.max(addYears(birthDay, 14), dayOf(2016, 1, 1)), REFERENCE_DAY - 1)
      const expiry = [25, 40, 60].map((years) => addYears(birthDay, years)).find((day) => day > addYears(issueDay, 2))
      idCard = { number: personalId, issueDate: formatDay(issueDay), expiryDate: expiry === undefined ? null : formatDay(expiry), issuedBy: ISSUER }
    }
    const hometown = father ? { ...father.record.hometown } : placeAddress(pickWholeCommuneNear(random, this.#places, birthCommune.provinceCode, 0.9))
    const record: CitizenRecord = {
      personalId,
      fullName,
      otherNames: [],
      birthDate: formatDay(birthDay),
      sex,
      placeOfBirth: placeAddress(birthCommune, random.chance(0.6) ? `Trạm Y tế ${birthCommune.name}` : ''),
      placeOfBirthRegistration: placeAddress(birthCommune),
      hometown,
      ethnicity: input.ethnicity,
      religion: input.religion,
      nationality: 'VN',
      bloodGroup: pickWeighted(random, BLOOD_GROUPS),
      idCard,
      permanentResidence: residence(),
      temporaryResidence,
      currentResidence: temporaryResidence ? { ...temporaryResidence } : residence(),
      householdId: household.record.id,
      relationshipToHead: input.relationship,
      fatherId: father?.record.personalId ?? null,
      motherId: mother?.record.personalId ?? null,
      spouseId: null,
      dateOfDeath: null,
    }
    const person: Person = { record, birthDay, deathDay: null, birthCommune, household, marriage: null, misspelled: false }
    household.members.push(person)
    this.#people.push(person)
    return person
  }

  #die(person: Person, day: number): void {
    person.deathDay = day
    person.record.dateOfDeath = formatDay(day)
    person.record.idCard = null
    person.record.temporaryResidence = null
    person.record.currentResidence = { ...person.record.permanentResidence }
  }

  #marry(husband: Person, wife: Person, day: number, dissolvedOn: number | null, reason: Marriage['reason']): Marriage {
    const marriage: Marriage = { husband, wife, day, dissolvedOn, reason, missingFromPopulation: false }
    husband.marriage = marriage
    wife.marriage = marriage
    this.#marriages.push(marriage)
    return marriage
  }

  // ───── civil status (hộ tịch) ─────

  #civilStatus(): CivilStatusSlice {
    const random = this.#random
    const state = this.#state
    const births: BirthRegistrationRecord[] = []
    for (const person of this.#people) {
      if (yearOf(person.birthDay) < 1990 && !random.chance(0.6)) continue
      const registrationDay = Math.min(person.birthDay + random.int(3, 60), REFERENCE_DAY)
      const id = `KS${String(++state.counters.birth).padStart(10, '0')}`
      const childName = this.#recordedName(person, 'CIVIL_STATUS', 'BirthRegistration', id)
      births.push({
        id,
        ...this.#registration(registrationDay),
        authority: communeAuthority(person.birthCommune),
        childId: person.record.personalId,
        childName,
        childBirthDate: person.record.birthDate,
        childSex: person.record.sex,
        fatherId: person.record.fatherId,
        motherId: person.record.motherId,
        placeOfBirth: { ...person.record.placeOfBirth },
      })
    }

    const marriages: MarriageRegistrationRecord[] = []
    for (const marriage of this.#marriages) {
      const id = `KH${String(++state.counters.marriage).padStart(10, '0')}`
      const { husband, wife } = marriage
      if (marriage.missingFromPopulation) {
        for (const person of [husband, wife]) state.expect('MARRIAGE_MISSING_FROM_POPULATION', 'CIVIL_STATUS', person.record.personalId, 'SPOUSE', 'MarriageRegistration', id, person === husband)
      }
      marriages.push({
        id,
        ...this.#registration(marriage.day),
        authority: communeAuthority(wife.birthCommune),
        husbandId: husband.record.personalId,
        wifeId: wife.record.personalId,
        husbandName: husband.record.fullName,
        wifeName: wife.record.fullName,
        // As declared then: each spouse's home village before the marriage (historical, never compared).
        husbandResidence: { legacyCommuneCode: husband.birthCommune.code, text: residenceText(random, husband.birthCommune) },
        wifeResidence: { legacyCommuneCode: wife.birthCommune.code, text: residenceText(random, wife.birthCommune) },
        dissolvedOn: marriage.dissolvedOn === null ? null : formatDay(marriage.dissolvedOn),
        dissolutionReason: marriage.reason,
      })
    }

    const deaths: DeathRegistrationRecord[] = []
    for (const person of this.#people) {
      if (person.deathDay === null) continue
      const declarant = person.household.members.find((member) => member !== person && member.deathDay === null)
      deaths.push({
        id: `KT${String(++state.counters.death).padStart(10, '0')}`,
        ...this.#registration(Math.min(person.deathDay + random.int(1, 15), REFERENCE_DAY)),
        authority: communeAuthority(person.household.commune),
        deceasedId: person.record.personalId,
        deceasedName: person.record.fullName,
        dateOfDeath: person.record.dateOfDeath!,
        placeOfDeath: { ...person.record.permanentResidence },
        declarantId: declarant?.record.personalId ?? null,
      })
    }
    return { births, marriages, deaths }
  }

  #registration(day: number): { registrationNumber: string; book: string; registrationDate: string } {
    const year = yearOf(day)
    return {
      registrationNumber: `${this.#random.int(1, 999)}/${year}`,
      book: `${String(this.#random.int(1, 4)).padStart(2, '0')}/${year}`,
      registrationDate: formatDay(day),
    }
  }

  // ───── business (đăng ký doanh nghiệp, hộ kinh doanh) ─────

  #business(): BusinessSlice {
    const random = this.#random
    const state = this.#state
    const adults = this.#people.filter((person) => person.deathDay === null && ageAt(person, REFERENCE_DAY) >= 22 && ageAt(person, REFERENCE_DAY) <= 65)
    const enterprises: EnterpriseRecord[] = []
    const representativesUsed = new Set<Person>()
    const pickAdult = (used: Set<Person>): Person | undefined => {
      for (let attempt = 0; attempt < 20 && adults.length > 0; attempt++) {
        const person = random.pick(adults)
        if (!used.has(person)) {
          used.add(person)
          return person
        }
      }
      return undefined
    }

    // About one enterprise per 60 citizens, at least one in the first chunk so employers exist.
    let count = Math.round(this.#size / 60)
    if (state.enterprises.length === 0 && count === 0 && adults.length > 0) count = 1
    for (let i = 0; i < count; i++) {
      const representative = pickAdult(representativesUsed)
      if (!representative) break
      const legalForm = pickWeighted(random, LEGAL_FORMS)
      const headOfficeCommune = pickWholeCommuneNear(random, this.#places, representative.household.commune.provinceCode, 0.7)
      const code = drawEnterpriseCode(random, state.enterpriseCodes, headOfficeCommune.provinceCode)
      const [trade, tradeEnglish] = random.pick(TRADES)
      const [brand, brandAscii] = random.pick(BRANDS)
      const [prefix, suffixEnglish] = LEGAL_FORM_PREFIX[legalForm]!
      const vietnameseName = `${prefix} ${trade} ${brand}`
      const registeredOn = random.int(Math.max(addYears(representative.birthDay, 21), dayOf(2000, 1, 1)), REFERENCE_DAY - 60)
      const lines = pickLines(random, VSIC_LINES, random.int(1, 4))
      const title = legalForm === 'JOINT_STOCK' ? random.pick(['Tổng giám đốc', 'Chủ tịch Hội đồng quản trị']) : legalForm === 'PRIVATE' ? 'Chủ doanh nghiệp' : 'Giám đốc'
      const representatives = [this.#representative(code, representative, title)]
      const owners: EnterpriseRecord['owners'] = []
      const parent = legalForm === 'TNHH_ONE_MEMBER' && state.enterprises.length > 0 && random.chance(0.2) ? random.pick(state.enterprises) : undefined
      if (parent && !parent.code.includes('-')) {
        // A subsidiary wholly owned by an earlier enterprise (never by a branch).
        owners.push({ kind: 'ENTERPRISE', ownerId: parent.code, name: parent.name, capitalShare: 1 })
      } else if (legalForm === 'TNHH_ONE_MEMBER' || legalForm === 'PRIVATE') {
        owners.push(citizenOwner(representative, 1))
      } else {
        const partners = [representative]
        const others = new Set<Person>([representative])
        for (let k = random.int(1, 2); k > 0; k--) {
          const partner = pickAdult(others)
          if (partner) partners.push(partner)
        }
        const share = Math.round((1 / partners.length) * 1000) / 1000
        partners.forEach((partner, index) => owners.push(citizenOwner(partner, index === 0 ? Math.round((1 - share * (partners.length - 1)) * 1000) / 1000 : share)))
      }
      const enterprise: EnterpriseRecord = {
        enterpriseCode: code,
        parentCode: null,
        vietnameseName,
        foreignName: random.chance(0.5) ? `${brandAscii} ${tradeEnglish} ${suffixEnglish}` : null,
        shortName: random.chance(0.5) ? `${brandAscii} ${legalForm === 'JOINT_STOCK' ? 'JSC' : 'CO., LTD'}` : null,
        legalForm,
        status: pickWeighted(random, ENTERPRISE_STATUSES),
        registeredOn: formatDay(registeredOn),
        charterCapitalVnd: random.pick(CHARTER_CAPITALS),
        headOffice: { legacyCommuneCode: headOfficeCommune.code, text: residenceText(random, headOfficeCommune) },
        representatives,
        owners,
        businessLines: lines,
      }
      enterprises.push(enterprise)
      state.enterprises.push({ code, name: vietnameseName, registeredOn })

      // Chi nhánh: some enterprises open branches in other communes.
      if (enterprise.status === 'OPERATING' && random.chance(0.08)) {
        const branches = random.int(1, 2)
        for (let b = 1; b <= branches; b++) {
          const manager = pickAdult(representativesUsed)
          if (!manager) break
          const branchCommune = pickWholeCommuneNear(random, this.#places, headOfficeCommune.provinceCode, 0.5)
          const branchCode = `${code}-${String(b).padStart(3, '0')}`
          const branchOpened = random.int(registeredOn, REFERENCE_DAY - 30)
          const branchName = `Chi nhánh ${branchCommune.provinceName.replace(/^(Tỉnh|Thành phố) /, '')} - ${vietnameseName}`
          enterprises.push({
            enterpriseCode: branchCode,
            parentCode: code,
            vietnameseName: branchName,
            foreignName: null,
            shortName: null,
            legalForm: 'BRANCH',
            status: 'OPERATING',
            registeredOn: formatDay(branchOpened),
            charterCapitalVnd: 0,
            headOffice: { legacyCommuneCode: branchCommune.code, text: residenceText(random, branchCommune) },
            representatives: [this.#representative(branchCode, manager, 'Giám đốc chi nhánh')],
            owners: [],
            businessLines: lines.map((line) => ({ ...line })),
          })
          state.enterprises.push({ code: branchCode, name: branchName, registeredOn: branchOpened })
        }
      }
    }

    // Hộ kinh doanh: about one per 40 citizens.
    const householdBusinesses: HouseholdBusinessRecord[] = []
    const owners = new Set<Person>()
    const businessCount = Math.round(this.#size / 40)
    for (let i = 0; i < businessCount; i++) {
      const owner = pickAdult(owners)
      if (!owner) break
      const atHome = random.chance(0.6)
      const place = atHome ? owner.household.commune : pickWholeCommuneNear(random, this.#places, owner.household.commune.provinceCode, 0.95)
      const registrationNumber = state.householdBusinessNumbers.draw(random, `${place.provinceCode}A8`, 6)
      const ownerName = this.#recordedName(owner, 'BUSINESS', 'HouseholdBusiness', registrationNumber)
      householdBusinesses.push({
        registrationNumber,
        name: `Hộ kinh doanh ${random.pick(SHOP_KINDS)} ${random.pick(BRANDS)[0]}`,
        ownerId: owner.record.personalId,
        ownerName,
        ownerBirthDate: owner.record.birthDate,
        ownerResidence: { ...owner.record.permanentResidence },
        address: atHome ? { ...owner.record.permanentResidence } : { legacyCommuneCode: place.code, text: residenceText(random, place) },
        registeredOn: formatDay(random.int(Math.max(addYears(owner.birthDay, 20), dayOf(2005, 1, 1)), REFERENCE_DAY - 30)),
        authority: { name: `UBND ${place.districtName}`, legacyUnitCode: place.districtCode, communeCode: null },
        capitalVnd: random.int(2, 50) * 10_000_000,
        businessLines: pickLines(random, HOUSEHOLD_VSIC_LINES, random.int(1, 2)),
        status: random.chance(0.85) ? 'OPERATING' : random.chance(0.5) ? 'SUSPENDED' : 'CLOSED',
      })
    }
    return { enterprises, householdBusinesses }
  }

  /** A legal representative as the business register recorded them (possibly with a defect). */
  #representative(enterpriseCode: string, person: Person, title: string): EnterpriseRecord['representatives'][number] {
    const { name, residence } = this.#recordedNameAndResidence(person, 'BUSINESS', 'LegalRepresentative', `${enterpriseCode}/${person.record.personalId}`)
    return { personalId: person.record.personalId, name, birthDate: person.record.birthDate, title, residence }
  }

  /** The person's name as a register recorded it: misspelled at the rate, and at most once per person (NAME_MISSPELLED). */
  #recordedName(person: Person, register: DiscrepancyRegister, recordType: string, recordId: string): string {
    if (person.misspelled || !this.#random.chance(this.#state.rates.nameMisspelled)) return person.record.fullName
    return this.#misspell(person, register, recordType, recordId)
  }

  /**
   * Name and residence as a register recorded them: one draw gives a misspelled
   * name (at most once per person), a previous residence (STALE_RESIDENCE), or neither.
   */
  #recordedNameAndResidence(person: Person, register: DiscrepancyRegister, recordType: string, recordId: string): { name: string; residence: LegacyAddress } {
    const rates = this.#state.rates
    const r = this.#random.float()
    if (r < rates.nameMisspelled && !person.misspelled) {
      return { name: this.#misspell(person, register, recordType, recordId), residence: { ...person.record.permanentResidence } }
    }
    if (r >= 1 - rates.staleResidence) {
      const residence = this.#staleResidence(person)
      this.#state.expect('STALE_RESIDENCE', register, person.record.personalId, 'RESIDENCE', recordType, recordId)
      return { name: person.record.fullName, residence }
    }
    return { name: person.record.fullName, residence: { ...person.record.permanentResidence } }
  }

  #misspell(person: Person, register: DiscrepancyRegister, recordType: string, recordId: string): string {
    person.misspelled = true
    this.#state.expect('NAME_MISSPELLED', register, person.record.personalId, 'FULL_NAME', recordType, recordId)
    return misspellName(this.#random, person.record.fullName)
  }

  /** A previous residence: another whole-mapped commune than the population's permanent residence. */
  #staleResidence(person: Person): LegacyAddress {
    const previous = pickOtherWholeCommune(this.#random, this.#places, person.record.permanentResidence.legacyCommuneCode, person.household.commune.provinceCode)
    return { legacyCommuneCode: previous.code, text: residenceText(this.#random, previous) }
  }

  // ───── land (đất đai) ─────

  #land(business: BusinessSlice): LandSlice {
    const random = this.#random
    const parcels: LandParcelRecord[] = []
    for (const household of this.#households) {
      const head = household.members[0]!
      if (head.deathDay !== null) continue
      const commune = household.commune
      if (!random.chance(commune.urban ? 0.55 : 0.9)) continue
      const spouse = head.marriage && head.marriage.dissolvedOn === null ? (head.marriage.husband === head ? head.marriage.wife : head.marriage.husband) : null
      const holders = spouse && random.chance(0.6) ? [head, spouse] : [head]
      const area = commune.urban ? random.int(30, 200) : random.int(150, 600)
      const uses: LandParcelRecord['uses'] = [{ purposeCode: commune.urban ? 'ODT' : 'ONT', areaM2: area, until: null }]
      if (!commune.urban && random.chance(0.4)) uses.push({ purposeCode: 'CLN', areaM2: random.int(100, 800), until: null })
      parcels.push(this.#parcel(commune, { legacyCommuneCode: household.residenceCode, text: household.residenceText }, uses, holders, dayOf(1995, 1, 1)))

      if (!commune.urban && random.chance(0.5)) {
        const purpose = random.pick(['LUC', 'LUK', 'BHK', 'CLN', 'NTS', 'RSX'])
        const fieldArea = random.int(300, 3000)
        const until = formatDay(random.int(dayOf(2043, 10, 15), dayOf(2074, 12, 31)))
        parcels.push(this.#parcel(commune, placeAddress(commune, `Cánh đồng ${random.pick(['Đồng Trên', 'Đồng Dưới', 'Bãi Giữa', 'Gò Cao', 'Ruộng Sâu'])}`), [{ purposeCode: purpose, areaM2: fieldArea, until }], holders, dayOf(1995, 1, 1)))
      }
    }
    // Enterprises of this chunk holding land at their head office.
    for (const enterprise of business.enterprises) {
      if (enterprise.status !== 'OPERATING' || enterprise.parentCode !== null || !random.chance(0.15)) continue
      const commune = this.#places.byCode.get(enterprise.headOffice.legacyCommuneCode!)!
      const since = dayOf(...(enterprise.registeredOn.split('-').map(Number) as [number, number, number]))
      const purpose = random.chance(0.5) ? 'TMD' : 'SKC'
      parcels.push(this.#parcel(commune, { ...enterprise.headOffice }, [{ purposeCode: purpose, areaM2: random.int(200, 20_000), until: formatDay(addYears(since, 50)) }], enterprise, since))
    }
    return { parcels }
  }

  #parcel(commune: LegacyCommune, address: LegacyAddress, uses: LandParcelRecord['uses'], holders: Person[] | EnterpriseRecord, since: number): LandParcelRecord {
    const random = this.#random
    const state = this.#state
    const counter = state.parcelCounters.get(commune.code) ?? 0
    state.parcelCounters.set(commune.code, counter + 1)
    const mapSheetNumber = Math.floor(counter / 400) + 1
    const parcelNumber = (counter % 400) + 1
    const parcelId = landParcelId({ legacyCommuneCode: commune.code, mapSheetNumber, parcelNumber })
    const areaM2 = uses.reduce((sum, use) => sum + use.areaM2, 0)

    const holderRecords: LandParcelRecord['holders'] = []
    let earliest = since
    if (Array.isArray(holders)) {
      let defectDone = false
      for (const person of holders) {
        earliest = Math.max(earliest, addYears(person.birthDay, 18))
        // One defect per record: once a holder's name is misspelled, the other's is not drawn.
        const holderName: string = defectDone ? person.record.fullName : this.#recordedName(person, 'LAND', 'LandParcel', parcelId)
        defectDone ||= holderName !== person.record.fullName
        holderRecords.push({ kind: 'CITIZEN', holderId: person.record.personalId, holderName, share: holders.length === 2 ? 0.5 : 1, address: { ...person.record.permanentResidence } })
      }
    } else {
      holderRecords.push({ kind: 'ENTERPRISE', holderId: holders.enterpriseCode, holderName: holders.vietnameseName, share: 1, address: { ...holders.headOffice } })
    }

    const issueDay = random.int(Math.min(earliest, REFERENCE_DAY - 60), REFERENCE_DAY - 30)
    const certificates: LandParcelRecord['certificates'] = []
    if (random.chance(0.1) && issueDay - earliest > 800) {
      const oldDay = random.int(earliest, issueDay - 400)
      certificates.push(this.#certificate(commune, oldDay, formatDay(issueDay)))
    }
    certificates.push(this.#certificate(commune, issueDay, null))
    const encumbrances: LandParcelRecord['encumbrances'] = []
    if (random.chance(0.12)) {
      const registeredOn = random.int(issueDay, REFERENCE_DAY - 1)
      const released = random.chance(0.4) && REFERENCE_DAY - registeredOn > 400 ? random.int(registeredOn + 365, REFERENCE_DAY - 1) : null
      encumbrances.push({
        kind: 'MORTGAGE',
        beneficiary: random.pick(LENDERS),
        registeredOn: formatDay(registeredOn),
        releasedOn: released === null ? null : formatDay(released),
        securedAmountVnd: random.int(2, 50) * 100_000_000,
      })
    }
    return { legacyCommuneCode: commune.code, mapSheetNumber, parcelNumber, areaM2, address, uses, certificates, holders: holderRecords, encumbrances }
  }

  #certificate(commune: LegacyCommune, issueDay: number, revokedOn: string | null): LandParcelRecord['certificates'][number] {
    const random = this.#random
    const counter = ++this.#state.counters.certificate
    const series = SERIAL_SERIES[Math.floor(counter / 100_000_000) % SERIAL_SERIES.length]!
    const byDepartment = yearOf(issueDay) >= 2015 && random.chance(0.5)
    return {
      serial: `${series} ${String(counter % 100_000_000).padStart(8, '0')}`,
      registryNumber: `${byDepartment ? 'CS' : 'CH'}${String(random.int(1, 99_999)).padStart(5, '0')}`,
      issueDate: formatDay(issueDay),
      issuer: byDepartment ? `Sở Tài nguyên và Môi trường ${commune.provinceName}` : `UBND ${commune.districtName}`,
      revokedOn,
    }
  }

  // ───── insurance (BHXH, BHYT) ─────

  #insurance(): InsuranceSlice {
    const random = this.#random
    const state = this.#state
    const socialInsurance: SocialInsuranceRecord[] = []
    const healthInsuranceCards: HealthInsuranceCardRecord[] = []
    for (const person of this.#people) {
      if (person.deathDay !== null) continue
      const age = ageAt(person, REFERENCE_DAY)
      const working = age >= 18 && age <= 62 && random.chance(0.85)
      const card = random.chance(0.92)
      // Every card names a BHXH number the agency holds a record for.
      if (!working && !card) continue
      const province = person.household.commune.provinceCode
      const number = state.socialInsuranceNumbers.draw(random, province, 8)
      const periods = working ? this.#periods(person) : []
      const { name: fullName, residence } = this.#recordedNameAndResidence(person, 'INSURANCE', 'SocialInsuranceRecord', number)
      socialInsurance.push({ socialInsuranceNumber: number, personalId: person.record.personalId, fullName, birthDate: person.record.birthDate, sex: person.record.sex, residence, periods })
      if (!card) continue
      const employed = periods.length > 0 && periods[periods.length - 1]!.to === null
      const [group, level]: [string, number] =
        age < 6 ? ['TE', 1] : age < 18 ? ['HS', 4] : employed ? ['DN', 4] : age >= 60 ? (random.chance(0.05) ? ['CC', 1] : ['HT', 2]) : random.chance(0.08) ? ['HN', 3] : ['GD', 4]
      const commune = person.household.commune
      healthInsuranceCards.push({
        cardNumber: `${group}${level}${province}${number}`,
        socialInsuranceNumber: number,
        personalId: person.record.personalId,
        beneficiaryGroup: group,
        benefitLevel: level,
        primaryCareFacility: { code: `${province}${commune.districtCode}`, name: `Trung tâm Y tế ${commune.districtName}` },
        validFrom: '2025-01-01',
        validTo: '2025-12-31',
      })
    }
    return { socialInsurance, healthInsuranceCards }
  }

  /** Participation periods with employers that exist (this or an earlier chunk), oldest first. */
  #periods(person: Person): SocialInsuranceRecord['periods'] {
    const random = this.#random
    const enterprises = this.#state.enterprises
    const periods: SocialInsuranceRecord['periods'] = []
    let start = Math.max(addYears(person.birthDay, 18) + random.int(0, 365 * 6), dayOf(1995, 1, 1))
    for (let n = random.int(1, 3); n > 0 && start < REFERENCE_DAY - 60 && enterprises.length > 0; n--) {
      let employer: EnterpriseRef | undefined
      for (let attempt = 0; attempt < 4 && !employer; attempt++) {
        const candidate = random.pick(enterprises)
        if (candidate.registeredOn < REFERENCE_DAY - 60) employer = candidate
      }
      if (!employer) break
      const from = Math.max(start, employer.registeredOn + 1)
      if (from >= REFERENCE_DAY - 30) break
      const end = from + random.int(365, 365 * 8)
      const to = n === 1 || end >= REFERENCE_DAY - 30 ? null : end
      periods.push({ employerCode: employer.code, from: formatDay(from), to: to === null ? null : formatDay(to), contributionBaseVnd: random.int(45, 300) * 100_000, kind: 'COMPULSORY' })
      if (to === null) break
      start = to + random.int(1, 90)
    }
    return periods
  }
}

const SERIAL_SERIES = ['AA', 'AB', 'AC', 'AD', 'AE', 'AG', 'AH', 'AK', 'BA', 'BB', 'BC', 'BD', 'BE', 'BG', 'BH', 'BK', 'CA', 'CB', 'CC', 'CD']

function communeAuthority(commune: LegacyCommune): RegisteringAuthority {
  return { name: `UBND ${commune.name}`, legacyUnitCode: commune.code, communeCode: null }
}

function citizenOwner(person: Person, capitalShare: number): EnterpriseRecord['owners'][number] {
  return { kind: 'CITIZEN', ownerId: person.record.personalId, name: person.record.fullName, capitalShare }
}

function pickLines(random: Random, lines: readonly { vsicCode: string; name: string }[], count: number): { vsicCode: string; name: string; isMain: boolean }[] {
  const chosen: { vsicCode: string; name: string; isMain: boolean }[] = []
  for (let attempt = 0; chosen.length < count && attempt < count * 4; attempt++) {
    const line = random.pick(lines)
    if (!chosen.some((existing) => existing.vsicCode === line.vsicCode)) chosen.push({ ...line, isMain: chosen.length === 0 })
  }
  return chosen
}

function ageAt(person: Person, day: number): number {
  return (day - person.birthDay) / 365.25
}

/** Age of a household head: most between 25 and 65. */
function pickHeadAge(random: Random): number {
  const r = random.float()
  if (r < 0.08) return random.int(18, 24)
  if (r < 0.75) return random.int(25, 59)
  return random.int(60, 88)
}
