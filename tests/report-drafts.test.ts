import { todayInVietnam } from '@lienthong/lib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { indexNation, selectDraftCases, type DraftCase } from '../scripts/support/draft-cases.js'
import {
  collectDraftReport,
  fetchReportProcedures,
  formatDraftReport,
  requestDrafts,
  summariseDraftOutcomes,
  type DraftFigures,
  type DraftReport,
} from '../scripts/support/draft-report.js'
import { startFederationStack, type FederationStack } from './support/federation-stack.js'

const NATION = { citizens: 800, seed: 3 }
const PER_PROCEDURE = 4
/** The nine procedures of the 2026-11 catalogue. */
const PROCEDURE_CODES = ['1.001193', '1.000894', '1.004873', '1.000656', '1.004222', '1.004194', '1.012787', '1.001612', '1.014748']

/** Counts that must hold together in any figures of the report. */
function expectConsistent(figures: DraftFigures): void {
  const { counts, percent } = figures
  expect(counts.drafts + counts.errors).toBe(counts.cases)
  expect(counts.fieldsAutoFilled).toBeLessThanOrEqual(counts.fields)
  expect(counts.documentsWaived + counts.documentsRequired + counts.documentsNotApplicable).toBe(counts.documents)
  expect(counts.blocked).toBeLessThanOrEqual(counts.drafts)
  for (const value of Object.values(percent)) {
    if (value !== null) {
      expect(value).toBeGreaterThanOrEqual(0)
      expect(value).toBeLessThanOrEqual(100)
    }
  }
  const expectedPercent = (part: number, whole: number) => (whole === 0 ? null : (100 * part) / whole)
  expect(percent.fieldsAutoFilled).toBeCloseTo(expectedPercent(counts.fieldsAutoFilled, counts.fields) ?? NaN, 9)
  expect(percent.documentsWaived).toBeCloseTo(expectedPercent(counts.documentsWaived, counts.documents) ?? NaN, 9)
  expect(percent.documentsWaivedOfApplicable).toBeCloseTo(expectedPercent(counts.documentsWaived, counts.documentsWaived + counts.documentsRequired) ?? NaN, 9)
  expect(percent.blocked).toBeCloseTo(expectedPercent(counts.blocked, counts.drafts) ?? NaN, 9)
  // A blocker code is carried by blocked drafts only, each counted once per draft.
  for (const { count } of figures.topBlockers) expect(count).toBeLessThanOrEqual(counts.blocked)
  for (const { count } of figures.topWarnings) expect(count).toBeLessThanOrEqual(counts.drafts)
}

