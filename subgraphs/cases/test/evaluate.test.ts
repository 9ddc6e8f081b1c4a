import { describe, expect, it } from 'vitest'
import type { Procedure } from '../src/catalogue.js'
import { evaluateDraft, type DraftResult } from '../src/drafts/evaluate.js'
import { addressIn2025Form, principalParcel, provinceOf, type CitizenEvidence, type PartyEvidence } from '../src/drafts/evidence.js'
import { CHECK_RULES, DOCUMENT_RULES, type CheckRuleName, type DocumentRuleName } from '../src/drafts/vocabulary.js'
import {
  benNgheAddress,
  BIRTH,
  daKaoAddress,
  DEATH,
  FATHER_OF_BOTH,
  GRANDMOTHER,
  HO_CHI_MINH_CITY,
  HOUSEHOLD_BUSINESS,
  LAND_USE_CERTIFICATE,
  landRight,
  MAN,
  MARITAL_STATUS_CERTIFICATE,
  marriage,
  MARRIAGE,
  MOTHER_OF_BOTH,
  OTHER_MAN,
  party,
  period,
  PERMANENT_RESIDENCE,
  PHUONG_SAI_GON,
  procedureOf,
  socialInsurance,
  TEMPORARY_RESIDENCE,
  TODAY,
  UNEMPLOYMENT_BENEFIT,
  unknownAddress,
  UPDATED_AT,
  WOMAN,
} from './fixtures.js'

// What the tests below saw each rule decide, so the last test can tell whether a rule of the vocabulary went untested.
const checksThatFired = new Set<string>()
const documentRulesLookedAt = new Set<string>()
const procedureOfResult = new WeakMap<DraftResult, Procedure>()

/** evaluateDraft on a catalogue procedure (or a hand-built one), remembering which rules it exercised. */
function evaluate(procedure: Procedure | string, parties: PartyEvidence[], today = TODAY): DraftResult {
  const resolved = typeof procedure === 'string' ? procedureOf(procedure) : procedure
  const result = evaluateDraft(resolved, { parties, today })
  for (const issue of [...result.warnings, ...result.blockers]) checksThatFired.add(issue.code)
  procedureOfResult.set(result, resolved)
  return result
}

const codes = (issues: { code: string }[]) => issues.map((issue) => issue.code)
const fieldOf = (result: DraftResult, key: string) => result.fields.find((field) => field.key === key)
function documentOf(result: DraftResult, key: string) {
  const rule = procedureOfResult.get(result)?.documents.find((document) => document.key === key)?.rule
  if (rule) documentRulesLookedAt.add(rule)
  return result.documents.find((document) => document.key === key)
}

// The two parties of a marriage registration that nothing stands in the way of: a man and a woman, of age, unrelated.
const groom = (overrides: Parameters<typeof party>[2] = {}) => party('APPLICANT', MAN, overrides)
const bride = (overrides: Parameters<typeof party>[2] = {}) =>
  party('PARTNER', WOMAN, { fullName: 'Trần Thị Bích', birthDate: '1997-09-02', sex: 'FEMALE', ...overrides })

describe('evaluateDraft: the form', () => {
  it('fills each field from its party’s record with its source, and leaves declared fields to the applicant', () => {
    const result = evaluate(MARRIAGE, [groom({ maritalStatus: 'DIVORCED', marriages: [marriage({ id: 'KH-1', inForce: false, dissolvedOn: '2023-01-05', dissolutionReason: 'DIVORCE', wife: { personalId: '079198000999' } })] }), bride()])
    expect(fieldOf(result, 'applicant.fullName')).toEqual({
      key: 'applicant.fullName',
      label: 'Họ, chữ đệm, tên',
      party: 'APPLICANT',
      value: 'Nguyễn Văn An',
      source: { register: 'POPULATION', recordType: 'Citizen', recordId: MAN, updatedAt: UPDATED_AT },
      verified: true,
      commune: null,
    })
    expect(fieldOf(result, 'partner.personalId')).toMatchObject({ value: WOMAN, verified: true })
    expect(fieldOf(result, 'applicant.maritalStatus')).toMatchObject({
      value: 'Đã ly hôn',
      source: { register: 'CIVIL_STATUS', recordType: 'MarriageRegistration', recordId: 'KH-1', updatedAt: UPDATED_AT },
    })
    // Never married: the civil-status register's answer is the absence of a record.
    expect(fieldOf(result, 'partner.maritalStatus')).toMatchObject({
      value: 'Chưa kết hôn',
      source: { register: 'CIVIL_STATUS', recordType: 'MarriageRegistrations', recordId: WOMAN, updatedAt: null },
    })
    // An address carries its 2025 commune and its own record.
    expect(fieldOf(result, 'applicant.residence')).toMatchObject({
      value: '12 Lê Lợi, Phường Sài Gòn, Thành phố Hồ Chí Minh',
      source: { register: 'POPULATION', recordType: 'Address', recordId: 'population:address:1' },
      commune: { code: '26740' },
      verified: true,
    })
  })

  it('marks a suggestion from the registers unverified, and a declared field empty and unverified', () => {
    const result = evaluate(BIRTH, [party('APPLICANT', WOMAN, { sex: 'FEMALE' }), party('MOTHER', WOMAN, { sex: 'FEMALE', ethnicity: 'Tày' })])
    expect(fieldOf(result, 'child.ethnicity')).toMatchObject({ value: 'Tày', verified: false, source: { recordId: WOMAN } })
    expect(fieldOf(result, 'mother.ethnicity')).toMatchObject({ value: 'Tày', verified: true })
    expect(fieldOf(result, 'child.fullName')).toEqual({ key: 'child.fullName', label: 'Họ, chữ đệm, tên của trẻ', party: null, value: null, source: null, verified: false, commune: null })
    // No father named: his fields stay empty for the applicant to fill.
    expect(fieldOf(result, 'father.fullName')).toMatchObject({ party: 'FATHER', value: null, verified: false })
  })

  it('leaves an address awaiting review empty (the official completes it) and fills a resolved one', () => {
    const split = evaluate(MARRIAGE, [groom({ permanentResidence: daKaoAddress() }), bride()])
    expect(fieldOf(split, 'applicant.residence')).toMatchObject({ value: null, source: null, verified: false, commune: null })
    const resolved = evaluate(MARRIAGE, [groom({ permanentResidence: daKaoAddress({ mappingStatus: 'RESOLVED', commune: PHUONG_SAI_GON }) }), bride()])
    expect(fieldOf(resolved, 'applicant.residence')).toMatchObject({ value: '5 Đinh Tiên Hoàng, Phường Sài Gòn, Thành phố Hồ Chí Minh', commune: { code: '26740' }, verified: true })
  })

  it('fills the unemployment form from the latest participation period of the insurance book', () => {
    const book = socialInsurance([
      period('2018-01-01', '2022-12-31', { employerCode: '0100109106', contributionBaseVnd: 7_000_000 }),
      period('2023-02-01', '2026-06-30', { employerCode: '0100233488', contributionBaseVnd: 12_500_000, employer: { vietnameseName: 'Tổng Công ty Viễn thông MobiFone' } }),
    ])
    const result = evaluate(UNEMPLOYMENT_BENEFIT, [party('APPLICANT', MAN, { socialInsurance: book })])
    const source = { register: 'INSURANCE', recordType: 'SocialInsuranceRecord', recordId: '7912345678', updatedAt: UPDATED_AT }
    expect(fieldOf(result, 'worker.socialInsuranceNumber')).toMatchObject({ value: '7912345678', source })
    expect(fieldOf(result, 'worker.contributionMonths')).toMatchObject({ value: '60', source })
    expect(fieldOf(result, 'worker.lastEmployer')?.value).toBe('Tổng Công ty Viễn thông MobiFone')
    expect(fieldOf(result, 'worker.lastEmployerCode')?.value).toBe('0100233488')
    expect(fieldOf(result, 'worker.employmentEnded')?.value).toBe('2026-06-30')
    expect(fieldOf(result, 'worker.lastContributionBase')?.value).toBe('12500000')
    expect(fieldOf(result, 'worker.bankAccount')).toMatchObject({ value: null, verified: false })
  })

  it('is pure: the same evidence gives the same draft', () => {
    const parties = () => [groom(), bride()]
    expect(evaluate(MARRIAGE, parties())).toEqual(evaluate(MARRIAGE, parties()))
  })
})

