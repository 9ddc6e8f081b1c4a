/**
 * The outcome report of the cases subgraph (`npm run report:drafts`): how much
 * of each procedure's dossier lienthong fills and waives from the registers.
 * Draft cases picked from the synthetic nation (`selectDraftCases`) are asked
 * of the gateway like any desk's client would, and counted per procedure, for
 * all sampled cases and for those whose records are complete:
 *
 * - fields auto-filled: fields whose value has a register source / all fields;
 * - documents waived: WAIVED / all document components, and WAIVED / (WAIVED +
 *   REQUIRED), which leaves out the components NOT_APPLICABLE to the case;
 * - drafts blocked: drafts with at least one blocker (canProceed false);
 * - the most common blocker and warning codes (drafts carrying each code);
 * - errors: a draft the gateway answered with a GraphQL error is counted with
 *   its `extensions.code`, never dropped, and left out of the percentages.
 */
import { purposeHeaders, trustedOperationDocument } from '@lienthong/gateway'
import type { DraftCase } from './draft-cases.js'

/** The issue's goal, for applicants whose records are complete (thành phần hồ sơ cắt giảm). */
export const DRAFT_GOAL = { fieldsAutoFilledPercent: 80, documentsWaivedPercent: 60 } as const

/** What the report needs of one draft: only these fields are asked of the gateway. */
// Registered operations (gateway/trusted-operations/): the scripts' machine client may run nothing else.
const DRAFT_QUERY = trustedOperationDocument('draft-outcome')

const PROCEDURES_QUERY = trustedOperationDocument('report-procedures')

export interface ReportProcedure {
  code: string
  /** Tên thủ tục. */
  name: string
  nameEn: string
}

interface DraftAnswer {
  procedure: { code: string }
  fields: { key: string; source: { register: string } | null }[]
  documents: { key: string; status: 'REQUIRED' | 'WAIVED' | 'NOT_APPLICABLE' }[]
  warnings: { code: string }[]
  blockers: { code: string }[]
  canProceed: boolean
}

/** A draft the gateway could not give: its error code (`extensions.code`) and message, personal ids masked. */
export interface DraftError {
  code: string
  message: string
}

/** One case and what the gateway answered: a draft, or an error. */
export type DraftOutcome = { case: DraftCase } & ({ draft: DraftAnswer; error?: undefined } | { draft?: undefined; error: DraftError })

/** A code and how many drafts carry it. */
export interface CodeCount {
  code: string
  count: number
}

/** Counts over a set of draft cases; every percentage of the report is computed from these. */
export interface DraftCounts {
  /** Cases asked for (drafts + errors). */
  cases: number
  /** Cases the gateway answered with a draft. */
  drafts: number
  errors: number
  fields: number
  /** Fields with a register source (the rest the applicant declares or the registers lack). */
  fieldsAutoFilled: number
  documents: number
  documentsWaived: number
  documentsRequired: number
  documentsNotApplicable: number
  /** Drafts with at least one blocker. */
  blocked: number
  /** Drafts carrying each blocker code (a draft counts once per code). */
  blockerCodes: Record<string, number>
  /** Drafts carrying each warning code (a draft counts once per code). */
  warningCodes: Record<string, number>
  /** Errors by `extensions.code`. */
  errorCodes: Record<string, number>
}

/** Percentages (0–100) of a DraftCounts; null when the denominator is 0. */
export interface DraftPercentages {
  /** fieldsAutoFilled / fields. */
  fieldsAutoFilled: number | null
  /** documentsWaived / documents: every component counts. */
  documentsWaived: number | null
  /** documentsWaived / (documentsWaived + documentsRequired): NOT_APPLICABLE components left out. */
  documentsWaivedOfApplicable: number | null
  /** blocked / drafts. */
  blocked: number | null
}

export interface DraftFigures {
  counts: DraftCounts
  percent: DraftPercentages
  topBlockers: CodeCount[]
  topWarnings: CodeCount[]
  topErrors: CodeCount[]
}

export interface ProcedureDraftFigures {
  procedure: ReportProcedure
  /** Every sampled case of the procedure. */
  all: DraftFigures
  /** The cases whose parties' records are complete (`DraftCase.complete`). */
  complete: DraftFigures
}

/** Totals across the procedures, both ways. */
export interface DraftTotals {
  /** Every field and document of every draft counted together. */
  pooled: DraftFigures
  /** The mean of the per-procedure percentages (each procedure weighs the same), over `procedures` procedures that have drafts. */
  meanOfProcedures: DraftPercentages & { procedures: number }
}

