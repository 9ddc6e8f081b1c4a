import { describe, expect, it } from 'vitest'
import { readCatalogueFile } from '../src/catalogue.js'
import type { CitizenEvidence } from '../src/drafts/evidence.js'
import { BIRTH, citizen, GRANDMOTHER, MAN, MARRIAGE, OTHER_MAN, UPDATED_AT, WOMAN } from './fixtures.js'
import { dataOf, errorCodeOf, errorCodesOf, useTestCasesSubgraph } from './test-setup.js'

const cases = useTestCasesSubgraph('subgraph')

const PROCEDURES = /* GraphQL */ `
  {
    procedures {
      code
      name
      draftType
      level
      catalogueVersion
      parties { role label required }
      fields { key party value }
      documents { key rule party legalBasis }
    }
  }
`

const PROCEDURE = /* GraphQL */ `
  query Procedure($code: String!) {
    procedure(code: $code) { code nameEn catalogueVersion }
  }
`

const DRAFT = /* GraphQL */ `
  query Draft($input: ApplicationDraftInput!) {
    applicationDraft(input: $input) {
      __typename
      id
      procedure { code }
      parties { role citizen { personalId } }
    }
  }
`

const ENTITIES = /* GraphQL */ `
  query Entities($representations: [_Any!]!) {
    _entities(representations: $representations) {
      __typename
      ... on ApplicationDraft {
        id
        parties { role citizen { personalId } }
        fields { key value verified source { register recordType recordId updatedAt } commune { code } }
        documents { key status reason evidence { description source { register recordType recordId } } }
        receivingAuthority { name level unit { code } basis }
        warnings { code party }
        blockers { code message party legalBasis record { register recordType recordId } }
        canProceed
      }
    }
  }
`

interface Draft {
  __typename: string
  id: string
  procedure: { code: string }
  parties: { role: string; citizen: { personalId: string } }[]
}

interface ComputedDraft {
  __typename: string
  id: string
  fields: { key: string; value: string | null; verified: boolean; source: { register: string; recordType: string; recordId: string; updatedAt: unknown } | null; commune: { code: string } | null }[]
  documents: { key: string; status: string; reason: string | null; evidence: { description: string; source: { register: string; recordType: string; recordId: string } } | null }[]
  receivingAuthority: { name: string; level: string; unit: { code: string }; basis: string } | null
  warnings: { code: string; party: string | null }[]
  blockers: { code: string; message: string; party: string | null; legalBasis: string | null; record: { register: string; recordType: string; recordId: string } | null }[]
  canProceed: boolean
}

function draftInput(procedureCode: string, applicantId: string, parties: { role: string; personalId: string }[] = []) {
  return { input: { procedureCode, applicantId, parties } }
}

/** A party's Citizen in a representation, as the gateway fetches it: the key and the fields the procedure @requires. */
function evidenceOf(personalId: string, overrides: Partial<CitizenEvidence> = {}) {
  return { citizen: { personalId, ...citizen(overrides) } }
}

async function startMarriageDraft(applicantId = MAN, partnerId = WOMAN): Promise<Draft> {
  const { applicationDraft } = dataOf(await cases.subgraph.execute<{ applicationDraft: Draft }>(DRAFT, draftInput(MARRIAGE, applicantId, [{ role: 'PARTNER', personalId: partnerId }])))
  return applicationDraft
}

describe('procedures', () => {
  it('lists the nine procedures of the catalogue loaded from the database, version 2026-11', async () => {
    const { procedures } = dataOf(await cases.subgraph.execute<{ procedures: { code: string; draftType: string; catalogueVersion: string; parties: { role: string; required: boolean }[] }[] }>(PROCEDURES))
    expect(procedures).toHaveLength(9)
    expect(new Set(procedures.map((procedure) => procedure.catalogueVersion))).toEqual(new Set(['2026-11']))
    expect(procedures.map((procedure) => procedure.code).sort()).toEqual(readCatalogueFile().procedures.map((procedure) => procedure.code).sort())
    const marriage = procedures.find((procedure) => procedure.code === MARRIAGE)
    expect(marriage).toMatchObject({
      name: 'Đăng ký kết hôn',
      draftType: 'MarriageRegistrationDraft',
      level: 'COMMUNE',
      // The applicant is always required, though the catalogue does not say so.
      parties: [
        { role: 'APPLICANT', label: 'Bên yêu cầu đăng ký kết hôn', required: true },
        { role: 'PARTNER', label: 'Bên kết hôn cùng', required: true },
      ],
      fields: expect.arrayContaining([{ key: 'applicant.maritalStatus', party: 'APPLICANT', value: 'maritalStatus' }]),
      documents: expect.arrayContaining([{ key: 'partner-marital-status', rule: 'MARITAL_STATUS_RECORD', party: 'PARTNER', legalBasis: 'Nghị định 123/2015/NĐ-CP, Điều 10' }]),
    })
  })

  it('finds one procedure by its code, ignoring surrounding spaces, and answers null for an unknown code', async () => {
    expect(dataOf(await cases.subgraph.execute(PROCEDURE, { code: ' 1.000894 ' }))).toEqual({ procedure: { code: MARRIAGE, nameEn: 'Marriage registration', catalogueVersion: '2026-11' } })
    expect(dataOf(await cases.subgraph.execute(PROCEDURE, { code: '1.999999' }))).toEqual({ procedure: null })
  })
})

