import { execFile } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { request as httpRequest } from 'node:http'
import { fileURLToPath } from 'node:url'
import { auditSubjectKeyFromEnv, subjectHash } from '@lienthong/lib/audit'
import type { CitizenRecord, NationChunk } from '@lienthong/lib/registers'
import { signedGraphQLRequest, TEST_MACHINE, TEST_OFFICIAL, TEST_PURPOSE, testOfficial } from '@lienthong/lib/testing'
import { generateNation } from '@lienthong/seed'
import { generateKeyPair, SignJWT } from 'jose'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Caller, Purpose } from '../gateway/src/auth/caller.js'
import { claimsForCaller } from '../gateway/src/auth/caller-claims.js'
import { readRateLimits } from '../gateway/src/plugins/rate-limit.js'
import { readTrustedOperationsManifest, trustedOperationDocument } from '../gateway/src/plugins/trusted-operations.js'
import { startFederationStack, TEST_POSTGRES_URL, type FederationStack, type RequestOptions } from './support/federation-stack.js'
import { createTestIssuer, TEST_ISSUER } from './support/test-issuer.js'

// End-to-end security tests (issue 5) through the real gateway on a seeded nation: who may read which field of
// which register, what a bad token, a bypassed gateway or a missing case gets, what the audit trail records (and
// what it refuses to serve without it), and each hardening limit. Expected values come from the generated nation.

const NATION = { citizens: 300, seed: 9 }
const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url))

// ─────────────────────────────── callers ───────────────────────────────

/** An official at a desk holding exactly `scopes` (a subject of their own, so rate limits do not mix). */
function officialWith(...scopes: string[]): Caller {
  return { ...testOfficial(`can-bo-${scopes.join('+').replace(/:/g, '-') || 'khong-quyen'}`), scopes }
}

/** What a citizen portal grants a signed-in citizen: reading every register about themselves, and drafting. */
const CITIZEN_SCOPES = [
  'population:read',
  'population:sensitive',
  'civil-status:read',
  'land:read',
  'land:encumbrances',
  'business:read',
  'insurance:read',
  'insurance:contributions',
  'cases:draft',
]

function citizen(personalId: string, scopes: string[] = CITIZEN_SCOPES): Caller {
  return { kind: 'citizen', personalId, scopes }
}

// ─────────────────────────────── HTTP ───────────────────────────────

interface RawResponse {
  status: number
  /** A response header, lower-case name. */
  header(name: string): string | undefined
  /** Parsed JSON, or `{}` when the body is not JSON. */
  body: { data?: any; errors?: Array<{ message: string; extensions?: Record<string, any> }> }
  /** The body as sent: to assert that a value appears nowhere in it. */
  text: string
}

/**
 * POSTs a body to a URL with node:http. `from` is the loopback address to send from (127.0.0.x): each is another
 * client IP for the gateway, with its own anonymous rate-limit allowance, so that groups of anonymous requests of
 * this file do not eat each other's.
 */
function sendRaw(url: string, body: string, headers: Record<string, string> = {}, from = '127.0.0.1'): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      url,
      {
        method: 'POST',
        localAddress: from,
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...headers, 'content-length': String(Buffer.byteLength(body)) },
      },
      (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('error', reject)
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8')
          let parsed: RawResponse['body'] = {}
          try {
            parsed = JSON.parse(text) as RawResponse['body']
          } catch {
            // Not JSON: the assertions on `body` fail, with `text` to show why.
          }
          const header = (name: string) => {
            const value = response.headers[name.toLowerCase()]
            return Array.isArray(value) ? value.join(', ') : value
          }
          resolve({ status: response.statusCode ?? 0, header, body: parsed, text })
        })
      },
    )
    request.on('error', reject)
    request.end(body)
  })
}

function errorCode(response: { body: RawResponse['body'] }): unknown {
  return response.body.errors?.[0]?.extensions?.code
}

/** Runs `npm run audit:verify` (its script, with the repository's tsx) against one audit database. */
function runAuditVerify(auditDatabaseUrl: string): Promise<{ exitCode: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'scripts/audit-verify.ts'],
      { cwd: REPO_ROOT, env: { ...process.env, AUDIT_DATABASE_URL: auditDatabaseUrl }, timeout: 30_000 },
      (error, stdout, stderr) => resolve({ exitCode: error ? Number((error as { code?: unknown }).code ?? 1) : 0, output: `${stdout}${stderr}` }),
    )
  })
}

// ─────────────────────────────── the nation ───────────────────────────────

/** The generated nation (the same seed the stack loads), to know who exists and what each register holds. */
interface Nation {
  chunks: NationChunk[]
  citizens: Map<string, CitizenRecord>
  /** Living adults with an identity card and no injected defect: registers agree on them. */
  clean: CitizenRecord[]
}

function regenerate(): Nation {
  const generated = generateNation(NATION)
  const chunks = [...generated.chunks]
  const defective = new Set(generated.manifest.discrepancies.map((discrepancy) => discrepancy.personalId))
  const citizens = new Map(chunks.flatMap((chunk) => chunk.population.citizens.map((record) => [record.personalId, record] as const)))
  const clean = [...citizens.values()]
    .filter((record) => !record.dateOfDeath && record.idCard !== null && !defective.has(record.personalId))
    .sort((a, b) => a.personalId.localeCompare(b.personalId))
  return { chunks, citizens, clean }
}

const sorted = <T>(values: T[]): T[] => [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))

// ─────────────────────────────── the matrix ───────────────────────────────

/**
 * One column of the matrix: a field of a register, read for a citizen who has such a record (so that "allowed"
 * compares real data), and the coordinate a refusal must name.
 */
interface FieldProbe {
  /** Column header of MATRIX. */
  column: string
  /** The coordinate `extensions.denied` names when the caller lacks the field's scopes. */
  coordinate: string
  query: string
  variables(subject: string): Record<string, unknown>
  /** The citizen the column reads: one whose records make the answer non-empty. */
  subject(nation: Nation): CitizenRecord | undefined
  /** The part of `data` compared… */
  read(data: any): unknown
  /** …with this, computed from the generated records. */
  expected(nation: Nation, subject: CitizenRecord): unknown
}