export interface GoalCheck {
  fieldsAutoFilledPercent: number
  documentsWaivedPercent: number
  /** Complete records: fields auto-filled, pooled and mean of procedures. */
  fields: { pooled: number | null; meanOfProcedures: number | null }
  /** Complete records: WAIVED / all document components, pooled and mean of procedures. */
  documents: { pooled: number | null; meanOfProcedures: number | null }
  /** Every one of the four figures reaches its goal. */
  passed: boolean
}

export interface DraftReport {
  /** The date the cases were chosen for (ages count up to it). */
  today: string
  procedures: ProcedureDraftFigures[]
  total: { all: DraftTotals; complete: DraftTotals }
  goal: GoalCheck
  /** One example per error code (procedure and message). */
  errorExamples: (DraftError & { procedureCode: string; count: number })[]
  seconds?: number
}

/** A 12-digit personal id in an error message, masked: the report never prints one. */
export function maskPersonalIds(text: string): string {
  return text.replace(/\b\d{12}\b/g, '<personal id>')
}

/** The catalogue's procedures, for the report's rows. */
export async function fetchReportProcedures(graphqlUrl: string, headers: Record<string, string> = {}): Promise<ReportProcedure[]> {
  const body = await postJson(graphqlUrl, PROCEDURES_QUERY, {}, headers)
  if (body.errors?.length || !body.data?.procedures) {
    throw new Error(`the gateway did not list the procedures: ${describeErrors(body.errors) || 'no data'}`)
  }
  return body.data.procedures as ReportProcedure[]
}

/**
 * Whether the gateway's registers hold the nation the cases were chosen from:
 * the applicant of the first case of each procedure is looked up in the
 * population register. `empty` when it holds no citizen at all.
 */
export async function checkNationLoaded(
  graphqlUrl: string,
  cases: readonly DraftCase[],
  headers: Record<string, string> = {},
): Promise<{ empty: boolean; checked: number; unknown: number }> {
  const firstOfEach = new Map<string, string>()
  for (const draftCase of cases) if (!firstOfEach.has(draftCase.procedureCode)) firstOfEach.set(draftCase.procedureCode, draftCase.input.applicantId)
  const ids = [...new Set(firstOfEach.values())]
  const body = await postJson(
    graphqlUrl,
    trustedOperationDocument('report-nation-check'),
    { ids },
    headers,
  )
  if (body.errors?.length || !body.data) throw new Error(`the gateway did not answer the population check: ${describeErrors(body.errors) || 'no data'}`)
  const data = body.data as { allCitizens: { edges: unknown[] }; citizens: ({ personalId: string } | null)[] }
  return { empty: data.allCitizens.edges.length === 0, checked: ids.length, unknown: data.citizens.filter((citizen) => citizen === null).length }
}

/** Asks the gateway for one draft; a GraphQL or HTTP error becomes the outcome's `error`, never an exception. */
export async function requestDraft(graphqlUrl: string, draftCase: DraftCase, headers: Record<string, string> = {}): Promise<DraftOutcome> {
  let body: GraphQLBody
  try {
    body = await postJson(graphqlUrl, DRAFT_QUERY, { input: draftCase.input }, headers)
  } catch (error) {
    return { case: draftCase, error: { code: 'NETWORK_ERROR', message: maskPersonalIds(error instanceof Error ? error.message : String(error)) } }
  }
  const [first] = body.errors ?? []
  if (first) {
    return { case: draftCase, error: { code: String(first.extensions?.code ?? 'ERROR'), message: maskPersonalIds(first.message) } }
  }
  const draft = body.data?.applicationDraft as DraftAnswer | null | undefined
  if (!draft) return { case: draftCase, error: { code: 'NO_DRAFT', message: 'the gateway answered no draft and no error' } }
  return { case: draftCase, draft }
}

/**
 * Asks for every case's draft, `concurrency` requests at a time (a desk's load,
 * not a stress test); outcomes come back in the cases' order. The first goes
 * alone: the gateway plans the operation once and caches the plan, instead of
 * `concurrency` cold requests planning it at the same time.
 */