describe('UNDER_AGE', () => {
  // Marriage: 20 for a man, 18 for a woman (Luật Hôn nhân và gia đình 2014, Điều 8).
  const youngGroom = groom({ birthDate: '2006-03-15' })
  const youngBride = bride({ birthDate: '2008-07-01' })

  it('blocks a man the day before his 20th birthday and lets him marry on it', () => {
    const before = evaluate(MARRIAGE, [youngGroom, bride()], '2026-03-14')
    expect(before.blockers).toEqual([
      {
        code: 'UNDER_AGE',
        party: 'APPLICANT',
        message: 'The applicant is under 20, the legal age for this procedure.',
        record: { register: 'POPULATION', recordType: 'Citizen', recordId: MAN, updatedAt: UPDATED_AT },
        legalBasis: 'Luật Hôn nhân và gia đình 2014, Điều 8 khoản 1',
      },
    ])
    expect(evaluate(MARRIAGE, [youngGroom, bride()], '2026-03-15').blockers).toEqual([])
  })

  it('blocks a woman the day before her 18th birthday and lets her marry on it', () => {
    expect(evaluate(MARRIAGE, [groom(), youngBride], '2026-06-30').blockers).toMatchObject([{ code: 'UNDER_AGE', party: 'PARTNER', message: 'The partner is under 18, the legal age for this procedure.' }])
    expect(evaluate(MARRIAGE, [groom(), youngBride], '2026-07-01').blockers).toEqual([])
  })

  it('counts a birthday of 29 February as reached on 1 March', () => {
    const leapBride = bride({ birthDate: '2008-02-29' })
    expect(codes(evaluate(MARRIAGE, [groom(), leapBride], '2026-02-28').blockers)).toEqual(['UNDER_AGE'])
    expect(evaluate(MARRIAGE, [groom(), leapBride], '2026-03-01').blockers).toEqual([])
  })

  it('applies 18 for both sexes to a household business owner', () => {
    const owner = party('APPLICANT', MAN, { birthDate: '2008-11-21' })
    expect(codes(evaluate(HOUSEHOLD_BUSINESS, [owner], '2026-11-20').blockers)).toEqual(['UNDER_AGE'])
    expect(evaluate(HOUSEHOLD_BUSINESS, [owner], '2026-11-21').blockers).toEqual([])
  })
})

