import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readCatalogueFile, validateCatalogue, type Catalogue, type Procedure } from '../src/catalogue.js'
import { loadCasesServices } from '../src/context.js'
import { loadCatalogue } from '../src/repository.js'
import { SCHEMA_EVIDENCE_SELECTIONS } from '../src/subgraph.js'
import { BIRTH, MARRIAGE, procedureIn, UNEMPLOYMENT_BENEFIT } from './fixtures.js'
import { createTestCasesDatabase, inRolledBackTransaction, type TestCasesDatabase } from './test-setup.js'

/** The problems validateCatalogue lists, one per line of its error; none when it accepts the catalogue. */
function problemsOf(catalogue: Catalogue): string[] {
  try {
    validateCatalogue(catalogue)
    return []
  } catch (error) {
    return (error as Error).message.split('\n- ').slice(1)
  }
}

/** A copy of the committed catalogue to break. */
function catalogueCopy(): Catalogue {
  return structuredClone(readCatalogueFile())
}

/**
 * A procedure as the tables give it back: the file leaves out the defaults
 * (`required` and `mayBeApplicant` false, `verified` true, no `unlessApplicantIs`)
 * that the table columns hold explicitly. Anything else must come back unchanged.
 */
function withDefaults(procedure: Procedure): Procedure {
  return {
    ...procedure,
    parties: procedure.parties.map((party) => ({ ...party, required: party.required ?? false, mayBeApplicant: party.mayBeApplicant ?? false })),
    fields: procedure.fields.map((field) => ({ ...field, verified: field.verified ?? true })),
    documents: procedure.documents.map((document) => ({ ...document, unlessApplicantIs: document.unlessApplicantIs ?? [] })),
  }
}

describe('the committed catalogue file', () => {
  it('validates, with nine procedures of distinct codes and draft types', () => {
    const catalogue = readCatalogueFile()
    expect(catalogue.version).toBe('2026-11')
    expect(problemsOf(catalogue)).toEqual([])
    expect(catalogue.procedures).toHaveLength(9)
    expect(new Set(catalogue.procedures.map((procedure) => procedure.code)).size).toBe(9)
    expect(new Set(catalogue.procedures.map((procedure) => procedure.draftType)).size).toBe(9)
  })
})