const citizenQuery = (name: string, selection: string) => `query ${name}($id: PersonalId!) { citizen(personalId: $id) { ${selection} } }`
const byId = (subject: string) => ({ id: subject })

const parcelsOf = (nation: Nation, personalId: string) =>
  nation.chunks.flatMap((chunk) => chunk.land.parcels).filter((parcel) => parcel.holders.some((holder) => holder.kind === 'CITIZEN' && holder.holderId === personalId))
const marriagesOf = (nation: Nation, personalId: string) =>
  nation.chunks.flatMap((chunk) => chunk.civilStatus.marriages).filter((marriage) => marriage.husbandId === personalId || marriage.wifeId === personalId)
const insuranceOf = (nation: Nation, personalId: string) => nation.chunks.flatMap((chunk) => chunk.insurance.socialInsurance).find((record) => record.personalId === personalId)
const enterpriseCodesOf = (nation: Nation, personalId: string) =>
  sorted([
    ...new Set(
      nation.chunks
        .flatMap((chunk) => chunk.business.enterprises)
        .filter(
          (enterprise) =>
            enterprise.representatives.some((representative) => representative.personalId === personalId) ||
            enterprise.owners.some((owner) => owner.kind === 'CITIZEN' && owner.ownerId === personalId),
        )
        .map((enterprise) => enterprise.enterpriseCode),
    ),
  ])
const first = (nation: Nation, having: (record: CitizenRecord) => boolean) => nation.clean.find(having)

/** A procedure with the applicant as its only party: xác nhận tình trạng hôn nhân. */
const MARITAL_STATUS_CERTIFICATE = '1.004873'

const PROBES: FieldProbe[] = [
  {
    column: 'fullName',
    coordinate: 'Citizen.fullName',
    query: citizenQuery('CitizenName', 'fullName'),
    variables: byId,
    subject: (nation) => nation.clean[0],
    read: (data) => data.citizen.fullName,
    expected: (_nation, subject) => subject.fullName,
  },
  {
    column: 'religion',
    coordinate: 'Citizen.religion',
    query: citizenQuery('CitizenReligion', 'religion'),
    variables: byId,
    subject: (nation) => first(nation, (record) => record.religion !== 'Không') ?? nation.clean[0],
    read: (data) => data.citizen.religion,
    expected: (_nation, subject) => subject.religion,
  },
  {
    column: 'ethnicity',
    coordinate: 'Citizen.ethnicity',
    query: citizenQuery('CitizenEthnicity', 'ethnicity'),
    variables: byId,
    subject: (nation) => nation.clean[1],
    read: (data) => data.citizen.ethnicity,
    expected: (_nation, subject) => subject.ethnicity,
  },
  {
    column: 'idCard',
    coordinate: 'Citizen.idCard',
    query: citizenQuery('CitizenIdCard', 'idCard { number }'),
    variables: byId,
    subject: (nation) => nation.clean[2],
    read: (data) => data.citizen.idCard?.number,
    expected: (_nation, subject) => subject.idCard?.number,
  },
  {
    column: 'marriages',
    coordinate: 'Citizen.marriages',
    query: citizenQuery('CitizenMarriages', 'maritalStatus marriages { registrationNumber }'),
    variables: byId,
    subject: (nation) => first(nation, (record) => marriagesOf(nation, record.personalId).length > 0),
    read: (data) => sorted(data.citizen.marriages.map((marriage: { registrationNumber: string }) => marriage.registrationNumber)),
    expected: (nation, subject) => sorted(marriagesOf(nation, subject.personalId).map((marriage) => marriage.registrationNumber)),
  },
  {
    column: 'land',
    coordinate: 'Citizen.landRights',
    query: citizenQuery('CitizenLand', 'landRights { share parcel { areaM2 } }'),
    variables: byId,
    subject: (nation) => first(nation, (record) => parcelsOf(nation, record.personalId).length > 0),
    read: (data) => sorted(data.citizen.landRights.map((right: { parcel: { areaM2: number } }) => right.parcel.areaM2)),
    expected: (nation, subject) => sorted(parcelsOf(nation, subject.personalId).map((parcel) => parcel.areaM2)),
  },
  {
    column: 'encumbrances',
    coordinate: 'LandParcel.encumbrances',
    query: citizenQuery('CitizenEncumbrances', 'landRights { parcel { encumbrances { kind } } }'),
    variables: byId,
    subject: (nation) => first(nation, (record) => parcelsOf(nation, record.personalId).some((parcel) => parcel.encumbrances.length > 0)),
    read: (data) => sorted(data.citizen.landRights.flatMap((right: { parcel: { encumbrances: { kind: string }[] } }) => right.parcel.encumbrances.map((encumbrance) => encumbrance.kind))),
    expected: (nation, subject) => sorted(parcelsOf(nation, subject.personalId).flatMap((parcel) => parcel.encumbrances.map((encumbrance) => encumbrance.kind))),
  },
  {
    column: 'insurance',
    coordinate: 'Citizen.socialInsurance',
    query: citizenQuery('CitizenInsurance', 'socialInsurance { socialInsuranceNumber }'),
    variables: byId,
    subject: (nation) => first(nation, (record) => insuranceOf(nation, record.personalId) !== undefined),
    read: (data) => data.citizen.socialInsurance?.socialInsuranceNumber,
    expected: (nation, subject) => insuranceOf(nation, subject.personalId)?.socialInsuranceNumber,
  },
  {
    column: 'contributions',
    coordinate: 'ParticipationPeriod.contributionBaseVnd',
    query: citizenQuery('CitizenContributions', 'socialInsurance { periods { contributionBaseVnd } }'),
    variables: byId,
    subject: (nation) => first(nation, (record) => (insuranceOf(nation, record.personalId)?.periods.length ?? 0) > 0),
    read: (data) => sorted(data.citizen.socialInsurance.periods.map((period: { contributionBaseVnd: number }) => period.contributionBaseVnd)),
    expected: (nation, subject) => sorted(insuranceOf(nation, subject.personalId)!.periods.map((period) => period.contributionBaseVnd)),
  },
  {
    column: 'enterprises',
    coordinate: 'Citizen.enterprises',
    query: citizenQuery('CitizenEnterprises', 'enterprises { role enterprise { enterpriseCode vietnameseName } }'),
    variables: byId,
    subject: (nation) => first(nation, (record) => enterpriseCodesOf(nation, record.personalId).length > 0),
    read: (data) => sorted([...new Set<string>(data.citizen.enterprises.map((role: { enterprise: { enterpriseCode: string } }) => role.enterprise.enterpriseCode))]),
    expected: (nation, subject) => enterpriseCodesOf(nation, subject.personalId),
  },
  {
    column: 'draft',
    coordinate: 'Query.applicationDraft',
    query: 'query Draft($input: ApplicationDraftInput!) { applicationDraft(input: $input) { id procedure { code } } }',
    variables: (subject) => ({ input: { procedureCode: MARITAL_STATUS_CERTIFICATE, applicantId: subject } }),
    subject: (nation) => nation.clean[3],
    read: (data) => ({ hasId: typeof data.applicationDraft.id === 'string' && data.applicationDraft.id.length > 0, procedure: data.applicationDraft.procedure.code }),
    expected: () => ({ hasId: true, procedure: MARITAL_STATUS_CERTIFICATE }),
  },
]