describe('marriage impediments', () => {
  it('lets an unrelated man and woman of age, both unmarried, proceed', () => {
    const result = evaluate(MARRIAGE, [groom(), bride()])
    expect(result.blockers).toEqual([])
    expect(result.warnings).toEqual([])
  })

  it('ALREADY_MARRIED: blocks a party with a marriage in force, pointing at that registration', () => {
    const married = bride({ maritalStatus: 'MARRIED', marriages: [marriage({ id: 'KH-7', husband: { personalId: OTHER_MAN } })] })
    expect(evaluate(MARRIAGE, [groom(), married]).blockers).toEqual([
      {
        code: 'ALREADY_MARRIED',
        party: 'PARTNER',
        message: 'The partner is married: a marriage registration is in force.',
        record: { register: 'CIVIL_STATUS', recordType: 'MarriageRegistration', recordId: 'KH-7', updatedAt: UPDATED_AT },
        legalBasis: 'Luật Hôn nhân và gia đình 2014, Điều 5 khoản 2',
      },
    ])
    // Divorced and widowed persons may marry again.
    const divorced = bride({ maritalStatus: 'DIVORCED', marriages: [marriage({ id: 'KH-8', inForce: false, dissolvedOn: '2024-01-01', dissolutionReason: 'DIVORCE', husband: { personalId: OTHER_MAN } })] })
    expect(evaluate(MARRIAGE, [groom(), divorced]).blockers).toEqual([])
  })

  it('SAME_SEX_PARTIES: blocks two men, not a man and a woman', () => {
    const result = evaluate(MARRIAGE, [groom(), party('PARTNER', OTHER_MAN, { fullName: 'Lê Văn Cường' })])
    expect(result.blockers).toEqual([
      { code: 'SAME_SEX_PARTIES', message: 'Both parties are of the same sex; the law does not recognise marriage between them.', legalBasis: 'Luật Hôn nhân và gia đình 2014, Điều 8 khoản 2' },
    ])
    expect(codes(evaluate(MARRIAGE, [groom(), bride()]).blockers)).not.toContain('SAME_SEX_PARTIES')
  })

  it('CLOSE_RELATIVES: blocks siblings (full or half) and a parent with a child', () => {
    const siblings = evaluate(MARRIAGE, [groom({ father: { personalId: FATHER_OF_BOTH }, mother: { personalId: MOTHER_OF_BOTH } }), bride({ mother: { personalId: MOTHER_OF_BOTH } })])
    expect(siblings.blockers).toMatchObject([{ code: 'CLOSE_RELATIVES', message: 'The parties share a parent in the population register.' }])
    const halfSiblings = evaluate(MARRIAGE, [groom({ father: { personalId: FATHER_OF_BOTH } }), bride({ father: { personalId: FATHER_OF_BOTH }, mother: { personalId: MOTHER_OF_BOTH } })])
    expect(codes(halfSiblings.blockers)).toEqual(['CLOSE_RELATIVES'])
    // The partner's father is the applicant (and the other way round).
    const parentAndChild = evaluate(MARRIAGE, [groom({ birthDate: '1960-01-01' }), bride({ father: { personalId: MAN } })])
    expect(parentAndChild.blockers).toMatchObject([{ code: 'CLOSE_RELATIVES', message: 'One party is the other’s parent in the population register.' }])
    const childAndParent = evaluate(MARRIAGE, [groom({ mother: { personalId: WOMAN } }), bride({ birthDate: '1960-01-01' })])
    expect(codes(childAndParent.blockers)).toEqual(['CLOSE_RELATIVES'])
    // Parents recorded for both, but different people: no impediment.
    const unrelated = evaluate(MARRIAGE, [groom({ father: { personalId: FATHER_OF_BOTH } }), bride({ mother: { personalId: MOTHER_OF_BOTH } })])
    expect(unrelated.blockers).toEqual([])
  })
})

