import { todayInVietnam } from '@lienthong/lib'
import type { CitizenRecord, LandParcelRecord, LegacyAddress } from '@lienthong/lib/registers'
import { readCatalogueFile } from '@lienthong/subgraph-cases'
import { landParcelId, landUsePurposeName } from '@lienthong/subgraph-land'
import { trustedOperationDocument } from '@lienthong/gateway'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ageOn, indexNation, selectDraftCases, type DraftCase, type NationIndex } from '../scripts/support/draft-cases.js'
import { startFederationStack, type FederationStack, type GraphQLResult } from './support/federation-stack.js'

// End-to-end tests of the application drafts (hồ sơ) of the cases subgraph: drafts asked for through the gateway
// on a seeded nation, each checked against what the generator wrote into the registers. The expected values are
// computed here from the generated records, the committed catalogue file and the boundary subgraph's answers,
// never from the cases subgraph's drafting code.

const NATION = { citizens: 1_500, seed: 2026 }
const DRAFT_DOCUMENT = trustedOperationDocument('application-draft')
const CATALOGUE = readCatalogueFile()
/** Cases drawn for each procedure: enough that each has complete ones of every shape the tests below look for. */
const CASES_PER_PROCEDURE = 80

type Register = 'POPULATION' | 'CIVIL_STATUS' | 'LAND' | 'BUSINESS' | 'INSURANCE'
type Role = 'APPLICANT' | 'PARTNER' | 'MOTHER' | 'FATHER' | 'DECEASED' | 'SPOUSE'
type DraftInput = DraftCase['input']

/** A register record, as a draft cites it (without its updatedAt, checked apart). */
interface Source {
  register: Register
  recordType: string
  recordId: string
}

interface SourceResult extends Source {
  updatedAt: string | null
}

interface Unit {
  code: string
  name: string
}

interface IssueResult {
  code: string
  message: string
  party: Role | null
  record: SourceResult | null
  legalBasis: string | null
}

interface DraftResult {
  __typename: string
  id: string
  procedure: { code: string; name: string; level: string }
  parties: { role: Role; citizen: { personalId: string; fullName: string } }[]
  fields: { key: string; label: string; party: Role | null; value: string | null; verified: boolean; source: SourceResult | null; commune: Unit | null }[]
  documents: {
    key: string
    name: string
    party: Role | null
    status: 'WAIVED' | 'REQUIRED' | 'NOT_APPLICABLE'
    reason: string | null
    legalBasis: string | null
    evidence: { description: string; source: SourceResult } | null
  }[]
  receivingAuthority: { name: string; level: string; unit: Unit; basis: string } | null
  warnings: IssueResult[]
  blockers: IssueResult[]
  canProceed: boolean
}

/** What a register holds for one form field: the value in the form's words and the record it comes from. */
interface RegisterValue {
  value: string
  source: Source
  /** For an address: its 2025 commune. */
  commune?: Unit
}

interface ExpectedField {
  key: string
  value: string | null
  source: Source | null
  verified: boolean
  commune: Unit | null
}

interface ExpectedDocument {
  key: string
  status: 'WAIVED' | 'REQUIRED' | 'NOT_APPLICABLE'
  evidence: Source | null
}

interface ExpectedAuthority {
  name: string
  level: 'COMMUNE' | 'PROVINCE'
  unit: Unit
  basis: string
}

/** An address as the 2025 form writes it, and its 2025 commune and province. */
interface AddressIn2025 {
  value: string
  commune: Unit
  province: Unit
}

// ── How the expected draft is written ──

const declared = (key: string): ExpectedField => ({ key, value: null, source: null, verified: false, commune: null })
/** A field the registers fill: verified, so the desk cannot edit it. The chosen case must have the value (no vacuous match). */
const filled = (key: string, value: RegisterValue | undefined): ExpectedField => {
  if (!value) throw new Error(`the generated records hold no value for ${key} in the chosen case`)
  return { key, value: value.value, source: value.source, verified: true, commune: value.commune ?? null }
}
/** A register value offered as a suggestion the official may change (the child's ethnicity from the mother's). */
const suggested = (key: string, value: RegisterValue | undefined): ExpectedField => ({ ...filled(key, value), verified: false })
const waived = (key: string, evidence: Source): ExpectedDocument => ({ key, status: 'WAIVED', evidence })
const required = (key: string): ExpectedDocument => ({ key, status: 'REQUIRED', evidence: null })
const notApplicable = (key: string): ExpectedDocument => ({ key, status: 'NOT_APPLICABLE', evidence: null })

const citizenRecord = (citizen: CitizenRecord): Source => ({ register: 'POPULATION', recordType: 'Citizen', recordId: citizen.personalId })
const householdRecord = (citizen: CitizenRecord): Source => ({ register: 'POPULATION', recordType: 'Household', recordId: citizen.householdId })
const parcelRecord = (parcel: LandParcelRecord): Source => ({ register: 'LAND', recordType: 'LandParcel', recordId: landParcelId(parcel) })

const SEX_LABELS = { MALE: 'Nam', FEMALE: 'Nữ' } as const
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

/** Whole months from `from` to `lastDay` inclusive, as a social insurance book counts them (2015-01-01 → 2015-12-31 is 12). */
function wholeMonths(from: string, lastDay: string): number {
  const next = new Date(`${lastDay}T00:00:00Z`)
  next.setUTCDate(next.getUTCDate() + 1)
  const [fromYear, fromMonth, fromDay] = from.split('-').map(Number) as [number, number, number]
  const [endYear, endMonth, endDay] = [next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate()]
  return Math.max(0, (endYear - fromYear) * 12 + (endMonth - fromMonth) - (endDay < fromDay ? 1 : 0))
}