export async function requestDrafts(
  graphqlUrl: string,
  cases: readonly DraftCase[],
  { concurrency = 8, headers = {}, onProgress }: { concurrency?: number; headers?: Record<string, string>; onProgress?: (done: number, total: number) => void } = {},
): Promise<DraftOutcome[]> {
  const outcomes = new Array<DraftOutcome>(cases.length)
  let next = 0
  let done = 0
  const worker = async (limit = cases.length) => {
    while (next < Math.min(limit, cases.length)) {
      const index = next++
      const draftCase = cases[index]!
      // Each draft serves its own (synthetic) dossier of its procedure.
      const purpose = purposeHeaders({ caseReference: `REPORT-${index + 1}`, procedureCode: draftCase.procedureCode })
      outcomes[index] = await requestDraft(graphqlUrl, draftCase, { ...headers, ...purpose })
      onProgress?.(++done, cases.length)
    }
  }
  await worker(1)
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, cases.length)) }, () => worker()))
  return outcomes
}

/** Asks the gateway for the procedures and every case's draft, and counts them. */
export async function collectDraftReport(
  graphqlUrl: string,
  cases: readonly DraftCase[],
  options: { today: string; concurrency?: number; headers?: Record<string, string>; onProgress?: (done: number, total: number) => void },
): Promise<DraftReport> {
  const started = performance.now()
  const procedures = await fetchReportProcedures(graphqlUrl, options.headers)
  const outcomes = await requestDrafts(graphqlUrl, cases, options)
  return { ...summariseDraftOutcomes(procedures, outcomes, options.today), seconds: (performance.now() - started) / 1000 }
}

/** Counts the outcomes per procedure (catalogue order) and in total; pure. */
export function summariseDraftOutcomes(procedures: readonly ReportProcedure[], outcomes: readonly DraftOutcome[], today: string): DraftReport {
  const known = new Set(procedures.map((procedure) => procedure.code))
  const strangers = [...new Set(outcomes.map((outcome) => outcome.case.procedureCode).filter((code) => !known.has(code)))]
  const rows = [...procedures, ...strangers.map((code) => ({ code, name: code, nameEn: '(not in the catalogue)' }))].map(
    (procedure): ProcedureDraftFigures => {
      const own = outcomes.filter((outcome) => outcome.case.procedureCode === procedure.code)
      return { procedure, all: figuresOf(countOutcomes(own)), complete: figuresOf(countOutcomes(own.filter((outcome) => outcome.case.complete))) }
    },
  )
  const totals = (pick: (row: ProcedureDraftFigures) => DraftFigures): DraftTotals => ({
    pooled: figuresOf(addCounts(rows.map((row) => pick(row).counts))),
    meanOfProcedures: meanOfPercentages(rows.map((row) => pick(row)).filter((figures) => figures.counts.drafts > 0)),
  })
  const total = { all: totals((row) => row.all), complete: totals((row) => row.complete) }

  const { pooled, meanOfProcedures } = total.complete
  const fields = { pooled: pooled.percent.fieldsAutoFilled, meanOfProcedures: meanOfProcedures.fieldsAutoFilled }
  const documents = { pooled: pooled.percent.documentsWaived, meanOfProcedures: meanOfProcedures.documentsWaived }
  const reaches = (figures: { pooled: number | null; meanOfProcedures: number | null }, goalPercent: number) =>
    [figures.pooled, figures.meanOfProcedures].every((figure) => figure !== null && figure >= goalPercent)
  const goal: GoalCheck = {
    ...DRAFT_GOAL,
    fields,
    documents,
    passed: reaches(fields, DRAFT_GOAL.fieldsAutoFilledPercent) && reaches(documents, DRAFT_GOAL.documentsWaivedPercent),
  }

  const examples = new Map<string, DraftError & { procedureCode: string; count: number }>()
  for (const outcome of outcomes) {
    if (!outcome.error) continue
    const example = examples.get(outcome.error.code)
    if (example) example.count++
    else examples.set(outcome.error.code, { ...outcome.error, procedureCode: outcome.case.procedureCode, count: 1 })
  }
  return { today, procedures: rows, total, goal, errorExamples: [...examples.values()] }
}

function emptyCounts(): DraftCounts {
  return {
    cases: 0,
    drafts: 0,
    errors: 0,
    fields: 0,
    fieldsAutoFilled: 0,
    documents: 0,
    documentsWaived: 0,
    documentsRequired: 0,
    documentsNotApplicable: 0,
    blocked: 0,
    blockerCodes: {},
    warningCodes: {},
    errorCodes: {},
  }
}

const increment = (tally: Record<string, number>, code: string, by = 1) => void (tally[code] = (tally[code] ?? 0) + by)