describe('birth registration documents', () => {
  const mother = (overrides: Parameters<typeof party>[2] = {}) => party('MOTHER', WOMAN, { fullName: 'Trần Thị Bích', sex: 'FEMALE', ...overrides })
  const father = party('FATHER', MAN)
  const theirMarriage = marriage({ id: 'KH-2020-15', husband: { personalId: MAN }, wife: { personalId: WOMAN } })

  it('PARENTS_MARRIAGE_RECORD: not applicable without a father, and the mother’s marriage to someone does not fill the parents’ marriage field', () => {
    const result = evaluate(BIRTH, [party('APPLICANT', WOMAN, { sex: 'FEMALE' }), mother({ maritalStatus: 'MARRIED', marriages: [theirMarriage] })])
    expect(documentOf(result, 'parents-marriage-certificate')).toMatchObject({ status: 'NOT_APPLICABLE', reason: expect.stringContaining('No father is named') })
    expect(fieldOf(result, 'parents.marriage')).toMatchObject({ value: null, source: null, verified: false })
    // PARENTS_NOT_MARRIED needs a father too.
    expect(result.warnings).toEqual([])
  })

  it('PARENTS_MARRIAGE_RECORD: waived by the marriage in force between the mother and the father, with its record id', () => {
    const result = evaluate(BIRTH, [party('APPLICANT', WOMAN, { sex: 'FEMALE' }), mother({ maritalStatus: 'MARRIED', marriages: [theirMarriage] }), father])
    expect(documentOf(result, 'parents-marriage-certificate')).toEqual({
      key: 'parents-marriage-certificate',
      name: 'Giấy chứng nhận kết hôn của cha, mẹ',
      party: null,
      legalBasis: 'Nghị định 123/2015/NĐ-CP, Điều 9',
      status: 'WAIVED',
      evidence: { register: 'CIVIL_STATUS', recordType: 'MarriageRegistration', recordId: 'KH-2020-15', updatedAt: UPDATED_AT, description: 'The parents’ marriage registration in the civil-status database.' },
    })
    expect(fieldOf(result, 'parents.marriage')).toMatchObject({ value: 'KH-2020-15/2020', source: { recordId: 'KH-2020-15' } })
    expect(result.warnings).toEqual([])
  })

  it('PARENTS_MARRIAGE_RECORD: required when the parents’ marriage was dissolved or the mother is married to someone else; PARENTS_NOT_MARRIED warns', () => {
    const dissolved = marriage({ ...theirMarriage, inForce: false, dissolvedOn: '2025-03-01', dissolutionReason: 'DIVORCE' })
    const toSomeoneElse = marriage({ id: 'KH-9', husband: { personalId: OTHER_MAN }, wife: { personalId: WOMAN } })
    for (const marriages of [[dissolved], [toSomeoneElse], []]) {
      const result = evaluate(BIRTH, [party('APPLICANT', WOMAN, { sex: 'FEMALE' }), mother({ marriages }), father])
      expect(documentOf(result, 'parents-marriage-certificate')).toMatchObject({ status: 'REQUIRED', reason: 'The civil-status register holds no marriage in force between the mother and the father.' })
      expect(fieldOf(result, 'parents.marriage')).toMatchObject({ value: null })
      expect(result.warnings).toMatchObject([{ code: 'PARENTS_NOT_MARRIED', party: 'FATHER' }])
    }
  })

  it('AUTHORISATION: not applicable when the mother or the father applies, required when a grandparent does', () => {
    const byMother = evaluate(BIRTH, [party('APPLICANT', WOMAN, { sex: 'FEMALE' }), mother(), father])
    expect(documentOf(byMother, 'authorisation')).toMatchObject({ status: 'NOT_APPLICABLE', reason: 'The applicant is the mother and applies in person.' })
    const byFather = evaluate(BIRTH, [party('APPLICANT', MAN), mother(), father])
    expect(documentOf(byFather, 'authorisation')).toMatchObject({ status: 'NOT_APPLICABLE', reason: 'The applicant is the father and applies in person.' })
    const byGrandmother = evaluate(BIRTH, [party('APPLICANT', GRANDMOTHER, { sex: 'FEMALE', birthDate: '1960-02-02' }), mother()])
    expect(documentOf(byGrandmother, 'authorisation')).toMatchObject({ status: 'REQUIRED', reason: expect.stringContaining('written authorisation') })
  })

  it('IDENTITY_RECORD, RESIDENCE_RECORD and NOT_IN_REGISTERS: identity and household waived, the birth certificate required', () => {
    const result = evaluate(BIRTH, [party('APPLICANT', WOMAN, { sex: 'FEMALE' }), mother()])
    expect(documentOf(result, 'applicant-identity')).toMatchObject({ status: 'WAIVED', evidence: { register: 'POPULATION', recordType: 'Citizen', recordId: WOMAN } })
    expect(documentOf(result, 'residence-proof')).toMatchObject({ party: 'MOTHER', status: 'WAIVED', evidence: { register: 'POPULATION', recordType: 'Household', recordId: 'HK-0001' } })
    expect(documentOf(result, 'birth-certificate')).toMatchObject({ status: 'REQUIRED', reason: 'No connected register holds this document: the applicant submits it.' })
    const homeless = evaluate(BIRTH, [party('APPLICANT', WOMAN, { sex: 'FEMALE' }), mother({ household: undefined })])
    expect(documentOf(homeless, 'residence-proof')).toMatchObject({ status: 'REQUIRED' })
  })

  it('PARTY_DECEASED: a deceased parent is a warning, a deceased applicant a blocker', () => {
    const deceasedMother = evaluate(BIRTH, [party('APPLICANT', GRANDMOTHER, { sex: 'FEMALE' }), mother({ dateOfDeath: '2026-11-01' })])
    expect(deceasedMother.warnings).toMatchObject([{ code: 'PARTY_DECEASED', party: 'MOTHER', message: 'The mother is recorded as deceased (2026-11-01).' }])
    expect(deceasedMother.blockers).toEqual([])
    const deceasedApplicant = evaluate(BIRTH, [party('APPLICANT', GRANDMOTHER, { sex: 'FEMALE', dateOfDeath: '2026-11-01' }), mother()])
    expect(deceasedApplicant.blockers).toMatchObject([{ code: 'PARTY_DECEASED', party: 'APPLICANT' }])
  })

  it('REGISTER_DISAGREEMENT: warns about the registers the check names, for the parties it names', () => {
    const disagreeing = mother({
      civilStatusDiscrepancies: [{ register: 'CIVIL_STATUS', recordType: 'MarriageRegistration', recordId: 'KH-3', field: 'BIRTH_DATE' }],
      landDiscrepancies: [{ register: 'LAND', recordType: 'LandParcel', recordId: '26740-3-12', field: 'FULL_NAME' }],
    })
    const result = evaluate(BIRTH, [party('APPLICANT', WOMAN, { sex: 'FEMALE' }), disagreeing])
    expect(result.warnings).toEqual([
      {
        code: 'REGISTER_DISAGREEMENT',
        party: 'MOTHER',
        message: "The civil-status register's MarriageRegistration disagrees with the population register on BIRTH_DATE.",
        record: { register: 'CIVIL_STATUS', recordType: 'MarriageRegistration', recordId: 'KH-3', updatedAt: null },
      },
    ])
  })
})

describe('MARRIAGE_DISSOLUTION_RECORD (marital status certificate)', () => {
  const applicant = (overrides: Parameters<typeof party>[2]) => party('APPLICANT', MAN, overrides)
  const dissolution = (result: DraftResult) => documentOf(result, 'divorce-or-death-proof')

  it('is not applicable to a person never married or married', () => {
    expect(dissolution(evaluate(MARITAL_STATUS_CERTIFICATE, [applicant({ maritalStatus: 'NEVER_MARRIED' })]))).toMatchObject({
      status: 'NOT_APPLICABLE',
      reason: 'Never married: there is no divorce or death to prove.',
    })
    const married = applicant({ maritalStatus: 'MARRIED', marriages: [marriage({ id: 'KH-1' })] })
    expect(dissolution(evaluate(MARITAL_STATUS_CERTIFICATE, [married]))).toMatchObject({ status: 'NOT_APPLICABLE', reason: 'A marriage is in force: nothing was dissolved.' })
  })

  it('is waived for a divorced person by the dissolved marriage, the latest one when there are several', () => {
    const divorced = applicant({
      maritalStatus: 'DIVORCED',
      marriages: [
        marriage({ id: 'KH-1', registrationDate: '2010-01-10', inForce: false, dissolvedOn: '2012-01-01', dissolutionReason: 'DIVORCE' }),
        marriage({ id: 'KH-2', registrationDate: '2015-06-06', inForce: false, dissolvedOn: '2024-09-09', dissolutionReason: 'DIVORCE', wife: { personalId: '079190000888' } }),
      ],
    })
    expect(dissolution(evaluate(MARITAL_STATUS_CERTIFICATE, [divorced]))).toMatchObject({
      status: 'WAIVED',
      evidence: { register: 'CIVIL_STATUS', recordType: 'MarriageRegistration', recordId: 'KH-2', description: 'The marriage registration records its dissolution (divorce) on 2024-09-09.' },
    })
  })

  it('is waived for a widowed person by the marriage dissolved by death', () => {
    const widowed = applicant({ maritalStatus: 'WIDOWED', marriages: [marriage({ id: 'KH-5', inForce: false, dissolvedOn: '2025-12-24', dissolutionReason: 'DEATH' })] })
    expect(dissolution(evaluate(MARITAL_STATUS_CERTIFICATE, [widowed]))).toMatchObject({
      status: 'WAIVED',
      evidence: { recordId: 'KH-5', description: 'The marriage registration records its dissolution (death of the spouse) on 2025-12-24.' },
    })
  })

  it('is required from a divorced person the civil-status register holds no dissolved marriage for', () => {
    expect(dissolution(evaluate(MARITAL_STATUS_CERTIFICATE, [applicant({ maritalStatus: 'DIVORCED', marriages: [] })]))).toMatchObject({
      status: 'REQUIRED',
      reason: 'The civil-status register records no dissolved marriage for this person.',
    })
  })

  it('MARITAL_STATUS_RECORD: waived by the civil-status answer, required when the register gave none', () => {
    const result = evaluate(LAND_USE_CERTIFICATE, [party('APPLICANT', MAN, { maritalStatus: 'MARRIED', marriages: [marriage({ id: 'KH-1' })], landRights: [landRight({ parcelId: '26740-3-12', share: 1, valid: true })] })])
    expect(documentOf(result, 'marital-status-proof')).toMatchObject({ status: 'WAIVED', evidence: { recordType: 'MarriageRegistration', recordId: 'KH-1', description: expect.stringContaining('MARRIED') } })
    const unknown = evaluate(LAND_USE_CERTIFICATE, [party('APPLICANT', MAN, { maritalStatus: undefined, landRights: [landRight({ parcelId: '26740-3-12', share: 1, valid: true })] })])
    expect(documentOf(unknown, 'marital-status-proof')).toMatchObject({ status: 'REQUIRED' })
  })
})