describe('npm run report:drafts: the drafts outcome report, on a seeded federation', () => {
  let stack: FederationStack
  let cases: DraftCase[]
  let report: DraftReport

  beforeAll(async () => {
    const today = todayInVietnam()
    cases = selectDraftCases(indexNation(NATION.citizens, NATION.seed), PER_PROCEDURE, today)
    stack = await startFederationStack({ seed: NATION })
    report = await collectDraftReport(stack.gateway.graphqlUrl, cases, { today, concurrency: 8, headers: await stack.headersFor({ purpose: null }) })
  })

  afterAll(async () => {
    await stack?.stop()
  })

  it('has a row for each of the nine procedures, with the cases selected for it', () => {
    expect(report.procedures.map((row) => row.procedure.code).sort()).toEqual([...PROCEDURE_CODES].sort())
    for (const row of report.procedures) {
      const selected = cases.filter((draftCase) => draftCase.procedureCode === row.procedure.code)
      expect(selected.length, row.procedure.code).toBeGreaterThan(0)
      expect(row.all.counts.cases, row.procedure.code).toBe(selected.length)
      expect(row.complete.counts.cases, row.procedure.code).toBe(selected.filter((draftCase) => draftCase.complete).length)
      expect(row.procedure.nameEn).not.toBe('')
    }
    expect(report.total.all.pooled.counts.cases).toBe(cases.length)
  })

  it('gets a draft for every case: the seeded nation is the one the cases were chosen from', () => {
    expect(report.errorExamples).toEqual([])
    expect(report.total.all.pooled.counts.errors).toBe(0)
    // Each procedure's form has fields and documents, and the registers fill some of them.
    for (const row of report.procedures) {
      expect(row.all.counts.fields, row.procedure.code).toBeGreaterThan(0)
      expect(row.all.counts.documents, row.procedure.code).toBeGreaterThan(0)
    }
    expect(report.total.all.pooled.counts.fieldsAutoFilled).toBeGreaterThan(0)
    expect(report.total.all.pooled.counts.documentsWaived).toBeGreaterThan(0)
  })

  it('keeps every count and percentage consistent, per procedure and in total', () => {
    for (const row of report.procedures) {
      expectConsistent(row.all)
      expectConsistent(row.complete)
      expect(row.complete.counts.fields).toBeLessThanOrEqual(row.all.counts.fields)
    }
    for (const subset of ['all', 'complete'] as const) {
      const { pooled, meanOfProcedures } = report.total[subset]
      expectConsistent(pooled)
      const sum = (pick: (figures: DraftFigures) => number) => report.procedures.reduce((total, row) => total + pick(row[subset]), 0)
      expect(pooled.counts.fields).toBe(sum((figures) => figures.counts.fields))
      expect(pooled.counts.fieldsAutoFilled).toBe(sum((figures) => figures.counts.fieldsAutoFilled))
      expect(pooled.counts.documentsWaived).toBe(sum((figures) => figures.counts.documentsWaived))
      expect(pooled.counts.blocked).toBe(sum((figures) => figures.counts.blocked))
      const withDrafts = report.procedures.map((row) => row[subset]).filter((figures) => figures.counts.drafts > 0)
      expect(meanOfProcedures.procedures).toBe(withDrafts.length)
      const mean = withDrafts.reduce((total, figures) => total + figures.percent.fieldsAutoFilled!, 0) / withDrafts.length
      expect(meanOfProcedures.fieldsAutoFilled).toBeCloseTo(mean, 9)
    }
  })

  it('checks the goal on complete records and prints a table with every procedure', () => {
    const { goal } = report
    const complete = report.total.complete
    expect(goal.fields.pooled).toBe(complete.pooled.percent.fieldsAutoFilled)
    expect(goal.documents.meanOfProcedures).toBe(complete.meanOfProcedures.documentsWaived)
    const reached = [goal.fields.pooled, goal.fields.meanOfProcedures].every((value) => value !== null && value >= 80) &&
      [goal.documents.pooled, goal.documents.meanOfProcedures].every((value) => value !== null && value >= 60)
    expect(goal.passed).toBe(reached)

    const printed = formatDraftReport(report, { ...NATION, perProcedure: PER_PROCEDURE })
    for (const code of PROCEDURE_CODES) expect(printed).toContain(code)
    expect(printed).toMatch(reached ? /→ PASS$/m : /→ FAIL$/m)
    // Personal ids are never printed.
    expect(printed).not.toMatch(/\b\d{12}\b/)
  })

  it('counts a draft the gateway refuses as an error with its code, in n but not in the percentages, and never prints the id', async () => {
    // A well-formed personal id no one in this nation has, and a procedure code the catalogue lacks.
    const stranger = '001099000001'
    const refused: DraftCase[] = [
      { procedureCode: '1.004873', input: { procedureCode: '1.004873', applicantId: stranger, parties: [] }, complete: true },
      { procedureCode: '9.999999', input: { procedureCode: '9.999999', applicantId: stranger, parties: [] }, complete: true },
    ]
    const known = cases.find((draftCase) => draftCase.procedureCode === '1.004873')!
    const outcomes = await requestDrafts(stack.gateway.graphqlUrl, [known, ...refused], { headers: await stack.headersFor({ purpose: null }) })
    expect(outcomes.map((outcome) => outcome.error?.code ?? 'DRAFT')).toEqual(['DRAFT', 'NOT_FOUND', 'NOT_FOUND'])

    const summary = summariseDraftOutcomes(await fetchReportProcedures(stack.gateway.graphqlUrl), outcomes, todayInVietnam())
    const certificate = summary.procedures.find((row) => row.procedure.code === '1.004873')!
    expect(certificate.all.counts).toMatchObject({ cases: 2, drafts: 1, errors: 1, errorCodes: { NOT_FOUND: 1 } })
    expect(certificate.all.percent.fieldsAutoFilled).toBeCloseTo((100 * certificate.all.counts.fieldsAutoFilled) / certificate.all.counts.fields, 9)
    // The unknown procedure still gets a row: nothing is dropped.
    expect(summary.procedures.find((row) => row.procedure.code === '9.999999')?.all.counts.errors).toBe(1)
    expect(summary.total.all.pooled.counts).toMatchObject({ cases: 3, errors: 2 })
    expect(summary.errorExamples).toEqual([expect.objectContaining({ code: 'NOT_FOUND', count: 2 })])
    const printed = formatDraftReport(summary)
    expect(printed).toContain('ERRORS: 2 drafts failed')
    expect(printed).not.toContain(stranger)
  })
})