describe('validateCatalogue', () => {
  it('when a catalogue has many problems, then it rejects listing every one of them', () => {
    const catalogue = catalogueCopy()
    const marriage = procedureIn(catalogue, MARRIAGE)
    const birth = procedureIn(catalogue, BIRTH)
    const unemployment = procedureIn(catalogue, UNEMPLOYMENT_BENEFIT)
    Object.assign(marriage.fields[0]!, { value: 'middleName' })
    Object.assign(marriage.documents[0]!, { rule: 'BIRTH_CERTIFICATE_RECORD' })
    Object.assign(marriage.checks[0]!, { rule: 'TOO_YOUNG' })
    marriage.parties.push({ role: 'GUARDIAN' as never, label: 'Người giám hộ' })
    delete birth.fields.find((field) => field.key === 'mother.fullName')!.party
    birth.fields.push({ ...birth.fields[0]! })
    birth.documents.push({ ...birth.documents[0]! })
    catalogue.procedures.push({ ...structuredClone(unemployment), draftType: 'UnemploymentInsuranceDraft' })
    catalogue.procedures.push({ ...structuredClone(birth), code: '1.999999' })

    const problems = problemsOf(catalogue)
    expect(problems).toEqual(
      expect.arrayContaining([
        'procedure 1.000894: field applicant.fullName has unknown value middleName',
        'procedure 1.000894: document applicant-identity has unknown rule BIRTH_CERTIFICATE_RECORD',
        'procedure 1.000894: unknown check TOO_YOUNG',
        'procedure 1.000894: unknown party role GUARDIAN',
        'procedure 1.001193: field mother.fullName has a value but no party',
        'procedure 1.001193: duplicate field child.fullName',
        'procedure 1.001193: duplicate document birth-certificate',
        'procedure 1.014748: duplicate code',
        'procedure 1.999999: duplicate draftType BirthRegistrationDraft',
      ]),
    )
    // The copy of the broken birth procedure repeats its three problems; nothing else is reported.
    expect(problems).toHaveLength(9 + 3)
  })

  it('when a field names a party the procedure does not have, or a check a role it lacks, then it says which', () => {
    const catalogue = catalogueCopy()
    const marriage = procedureIn(catalogue, MARRIAGE)
    marriage.fields.push({ key: 'mother.fullName', label: 'Họ, chữ đệm, tên người mẹ', party: 'MOTHER', value: 'fullName' })
    marriage.checks.push({ rule: 'PARTY_DECEASED', severity: 'FATAL' as never, parties: ['DECEASED'] })
    expect(problemsOf(catalogue)).toEqual([
      'procedure 1.000894: field mother.fullName names party MOTHER, which the procedure does not have',
      'procedure 1.000894: check PARTY_DECEASED severity must be WARNING or BLOCKER',
      'procedure 1.000894: check PARTY_DECEASED names party DECEASED, which the procedure does not have',
    ])
  })

  it('when a check lacks the parameters it works with, or names an unknown register, then it says which', () => {
    const catalogue = catalogueCopy()
    const marriage = procedureIn(catalogue, MARRIAGE)
    delete marriage.checks.find((check) => check.rule === 'UNDER_AGE')!.minimumAge
    marriage.checks.find((check) => check.rule === 'REGISTER_DISAGREEMENT')!.registers = ['CIVIL_STATUS', 'TAX' as never]
    Object.assign(procedureIn(catalogue, UNEMPLOYMENT_BENEFIT).checks.find((check) => check.rule === 'INSUFFICIENT_CONTRIBUTIONS')!, { minimumMonths: 30, withinMonths: 24 })
    expect(problemsOf(catalogue)).toEqual([
      'procedure 1.000894: check UNDER_AGE needs minimumAge { MALE, FEMALE } in whole years',
      'procedure 1.000894: check REGISTER_DISAGREEMENT needs registers, each one of CIVIL_STATUS, LAND, BUSINESS, INSURANCE',
      'procedure 1.014748: check INSUFFICIENT_CONTRIBUTIONS needs minimumMonths ≤ withinMonths, whole months',
    ])
  })

  it('when a procedure has no applicant, a malformed code or draft type, then it rejects', () => {
    const catalogue = catalogueCopy()
    const marriage = procedureIn(catalogue, MARRIAGE)
    marriage.code = '1000894'
    marriage.draftType = 'marriageDraft'
    const unemployment = procedureIn(catalogue, UNEMPLOYMENT_BENEFIT)
    unemployment.parties = unemployment.parties.filter((party) => party.role !== 'APPLICANT')
    const problems = problemsOf(catalogue)
    expect(problems).toContain('procedure 1000894: code must look like "1.000894"')
    expect(problems).toContain('procedure 1000894: draftType must be a PascalCase name ending in Draft')
    expect(problems).toContain('procedure 1.014748: parties must include APPLICANT')
  })
})