describe('death registration', () => {
  it('ALREADY_DEATH_REGISTERED blocks a second registration; the deceased being dead is no blocker, the applicant being dead is', () => {
    const deceased = party('DECEASED', GRANDMOTHER, { sex: 'FEMALE', dateOfDeath: '2026-11-10', deathRegistration: { id: 'KT-1', registrationNumber: '15/2026', updatedAt: UPDATED_AT } })
    const result = evaluate(DEATH, [party('APPLICANT', MAN), deceased])
    expect(result.blockers).toEqual([
      {
        code: 'ALREADY_DEATH_REGISTERED',
        party: 'DECEASED',
        message: 'The death is already registered (registration 15/2026).',
        record: { register: 'CIVIL_STATUS', recordType: 'DeathRegistration', recordId: 'KT-1', updatedAt: UPDATED_AT },
        legalBasis: 'Luật Hộ tịch 2014, Điều 33',
      },
    ])
    expect(fieldOf(result, 'deceased.dateOfDeath')?.value).toBe('2026-11-10')
    const notYet = evaluate(DEATH, [party('APPLICANT', MAN), party('DECEASED', GRANDMOTHER, { dateOfDeath: '2026-11-10' })])
    expect(notYet.blockers).toEqual([])
    // The receiving commune is the deceased's.
    expect(notYet.receivingAuthority).toMatchObject({ basis: 'permanent residence of the deceased', unit: { code: '26740' } })
  })
})