/**
 * Who reads: each row of MATRIX, given the column's subject (a citizen's own id, or someone else's).
 * Agencies declare TEST_PURPOSE; citizens declare no case.
 */
const CALLERS: Record<string, { as: (subject: string, someoneElse: string) => Caller | null; purpose: Purpose | null }> = {
  'anonymous': { as: () => null, purpose: TEST_PURPOSE },
  'population:read': { as: () => officialWith('population:read'), purpose: TEST_PURPOSE },
  'population:read+sensitive': { as: () => officialWith('population:read', 'population:sensitive'), purpose: TEST_PURPOSE },
  'land:read': { as: () => officialWith('land:read'), purpose: TEST_PURPOSE },
  'land:read+encumbrances': { as: () => officialWith('land:read', 'land:encumbrances'), purpose: TEST_PURPOSE },
  'insurance:read': { as: () => officialWith('insurance:read'), purpose: TEST_PURPOSE },
  'insurance:read+contributions': { as: () => officialWith('insurance:read', 'insurance:contributions'), purpose: TEST_PURPOSE },
  'civil-status:read': { as: () => officialWith('civil-status:read'), purpose: TEST_PURPOSE },
  'business:read': { as: () => officialWith('business:read'), purpose: TEST_PURPOSE },
  'every scope (desk)': { as: () => TEST_OFFICIAL, purpose: TEST_PURPOSE },
  'machine client': { as: () => TEST_MACHINE, purpose: TEST_PURPOSE },
  'citizen, own id': { as: (subject) => citizen(subject), purpose: null },
  'citizen, other id': { as: (_subject, someoneElse) => citizen(someoneElse), purpose: null },
}

/**
 * Expected outcome of each caller (row; officials by their scopes) reading each field (column), for the case
 * TEST_PURPOSE when an agency reads.
 *
 *   ok       data, no errors, equal to the generated record
 *   401      UNAUTHENTICATED, no data, extensions.denied names the column's coordinate
 *   403      FORBIDDEN, no data, extensions.denied names the column's coordinate (a scope is missing)
 *   403q     FORBIDDEN, no data, extensions.denied names the entry point (Query.citizen / Query.applicationDraft):
 *            the citizen_self policy does not hold for someone else's id
 *   trust    OPERATION_NOT_TRUSTED: a machine client runs registered operations only
 */
const MATRIX = `
caller                       | fullName | religion | ethnicity | idCard | marriages | land  | encumbrances | insurance | contributions | enterprises | draft
anonymous                    | 401      | 401      | 401       | 401    | 401       | 401   | 401          | 401       | 401           | 401         | 401
population:read              | ok       | 403      | 403       | 403    | 403       | 403   | 403          | 403       | 403           | 403         | 403
population:read+sensitive    | ok       | ok       | ok        | ok     | 403       | 403   | 403          | 403       | 403           | 403         | 403
land:read                    | 403      | 403      | 403       | 403    | 403       | ok    | 403          | 403       | 403           | 403         | 403
land:read+encumbrances       | 403      | 403      | 403       | 403    | 403       | ok    | ok           | 403       | 403           | 403         | 403
insurance:read               | 403      | 403      | 403       | 403    | 403       | 403   | 403          | ok        | 403           | 403         | 403
insurance:read+contributions | 403      | 403      | 403       | 403    | 403       | 403   | 403          | ok        | ok            | 403         | 403
civil-status:read            | 403      | 403      | 403       | 403    | ok        | 403   | 403          | 403       | 403           | 403         | 403
business:read                | 403      | 403      | 403       | 403    | 403       | 403   | 403          | 403       | 403           | ok          | 403
every scope (desk)           | ok       | ok       | ok        | ok     | ok        | ok    | ok           | ok        | ok            | ok          | ok
machine client               | trust    | trust    | trust     | trust  | trust     | trust | trust        | trust     | trust         | trust       | trust
citizen, own id              | ok       | ok       | ok        | ok     | ok        | ok    | ok           | ok        | ok            | ok          | ok
citizen, other id            | 403q     | 403q     | 403q      | 403q   | 403q      | 403q  | 403q         | 403q      | 403q          | 403q        | 403q
`

type Outcome = 'ok' | '401' | '403' | '403q' | 'trust'

function parseMatrix(table: string): { caller: string; column: string; outcome: Outcome }[] {
  const [header, ...rows] = table
    .trim()
    .split('\n')
    .map((line) => line.split('|').map((cell) => cell.trim()))
  const columns = header!.slice(1)
  return rows.flatMap(([caller, ...cells]) =>
    cells.map((outcome, index) => {
      if (!['ok', '401', '403', '403q', 'trust'].includes(outcome)) throw new Error(`MATRIX: unknown outcome "${outcome}" for ${caller}`)
      return { caller: caller!, column: columns[index]!, outcome: outcome as Outcome }
    }),
  )
}

const CASES = parseMatrix(MATRIX)