describe('application drafts through the gateway, on a seeded nation', () => {
  let stack: FederationStack
  let nation: NationIndex
  let cases: DraftCase[]
  let today: string
  /** Enterprise names by code, for the last employer of a social insurance book. */
  let enterpriseNames: Map<string, string>
  /** Citizens alive in the population register, in personal id order. */
  let livingCitizens: CitizenRecord[]

  beforeAll(async () => {
    // The stack seeds its databases while this process regenerates the same nation in memory.
    const starting = startFederationStack({ seed: NATION })
    try {
      nation = indexNation(NATION.citizens, NATION.seed)
      today = todayInVietnam()
      cases = selectDraftCases(nation, CASES_PER_PROCEDURE, today)
      enterpriseNames = new Map([...nation.enterprisesOwnedBy.values()].flat().map((enterprise) => [enterprise.enterpriseCode, enterprise.vietnameseName]))
      livingCitizens = nation.citizenIds.map((id) => nation.citizens.get(id)!).filter((citizen) => citizen.dateOfDeath === null)
    } finally {
      stack = await starting
    }
  })

  afterAll(async () => {
    await stack?.stop()
  })

  // ── Talking to the gateway ──

  async function askForDraft(input: DraftInput): Promise<GraphQLResult> {
    return stack.post(DRAFT_DOCUMENT, { input })
  }

  /** A draft that must come back without errors. */
  async function draftOf(input: DraftInput): Promise<DraftResult> {
    const { status, body } = await askForDraft(input)
    expect(body.errors).toBeUndefined()
    expect(status).toBe(200)
    return body.data.applicationDraft as DraftResult
  }

  const successions = new Map<string, Promise<{ name: string; successors: { commune: Unit & { province: Unit } }[] } | null>>()

  /** A legacy commune's name and where it went in 2025, from the boundary subgraph. */
  function legacyCommune(code: string) {
    if (!successions.has(code)) {
      const query = `query($code: LegacyAdministrativeUnitCode!) { legacyCommune(code: $code) { name successors { commune { code name province { code name } } } } }`
      successions.set(
        code,
        stack.post(query, { code }).then(({ body }) => {
          expect(body.errors).toBeUndefined()
          return body.data.legacyCommune
        }),
      )
    }
    return successions.get(code)!
  }

  /**
   * An address in its 2025 form: what the record's text has before the legacy commune's name (house, street,
   * hamlet), then the 2025 commune's and province's names. Undefined when the legacy commune was split.
   */
  async function in2025Form(address: LegacyAddress): Promise<AddressIn2025 | undefined> {
    if (address.legacyCommuneCode === null) return undefined
    const legacy = await legacyCommune(address.legacyCommuneCode)
    if (!legacy || legacy.successors.length !== 1) return undefined
    const { commune } = legacy.successors[0]!
    const at = address.text.indexOf(legacy.name)
    if (at < 0) throw new Error(`the address text does not name its legacy commune ${legacy.name}: ${address.text}`)
    const street = address.text.slice(0, at).replace(/[\s,]+$/u, '')
    return {
      value: [street, commune.name, commune.province.name].filter((part) => part !== '').join(', '),
      commune: { code: commune.code, name: commune.name },
      province: { code: commune.province.code, name: commune.province.name },
    }
  }

  /** The population register's ids of a citizen's address records (the generator's records carry none). */
  async function addressIds(personalId: string): Promise<{ permanentResidence: string; currentResidence: string }> {
    const { body } = await stack.post(`query($id: PersonalId!) { citizen(personalId: $id) { permanentResidence { id } currentResidence { id } } }`, {
      id: personalId,
    })
    expect(body.errors).toBeUndefined()
    const citizen = body.data.citizen
    return { permanentResidence: citizen.permanentResidence.id, currentResidence: citizen.currentResidence.id }
  }

  // ── What the registers hold for a person, from the generated records ──

  const citizenOf = (personalId: string): CitizenRecord => {
    const citizen = nation.citizens.get(personalId)
    if (!citizen) throw new Error('a selected party is not in the generated nation')
    return citizen
  }

  /** The citizen's marriages, the civil-status register's record that decides the marital status and its label. */
  function maritalStatusOf(citizen: CitizenRecord): RegisterValue {
    const marriages = nation.marriagesOf.get(citizen.personalId) ?? []
    const inForce = marriages.find((marriage) => marriage.dissolvedOn === null)
    if (marriages.length === 0) {
      // Nothing registered: the register's answer is the absence of a record for this person.
      return { value: 'Chưa kết hôn', source: { register: 'CIVIL_STATUS', recordType: 'MarriageRegistrations', recordId: citizen.personalId } }
    }
    if (inForce) return { value: 'Đang có vợ/chồng', source: { register: 'CIVIL_STATUS', recordType: 'MarriageRegistration', recordId: inForce.id } }
    const latest = [...marriages].sort((a, b) => b.dissolvedOn!.localeCompare(a.dissolvedOn!))[0]!
    return {
      value: latest.dissolutionReason === 'DEATH' ? 'Vợ/chồng đã chết' : 'Đã ly hôn',
      source: { register: 'CIVIL_STATUS', recordType: 'MarriageRegistration', recordId: latest.id },
    }
  }

  /** The only parcel a person holds a right to (cases below are chosen with one, so which parcel a draft is about is clear). */
  function onlyParcelOf(personalId: string): LandParcelRecord | undefined {
    const parcels = nation.parcelsOf.get(personalId) ?? []
    return parcels.length === 1 ? parcels[0] : undefined
  }

  /** The latest participation period of a person's social insurance book. */
  function lastPeriodOf(personalId: string) {
    return [...(nation.socialInsuranceOf.get(personalId)?.periods ?? [])].sort((a, b) => b.from.localeCompare(a.from))[0]
  }

  /**
   * Every value a form may take from the registers for this person, computed from the generated records: the
   * population record, the civil-status marriages, the one parcel they hold and their social insurance book.
   */
  async function registerValuesOf(citizen: CitizenRecord) {
    const population = (value: string | null | undefined): RegisterValue | undefined => (value ? { value, source: citizenRecord(citizen) } : undefined)
    const ids = await addressIds(citizen.personalId)
    const address = async (recorded: LegacyAddress, source: Source): Promise<RegisterValue | undefined> => {
      const form = await in2025Form(recorded)
      return form && { value: form.value, source, commune: form.commune }
    }
    const marriageInForce = (nation.marriagesOf.get(citizen.personalId) ?? []).find((marriage) => marriage.dissolvedOn === null)
    const heads = [...nation.citizens.values()].filter((member) => member.householdId === citizen.householdId && member.relationshipToHead === 'Chủ hộ')
    expect(heads).toHaveLength(1)
    const spouse = citizen.spouseId ? citizenOf(citizen.spouseId) : undefined

    const parcel = onlyParcelOf(citizen.personalId)
    const parcelValue = (value: string | undefined): RegisterValue | undefined => (parcel && value !== undefined ? { value, source: parcelRecord(parcel) } : undefined)
    const parcelAddress = parcel && (await in2025Form(parcel.address))

    const book = nation.socialInsuranceOf.get(citizen.personalId)
    const last = lastPeriodOf(citizen.personalId)
    const insurance = (value: string | undefined): RegisterValue | undefined =>
      book && value !== undefined ? { value, source: { register: 'INSURANCE', recordType: 'SocialInsuranceRecord', recordId: book.socialInsuranceNumber } } : undefined

    return {
      personalId: population(citizen.personalId),
      fullName: population(citizen.fullName),
      birthDate: population(citizen.birthDate),
      sex: population(SEX_LABELS[citizen.sex]),
      ethnicity: population(citizen.ethnicity),
      religion: population(citizen.religion),
      nationality: population(citizen.nationality),
      dateOfDeath: population(citizen.dateOfDeath),
      relationshipToHead: population(citizen.relationshipToHead),
      householdHeadName: { value: heads[0]!.fullName, source: householdRecord(citizen) } as RegisterValue,
      spouseName: population(spouse?.fullName),
      spousePersonalId: population(spouse?.personalId),
      permanentResidence: await address(citizen.permanentResidence, { register: 'POPULATION', recordType: 'Address', recordId: ids.permanentResidence }),
      currentResidence: await address(citizen.currentResidence, { register: 'POPULATION', recordType: 'Address', recordId: ids.currentResidence }),
      maritalStatus: maritalStatusOf(citizen),
      marriageInForce: marriageInForce && ({ value: marriageInForce.registrationNumber, source: { register: 'CIVIL_STATUS', recordType: 'MarriageRegistration', recordId: marriageInForce.id } } as RegisterValue),
      landParcelId: parcelValue(parcel && landParcelId(parcel)),
      landParcelAddress: parcel && parcelAddress && ({ value: parcelAddress.value, source: parcelRecord(parcel), commune: parcelAddress.commune } as RegisterValue),
      landParcelArea: parcelValue(parcel && String(parcel.areaM2)),
      landParcelPurpose: parcelValue(parcel?.uses.map((use) => `${landUsePurposeName(use.purposeCode)} (${use.purposeCode})`).join('; ')),
      landCertificateSerial: parcelValue(parcel?.certificates.find((certificate) => certificate.revokedOn === null)?.serial),
      socialInsuranceNumber: insurance(book?.socialInsuranceNumber),
      contributionMonths: insurance(book && String(book.periods.reduce((sum, period) => sum + wholeMonths(period.from, period.to ?? today), 0))),
      lastEmployerName: insurance(last && enterpriseNames.get(last.employerCode)),
      lastEmployerCode: insurance(last?.employerCode),
      lastPeriodEnd: insurance(last?.to ?? undefined),
      lastContributionBase: insurance(last && String(last.contributionBaseVnd)),
      /** The 2025 units of the addresses a receiving authority may be chosen by. */
      units: {
        permanentResidence: await in2025Form(citizen.permanentResidence),
        currentResidence: await in2025Form(citizen.currentResidence),
        parcel: parcelAddress,
      },
    }
  }

  // ── Choosing cases ──

  function completeCase(procedureCode: string, wanted: (input: DraftInput) => boolean = () => true): DraftInput {
    const chosen = cases.find((candidate) => candidate.procedureCode === procedureCode && candidate.complete && wanted(candidate.input))
    if (!chosen) throw new Error(`no complete ${procedureCode} case of the wanted shape among the selected cases`)
    return chosen.input
  }

  const partyId = (input: DraftInput, role: Role) => (role === 'APPLICANT' ? input.applicantId : input.parties.find((party) => party.role === role)!.personalId)
  /** Holds exactly one parcel, with a valid certificate, in a legacy commune that went wholly into one 2025 commune. */
  const holdsOneMappedParcel = (personalId: string) => {
    const parcel = onlyParcelOf(personalId)
    return parcel !== undefined && parcel.certificates.some((certificate) => certificate.revokedOn === null) && nation.mapsExactly(parcel.address.legacyCommuneCode)
  }
  const neverMarried = (citizen: CitizenRecord) => (nation.marriagesOf.get(citizen.personalId) ?? []).length === 0
  const parentsOf = (citizen: CitizenRecord) => [citizen.fatherId, citizen.motherId].filter((id): id is string => id !== null)
  const related = (a: CitizenRecord, b: CitizenRecord) =>
    parentsOf(a).some((parent) => parentsOf(b).includes(parent)) || parentsOf(a).includes(b.personalId) || parentsOf(b).includes(a.personalId)
  /** May marry as far as age and marital status go: 20 for a man, 18 for a woman (Law on Marriage and Family 2014 Art. 8). */
  const marriageable = (citizen: CitizenRecord) => ageOn(citizen.birthDate, today) >= (citizen.sex === 'MALE' ? 20 : 18) && neverMarried(citizen)

  // ── Checking a draft ──

  const sourceOf = (source: SourceResult | null): Source | null => source && { register: source.register, recordType: source.recordType, recordId: source.recordId }
  const issueOf = ({ code, party, record }: IssueResult) => ({ code, party, record: sourceOf(record) })

  /** The whole draft of a complete case: every field, document and the authority exactly, and nothing in the way. */
  function expectCompleteDraft(
    draft: DraftResult,
    expected: { input: DraftInput; fields: ExpectedField[]; documents: ExpectedDocument[]; authority: ExpectedAuthority },
  ): void {
    const procedure = CATALOGUE.procedures.find((candidate) => candidate.code === expected.input.procedureCode)!
    expect(draft.__typename).toBe(procedure.draftType)
    expect(draft.procedure).toEqual({ code: procedure.code, name: procedure.name, level: procedure.level })
    const parties = [{ role: 'APPLICANT', personalId: expected.input.applicantId }, ...expected.input.parties]
    expect(draft.parties).toEqual(parties.map(({ role, personalId }) => ({ role, citizen: { personalId, fullName: citizenOf(personalId).fullName } })))

    expect(draft.fields.map(({ key, value, source, verified, commune }) => ({ key, value, source: sourceOf(source), verified, commune }))).toEqual(expected.fields)
    expect(draft.fields.map((field) => [field.key, field.label, field.party])).toEqual(procedure.fields.map((field) => [field.key, field.label, field.party ?? null]))

    expect(draft.documents.map(({ key, status, evidence }) => ({ key, status, evidence: evidence && sourceOf(evidence.source) }))).toEqual(expected.documents)
    for (const document of draft.documents) {
      // A waived document says what the record proves; any other says why it is (not) asked for.
      if (document.status === 'WAIVED') expect([document.evidence?.description.length, document.reason]).toEqual([expect.any(Number), null])
      else expect([document.evidence, document.reason]).toEqual([null, expect.stringMatching(/\w{3,}/)])
    }

    expect(draft.receivingAuthority).toEqual(expected.authority)
    expect({ warnings: draft.warnings, blockers: draft.blockers, canProceed: draft.canProceed }).toEqual({ warnings: [], blockers: [], canProceed: true })

    // Every cited record says when it last changed in its register, except the absence of a record.
    const sources = [...draft.fields.map((field) => field.source), ...draft.documents.map((document) => document.evidence?.source)].filter((source) => source != null)
    for (const source of sources) {
      if (source.recordType === 'MarriageRegistrations') expect(source.updatedAt).toBeNull()
      else expect(source.updatedAt).toMatch(ISO_INSTANT)
    }
  }

  /** A commune-level authority of a body in the 2025 commune of an address. */
  const communeAuthority = (body: string, unit: AddressIn2025 | undefined, basis: string): ExpectedAuthority => {
    if (!unit) throw new Error('the chosen case has no 2025 commune for its authority')
    return { name: `${body} ${unit.commune.name}`, level: 'COMMUNE', unit: unit.commune, basis }
  }
  const provinceAuthority = (body: string, unit: AddressIn2025 | undefined, basis: string): ExpectedAuthority => {
    if (!unit) throw new Error('the chosen case has no 2025 province for its authority')
    return { name: `${body} ${unit.province.name}`, level: 'PROVINCE', unit: unit.province, basis }
  }

  // ── The nine procedures, each on a complete case ──

  describe('when a complete case is drafted, then the form is filled from the registers, documents are waived by their records and the authority is the 2025 one', () => {
    it('đăng ký khai sinh (1.001193): the parents from population and civil status, the mother’s 2025 commune receives it', async () => {
      // The father applies: the authority still follows the mother's residence, and he needs no authorisation.
      const input = completeCase('1.001193', (candidate) => candidate.applicantId === partyId(candidate, 'FATHER'))
      const mother = await registerValuesOf(citizenOf(partyId(input, 'MOTHER')))
      const father = await registerValuesOf(citizenOf(partyId(input, 'FATHER')))
      const marriage = mother.marriageInForce!
      expect(marriage).toBeDefined()

      const draft = await draftOf(input)

      expectCompleteDraft(draft, {
        input,
        fields: [
          declared('child.fullName'),
          declared('child.birthDate'),
          declared('child.sex'),
          declared('child.placeOfBirth'),
          suggested('child.ethnicity', mother.ethnicity),
          suggested('child.nationality', mother.nationality),
          filled('mother.fullName', mother.fullName),
          filled('mother.birthDate', mother.birthDate),
          filled('mother.ethnicity', mother.ethnicity),
          filled('mother.nationality', mother.nationality),
          filled('mother.personalId', mother.personalId),
          filled('mother.residence', mother.permanentResidence),
          filled('father.fullName', father.fullName),
          filled('father.birthDate', father.birthDate),
          filled('father.ethnicity', father.ethnicity),
          filled('father.nationality', father.nationality),
          filled('father.personalId', father.personalId),
          filled('father.residence', father.permanentResidence),
          filled('parents.marriage', marriage),
          filled('applicant.fullName', father.fullName),
          filled('applicant.personalId', father.personalId),
          filled('applicant.residence', father.permanentResidence),
        ],
        documents: [
          required('birth-certificate'),
          waived('parents-marriage-certificate', marriage.source),
          waived('applicant-identity', father.personalId!.source),
          waived('residence-proof', householdRecord(citizenOf(partyId(input, 'MOTHER')))),
          notApplicable('authorisation'),
        ],
        authority: communeAuthority('Ủy ban nhân dân', mother.units.permanentResidence, 'permanent residence of the mother'),
      })
      expect(mother.permanentResidence?.value).toMatch(/, (Phường|Xã|Đặc khu) .+, (Thành phố|Tỉnh) /)
    })

    it('đăng ký kết hôn (1.000894): both parties’ identity, residence and marital status, received in the applicant’s 2025 commune', async () => {
      const input = completeCase('1.000894')
      const applicant = await registerValuesOf(citizenOf(input.applicantId))
      const partner = await registerValuesOf(citizenOf(partyId(input, 'PARTNER')))
      expect([applicant.maritalStatus.value, partner.maritalStatus.value]).toEqual(['Chưa kết hôn', 'Chưa kết hôn'])

      const draft = await draftOf(input)

      const party = (prefix: string, values: typeof applicant) => [
        filled(`${prefix}.fullName`, values.fullName),
        filled(`${prefix}.birthDate`, values.birthDate),
        filled(`${prefix}.ethnicity`, values.ethnicity),
        filled(`${prefix}.nationality`, values.nationality),
        filled(`${prefix}.residence`, values.permanentResidence),
        filled(`${prefix}.personalId`, values.personalId),
        filled(`${prefix}.maritalStatus`, values.maritalStatus),
      ]
      expectCompleteDraft(draft, {
        input,
        fields: [...party('applicant', applicant), ...party('partner', partner)],
        documents: [
          waived('applicant-identity', applicant.personalId!.source),
          waived('partner-identity', partner.personalId!.source),
          waived('applicant-marital-status', applicant.maritalStatus.source),
          waived('partner-marital-status', partner.maritalStatus.source),
          waived('residence-proof', householdRecord(citizenOf(input.applicantId))),
        ],
        authority: communeAuthority('Ủy ban nhân dân', applicant.units.permanentResidence, 'permanent residence of the applicant'),
      })
    })

    it('xác nhận tình trạng hôn nhân (1.004873): a widowed or divorced applicant’s dissolution is proved by the marriage record', async () => {
      const input = completeCase('1.004873', (candidate) => {
        const marriages = nation.marriagesOf.get(candidate.applicantId) ?? []
        return marriages.length > 0 && marriages.every((marriage) => marriage.dissolvedOn !== null)
      })
      const applicant = await registerValuesOf(citizenOf(input.applicantId))
      expect(['Đã ly hôn', 'Vợ/chồng đã chết']).toContain(applicant.maritalStatus.value)

      const draft = await draftOf(input)

      expectCompleteDraft(draft, {
        input,
        fields: [
          filled('applicant.fullName', applicant.fullName),
          filled('applicant.birthDate', applicant.birthDate),
          filled('applicant.sex', applicant.sex),
          filled('applicant.ethnicity', applicant.ethnicity),
          filled('applicant.nationality', applicant.nationality),
          filled('applicant.personalId', applicant.personalId),
          filled('applicant.residence', applicant.permanentResidence),
          filled('applicant.maritalStatus', applicant.maritalStatus),
          declared('purpose'),
        ],
        documents: [
          waived('applicant-identity', applicant.personalId!.source),
          waived('residence-proof', householdRecord(citizenOf(input.applicantId))),
          waived('divorce-or-death-proof', applicant.maritalStatus.source),
        ],
        authority: communeAuthority('Ủy ban nhân dân', applicant.units.permanentResidence, 'permanent residence of the applicant'),
      })
    })

    it('đăng ký khai tử (1.000656): the deceased’s record and last residence, received in the deceased’s 2025 commune', async () => {
      const input = completeCase('1.000656')
      const deceased = await registerValuesOf(citizenOf(partyId(input, 'DECEASED')))
      const applicant = await registerValuesOf(citizenOf(input.applicantId))

      const draft = await draftOf(input)

      expectCompleteDraft(draft, {
        input,
        fields: [
          filled('deceased.fullName', deceased.fullName),
          filled('deceased.birthDate', deceased.birthDate),
          filled('deceased.sex', deceased.sex),
          filled('deceased.ethnicity', deceased.ethnicity),
          filled('deceased.nationality', deceased.nationality),
          filled('deceased.personalId', deceased.personalId),
          filled('deceased.residence', deceased.permanentResidence),
          // The population register does not know of the death yet: the declarant states its date.
          declared('deceased.dateOfDeath'),
          declared('deceased.placeOfDeath'),
          declared('deceased.causeOfDeath'),
          filled('applicant.fullName', applicant.fullName),
          filled('applicant.personalId', applicant.personalId),
          filled('applicant.residence', applicant.permanentResidence),
          declared('applicant.relationship'),
        ],
        documents: [
          required('death-notice'),
          waived('applicant-identity', applicant.personalId!.source),
          waived('deceased-residence', householdRecord(citizenOf(partyId(input, 'DECEASED')))),
        ],
        authority: communeAuthority('Ủy ban nhân dân', deceased.units.permanentResidence, 'permanent residence of the deceased'),
      })
      expect(deceased.dateOfDeath).toBeUndefined()
    })

    it('đăng ký thường trú (1.004222): lawful residence proved by the land register, received by the police of the parcel’s 2025 commune', async () => {
      const input = completeCase('1.004222', (candidate) => holdsOneMappedParcel(candidate.applicantId))
      const applicant = await registerValuesOf(citizenOf(input.applicantId))
      const parcel = parcelRecord(onlyParcelOf(input.applicantId)!)

      const draft = await draftOf(input)

      expectCompleteDraft(draft, {
        input,
        fields: [
          filled('applicant.fullName', applicant.fullName),
          filled('applicant.birthDate', applicant.birthDate),
          filled('applicant.sex', applicant.sex),
          filled('applicant.personalId', applicant.personalId),
          filled('applicant.ethnicity', applicant.ethnicity),
          filled('applicant.religion', applicant.religion),
          filled('applicant.nationality', applicant.nationality),
          filled('applicant.currentPermanentResidence', applicant.permanentResidence),
          filled('applicant.householdHead', applicant.householdHeadName),
          filled('applicant.relationshipToHead', applicant.relationshipToHead),
          suggested('newResidence', applicant.landParcelAddress),
        ],
        documents: [waived('lawful-residence-proof', parcel), notApplicable('owner-consent'), waived('applicant-identity', applicant.personalId!.source)],
        authority: communeAuthority('Công an', applicant.units.parcel, 'location of the parcel of the applicant'),
      })
    })

    it('đăng ký tạm trú (1.004194): both residences in their 2025 form, received by the police of the current residence’s 2025 commune', async () => {
      const input = completeCase(
        '1.004194',
        (candidate) => holdsOneMappedParcel(candidate.applicantId) && nation.mapsExactly(citizenOf(candidate.applicantId).currentResidence.legacyCommuneCode),
      )
      const applicant = await registerValuesOf(citizenOf(input.applicantId))

      const draft = await draftOf(input)

      expectCompleteDraft(draft, {
        input,
        fields: [
          filled('applicant.fullName', applicant.fullName),
          filled('applicant.birthDate', applicant.birthDate),
          filled('applicant.sex', applicant.sex),
          filled('applicant.personalId', applicant.personalId),
          filled('applicant.ethnicity', applicant.ethnicity),
          filled('applicant.nationality', applicant.nationality),
          filled('applicant.permanentResidence', applicant.permanentResidence),
          filled('applicant.currentResidence', applicant.currentResidence),
          declared('temporaryResidence'),
          declared('period'),
        ],
        documents: [
          waived('lawful-residence-proof', parcelRecord(onlyParcelOf(input.applicantId)!)),
          waived('applicant-identity', applicant.personalId!.source),
          waived('residence-proof', householdRecord(citizenOf(input.applicantId))),
        ],
        authority: communeAuthority('Công an', applicant.units.currentResidence, 'current residence of the applicant'),
      })
    })

    it('cấp GCN quyền sử dụng đất (1.012787): the parcel and the spouse from the registers, received by the land office of the parcel’s 2025 province', async () => {
      const input = completeCase('1.012787', (candidate) => {
        const parcel = onlyParcelOf(candidate.applicantId)
        // Married, and the parcel is free of an active mortgage (which would add a warning).
        return candidate.parties.length === 1 && holdsOneMappedParcel(candidate.applicantId) && !parcel!.encumbrances.some((encumbrance) => encumbrance.releasedOn === null)
      })
      const applicant = await registerValuesOf(citizenOf(input.applicantId))
      const parcel = onlyParcelOf(input.applicantId)!
      expect(applicant.spouseName?.value).toBe(citizenOf(partyId(input, 'SPOUSE')).fullName)

      const draft = await draftOf(input)

      expectCompleteDraft(draft, {
        input,
        fields: [
          filled('applicant.fullName', applicant.fullName),
          filled('applicant.birthDate', applicant.birthDate),
          filled('applicant.personalId', applicant.personalId),
          filled('applicant.residence', applicant.permanentResidence),
          filled('applicant.maritalStatus', applicant.maritalStatus),
          filled('spouse.fullName', applicant.spouseName),
          filled('spouse.personalId', applicant.spousePersonalId),
          filled('parcel.id', applicant.landParcelId),
          filled('parcel.address', applicant.landParcelAddress),
          filled('parcel.area', applicant.landParcelArea),
          filled('parcel.purpose', applicant.landParcelPurpose),
          filled('parcel.certificate', applicant.landCertificateSerial),
        ],
        documents: [
          waived('applicant-identity', applicant.personalId!.source),
          waived('land-right-papers', parcelRecord(parcel)),
          waived('cadastral-extract', parcelRecord(parcel)),
          waived('marital-status-proof', applicant.maritalStatus.source),
          required('financial-obligations'),
        ],
        authority: provinceAuthority('Văn phòng đăng ký đất đai', applicant.units.parcel, 'location of the parcel of the applicant'),
      })
      expect(applicant.landParcelPurpose?.value).toMatch(/^[^;]+ \([A-Z]{3}\)(; [^;]+ \([A-Z]{3}\))*$/)
    })

    it('thành lập hộ kinh doanh (1.001612): the owner’s identity and residences, premises proved by the land register', async () => {
      const input = completeCase('1.001612', (candidate) => holdsOneMappedParcel(candidate.applicantId))
      const owner = await registerValuesOf(citizenOf(input.applicantId))

      const draft = await draftOf(input)

      expectCompleteDraft(draft, {
        input,
        fields: [
          filled('owner.fullName', owner.fullName),
          filled('owner.birthDate', owner.birthDate),
          filled('owner.sex', owner.sex),
          filled('owner.ethnicity', owner.ethnicity),
          filled('owner.nationality', owner.nationality),
          filled('owner.personalId', owner.personalId),
          filled('owner.permanentResidence', owner.permanentResidence),
          filled('owner.currentResidence', owner.currentResidence),
          declared('business.name'),
          suggested('business.address', owner.landParcelAddress),
          declared('business.lines'),
          declared('business.capital'),
        ],
        documents: [
          waived('owner-identity', owner.personalId!.source),
          waived('residence-proof', householdRecord(citizenOf(input.applicantId))),
          waived('premises-proof', parcelRecord(onlyParcelOf(input.applicantId)!)),
        ],
        authority: communeAuthority('Ủy ban nhân dân', owner.units.permanentResidence, 'permanent residence of the applicant'),
      })
    })

    it('hưởng trợ cấp thất nghiệp (1.014748): the social insurance book and last employer, received by the employment centre of the 2025 province', async () => {
      const input = completeCase('1.014748', (candidate) => {
        const last = lastPeriodOf(candidate.applicantId)
        // The last employment alone covers the 12 months within 24 that the law asks; its employer is a registered enterprise.
        return last !== undefined && last.to !== null && wholeMonths(last.from, last.to) >= 24 && enterpriseNames.has(last.employerCode)
      })
      const worker = await registerValuesOf(citizenOf(input.applicantId))
      expect(Number(worker.contributionMonths?.value)).toBeGreaterThanOrEqual(24)

      const draft = await draftOf(input)

      expectCompleteDraft(draft, {
        input,
        fields: [
          filled('worker.fullName', worker.fullName),
          filled('worker.birthDate', worker.birthDate),
          filled('worker.sex', worker.sex),
          filled('worker.personalId', worker.personalId),
          filled('worker.residence', worker.permanentResidence),
          filled('worker.socialInsuranceNumber', worker.socialInsuranceNumber),
          filled('worker.contributionMonths', worker.contributionMonths),
          filled('worker.lastEmployer', worker.lastEmployerName),
          filled('worker.lastEmployerCode', worker.lastEmployerCode),
          filled('worker.employmentEnded', worker.lastPeriodEnd),
          filled('worker.lastContributionBase', worker.lastContributionBase),
          declared('worker.bankAccount'),
        ],
        documents: [waived('worker-identity', worker.personalId!.source), waived('social-insurance-book', worker.socialInsuranceNumber!.source), required('termination-proof')],
        authority: provinceAuthority('Trung tâm Dịch vụ việc làm', worker.units.permanentResidence, 'permanent residence of the applicant'),
      })
    })
  })

  // The land checks name the APPLICANT only: a spouse joins for joint property without a land right of their own.
  it('when a land certificate’s spouse holds no land right in their own name, then the draft is not blocked for it', async () => {
    // Joint property: the spouse joins the application for the applicant's parcel; the land register need not list them.
    const input = completeCase('1.012787', (candidate) => candidate.parties.length === 1 && (nation.parcelsOf.get(partyId(candidate, 'SPOUSE')) ?? []).length === 0)

    const draft = await draftOf(input)

    expect(draft.parties.map((party) => party.role)).toEqual(['APPLICANT', 'SPOUSE'])
    expect(draft.blockers.map(issueOf)).toEqual([])
    expect(draft.canProceed).toBe(true)
  })

  // ── Cases that cannot proceed ──

  describe('when the registers show the case cannot proceed, then the draft names the blocker and the record that shows it', () => {
    /** A never-married adult of the given sex, alive, unrelated to `other`, and not `other`. */
    const singleAdult = (sex: 'MALE' | 'FEMALE', other?: CitizenRecord, wanted: (citizen: CitizenRecord) => boolean = () => true) => {
      const found = livingCitizens.find(
        (citizen) => citizen.sex === sex && marriageable(citizen) && citizen.personalId !== other?.personalId && (!other || !related(citizen, other)) && wanted(citizen),
      )
      if (!found) throw new Error(`no single ${sex} adult in the nation`)
      return found
    }

    async function blockersOf(input: DraftInput) {
      const draft = await draftOf(input)
      expect(draft.canProceed).toBe(false)
      return draft
    }

    const issue = (code: string, party: Role | null, record: Source | null) => ({ code, party, record })
    const issuesOf = (issues: IssueResult[]) => issues.map(issueOf)

    it('a marriage where the applicant is married is blocked by ALREADY_MARRIED, citing the marriage in force', async () => {
      const husband = livingCitizens.find((citizen) => {
        const inForce = (nation.marriagesOf.get(citizen.personalId) ?? []).filter((marriage) => marriage.dissolvedOn === null)
        return citizen.sex === 'MALE' && ageOn(citizen.birthDate, today) >= 20 && inForce.length === 1
      })!
      const woman = singleAdult('FEMALE', husband)
      const marriage = nation.marriagesOf.get(husband.personalId)!.find((candidate) => candidate.dissolvedOn === null)!

      const draft = await blockersOf({ procedureCode: '1.000894', applicantId: husband.personalId, parties: [{ role: 'PARTNER', personalId: woman.personalId }] })

      expect(issuesOf(draft.blockers)).toEqual([issue('ALREADY_MARRIED', 'APPLICANT', { register: 'CIVIL_STATUS', recordType: 'MarriageRegistration', recordId: marriage.id })])
      expect(draft.blockers[0]!.legalBasis).toMatch(/Luật Hôn nhân và gia đình 2014, Điều 5/)
      expect(draft.fields.find((field) => field.key === 'applicant.maritalStatus')?.value).toBe('Đang có vợ/chồng')
    })

    it('a marriage with an under-age partner is blocked by UNDER_AGE', async () => {
      const girl = livingCitizens.find((citizen) => citizen.sex === 'FEMALE' && neverMarried(citizen) && ageOn(citizen.birthDate, today) >= 15 && ageOn(citizen.birthDate, today) < 18)!
      expect(girl).toBeDefined()
      const man = singleAdult('MALE', girl)

      const draft = await blockersOf({ procedureCode: '1.000894', applicantId: man.personalId, parties: [{ role: 'PARTNER', personalId: girl.personalId }] })

      expect(issuesOf(draft.blockers)).toEqual([issue('UNDER_AGE', 'PARTNER', citizenRecord(girl))])
      expect(draft.blockers[0]!.message).toMatch(/under 18/)
    })

    it('a marriage of two men is blocked by SAME_SEX_PARTIES', async () => {
      const first = singleAdult('MALE')
      const second = singleAdult('MALE', first)

      const draft = await blockersOf({ procedureCode: '1.000894', applicantId: first.personalId, parties: [{ role: 'PARTNER', personalId: second.personalId }] })

      expect(issuesOf(draft.blockers)).toEqual([issue('SAME_SEX_PARTIES', null, null)])
    })

    it('a marriage of a brother and a sister is blocked by CLOSE_RELATIVES', async () => {
      const brother = livingCitizens.find(
        (citizen) => citizen.sex === 'MALE' && marriageable(citizen) && livingCitizens.some((other) => other.sex === 'FEMALE' && marriageable(other) && related(citizen, other)),
      )!
      const sister = livingCitizens.find((other) => other.sex === 'FEMALE' && marriageable(other) && related(brother, other))!
      expect(parentsOf(brother).some((parent) => parentsOf(sister).includes(parent))).toBe(true)

      const draft = await blockersOf({ procedureCode: '1.000894', applicantId: brother.personalId, parties: [{ role: 'PARTNER', personalId: sister.personalId }] })

      expect(issuesOf(draft.blockers)).toEqual([issue('CLOSE_RELATIVES', null, null)])
      expect(draft.blockers[0]!.message).toMatch(/share a parent/)
    })

    it('a death registration for a death already registered is blocked by ALREADY_DEATH_REGISTERED, citing the registration', async () => {
      const [deceasedId, death] = [...nation.deathOf].find(([id]) => nation.citizens.has(id))!
      const deceased = citizenOf(deceasedId)
      const declarant =
        livingCitizens.find((citizen) => parentsOf(citizen).includes(deceasedId) && ageOn(citizen.birthDate, today) >= 18) ??
        livingCitizens.find((citizen) => ageOn(citizen.birthDate, today) >= 18)!
      const values = await registerValuesOf(deceased)

      const draft = await blockersOf({ procedureCode: '1.000656', applicantId: declarant.personalId, parties: [{ role: 'DECEASED', personalId: deceasedId }] })

      expect(issuesOf(draft.blockers)).toEqual([issue('ALREADY_DEATH_REGISTERED', 'DECEASED', { register: 'CIVIL_STATUS', recordType: 'DeathRegistration', recordId: death.id })])
      expect(draft.blockers[0]!.message).toContain(death.registrationNumber)
      // The population register knows the date of death: it fills the form.
      expect(draft.fields.find((field) => field.key === 'deceased.dateOfDeath')).toMatchObject({ value: deceased.dateOfDeath, verified: true, source: { ...values.dateOfDeath!.source } })
    })

    it('a household business for someone who already owns one is blocked by EXISTING_HOUSEHOLD_BUSINESS, citing it', async () => {
      const privateOwner = (id: string) => (nation.enterprisesOwnedBy.get(id) ?? []).some((enterprise) => enterprise.legalForm === 'PRIVATE')
      const owner = livingCitizens.find(
        (citizen) =>
          ageOn(citizen.birthDate, today) >= 18 && !privateOwner(citizen.personalId) && (nation.householdBusinessesOf.get(citizen.personalId) ?? []).some((business) => business.status !== 'CLOSED'),
      )
      // Every nation of this size has some (checked for the seed above); a nation without one would prove nothing here.
      expect(owner).toBeDefined()
      const open = nation.householdBusinessesOf.get(owner!.personalId)!.filter((business) => business.status !== 'CLOSED')

      const draft = await blockersOf({ procedureCode: '1.001612', applicantId: owner!.personalId, parties: [] })

      expect(issuesOf(draft.blockers)).toEqual(
        open.map((business) => issue('EXISTING_HOUSEHOLD_BUSINESS', 'APPLICANT', { register: 'BUSINESS', recordType: 'HouseholdBusiness', recordId: business.registrationNumber })),
      )
    })

    it('unemployment benefit for someone still contributing is blocked by STILL_CONTRIBUTING, citing the book', async () => {
      const worker = livingCitizens.find(
        (citizen) => ageOn(citizen.birthDate, today) >= 18 && (nation.socialInsuranceOf.get(citizen.personalId)?.periods ?? []).some((period) => period.to === null && period.from <= today),
      )!
      const book = nation.socialInsuranceOf.get(worker.personalId)!

      const draft = await blockersOf({ procedureCode: '1.014748', applicantId: worker.personalId, parties: [] })

      expect(issuesOf(draft.blockers)).toEqual([issue('STILL_CONTRIBUTING', 'APPLICANT', { register: 'INSURANCE', recordType: 'SocialInsuranceRecord', recordId: book.socialInsuranceNumber })])
    })
  })

  // ── An address awaiting review ──

  it('when a party’s residence is in a split legacy commune, then the draft warns, leaves the residence to the official and, if that party decides it, names no authority', async () => {
    // A legacy commune code the boundary knows, split between several 2025 communes.
    const splitResidents: CitizenRecord[] = []
    for (const citizen of livingCitizens) {
      const code = citizen.permanentResidence.legacyCommuneCode
      if (code === null || nation.mapsExactly(code) || nation.withDiscrepancy.has(citizen.personalId) || ageOn(citizen.birthDate, today) < 18) continue
      if (((await legacyCommune(code))?.successors.length ?? 0) > 1) splitResidents.push(citizen)
    }
    const applicant = splitResidents[0]!
    expect(applicant).toBeDefined()
    const residenceId = (await addressIds(applicant.personalId)).permanentResidence

    // Xác nhận tình trạng hôn nhân is received in the commune of the applicant's residence, which awaits review.
    const certificate = await draftOf({ procedureCode: '1.004873', applicantId: applicant.personalId, parties: [] })

    expect(certificate.fields.find((field) => field.key === 'applicant.residence')).toMatchObject({ value: null, source: null, verified: false, commune: null })
    expect(certificate.receivingAuthority).toBeNull()
    expect(certificate.warnings.map((warning) => warning.code)).toEqual(['ADDRESS_AWAITING_REVIEW', 'AUTHORITY_UNDETERMINED'])
    expect(issueOf(certificate.warnings[0]!)).toEqual({ code: 'ADDRESS_AWAITING_REVIEW', party: 'APPLICANT', record: { register: 'POPULATION', recordType: 'Address', recordId: residenceId } })
    expect(certificate.warnings[0]!.message).toMatch(/split/)
    expect(certificate.warnings[1]!.party).toBe('APPLICANT')
    // A warning, not a blocker: the official chooses the commune and the case goes on.
    expect([certificate.blockers, certificate.canProceed]).toEqual([[], true])
    // The other values are still filled and verified.
    expect(certificate.fields.find((field) => field.key === 'applicant.fullName')).toMatchObject({ value: applicant.fullName, verified: true })

    // A province-level procedure still knows its authority: a legacy province went wholly into one 2025 province.
    const provinces = new Map((await legacyCommune(applicant.permanentResidence.legacyCommuneCode!))!.successors.map(({ commune }) => [commune.province.code, commune.province]))
    expect(provinces.size).toBe(1)
    const [province] = provinces.values()
    const benefit = await draftOf({ procedureCode: '1.014748', applicantId: applicant.personalId, parties: [] })
    expect(benefit.receivingAuthority).toEqual({ name: `Trung tâm Dịch vụ việc làm ${province!.name}`, level: 'PROVINCE', unit: province, basis: 'permanent residence of the applicant' })
    expect(benefit.warnings.map((warning) => [warning.code, warning.party])).toEqual([['ADDRESS_AWAITING_REVIEW', 'APPLICANT']])
    expect(benefit.fields.find((field) => field.key === 'worker.residence')).toMatchObject({ value: null, source: null, verified: false })

    // In a marriage the authority follows the applicant: a partner awaiting review leaves it known.
    const partner = splitResidents.find((citizen) => citizen.sex === 'FEMALE' && marriageable(citizen))!
    expect(partner).toBeDefined()
    const input = completeCase('1.000894', (candidate) => !related(citizenOf(candidate.applicantId), partner))
    const applicantValues = await registerValuesOf(citizenOf(input.applicantId))
    const marriage = await draftOf({ ...input, parties: [{ role: 'PARTNER', personalId: partner.personalId }] })

    expect(marriage.warnings.map((warning) => [warning.code, warning.party])).toEqual([['ADDRESS_AWAITING_REVIEW', 'PARTNER']])
    expect(marriage.fields.find((field) => field.key === 'partner.residence')).toMatchObject({ value: null, source: null, verified: false })
    expect(marriage.receivingAuthority).toEqual(communeAuthority('Ủy ban nhân dân', applicantValues.units.permanentResidence, 'permanent residence of the applicant'))
    expect(marriage.canProceed).toBe(true)
  })

  // ── Bad input ──

  describe('when the input is wrong, then a GraphQL error with a code explains it without echoing a personal id', () => {
    let man: string
    let woman: string
    beforeAll(() => {
      const marriage = completeCase('1.000894')
      man = marriage.applicantId
      woman = partyId(marriage, 'PARTNER')
    })

    /** The one error of a response; its message must not carry any personal id of the input, nor a stack trace. */
    async function errorOf(input: DraftInput, ids: string[] = [input.applicantId, ...input.parties.map((party) => party.personalId)]) {
      const { status, body } = await askForDraft(input)
      expect(body.errors).toHaveLength(1)
      const [error] = body.errors!
      for (const id of ids) expect(JSON.stringify(body.errors)).not.toContain(id)
      expect(error!.extensions?.stacktrace).toBeUndefined()
      return { status, error: error!, data: body.data }
    }

    it('an unknown procedure code is NOT_FOUND', async () => {
      const { error } = await errorOf({ procedureCode: '9.999999', applicantId: man, parties: [] })
      expect(error.extensions?.code).toBe('NOT_FOUND')
      expect(error.message).toMatch(/No procedure with code "9\.999999".*`procedures`/)
    })

    it('a malformed applicant id is BAD_USER_INPUT', async () => {
      // A real id with a digit dropped, as typed at a desk.
      const malformed = man.slice(0, 11)
      const { error } = await errorOf({ procedureCode: '1.000894', applicantId: malformed, parties: [{ role: 'PARTNER', personalId: woman }] }, [woman])
      expect(error.extensions?.code).toBe('BAD_USER_INPUT')
      expect(error.message).toMatch(/"input\.applicantId".*PersonalId must be 12 digits/)
    })

    // graphql-js quotes the value of a variable it cannot coerce; subgraphs drop it (withoutVariableValue).
    it('a malformed applicant id is not echoed in the error message', async () => {
      const malformed = man.slice(0, 11)
      await errorOf({ procedureCode: '1.000894', applicantId: malformed, parties: [{ role: 'PARTNER', personalId: woman }] }, [malformed])
    })

    it('a partner the population register does not know is NOT_FOUND, and there is no draft', async () => {
      // Well formed (same province, century, sex and year as a real citizen), but nobody's.
      const unknown = [...Array(1000).keys()].map((n) => `${woman.slice(0, 6)}${String(999_999 - n).padStart(6, '0')}`).find((id) => !nation.citizens.has(id))!
      const { status, error, data } = await errorOf({ procedureCode: '1.000894', applicantId: man, parties: [{ role: 'PARTNER', personalId: unknown }] })
      expect(status).toBe(200)
      expect(error.extensions?.code).toBe('NOT_FOUND')
      expect(error.message).toMatch(/population register holds no citizen with the PARTNER personal id/)
      expect(error.path?.[0]).toBe('applicationDraft')
      expect(data).toEqual({ applicationDraft: null })
    })

    it('a marriage without its PARTNER is BAD_USER_INPUT', async () => {
      const { error } = await errorOf({ procedureCode: '1.000894', applicantId: man, parties: [] })
      expect(error.extensions?.code).toBe('BAD_USER_INPUT')
      expect(error.message).toMatch(/needs the PARTNER party/)
    })

    it('a role the procedure does not have is BAD_USER_INPUT', async () => {
      const { error } = await errorOf({
        procedureCode: '1.000894',
        applicantId: man,
        parties: [
          { role: 'PARTNER', personalId: woman },
          { role: 'DECEASED', personalId: nation.citizenIds.find((id) => id !== man && id !== woman)! },
        ],
      })
      expect(error.extensions?.code).toBe('BAD_USER_INPUT')
      expect(error.message).toMatch(/has no DECEASED party; its parties are APPLICANT, PARTNER/)
    })

    it('the same person as applicant and partner is BAD_USER_INPUT', async () => {
      const { error } = await errorOf({ procedureCode: '1.000894', applicantId: man, parties: [{ role: 'PARTNER', personalId: man }] })
      expect(error.extensions?.code).toBe('BAD_USER_INPUT')
      expect(error.message).toMatch(/same person cannot be both the APPLICANT and the PARTNER/)
    })
  })

  // ── Purpose limitation ──

  it('when a draft is asked for, then only the registers its procedure needs are read', async () => {
    const statementsFor = async (input: DraftInput) => {
      stack.statements.reset()
      const draft = await draftOf(input)
      expect(draft.fields.length).toBeGreaterThan(0)
      return stack.statements.bySubgraph()
    }

    const marriage = await statementsFor(completeCase('1.000894'))
    expect(marriage.population).toBeGreaterThan(0)
    expect(marriage['civil-status']).toBeGreaterThan(0)
    expect(marriage).toMatchObject({ land: 0, business: 0, insurance: 0 })

    const unemployment = await statementsFor(completeCase('1.014748'))
    expect(unemployment.insurance).toBeGreaterThan(0)
    expect(unemployment).toMatchObject({ 'civil-status': 0, land: 0 })

    const landCertificate = await statementsFor(completeCase('1.012787'))
    expect(landCertificate.land).toBeGreaterThan(0)
    expect(landCertificate).toMatchObject({ insurance: 0 })
  })

  // ── The catalogue ──

  it('when the catalogue is asked for, then `procedures` lists the nine procedures with their fields and documents', async () => {
    const { body } = await stack.post(`{ procedures { code name draftType level catalogueVersion parties { role required } fields { key label party value } documents { key name party rule } } }`,
    )
    expect(body.errors).toBeUndefined()
    // In code order, each with its parties, fields and documents in the catalogue's order.
    const byCode = [...CATALOGUE.procedures].sort((a, b) => a.code.localeCompare(b.code))
    expect(body.data.procedures).toEqual(
      byCode.map((procedure) => ({
        code: procedure.code,
        name: procedure.name,
        draftType: procedure.draftType,
        level: procedure.level,
        catalogueVersion: CATALOGUE.version,
        parties: procedure.parties.map((party) => ({ role: party.role, required: party.role === 'APPLICANT' || party.required === true })),
        fields: procedure.fields.map((field) => ({ key: field.key, label: field.label, party: field.party ?? null, value: field.value ?? null })),
        documents: procedure.documents.map((document) => ({ key: document.key, name: document.name, party: document.party ?? null, rule: document.rule })),
      })),
    )
    // The nine procedures of the issue (BRIEF §5), whatever the file holds.
    expect(body.data.procedures.map((procedure: { code: string }) => procedure.code)).toEqual([
      '1.000656',
      '1.000894',
      '1.001193',
      '1.001612',
      '1.004194',
      '1.004222',
      '1.004873',
      '1.012787',
      '1.014748',
    ])
  })
})