describe('land', () => {
  it('LAND_RIGHT_HELD and UNLESS_LAND_RIGHT_HELD: a right in the land register waives the proof and the owner’s consent', () => {
    const owner = party('APPLICANT', MAN, { landRights: [landRight({ parcelId: '26740-3-12', share: 1, valid: true })] })
    const result = evaluate(PERMANENT_RESIDENCE, [owner])
    expect(documentOf(result, 'lawful-residence-proof')).toMatchObject({
      status: 'WAIVED',
      evidence: { register: 'LAND', recordType: 'LandParcel', recordId: '26740-3-12', updatedAt: UPDATED_AT, description: 'Land-use right to parcel 26740-3-12 in the land register.' },
    })
    expect(documentOf(result, 'owner-consent')).toMatchObject({ status: 'NOT_APPLICABLE', reason: expect.stringContaining('26740-3-12') })
    expect(fieldOf(result, 'newResidence')).toMatchObject({ value: '12 Lê Lợi, Phường Sài Gòn, Thành phố Hồ Chí Minh', verified: false, commune: { code: '26740' } })
    expect(result.warnings).toEqual([])
    // Registered where the parcel is.
    expect(result.receivingAuthority).toEqual({ name: 'Công an Phường Sài Gòn', level: 'COMMUNE', unit: { code: '26740' }, basis: 'location of the parcel of the applicant' })
  })

  it('LAND_RIGHT_HELD and UNLESS_LAND_RIGHT_HELD: no right, both required, NO_LAND_RIGHT warns and no parcel locates the authority', () => {
    const result = evaluate(PERMANENT_RESIDENCE, [party('APPLICANT', MAN)])
    expect(documentOf(result, 'lawful-residence-proof')).toMatchObject({ status: 'REQUIRED', reason: expect.stringContaining('Decree 154/2024') })
    expect(documentOf(result, 'owner-consent')).toMatchObject({ status: 'REQUIRED' })
    expect(result.warnings).toEqual([
      { code: 'NO_LAND_RIGHT', party: 'APPLICANT', message: 'The land register holds no land-use right for the applicant.' },
      {
        code: 'AUTHORITY_UNDETERMINED',
        party: 'APPLICANT',
        message: 'The receiving commune cannot be determined from the location of the parcel of the applicant: the registers hold none.',
      },
    ])
    expect(result.receivingAuthority).toBeNull()
  })

  it('principalParcel: a parcel with a valid certificate before a larger share, then the largest share, then the lowest id', () => {
    const uncertified = landRight({ parcelId: '26740-1-1', share: 1, valid: false })
    const certifiedHalf = landRight({ parcelId: '26740-2-2', share: 0.5, valid: true })
    const certifiedMore = landRight({ parcelId: '26740-3-3', share: 0.7, valid: true })
    const owner = (rights: ReturnType<typeof landRight>[]) => party('APPLICANT', MAN, { landRights: rights })
    expect(principalParcel(owner([uncertified, certifiedHalf]))?.parcel.id).toBe('26740-2-2')
    expect(principalParcel(owner([certifiedHalf, uncertified, certifiedMore]))?.parcel.id).toBe('26740-3-3')
    expect(principalParcel(owner([landRight({ parcelId: '26740-4-4', share: 0.3, valid: false }), uncertified]))?.parcel.id).toBe('26740-1-1')
    expect(principalParcel(owner([landRight({ parcelId: '26740-9-9', share: 0.5, valid: true }), certifiedHalf]))?.parcel.id).toBe('26740-2-2')
    expect(principalParcel(owner([]))).toBeUndefined()

    // The land-use certificate form is filled from that parcel.
    const result = evaluate(LAND_USE_CERTIFICATE, [owner([uncertified, certifiedHalf])])
    expect(fieldOf(result, 'parcel.id')).toMatchObject({ value: '26740-2-2', source: { register: 'LAND', recordType: 'LandParcel', recordId: '26740-2-2' } })
    expect(fieldOf(result, 'parcel.certificate')?.value).toBe('AA 02674022')
    expect(fieldOf(result, 'parcel.area')?.value).toBe('80')
    expect(fieldOf(result, 'parcel.purpose')?.value).toBe('Đất ở tại đô thị (ODT)')
    expect(documentOf(result, 'cadastral-extract')).toMatchObject({ status: 'WAIVED', evidence: { recordId: '26740-2-2' } })
  })

  it('CADASTRAL_MAP_RECORD: required when the land register holds no parcel for the applicant; NO_LAND_RIGHT then blocks', () => {
    const result = evaluate(LAND_USE_CERTIFICATE, [party('APPLICANT', MAN)])
    expect(documentOf(result, 'cadastral-extract')).toMatchObject({ status: 'REQUIRED', reason: 'The land register holds no parcel for this person.' })
    expect(codes(result.blockers)).toEqual(['NO_LAND_RIGHT'])
  })

  it('LAND_SEIZED blocks an active seizure and not a released one; LAND_MORTGAGED warns', () => {
    const seized = landRight({ parcelId: '26740-3-12', share: 1, valid: true, encumbrances: [{ kind: 'SEIZURE', beneficiary: 'Chi cục Thi hành án dân sự Quận 1', active: true }] })
    const result = evaluate(LAND_USE_CERTIFICATE, [party('APPLICANT', MAN, { landRights: [seized] })])
    expect(result.blockers).toEqual([
      {
        code: 'LAND_SEIZED',
        party: 'APPLICANT',
        message: 'Parcel 26740-3-12 is under an active seizure (kê biên).',
        record: { register: 'LAND', recordType: 'LandParcel', recordId: '26740-3-12', updatedAt: UPDATED_AT },
        legalBasis: 'Luật Đất đai 2024, Điều 45',
      },
    ])
    const released = landRight({
      parcelId: '26740-3-12',
      share: 1,
      valid: true,
      encumbrances: [
        { kind: 'SEIZURE', beneficiary: 'Chi cục Thi hành án dân sự Quận 1', active: false },
        { kind: 'MORTGAGE', beneficiary: 'Ngân hàng TMCP Ngoại thương Việt Nam', active: true },
      ],
    })
    const afterRelease = evaluate(LAND_USE_CERTIFICATE, [party('APPLICANT', MAN, { landRights: [released] })])
    expect(afterRelease.blockers).toEqual([])
    expect(afterRelease.warnings).toMatchObject([{ code: 'LAND_MORTGAGED', message: 'Parcel 26740-3-12 is mortgaged to Ngân hàng TMCP Ngoại thương Việt Nam: the certificate is held by the lender.' }])
  })
})

describe('household business', () => {
  it('EXISTING_HOUSEHOLD_BUSINESS blocks an operating or suspended one and ignores a closed one', () => {
    const business = (status: 'OPERATING' | 'SUSPENDED' | 'CLOSED', registrationNumber: string) => ({ registrationNumber, name: 'Tạp hóa An', status, updatedAt: UPDATED_AT })
    const result = evaluate(HOUSEHOLD_BUSINESS, [party('APPLICANT', MAN, { householdBusinesses: [business('CLOSED', '41A8000001'), business('SUSPENDED', '41A8000002'), business('OPERATING', '41A8000003')] })])
    expect(result.blockers).toEqual(
      ['41A8000002', '41A8000003'].map((registrationNumber) => ({
        code: 'EXISTING_HOUSEHOLD_BUSINESS',
        party: 'APPLICANT',
        message: `The applicant already owns household business ${registrationNumber}; an individual may register only one.`,
        record: { register: 'BUSINESS', recordType: 'HouseholdBusiness', recordId: registrationNumber, updatedAt: UPDATED_AT },
        legalBasis: 'Nghị định 168/2025/NĐ-CP',
      })),
    )
    expect(evaluate(HOUSEHOLD_BUSINESS, [party('APPLICANT', MAN, { householdBusinesses: [business('CLOSED', '41A8000001')] })]).blockers).toEqual([])
  })

  it('PRIVATE_ENTERPRISE_OWNER blocks the owner of a private enterprise still in business, and no other role or form', () => {
    const role = (kind: 'OWNER' | 'LEGAL_REPRESENTATIVE', legalForm: string, status: string, enterpriseCode = '0100109106') => ({ role: kind, enterprise: { enterpriseCode, legalForm, status } })
    const owner = evaluate(HOUSEHOLD_BUSINESS, [party('APPLICANT', MAN, { enterprises: [role('OWNER', 'PRIVATE', 'SUSPENDED')] })])
    expect(owner.blockers).toEqual([
      {
        code: 'PRIVATE_ENTERPRISE_OWNER',
        party: 'APPLICANT',
        message: 'The applicant owns private enterprise 0100109106, and its owner may not also own a household business.',
        record: { register: 'BUSINESS', recordType: 'Enterprise', recordId: '0100109106', updatedAt: null },
        legalBasis: 'Luật Doanh nghiệp 2020, Điều 188 khoản 3',
      },
    ])
    const others = [role('OWNER', 'PRIVATE', 'DISSOLVED'), role('OWNER', 'PRIVATE', 'BANKRUPT'), role('LEGAL_REPRESENTATIVE', 'PRIVATE', 'OPERATING'), role('OWNER', 'TNHH_ONE_MEMBER', 'OPERATING')]
    expect(evaluate(HOUSEHOLD_BUSINESS, [party('APPLICANT', MAN, { enterprises: others })]).blockers).toEqual([])
  })
})