// Anonymous callers are counted by client IP (30 a minute by default): each group of anonymous requests of this
// file comes from a loopback address of its own.
const ANONYMOUS_MATRIX_ADDRESS = '127.0.0.2'
const ANONYMOUS_SAFETY_ADDRESS = '127.0.0.3'
const BAD_TOKEN_ADDRESS = '127.0.0.4'
const RATE_LIMITED_ADDRESS = '127.0.0.9'
const NOT_RATE_LIMITED_ADDRESS = '127.0.0.10'

// ─────────────────────────────── the tests ───────────────────────────────

describe('security through the gateway, on a seeded nation', () => {
  let stack: FederationStack
  let nation: Nation

  beforeAll(async () => {
    nation = regenerate()
    stack = await startFederationStack({ seed: NATION })
  })

  afterAll(async () => {
    await stack?.stop()
  })

  /** POST to the gateway as `options.as` for `options.purpose` (stack.headersFor), from the loopback address `from`. */
  async function send(query: string, variables: Record<string, unknown> | undefined, options: RequestOptions = {}, from?: string): Promise<RawResponse> {
    return sendRaw(stack.gateway.graphqlUrl, JSON.stringify({ query, ...(variables ? { variables } : {}) }), await stack.headersFor(options), from)
  }

  const probe = (column: string) => PROBES.find((candidate) => candidate.column === column)!
  /** The column's subject, checked to exist: a missing one would turn "allowed" into a comparison of two nothings. */
  function subjectOf(column: string): CitizenRecord {
    const subject = probe(column).subject(nation)
    if (!subject) throw new Error(`the seeded nation has no clean citizen for column ${column}`)
    return subject
  }
  /** A clean citizen who is not `subject`. */
  const someoneOtherThan = (subject: CitizenRecord) => nation.clean.find((record) => record.personalId !== subject.personalId && record.householdId !== subject.householdId)!

  describe('authorization matrix', () => {
    it('has a column for every probe and a row for every caller', () => {
      expect(new Set(CASES.map((entry) => entry.column))).toEqual(new Set(PROBES.map((candidate) => candidate.column)))
      expect(new Set(CASES.map((entry) => entry.caller))).toEqual(new Set(Object.keys(CALLERS)))
      // Each column has a subject with records in its register, so "ok" compares real data.
      for (const candidate of PROBES) {
        const subject = subjectOf(candidate.column)
        expect(candidate.expected(nation, subject), candidate.column).not.toEqual([])
        expect(candidate.expected(nation, subject), candidate.column).toBeDefined()
      }
    })

    /** Reads the cell's column as its caller and checks the outcome the matrix gives. */
    async function checkCell({ caller, column, outcome }: (typeof CASES)[number]): Promise<void> {
      const fieldProbe = probe(column)
      const subject = subjectOf(column)
      const { as, purpose } = CALLERS[caller]!
      const options = { as: as(subject.personalId, someoneOtherThan(subject).personalId), purpose }
      const response = await send(fieldProbe.query, fieldProbe.variables(subject.personalId), options, options.as ? undefined : ANONYMOUS_MATRIX_ADDRESS)

      if (outcome === 'ok') {
        expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined()
        expect(response.status).toBe(200)
        expect(fieldProbe.read(response.body.data)).toEqual(fieldProbe.expected(nation, subject))
        return
      }
      expect(response.body.data ?? null).toBeNull()
      // No personal value of the subject leaks into a refusal.
      expect(response.text).not.toContain(subject.fullName)
      const [error] = response.body.errors ?? []
      switch (outcome) {
        case 'trust':
          expect(response.status).toBe(403)
          expect(error?.extensions?.code).toBe('OPERATION_NOT_TRUSTED')
          return
        case '401':
          expect(response.status).toBe(401)
          expect(error?.extensions?.code).toBe('UNAUTHENTICATED')
          expect(response.header('www-authenticate')).toMatch(/^Bearer/)
          break
        case '403':
        case '403q':
          expect(response.status).toBe(403)
          expect(error?.extensions?.code).toBe('FORBIDDEN')
          break
      }
      const entryPoint = column === 'draft' ? 'Query.applicationDraft' : 'Query.citizen'
      const named = outcome === '403q' ? entryPoint : fieldProbe.coordinate
      const denied = (error?.extensions?.denied ?? []) as { coordinate: string; authenticationRequired?: boolean; unmetPolicies?: string[][]; missingScopes?: string[][] }[]
      expect(denied.map((entry) => entry.coordinate)).toContain(named)
      const namedEntry = denied.find((entry) => entry.coordinate === named)
      if (outcome === '401') expect(namedEntry?.authenticationRequired).toBe(true)
      if (outcome === '403') expect(namedEntry?.missingScopes?.length).toBeGreaterThan(0)
      if (outcome === '403q') {
        // Only the policy binding a citizen to their own id failed: their scopes cover every field.
        expect(denied.map((entry) => entry.coordinate)).toEqual([entryPoint])
        expect(namedEntry?.unmetPolicies?.flat()).toContain('citizen_self')
      }
    }

    it.each([
      ['land:read', 'encumbrances', ['Encumbrance.kind', 'LandParcel.encumbrances']],
      ['insurance:read', 'contributions', ['ParticipationPeriod.contributionBaseVnd', 'SocialInsuranceRecord.periods']],
      ['population:read', 'idCard', ['Citizen.idCard', 'IdentityCard.number']],
      ['population:read', 'religion', ['Citizen.religion']],
    ])('%s reading %s is refused naming exactly the fields it lacks a scope for', async (caller, column, coordinates) => {
      const fieldProbe = probe(column)
      const subject = subjectOf(column)
      const response = await send(fieldProbe.query, fieldProbe.variables(subject.personalId), { as: CALLERS[caller]!.as(subject.personalId, subject.personalId) })
      expect(response.status).toBe(403)
      const denied = (response.body.errors?.[0]?.extensions?.denied ?? []) as { coordinate: string; missingScopes?: string[][] }[]
      expect(sorted(denied.map((entry) => entry.coordinate))).toEqual(coordinates)
      // What is missing is the second scope, never the one the caller holds.
      for (const entry of denied) expect(entry.missingScopes?.flat(), entry.coordinate).not.toContain(caller)
    })

    const anonymousCells = CASES.filter((entry) => entry.caller === 'anonymous')
    const otherCells = CASES.filter((entry) => entry.caller !== 'anonymous')

    it.each(otherCells)('$caller reading $column → $outcome', checkCell)

    it.each(anonymousCells)('$caller reading $column → $outcome', checkCell)

    it.each(anonymousCells)('anonymous reading $column gets no personal data (whatever the refusal)', async ({ column }) => {
      const fieldProbe = probe(column)
      const subject = subjectOf(column)
      const response = await send(fieldProbe.query, fieldProbe.variables(subject.personalId), { as: null }, ANONYMOUS_SAFETY_ADDRESS)
      expect(response.status).toBeGreaterThanOrEqual(400)
      expect(response.body.data ?? null).toBeNull()
      expect(response.body.errors?.length).toBeGreaterThan(0)
      expect(response.text).not.toContain(subject.fullName)
    })
  })

  describe('machine clients run trusted operations only', () => {
    const manifest = readTrustedOperationsManifest()
    const profile = manifest.operations.find((operation) => operation.name === 'CitizenProfile')!

    it('refuses an ad-hoc query by a machine client with OPERATION_NOT_TRUSTED, even a registered one changed by one character', async () => {
      const subject = subjectOf('fullName')
      const adHoc = await send(citizenQuery('PortalLookup', 'fullName'), { id: subject.personalId }, { as: TEST_MACHINE })
      expect(adHoc.status).toBe(403)
      expect(errorCode(adHoc)).toBe('OPERATION_NOT_TRUSTED')
      expect(adHoc.body.data ?? null).toBeNull()
      expect(adHoc.text).not.toContain(subject.fullName)

      const altered = await send(profile.body.replace('fullName', 'fullName '), { personalId: subject.personalId }, { as: TEST_MACHINE })
      expect(altered.status).toBe(403)
      expect(errorCode(altered)).toBe('OPERATION_NOT_TRUSTED')
    })

    it('runs the registered CitizenProfile sent by its sha256 id in extensions.persistedQuery', async () => {
      // The id a portal sends: the SHA-256 of the registered document's exact text.
      expect(profile.id).toBe(createHash('sha256').update(trustedOperationDocument('citizen-profile')).digest('hex'))
      const subject = subjectOf('marriages')
      const response = await sendRaw(
        stack.gateway.graphqlUrl,
        JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: profile.id } }, variables: { personalId: subject.personalId } }),
        await stack.headersFor({ as: TEST_MACHINE }),
      )
      expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined()
      expect(response.status).toBe(200)
      expect(response.body.data.citizen).toMatchObject({ personalId: subject.personalId, fullName: subject.fullName, religion: subject.religion })
      expect(sorted(response.body.data.citizen.marriages.map((marriage: { registrationNumber: string }) => marriage.registrationNumber))).toEqual(
        sorted(marriagesOf(nation, subject.personalId).map((marriage) => marriage.registrationNumber)),
      )
    })
  })

  describe('tokens', () => {
    const query = citizenQuery('CitizenName', 'fullName')
    const desk = testOfficial('can-bo-token')

    /** Signs `claims` for the test issuer's name and kid, with a key the gateway does not trust. */
    async function tokenWithForeignKey(claims: Record<string, unknown>, issuer = TEST_ISSUER): Promise<string> {
      const { privateKey } = await generateKeyPair('ES256')
      const now = Math.floor(Date.now() / 1000)
      return new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: 'test-key', typ: 'JWT' }).setIssuer(issuer).setAudience('lienthong').setIssuedAt(now).setExpirationTime(now + 600).sign(privateKey)
    }

    /** A valid token with one character of its signature part changed (mid-part: the last character may only carry padding bits). */
    function withForgedSignature(token: string): string {
      const [header, payload, signature] = token.split('.') as [string, string, string]
      const index = Math.floor(signature.length / 2)
      const forged = signature[index] === 'A' ? 'B' : 'A'
      return [header, payload, signature.slice(0, index) + forged + signature.slice(index + 1)].join('.')
    }

    /** A valid token whose payload now grants every scope, signature kept. */
    function withElevatedPayload(token: string): string {
      const [header, payload, signature] = token.split('.') as [string, string, string]
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>
      return [header, Buffer.from(JSON.stringify({ ...claims, scope: CITIZEN_SCOPES.join(' ') }), 'utf8').toString('base64url'), signature].join('.')
    }

    const BAD_TOKENS: { name: string; authorization: () => Promise<string | undefined> }[] = [
      { name: 'an expired token (issued an hour ago for 60 s)', authorization: async () => stack.issuer.tokenFor(desk, { issuedAt: Math.floor(Date.now() / 1000) - 3_600, ttlSeconds: 60 }) },
      { name: 'a token of another identity provider (createTestIssuer: same issuer name and kid, its own key)', authorization: async () => (await createTestIssuer()).tokenFor(desk) },
      { name: 'a token from an issuer the gateway does not trust', authorization: async () => tokenWithForeignKey(claimsForCaller(desk) as Record<string, unknown>, 'https://sso.example.vn/realms/other') },
      { name: 'the same claims signed with another key under the trusted kid', authorization: async () => tokenWithForeignKey(claimsForCaller(desk) as Record<string, unknown>) },
      { name: 'a valid token with one character of its signature changed', authorization: async () => withForgedSignature(await stack.issuer.tokenFor(desk)) },
      { name: 'a valid token with its payload changed to more scopes', authorization: async () => withElevatedPayload(await stack.issuer.tokenFor(officialWith('land:read'))) },
      {
        name: 'an unsigned token (alg none)',
        authorization: async () => {
          const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')
          const now = Math.floor(Date.now() / 1000)
          const payload = Buffer.from(JSON.stringify({ ...claimsForCaller(desk), iss: TEST_ISSUER, aud: 'lienthong', iat: now, exp: now + 600 })).toString('base64url')
          return `${header}.${payload}.`
        },
      },
    ]

    it('accepts a valid token for the same request (the control for the refusals below)', async () => {
      const subject = subjectOf('fullName')
      const response = await send(query, { id: subject.personalId }, { as: desk })
      expect(response.status).toBe(200)
      expect(response.body.data?.citizen?.fullName).toBe(subject.fullName)
    })

    /** Sends the personal-data query with `token` (none: no Authorization header) and checks the 401 refusal. */
    async function expectUnauthenticated(token: string | undefined): Promise<void> {
      const subject = subjectOf('fullName')
      const response = await send(query, { id: subject.personalId }, { as: null, headers: token ? { authorization: `Bearer ${token}` } : {} }, BAD_TOKEN_ADDRESS)
      // Whatever else happens: no data, and nothing of the subject.
      expect(response.body.data ?? null).toBeNull()
      expect(response.text).not.toContain(subject.fullName)
      // The refusal never quotes the token.
      if (token) expect(response.text).not.toContain(token.split('.')[1])
      expect(response.status).toBe(401)
      expect(errorCode(response)).toBe('UNAUTHENTICATED')
      expect(response.header('www-authenticate')).toMatch(/^Bearer/)
    }

    it.each(BAD_TOKENS)('refuses $name with UNAUTHENTICATED 401, WWW-Authenticate and no data', async ({ authorization }) => {
      await expectUnauthenticated(await authorization())
    })

    it('refuses no token with UNAUTHENTICATED 401, WWW-Authenticate and no data', async () => {
      await expectUnauthenticated(undefined)
    })
  })

  describe('subgraphs called directly', () => {
    const body = (personalId: string) => ({ query: citizenQuery('Bypass', 'fullName'), variables: { id: personalId } })

    it('answers a request signed by the gateway for it (the control)', async () => {
      const subject = subjectOf('fullName')
      const response = await signedGraphQLRequest(stack.subgraphs.population.graphqlUrl, 'population', body(subject.personalId))
      expect(response.status).toBe(200)
      expect(response.body.data?.citizen?.fullName).toBe(subject.fullName)
    })

    it('refuses a request without the gateway’s signature with 401 UNAUTHENTICATED and no data', async () => {
      const subject = subjectOf('fullName')
      // What a client inside the network would send, with a bearer token even: only the gateway's signature counts.
      const response = await sendRaw(stack.subgraphs.population.graphqlUrl, JSON.stringify(body(subject.personalId)), {
        authorization: `Bearer ${await stack.issuer.tokenFor(TEST_OFFICIAL)}`,
      })
      expect(response.status).toBe(401)
      expect(errorCode(response)).toBe('UNAUTHENTICATED')
      expect(response.body.data ?? null).toBeNull()
      expect(response.text).not.toContain(subject.fullName)
    })

    it('refuses a request signed for another subgraph with 401', async () => {
      const subject = subjectOf('fullName')
      const response = await signedGraphQLRequest(stack.subgraphs.population.graphqlUrl, 'land', body(subject.personalId))
      expect(response.status).toBe(401)
      expect(response.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED')
      expect(response.body.data ?? null).toBeNull()
    })
  })

  describe('purpose binding', () => {
    const query = citizenQuery('CitizenName', 'fullName')
    const desk = officialWith('population:read')

    it('refuses an official reading Citizen.fullName without the case headers: 403 and no data', async () => {
      const subject = subjectOf('fullName')
      const response = await send(query, { id: subject.personalId }, { as: desk, purpose: null })
      expect(response.status).toBe(403)
      expect(response.body.data ?? null).toBeNull()
      expect(response.body.errors?.length).toBeGreaterThan(0)
      expect(response.text).not.toContain(subject.fullName)
    })

    it('refuses an official reading Citizen.fullName without the case headers with PURPOSE_REQUIRED', async () => {
      const subject = subjectOf('fullName')
      const response = await send(query, { id: subject.personalId }, { as: desk, purpose: null })
      expect(response.status).toBe(403)
      expect(errorCode(response)).toBe('PURPOSE_REQUIRED')
      expect(response.body.errors?.[0]?.extensions?.fields).toContain('Citizen.fullName')
    })

    it('refuses an official reading an enterprise’s personal data without the case headers with PURPOSE_REQUIRED, and serves it with them', async () => {
      const subject = subjectOf('enterprises')
      const [enterpriseCode] = enterpriseCodesOf(nation, subject.personalId)
      const enterprise = nation.chunks.flatMap((chunk) => chunk.business.enterprises).find((candidate) => candidate.enterpriseCode === enterpriseCode)!
      const enterpriseQuery = 'query Enterprise($code: EnterpriseCode!) { enterprise(enterpriseCode: $code) { vietnameseName representatives { name } } }'
      const registrar = officialWith('business:read')

      const refused = await send(enterpriseQuery, { code: enterpriseCode }, { as: registrar, purpose: null })
      expect(refused.status).toBe(403)
      expect(errorCode(refused)).toBe('PURPOSE_REQUIRED')
      expect(refused.body.errors?.[0]?.extensions?.fields).toContain('Enterprise.vietnameseName')
      expect(refused.body.data ?? null).toBeNull()
      expect(refused.text).not.toContain(enterprise.vietnameseName)

      const served = await send(enterpriseQuery, { code: enterpriseCode }, { as: registrar, purpose: TEST_PURPOSE })
      expect(served.body.errors).toBeUndefined()
      expect(served.body.data.enterprise.vietnameseName).toBe(enterprise.vietnameseName)
    })

    it.each([
      ['only the case reference', { 'x-lienthong-case': 'HS-2026-000777' }],
      ['only the procedure code', { 'x-lienthong-procedure': '1.000894' }],
    ])('refuses %s with BAD_USER_INPUT 400', async (_name, headers) => {
      const subject = subjectOf('fullName')
      const response = await send(query, { id: subject.personalId }, { as: desk, purpose: null, headers })
      expect(response.status).toBe(400)
      expect(errorCode(response)).toBe('BAD_USER_INPUT')
      expect(response.body.data ?? null).toBeNull()
      expect(response.text).not.toContain(subject.fullName)
    })

    it('lets a citizen read their own record without declaring a case', async () => {
      const subject = subjectOf('fullName')
      const response = await send(query, { id: subject.personalId }, { as: citizen(subject.personalId), purpose: null })
      expect(response.body.errors).toBeUndefined()
      expect(response.body.data.citizen.fullName).toBe(subject.fullName)
    })
  })

  describe('audit trail', () => {
    const caseReference = `HS-AUDIT-${randomBytes(4).toString('hex')}`
    const purpose: Purpose = { caseReference, procedureCode: '1.000894' }
    const clerk = { ...testOfficial('can-bo-tu-phap-07'), agency: 'UBND-P-00004' }
    const query = citizenQuery('MarriageApplicant', 'fullName maritalStatus')
    let admin: pg.Client
    let subject: CitizenRecord
    let entrySeq: number
    /** The case of the refused read below. */
    let deniedCaseReference: string | undefined

    beforeAll(async () => {
      admin = new pg.Client({ connectionString: stack.auditDatabaseUrl })
      admin.on('error', () => {})
      await admin.connect()
      subject = subjectOf('marriages')
    })

    afterAll(async () => {
      await admin?.end()
    })

    it('records one entry for an official’s read for a case: caller, agency, case, procedure, operation, registers and fields, and no personal id in plain text', async () => {
      const response = await send(query, { id: subject.personalId }, { as: clerk, purpose })
      expect(response.body.errors).toBeUndefined()
      expect(response.body.data.citizen.fullName).toBe(subject.fullName)

      const { rows } = await admin.query('SELECT * FROM audit_entry WHERE case_reference = $1', [caseReference])
      expect(rows).toHaveLength(1)
      const [entry] = rows
      expect(entry).toMatchObject({
        caller_kind: 'official',
        caller_id: clerk.subject,
        agency: 'UBND-P-00004',
        case_reference: caseReference,
        procedure_code: '1.000894',
        operation_name: 'MarriageApplicant',
        operation_hash: createHash('sha256').update(query).digest('hex'),
        registers: ['civil-status', 'population'],
        outcome: 'OK',
      })
      expect(entry.fields).toEqual(expect.arrayContaining(['Citizen.fullName', 'Citizen.maritalStatus']))
      // The data subject is stored as the HMAC of their id, and the id appears in no column.
      expect(entry.data_subjects).toEqual([subjectHash(auditSubjectKeyFromEnv(), subject.personalId)])
      expect(JSON.stringify(entry)).not.toContain(subject.personalId)
      entrySeq = Number(entry.seq)
      expect(entrySeq).toBeGreaterThan(0)
    })

    it('shows the access to the citizen through myDataAccesses (agency, case, registers), and to no one else', async () => {
      const tracker = 'query MyData { myDataAccesses(first: 100) { totalCount nodes { id callerKind agency clientSystem caseReference procedureCode operationName registers fields outcome } } }'
      const own = await send(tracker, undefined, { as: citizen(subject.personalId, []), purpose: null })
      expect(own.body.errors, JSON.stringify(own.body.errors)).toBeUndefined()
      const access = own.body.data.myDataAccesses.nodes.filter((node: { caseReference: string | null }) => node.caseReference === caseReference)
      expect(access).toEqual([
        expect.objectContaining({
          id: String(entrySeq),
          callerKind: 'OFFICIAL',
          agency: 'UBND-P-00004',
          clientSystem: null,
          caseReference,
          procedureCode: '1.000894',
          operationName: 'MarriageApplicant',
          registers: ['civil-status', 'population'],
          outcome: 'OK',
        }),
      ])
      // The official's own account is not shown to the citizen.
      expect(own.text).not.toContain(clerk.subject)

      const other = await send(tracker, undefined, { as: citizen(someoneOtherThan(subject).personalId, []), purpose: null })
      expect(other.body.errors).toBeUndefined()
      expect(other.body.data.myDataAccesses.nodes.some((node: { caseReference: string | null }) => node.caseReference === caseReference)).toBe(false)
    })

    it('records a refused read as DENIED, with the fields refused and nothing read from a register', async () => {
      const deniedCase = `HS-DENIED-${randomBytes(4).toString('hex')}`
      const refused = await send(citizenQuery('ApplicantReligion', 'religion'), { id: subject.personalId }, { as: officialWith('population:read'), purpose: { caseReference: deniedCase, procedureCode: '1.000894' } })
      expect(refused.status).toBe(403)

      const { rows } = await admin.query('SELECT * FROM audit_entry WHERE case_reference = $1', [deniedCase])
      expect(rows).toHaveLength(1)
      expect(rows[0]).toMatchObject({ caller_kind: 'official', operation_name: 'ApplicantReligion', outcome: 'DENIED', registers: [] })
      expect(rows[0].fields).toContain('Citizen.religion')
      expect(JSON.stringify(rows[0])).not.toContain(subject.personalId)
      deniedCaseReference = deniedCase
    })

    it('shows the citizen a refused attempt on their record in myDataAccesses, as DENIED', async () => {
      const tracker = 'query MyData { myDataAccesses(first: 100) { nodes { caseReference outcome fields } } }'
      const own = await send(tracker, undefined, { as: citizen(subject.personalId, []), purpose: null })
      expect(own.body.errors).toBeUndefined()
      const attempts = own.body.data.myDataAccesses.nodes.filter((node: { caseReference: string | null }) => node.caseReference === deniedCaseReference)
      expect(attempts).toEqual([expect.objectContaining({ outcome: 'DENIED', fields: expect.arrayContaining(['Citizen.religion']) })])
    })

    it('audit:verify exits 0 on the intact chain and 1 naming the entry after it is altered', async () => {
      const intact = await runAuditVerify(stack.auditDatabaseUrl)
      expect(intact.output).toContain('chain intact')
      expect(intact.exitCode).toBe(0)

      await admin.query('ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only')
      try {
        await admin.query("UPDATE audit_entry SET case_reference = 'HS-FORGED' WHERE seq = $1", [entrySeq])
      } finally {
        await admin.query('ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_append_only')
      }
      // The trigger is back: the table refuses changes again.
      await expect(admin.query("UPDATE audit_entry SET outcome = 'DENIED' WHERE seq = $1", [entrySeq])).rejects.toThrow()

      const broken = await runAuditVerify(stack.auditDatabaseUrl)
      expect(broken.exitCode).toBe(1)
      expect(broken.output).toContain(`BROKEN at entry ${entrySeq} `)
      expect(broken.output).toContain('HASH_MISMATCH')
    })
  })

  describe('limits: each refused with a clear code, before any subgraph is called', () => {
    const subjectId = () => subjectOf('fullName').personalId

    async function expectRefused(response: RawResponse, status: number, code: string, message: RegExp): Promise<void> {
      expect(response.status).toBe(status)
      expect(errorCode(response)).toBe(code)
      expect(response.body.errors?.[0]?.message).toMatch(message)
      expect(response.body.data ?? null).toBeNull()
      expect(JSON.stringify(response.body.errors)).not.toMatch(/stacktrace|    at /)
      expect(stack.statements.total()).toBe(0)
    }

    it('refuses a query nested too deep with QUERY_TOO_DEEP', async () => {
      stack.statements.reset()
      const deep = `query Ancestors($id: PersonalId!) { citizen(personalId: $id) { ${'father { '.repeat(10)}fullName${' }'.repeat(10)} } }`
      await expectRefused(await send(deep, { id: subjectId() }), 400, 'QUERY_TOO_DEEP', /depth limit of 10 exceeded, found 12/i)
    })

    it('refuses too many aliases with TOO_MANY_ALIASES', async () => {
      stack.statements.reset()
      const aliases = `query Names($id: PersonalId!) { ${Array.from({ length: 11 }, (_, index) => `a${index}: citizen(personalId: $id) { fullName }`).join(' ')} }`
      await expectRefused(await send(aliases, { id: subjectId() }), 400, 'TOO_MANY_ALIASES', /aliases/i)
    })

    it('refuses a document of too many tokens with TOO_MANY_TOKENS', async () => {
      stack.statements.reset()
      const long = `query Long($id: PersonalId!) { citizen(personalId: $id) { ${'fullName '.repeat(1_000)}} }`
      await expectRefused(await send(long, { id: subjectId() }), 400, 'TOO_MANY_TOKENS', /token limit of 1000/i)
    })

    it('refuses a query too costly with QUERY_TOO_COSTLY', async () => {
      stack.statements.reset()
      const profile = trustedOperationDocument('citizen-profile')
      const fragments = profile.slice(profile.indexOf('fragment Place'))
      const sweep = `query Sweep { allCitizens(first: 100) { edges { node { ...CitizenProfile } } } }\n${fragments}`
      await expectRefused(await send(sweep, undefined), 400, 'QUERY_TOO_COSTLY', /cost limit of \d+ exceeded/i)
    })

    it('refuses a request body too large with REQUEST_TOO_LARGE 413', async () => {
      stack.statements.reset()
      const body = JSON.stringify({ query: citizenQuery('Big', 'fullName'), variables: { id: subjectId(), padding: 'x'.repeat(600 * 1024) } })
      await expectRefused(await sendRaw(stack.gateway.graphqlUrl, body, await stack.headersFor()), 413, 'REQUEST_TOO_LARGE', /too large/i)
    })

    it('refuses a batch (JSON array of operations) with 400', async () => {
      stack.statements.reset()
      const operation = { query: citizenQuery('CitizenName', 'fullName'), variables: { id: subjectId() } }
      const response = await sendRaw(stack.gateway.graphqlUrl, JSON.stringify([operation, operation]), await stack.headersFor())
      expect(response.status).toBe(400)
      expect(response.text).toMatch(/batching/i)
      expect(response.text).not.toContain(subjectOf('fullName').fullName)
      expect(stack.statements.total()).toBe(0)
    })

    it('refuses an anonymous client over its requests per minute with RATE_LIMITED 429 and Retry-After', async () => {
      // A client address of its own, so the other anonymous requests of this file do not count.
      const perMinute = readRateLimits().anonymous
      const body = JSON.stringify({ query: '{ provinces { code } }' })
      for (let index = 0; index < perMinute; index++) {
        const allowed = await sendRaw(stack.gateway.graphqlUrl, body, {}, RATE_LIMITED_ADDRESS)
        expect(allowed.status, `request ${index + 1} of ${perMinute}`).toBe(200)
      }
      const refused = await sendRaw(stack.gateway.graphqlUrl, body, {}, RATE_LIMITED_ADDRESS)
      expect(refused.status).toBe(429)
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED')
      expect(Number(refused.header('retry-after'))).toBeGreaterThanOrEqual(1)
      expect(Number(refused.header('retry-after'))).toBeLessThanOrEqual(60)
      expect(refused.body.data ?? null).toBeNull()
      // Another client is not affected.
      expect((await sendRaw(stack.gateway.graphqlUrl, body, {}, NOT_RATE_LIMITED_ADDRESS)).status).toBe(200)
    })
  })

  describe('audit database down', () => {
    it('returns 503 AUDIT_UNAVAILABLE and no personal data, while public boundary data is still served', async () => {
      const databaseName = decodeURIComponent(new URL(stack.auditDatabaseUrl).pathname.slice(1))
      const serverUrl = new URL(TEST_POSTGRES_URL)
      serverUrl.pathname = '/postgres'
      const server = new pg.Client({ connectionString: serverUrl.toString() })
      server.on('error', () => {})
      await server.connect()
      const subject = subjectOf('fullName')
      try {
        await server.query(`ALTER DATABASE "${databaseName}" WITH ALLOW_CONNECTIONS false`)
        await server.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [databaseName])

        const response = await send(citizenQuery('CitizenName', 'fullName'), { id: subject.personalId })
        expect(response.status).toBe(503)
        expect(errorCode(response)).toBe('AUDIT_UNAVAILABLE')
        expect(response.body.data ?? null).toBeNull()
        expect(response.text).not.toContain(subject.fullName)

        const boundary = await send('{ provinces { code name } }', undefined)
        expect(boundary.body.errors).toBeUndefined()
        expect(boundary.body.data.provinces).toHaveLength(34)
      } finally {
        await server.query(`ALTER DATABASE "${databaseName}" WITH ALLOW_CONNECTIONS true`)
        await server.end()
      }
      // Back up: personal data is served again, once it can be logged.
      const again = await send(citizenQuery('CitizenName', 'fullName'), { id: subject.personalId })
      expect(again.body.data?.citizen?.fullName).toBe(subject.fullName)
    })
  })
})