export function countOutcomes(outcomes: readonly DraftOutcome[]): DraftCounts {
  const counts = emptyCounts()
  for (const outcome of outcomes) {
    counts.cases++
    if (outcome.error) {
      counts.errors++
      increment(counts.errorCodes, outcome.error.code)
      continue
    }
    const { draft } = outcome
    counts.drafts++
    counts.fields += draft.fields.length
    counts.fieldsAutoFilled += draft.fields.filter((field) => field.source !== null).length
    counts.documents += draft.documents.length
    for (const document of draft.documents) {
      if (document.status === 'WAIVED') counts.documentsWaived++
      else if (document.status === 'REQUIRED') counts.documentsRequired++
      else counts.documentsNotApplicable++
    }
    if (!draft.canProceed || draft.blockers.length > 0) counts.blocked++
    for (const code of new Set(draft.blockers.map((issue) => issue.code))) increment(counts.blockerCodes, code)
    for (const code of new Set(draft.warnings.map((issue) => issue.code))) increment(counts.warningCodes, code)
  }
  return counts
}

function addCounts(all: readonly DraftCounts[]): DraftCounts {
  const sum = emptyCounts()
  for (const counts of all) {
    for (const key of ['cases', 'drafts', 'errors', 'fields', 'fieldsAutoFilled', 'documents', 'documentsWaived', 'documentsRequired', 'documentsNotApplicable', 'blocked'] as const) {
      sum[key] += counts[key]
    }
    for (const key of ['blockerCodes', 'warningCodes', 'errorCodes'] as const) {
      for (const [code, count] of Object.entries(counts[key])) increment(sum[key], code, count)
    }
  }
  return sum
}

const percentage = (part: number, whole: number): number | null => (whole === 0 ? null : (100 * part) / whole)

function figuresOf(counts: DraftCounts): DraftFigures {
  return {
    counts,
    percent: {
      fieldsAutoFilled: percentage(counts.fieldsAutoFilled, counts.fields),
      documentsWaived: percentage(counts.documentsWaived, counts.documents),
      documentsWaivedOfApplicable: percentage(counts.documentsWaived, counts.documentsWaived + counts.documentsRequired),
      blocked: percentage(counts.blocked, counts.drafts),
    },
    topBlockers: mostCommon(counts.blockerCodes),
    topWarnings: mostCommon(counts.warningCodes),
    topErrors: mostCommon(counts.errorCodes),
  }
}

/** The `limit` most frequent codes, ties by code so the report is stable. */
export function mostCommon(tally: Record<string, number>, limit = 3): CodeCount[] {
  return Object.entries(tally)
    .map(([code, count]) => ({ code, count }))
    .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code))
    .slice(0, limit)
}

function meanOfPercentages(figures: readonly DraftFigures[]): DraftPercentages & { procedures: number } {
  const mean = (pick: (percent: DraftPercentages) => number | null) => {
    const values = figures.map((figure) => pick(figure.percent)).filter((value): value is number => value !== null)
    return values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length
  }
  return {
    fieldsAutoFilled: mean((percent) => percent.fieldsAutoFilled),
    documentsWaived: mean((percent) => percent.documentsWaived),
    documentsWaivedOfApplicable: mean((percent) => percent.documentsWaivedOfApplicable),
    blocked: mean((percent) => percent.blocked),
    procedures: figures.length,
  }
}

// ── Printing ──

const formatPercent = (value: number | null) => (value === null ? '—' : `${value.toFixed(1)}%`)
const formatCodes = (codes: readonly CodeCount[]) => (codes.length === 0 ? '—' : codes.map(({ code, count }) => `${code} ${count}`).join(', '))