describe('unemployment benefit', () => {
  const worker = (book: CitizenEvidence['socialInsurance']) => party('APPLICANT', MAN, { socialInsurance: book })
  // Employment ended on 30 June 2026: the 24-month window is July 2024 to June 2026.
  const lastJob = period('2026-01-01', '2026-06-30')

  it('INSUFFICIENT_CONTRIBUTIONS: exactly 12 months in the window suffice, counting only the part of a period after the window starts', () => {
    const spanningWindowStart = period('2022-01-01', '2024-12-31') // 36 months, 6 of them (Jul–Dec 2024) in the window
    const result = evaluate(UNEMPLOYMENT_BENEFIT, [worker(socialInsurance([spanningWindowStart, lastJob]))])
    expect(result.blockers).toEqual([])
    expect(documentOf(result, 'social-insurance-book')).toMatchObject({ status: 'WAIVED', evidence: { register: 'INSURANCE', recordId: '7912345678' } })
  })

  it('INSUFFICIENT_CONTRIBUTIONS: 11 months in the window block, however many before it', () => {
    const spanningWindowStart = period('2022-01-01', '2024-11-30') // 35 months, 5 of them (Jul–Nov 2024) in the window
    const result = evaluate(UNEMPLOYMENT_BENEFIT, [worker(socialInsurance([spanningWindowStart, lastJob], { contributionMonths: 41 }))])
    expect(result.blockers).toEqual([
      {
        code: 'INSUFFICIENT_CONTRIBUTIONS',
        party: 'APPLICANT',
        message: '11 months of contributions in the 24 months before employment ended; at least 12 are needed.',
        record: { register: 'INSURANCE', recordType: 'SocialInsuranceRecord', recordId: '7912345678', updatedAt: UPDATED_AT },
        legalBasis: 'Luật Việc làm 2025: đóng đủ 12 tháng trong 24 tháng trước khi chấm dứt hợp đồng',
      },
    ])
  })

  it('INSUFFICIENT_CONTRIBUTIONS: a period ending the month before the window adds nothing', () => {
    const beforeWindow = period('2020-01-01', '2024-06-30')
    const result = evaluate(UNEMPLOYMENT_BENEFIT, [worker(socialInsurance([beforeWindow, lastJob]))])
    expect(result.blockers).toMatchObject([{ code: 'INSUFFICIENT_CONTRIBUTIONS', message: expect.stringMatching(/^6 months/) }])
  })

  it('STILL_CONTRIBUTING blocks (and no window is counted); NO_SOCIAL_INSURANCE blocks and requires the book', () => {
    const stillEmployed = evaluate(UNEMPLOYMENT_BENEFIT, [worker(socialInsurance([period('2026-01-01', null)], { currentlyParticipating: true }))])
    expect(stillEmployed.blockers).toMatchObject([{ code: 'STILL_CONTRIBUTING', message: 'Contributions are still being paid: the employment has not ended.', record: { recordId: '7912345678' } }])
    const noBook = evaluate(UNEMPLOYMENT_BENEFIT, [worker(null)])
    expect(noBook.blockers).toEqual([{ code: 'NO_SOCIAL_INSURANCE', party: 'APPLICANT', message: 'The insurance register holds no social insurance book for the applicant.' }])
    expect(documentOf(noBook, 'social-insurance-book')).toMatchObject({ status: 'REQUIRED' })
  })
})

describe('ADDRESS_AWAITING_REVIEW', () => {
  it('warns about a residence in a split commune and one naming no known commune, pointing at the address record', () => {
    const split = evaluate(TEMPORARY_RESIDENCE, [party('APPLICANT', MAN, { permanentResidence: daKaoAddress() })])
    expect(split.warnings).toEqual([
      {
        code: 'ADDRESS_AWAITING_REVIEW',
        party: 'APPLICANT',
        message: "The applicant's permanent residence is in a legacy commune that was split in 2025: an official must choose its 2025 commune.",
        record: { register: 'POPULATION', recordType: 'Address', recordId: 'population:address:2', updatedAt: UPDATED_AT },
      },
    ])
    const notFound = evaluate(TEMPORARY_RESIDENCE, [party('APPLICANT', MAN, { permanentResidence: unknownAddress() })])
    expect(notFound.warnings).toMatchObject([
      { code: 'ADDRESS_AWAITING_REVIEW', message: "The applicant's permanent residence names no known commune: it must be corrected in the population register.", record: { recordId: 'population:address:3' } },
    ])
  })

  it('says nothing of an exact or resolved residence', () => {
    for (const permanentResidence of [benNgheAddress(), daKaoAddress({ mappingStatus: 'RESOLVED', commune: PHUONG_SAI_GON })]) {
      expect(evaluate(TEMPORARY_RESIDENCE, [party('APPLICANT', MAN, { permanentResidence })]).warnings).toEqual([])
    }
  })
})