describe('the catalogue in the cases database', () => {
  let database: TestCasesDatabase
  beforeAll(async () => {
    database = await createTestCasesDatabase('catalogue')
  })
  afterAll(async () => {
    await database?.drop()
  })

  it('when the migrations have run, then loadCatalogue gives back the catalogue file: the round trip loses nothing', async () => {
    const loaded = await loadCatalogue(database.db)
    const file = readCatalogueFile()
    expect(loaded.version).toBe('2026-11')
    expect(loaded.procedures.map((procedure) => procedure.catalogueVersion)).toEqual(Array(9).fill('2026-11'))
    // The tables keep no order of procedures: they are read by code.
    const fromFile = [...file.procedures].sort((a, b) => a.code.localeCompare(b.code)).map(withDefaults)
    const fromTables = loaded.procedures.map(({ catalogueVersion: _version, ...procedure }) => procedure)
    expect(fromTables).toEqual(fromFile)
    // toEqual ignores undefined properties: check the optional ones are absent, not undefined, where the file has none.
    const birth = procedureIn(loaded, BIRTH)
    expect(Object.keys(birth.fields.find((field) => field.key === 'child.fullName')!).sort()).toEqual(['key', 'label', 'verified'])
    expect(birth.checks.find((check) => check.rule === 'PARENTS_NOT_MARRIED')).toStrictEqual({ rule: 'PARENTS_NOT_MARRIED', severity: 'WARNING' })
  })

  it('when a label is edited in its row, then loadCatalogue shows the new label: the form is data, not code', async () => {
    await inRolledBackTransaction(database.db, async (trx) => {
      await trx.updateTable('procedure_field').set({ label: 'Họ và tên người yêu cầu' }).where('procedure_code', '=', MARRIAGE).where('key', '=', 'applicant.fullName').execute()
      const marriage = procedureIn(await loadCatalogue(trx), MARRIAGE)
      expect(marriage.fields.find((field) => field.key === 'applicant.fullName')?.label).toBe('Họ và tên người yêu cầu')
    })
    const restored = procedureIn(await loadCatalogue(database.db), MARRIAGE)
    expect(restored.fields.find((field) => field.key === 'applicant.fullName')?.label).toBe('Họ, chữ đệm, tên')
  })

  it('when a check parameter is edited in its row, then the loaded check carries it', async () => {
    await inRolledBackTransaction(database.db, async (trx) => {
      await sql`UPDATE procedure_check SET parameters = '{"minimumAge": {"MALE": 18, "FEMALE": 18}}'::jsonb WHERE procedure_code = ${MARRIAGE} AND rule = 'UNDER_AGE'`.execute(trx)
      const marriage = procedureIn(await loadCatalogue(trx), MARRIAGE)
      expect(marriage.checks.find((check) => check.rule === 'UNDER_AGE')).toMatchObject({ severity: 'BLOCKER', minimumAge: { MALE: 18, FEMALE: 18 } })
    })
  })

  it('when a row names an unknown document rule, then loadCasesServices rejects naming it', async () => {
    await inRolledBackTransaction(database.db, async (trx) => {
      await trx.updateTable('procedure_document').set({ rule: 'BIRTH_CERTIFICATE_RECORD' }).where('procedure_code', '=', BIRTH).where('key', '=', 'birth-certificate').execute()
      await expect(loadCasesServices(trx, SCHEMA_EVIDENCE_SELECTIONS)).rejects.toThrow('procedure 1.001193: document birth-certificate has unknown rule BIRTH_CERTIFICATE_RECORD')
    })
  })

  it('when a row names an unknown check or field value, then loadCasesServices rejects naming both', async () => {
    await inRolledBackTransaction(database.db, async (trx) => {
      await trx.updateTable('procedure_check').set({ rule: 'TOO_YOUNG' }).where('procedure_code', '=', MARRIAGE).where('rule', '=', 'UNDER_AGE').execute()
      await trx.updateTable('procedure_field').set({ value: 'middleName' }).where('procedure_code', '=', MARRIAGE).where('key', '=', 'partner.fullName').execute()
      const failure = await loadCasesServices(trx, SCHEMA_EVIDENCE_SELECTIONS).then(
        () => undefined,
        (error: Error) => error.message,
      )
      expect(failure).toContain('procedure 1.000894: unknown check TOO_YOUNG')
      expect(failure).toContain('procedure 1.000894: field partner.fullName has unknown value middleName')
    })
  })

  it('when a procedure has a draft type the schema lacks, then loadCasesServices rejects naming it', async () => {
    await expect(loadCasesServices(database.db, SCHEMA_EVIDENCE_SELECTIONS)).resolves.toMatchObject({ catalogue: { version: '2026-11' } })
    await inRolledBackTransaction(database.db, async (trx) => {
      await trx.updateTable('procedure').set({ draft_type: 'MarriageRegistrationRevisedDraft' }).where('code', '=', MARRIAGE).execute()
      await expect(loadCasesServices(trx, SCHEMA_EVIDENCE_SELECTIONS)).rejects.toThrow(/1\.000894: no draft type MarriageRegistrationRevisedDraft.*npm run compose/)
    })
  })

  it('when a row makes a procedure read Citizen fields its draft type does not @require, then loadCasesServices rejects', async () => {
    await inRolledBackTransaction(database.db, async (trx) => {
      await trx
        .insertInto('procedure_check')
        .values({ procedure_code: MARRIAGE, position: 99, rule: 'NO_LAND_RIGHT', severity: 'BLOCKER', parties: null, parameters: {}, legal_basis: null })
        .execute()
      await expect(loadCasesServices(trx, SCHEMA_EVIDENCE_SELECTIONS)).rejects.toThrow('1.000894: its rows read Citizen fields MarriageRegistrationDraft does not @require')
    })
  })
})