/** The report as a person reads it in a terminal: a fixed-width table for all cases and one for complete records, then the totals and the goal. */
export function formatDraftReport(report: DraftReport, sample?: { citizens: number; seed: number; perProcedure: number }): string {
  const lines: string[] = []
  const allCases = report.total.all.pooled.counts
  lines.push(
    `Application drafts through the gateway: ${allCases.cases} cases` +
      (sample ? ` (up to ${sample.perProcedure} per procedure, nation of ${sample.citizens} citizens, seed ${sample.seed})` : '') +
      `, ages counted to ${report.today}` +
      (report.seconds !== undefined ? `, ${report.seconds.toFixed(1)} s` : '') +
      '.',
    '',
    'fields       = form fields auto-filled from a register (field has a source) / all form fields',
    'docs waived  = document components WAIVED / all components',
    'docs excl NA = WAIVED / (WAIVED + REQUIRED): components NOT_APPLICABLE to the case left out',
    'blocked      = drafts with a blocker (cannot proceed); n = cases sampled, err = drafts that failed (not in the %)',
  )
  for (const subset of ['all', 'complete'] as const) {
    lines.push('', subset === 'all' ? 'All sampled cases' : 'Cases whose records are complete (parties alive, residence mapped exactly, no register disagreement, evidence present)')
    lines.push(...formatTable(report, subset))
  }

  lines.push('', 'Most common warnings (drafts carrying each code), all sampled cases:')
  const nameWidth = Math.max(...report.procedures.map((row) => row.procedure.code.length))
  for (const row of report.procedures) lines.push(`  ${row.procedure.code.padEnd(nameWidth)}  ${formatCodes(row.all.topWarnings)}`)

  if (report.errorExamples.length > 0) {
    lines.push('', `ERRORS: ${allCases.errors} drafts failed with a GraphQL error:`)
    for (const example of report.errorExamples) lines.push(`  ${example.code} ×${example.count} (e.g. ${example.procedureCode}: ${example.message})`)
  }

  const { goal } = report
  lines.push(
    '',
    `Goal, complete records: ≥ ${goal.fieldsAutoFilledPercent}% of form fields auto-filled and ≥ ${goal.documentsWaivedPercent}% of document components waived (WAIVED / all components) across the nine procedures:`,
    `  fields ${formatPercent(goal.fields.pooled)} pooled, ${formatPercent(goal.fields.meanOfProcedures)} mean of procedures; ` +
      `documents ${formatPercent(goal.documents.pooled)} pooled, ${formatPercent(goal.documents.meanOfProcedures)} mean of procedures → ${goal.passed ? 'PASS' : 'FAIL'}`,
  )
  return lines.join('\n')
}

function formatTable(report: DraftReport, subset: 'all' | 'complete'): string[] {
  const header = ['code', 'procedure', 'n', 'err', 'fields', 'docs waived', 'docs excl NA', 'blocked', 'top blockers (drafts)']
  const row = (code: string, name: string, figures: DraftFigures) => [
    code,
    name,
    String(figures.counts.cases),
    String(figures.counts.errors),
    formatPercent(figures.percent.fieldsAutoFilled),
    formatPercent(figures.percent.documentsWaived),
    formatPercent(figures.percent.documentsWaivedOfApplicable),
    formatPercent(figures.percent.blocked),
    formatCodes(figures.topBlockers),
  ]
  const totals = report.total[subset]
  const rows = [
    ...report.procedures.map((procedure) => row(procedure.procedure.code, procedure.procedure.nameEn, procedure[subset])),
    row('total', 'pooled (every field, document, draft)', totals.pooled),
    [
      'mean',
      `mean of ${totals.meanOfProcedures.procedures} procedures' %`,
      '',
      '',
      formatPercent(totals.meanOfProcedures.fieldsAutoFilled),
      formatPercent(totals.meanOfProcedures.documentsWaived),
      formatPercent(totals.meanOfProcedures.documentsWaivedOfApplicable),
      formatPercent(totals.meanOfProcedures.blocked),
      '',
    ],
  ]
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((cells) => cells[column]!.length)))
  // Text columns left-aligned, figures right-aligned; the last column is not padded.
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : column <= 1 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join('  ')
      .trimEnd()
  const rule = widths.map((width) => '─'.repeat(width)).join('  ')
  return [line(header), rule, ...rows.slice(0, -2).map(line), rule, ...rows.slice(-2).map(line)]
}

// ── HTTP ──

interface GraphQLBody {
  data?: Record<string, unknown> | null
  errors?: { message: string; extensions?: { code?: unknown } }[]
}

async function postJson(url: string, query: string, variables: Record<string, unknown>, headers: Record<string, string>): Promise<GraphQLBody> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  })
  const text = await response.text()
  try {
    return JSON.parse(text) as GraphQLBody
  } catch {
    return { errors: [{ message: `HTTP ${response.status}: ${text.slice(0, 200)}`, extensions: { code: `HTTP_${response.status}` } }] }
  }
}

function describeErrors(errors: GraphQLBody['errors']): string {
  return (errors ?? []).map((error) => `${String(error.extensions?.code ?? 'ERROR')}: ${maskPersonalIds(error.message)}`).join('; ')
}