describe('applicationDraft', () => {
  it('starts a draft of the procedure’s own type, with an id naming the procedure and the parties', async () => {
    const draft = await startMarriageDraft()
    expect(draft).toMatchObject({
      __typename: 'MarriageRegistrationDraft',
      procedure: { code: MARRIAGE },
      parties: [
        { role: 'APPLICANT', citizen: { personalId: MAN } },
        { role: 'PARTNER', citizen: { personalId: WOMAN } },
      ],
    })
    expect(draft.id).toMatch(/^[A-Za-z0-9_-]+$/)
    // Nothing is stored: the same input gives the same id, another input another.
    expect((await startMarriageDraft()).id).toBe(draft.id)
    expect((await startMarriageDraft(MAN, '079196000404')).id).not.toBe(draft.id)
  })

  it('accepts the mother as the applicant of a birth registration', async () => {
    const result = await cases.subgraph.execute<{ applicationDraft: Draft }>(DRAFT, draftInput(BIRTH, WOMAN, [{ role: 'MOTHER', personalId: WOMAN }, { role: 'FATHER', personalId: MAN }]))
    expect(dataOf(result).applicationDraft).toMatchObject({
      __typename: 'BirthRegistrationDraft',
      parties: [
        { role: 'APPLICANT', citizen: { personalId: WOMAN } },
        { role: 'MOTHER', citizen: { personalId: WOMAN } },
        { role: 'FATHER', citizen: { personalId: MAN } },
      ],
    })
  })

  it('answers NOT_FOUND for a procedure the catalogue does not have', async () => {
    const result = await cases.subgraph.execute(DRAFT, draftInput('1.999999', MAN))
    expect(errorCodeOf(result)).toBe('NOT_FOUND')
    expect(result.data).toEqual({ applicationDraft: null })
  })

  it.each([
    ['a required party is missing', draftInput(MARRIAGE, MAN), /needs the PARTNER party/],
    ['a role the procedure does not have', draftInput(MARRIAGE, MAN, [{ role: 'PARTNER', personalId: WOMAN }, { role: 'DECEASED', personalId: GRANDMOTHER }]), /has no DECEASED party/],
    ['the applicant among the parties', draftInput(MARRIAGE, MAN, [{ role: 'APPLICANT', personalId: MAN }, { role: 'PARTNER', personalId: WOMAN }]), /given by `applicantId`/],
    ['the same role twice', draftInput(BIRTH, GRANDMOTHER, [{ role: 'MOTHER', personalId: WOMAN }, { role: 'FATHER', personalId: MAN }, { role: 'FATHER', personalId: OTHER_MAN }]), /FATHER party is given twice/],
    ['the same person as applicant and partner', draftInput(MARRIAGE, MAN, [{ role: 'PARTNER', personalId: MAN }]), /both the APPLICANT and the PARTNER/],
    ['the same person as mother and father', draftInput(BIRTH, GRANDMOTHER, [{ role: 'MOTHER', personalId: WOMAN }, { role: 'FATHER', personalId: WOMAN }]), /both the MOTHER and the FATHER/],
    ['the applicant as mother and father at once', draftInput(BIRTH, WOMAN, [{ role: 'MOTHER', personalId: WOMAN }, { role: 'FATHER', personalId: WOMAN }]), /both the MOTHER and the FATHER/],
  ])('answers BAD_USER_INPUT for %s', async (_case, variables, message) => {
    const result = await cases.subgraph.execute(DRAFT, variables)
    expect(errorCodeOf(result)).toBe('BAD_USER_INPUT')
    expect(result.errors![0]!.message).toMatch(message)
    expect(result.errors![0]!.extensions).not.toHaveProperty('stacktrace')
    expect(result.data).toEqual({ applicationDraft: null })
  })

  it('answers BAD_USER_INPUT for a malformed personal id, before any resolver runs', async () => {
    const result = await cases.subgraph.execute(DRAFT, draftInput(MARRIAGE, '07909500010', [{ role: 'PARTNER', personalId: WOMAN }]))
    expect(errorCodesOf(result)).toEqual(['BAD_USER_INPUT'])
  })
})