describe('receiving authority', () => {
  it('for a commune-level procedure: the People’s Committee of the 2025 commune of the residence', () => {
    expect(evaluate(MARRIAGE, [groom(), bride()]).receivingAuthority).toEqual({
      name: 'Ủy ban nhân dân Phường Sài Gòn',
      level: 'COMMUNE',
      unit: { code: '26740' },
      basis: 'permanent residence of the applicant',
    })
  })

  it('for birth registration: the commune of the mother’s residence, not the applicant’s', () => {
    const result = evaluate(BIRTH, [party('APPLICANT', GRANDMOTHER, { permanentResidence: daKaoAddress() }), party('MOTHER', WOMAN, { sex: 'FEMALE' })])
    expect(result.receivingAuthority).toMatchObject({ unit: { code: '26740' }, basis: 'permanent residence of the mother' })
  })

  it('for temporary residence: the commune of the current residence', () => {
    const current = daKaoAddress({ id: 'population:address:9', mappingStatus: 'EXACT', commune: { code: '26737', name: 'Phường Tân Định', province: HO_CHI_MINH_CITY } })
    const result = evaluate(TEMPORARY_RESIDENCE, [party('APPLICANT', MAN, { currentResidence: current })])
    expect(result.receivingAuthority).toEqual({ name: 'Công an Phường Tân Định', level: 'COMMUNE', unit: { code: '26737' }, basis: 'current residence of the applicant' })
  })

  it('for a province-level procedure: the province, also for a split address whose candidates all lie in it', () => {
    const expected = { name: 'Trung tâm Dịch vụ việc làm Thành phố Hồ Chí Minh', level: 'PROVINCE', unit: { code: '79' }, basis: 'permanent residence of the applicant' }
    const book = socialInsurance([period('2024-01-01', '2026-06-30')])
    expect(evaluate(UNEMPLOYMENT_BENEFIT, [party('APPLICANT', MAN, { socialInsurance: book })]).receivingAuthority).toEqual(expected)
    const split = evaluate(UNEMPLOYMENT_BENEFIT, [party('APPLICANT', MAN, { socialInsurance: book, permanentResidence: daKaoAddress() })])
    expect(split.receivingAuthority).toEqual(expected)
    expect(codes(split.warnings)).toEqual(['ADDRESS_AWAITING_REVIEW'])
    // Land: the province of the parcel.
    const land = evaluate(LAND_USE_CERTIFICATE, [party('APPLICANT', MAN, { permanentResidence: unknownAddress(), landRights: [landRight({ parcelId: '26740-3-12', share: 1, valid: true })] })])
    expect(land.receivingAuthority).toEqual({ name: 'Văn phòng đăng ký đất đai Thành phố Hồ Chí Minh', level: 'PROVINCE', unit: { code: '79' }, basis: 'location of the parcel of the applicant' })
  })

  it('AUTHORITY_UNDETERMINED: a split address at commune level, an unknown commune at province level', () => {
    const split = evaluate(MARRIAGE, [groom({ permanentResidence: daKaoAddress() }), bride()])
    expect(split.receivingAuthority).toBeNull()
    expect(split.warnings).toContainEqual({
      code: 'AUTHORITY_UNDETERMINED',
      party: 'APPLICANT',
      message: 'The receiving commune cannot be determined from the permanent residence of the applicant: its 2025 commune is not known.',
    })
    const book = socialInsurance([period('2024-01-01', '2026-06-30')])
    const unknown = evaluate(UNEMPLOYMENT_BENEFIT, [party('APPLICANT', MAN, { socialInsurance: book, permanentResidence: unknownAddress() })])
    expect(unknown.receivingAuthority).toBeNull()
    expect(unknown.warnings).toContainEqual({
      code: 'AUTHORITY_UNDETERMINED',
      party: 'APPLICANT',
      message: 'The receiving province cannot be determined from the permanent residence of the applicant: its 2025 commune is not known.',
    })
    // Not a blocker: the official can still take the dossier.
    expect(unknown.blockers).toEqual([])
  })

  it('provinceOf: none for a split whose candidates lie in different provinces', () => {
    const acrossProvinces = daKaoAddress({ candidates: [{ commune: PHUONG_SAI_GON }, { commune: { code: '00004', name: 'Phường Ba Đình', province: { code: '01', name: 'Thành phố Hà Nội' } } }] })
    expect(provinceOf(acrossProvinces)).toBeUndefined()
    expect(provinceOf(daKaoAddress())).toEqual(HO_CHI_MINH_CITY)
  })
})

describe('addressIn2025Form', () => {
  it('keeps the street and replaces the legacy commune, district and province with the 2025 commune and province', () => {
    expect(addressIn2025Form(benNgheAddress())).toBe('12 Lê Lợi, Phường Sài Gòn, Thành phố Hồ Chí Minh')
    // The legacy name is found whatever its case.
    expect(addressIn2025Form(benNgheAddress({ text: 'Số 3 Hàm Nghi, phường Bến Nghé, quận 1, TP. HCM' }))).toBe('Số 3 Hàm Nghi, Phường Sài Gòn, Thành phố Hồ Chí Minh')
  })

  it('writes only the commune and province when the text has no street before the legacy commune', () => {
    expect(addressIn2025Form(benNgheAddress({ text: 'Phường Bến Nghé, Quận 1, Thành phố Hồ Chí Minh' }))).toBe('Phường Sài Gòn, Thành phố Hồ Chí Minh')
  })

  it('writes only the commune and province when the text does not name the legacy commune as the boundary data does', () => {
    // "P. Bến Nghé": where the street ends cannot be told, so no legacy name is carried over.
    expect(addressIn2025Form(benNgheAddress({ text: '12 Lê Lợi, P. Bến Nghé, Q.1, TP.HCM' }))).toBe('Phường Sài Gòn, Thành phố Hồ Chí Minh')
  })

  it('gives nothing while the 2025 commune is unknown or unnamed', () => {
    expect(addressIn2025Form(daKaoAddress())).toBeUndefined()
    expect(addressIn2025Form(unknownAddress())).toBeUndefined()
    expect(addressIn2025Form(benNgheAddress({ commune: { code: '26740' } }))).toBeUndefined()
    expect(addressIn2025Form(undefined)).toBeUndefined()
  })
})

describe('the vocabulary', () => {
  it('had every check fire, and every document rule’s decision looked at, in the tests above', () => {
    expect([...checksThatFired].filter((code) => code in CHECK_RULES).sort()).toEqual((Object.keys(CHECK_RULES) as CheckRuleName[]).sort())
    expect([...documentRulesLookedAt].sort()).toEqual((Object.keys(DOCUMENT_RULES) as DocumentRuleName[]).sort())
    expect(checksThatFired).toContain('AUTHORITY_UNDETERMINED')
  })
})