describe('_entities: a draft with the evidence the gateway fetched', () => {
  it('computes the form, the documents, the authority and the checks from the representation', async () => {
    const { id } = await startMarriageDraft()
    const representation = {
      __typename: 'MarriageRegistrationDraft',
      id,
      marriageRegistrationEvidence: [evidenceOf(MAN), evidenceOf(WOMAN, { fullName: 'Trần Thị Bích', sex: 'FEMALE', birthDate: '1997-09-02' })],
    }
    const { _entities } = dataOf(await cases.subgraph.execute<{ _entities: ComputedDraft[] }>(ENTITIES, { representations: [representation] }))
    const [draft] = _entities
    expect(draft).toMatchObject({ __typename: 'MarriageRegistrationDraft', id, canProceed: true, blockers: [], warnings: [] })
    const applicantName = draft!.fields.find((field) => field.key === 'applicant.fullName')!
    expect(applicantName).toMatchObject({ value: 'Nguyễn Văn An', verified: true, source: { register: 'POPULATION', recordType: 'Citizen', recordId: MAN } })
    // A DateTime on the wire.
    expect(JSON.parse(JSON.stringify(applicantName.source!.updatedAt))).toBe(UPDATED_AT)
    expect(draft!.fields.find((field) => field.key === 'partner.fullName')).toMatchObject({ value: 'Trần Thị Bích' })
    expect(draft!.fields.find((field) => field.key === 'applicant.residence')).toMatchObject({ value: '12 Lê Lợi, Phường Sài Gòn, Thành phố Hồ Chí Minh', commune: { code: '26740' } })
    expect(draft!.documents.map((document) => [document.key, document.status])).toEqual([
      ['applicant-identity', 'WAIVED'],
      ['partner-identity', 'WAIVED'],
      ['applicant-marital-status', 'WAIVED'],
      ['partner-marital-status', 'WAIVED'],
      ['residence-proof', 'WAIVED'],
    ])
    // A waived document has its evidence and no reason.
    expect(draft!.documents[1]).toMatchObject({ reason: null, evidence: { source: { register: 'POPULATION', recordType: 'Citizen', recordId: WOMAN } } })
    expect(draft!.receivingAuthority).toEqual({ name: 'Ủy ban nhân dân Phường Sài Gòn', level: 'COMMUNE', unit: { code: '26740' }, basis: 'permanent residence of the applicant' })
  })

  it('reports the blockers a desk must see, and cannot proceed', async () => {
    const { id } = await startMarriageDraft()
    const married = { maritalStatus: 'MARRIED' as const, marriages: [{ id: 'KH-7', registrationNumber: '7/2019', registrationDate: '2019-01-01', inForce: true, dissolvedOn: null, dissolutionReason: null, updatedAt: UPDATED_AT, husband: { personalId: OTHER_MAN }, wife: { personalId: WOMAN } }] }
    const representation = {
      __typename: 'MarriageRegistrationDraft',
      id,
      marriageRegistrationEvidence: [evidenceOf(MAN, { birthDate: '2007-01-01' }), evidenceOf(WOMAN, { fullName: 'Trần Thị Bích', sex: 'FEMALE', ...married })],
    }
    const { _entities } = dataOf(await cases.subgraph.execute<{ _entities: ComputedDraft[] }>(ENTITIES, { representations: [representation] }))
    expect(_entities[0]).toMatchObject({
      canProceed: false,
      blockers: [
        { code: 'UNDER_AGE', party: 'APPLICANT', legalBasis: 'Luật Hôn nhân và gia đình 2014, Điều 8 khoản 1', record: { register: 'POPULATION', recordId: MAN } },
        { code: 'ALREADY_MARRIED', party: 'PARTNER', record: { register: 'CIVIL_STATUS', recordType: 'MarriageRegistration', recordId: 'KH-7' } },
      ],
    })
  })

  it('answers NOT_FOUND, naming the role and not the id, when the population register does not know a party', async () => {
    const { id } = await startMarriageDraft()
    const representation = { __typename: 'MarriageRegistrationDraft', id, marriageRegistrationEvidence: [evidenceOf(MAN), evidenceOf(WOMAN, { fullName: null })] }
    const result = await cases.subgraph.execute(ENTITIES, { representations: [representation] })
    expect(new Set(errorCodesOf(result))).toEqual(new Set(['NOT_FOUND']))
    expect(result.errors![0]!.message).toBe('The population register holds no citizen with the PARTNER personal id given.')
    expect(result.errors![0]!.extensions).toMatchObject({ role: 'PARTNER' })
    expect(JSON.stringify(result.errors)).not.toContain(WOMAN)
    expect(result.data).toEqual({ _entities: [null] })
  })

  it('answers NOT_FOUND for a draft of a type that is not its procedure’s, and BAD_USER_INPUT for an id that is not a draft’s', async () => {
    const { id } = await startMarriageDraft()
    const asBirth = await cases.subgraph.execute(ENTITIES, { representations: [{ __typename: 'BirthRegistrationDraft', id, birthRegistrationEvidence: [evidenceOf(MAN), evidenceOf(WOMAN)] }] })
    expect(errorCodesOf(asBirth)).toEqual(['NOT_FOUND'])
    const forged = await cases.subgraph.execute(ENTITIES, { representations: [{ __typename: 'MarriageRegistrationDraft', id: 'not-a-draft', marriageRegistrationEvidence: [] }] })
    expect(errorCodesOf(forged)).toEqual(['BAD_USER_INPUT'])
  })
})
