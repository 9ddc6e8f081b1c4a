/**
 * Data quality of the five registers, read through the gateway like any
 * official's client: the mapping counts each register reports, and every value
 * a register holds about a citizen that disagrees with the population register
 * (each register's `Citizen.<register>Discrepancies`, which the gateway feeds
 * with population's values through `@requires`).
 */
import { subgraphOfRegister, type RegisterName } from '@lienthong/schema'
import type { DefectManifest, DiscrepancyField } from '@lienthong/seed'
import { trustedOperationDocument } from '@lienthong/gateway'

export interface MappingQuality {
  register: RegisterName
  total: number
  exact: number
  awaitingReview: number
  resolved: number
  notFound: number
}

export interface FoundDiscrepancy {
  register: RegisterName
  personalId: string
  recordType: string
  recordId: string
  field: DiscrepancyField
}

export interface DataQualityReport {
  mapping: MappingQuality[]
  discrepancies: FoundDiscrepancy[]
  citizensChecked: number
}

// Registered operations: the scripts' machine client may run only what the trusted operations manifest lists.
const MAPPING_QUERY = trustedOperationDocument('register-mapping-quality')
const DISCREPANCY_QUERY = trustedOperationDocument('register-discrepancies')

type DiscrepancyNode = { register: RegisterName; recordType: string; recordId: string; field: DiscrepancyField }
type CitizenNode = { personalId: string } & Record<`${string}Discrepancies`, DiscrepancyNode[]>

/** Walks every citizen a page at a time; `pageSize` citizens per gateway request. */
export async function collectDataQuality(
  graphqlUrl: string,
  { pageSize = 200, headers = {} }: { pageSize?: number; /** Authorization and the declared purpose. */ headers?: Record<string, string> } = {},
): Promise<DataQualityReport> {
  const mappingData = await postOperation<Record<string, MappingQuality>>(graphqlUrl, MAPPING_QUERY, {}, headers)
  const discrepancies: FoundDiscrepancy[] = []
  let citizensChecked = 0
  let after: string | null = null
  for (;;) {
    const data: { allCitizens: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: CitizenNode }[] } } = await postOperation(
      graphqlUrl,
      DISCREPANCY_QUERY,
      { first: pageSize, after },
      headers,
    )
    for (const { node: citizen } of data.allCitizens.edges) {
      citizensChecked++
      for (const key of ['civilStatusDiscrepancies', 'landDiscrepancies', 'businessDiscrepancies', 'insuranceDiscrepancies'] as const) {
        for (const found of citizen[key] ?? []) discrepancies.push({ ...found, personalId: citizen.personalId })
      }
    }
    if (!data.allCitizens.pageInfo.hasNextPage) break
    after = data.allCitizens.pageInfo.endCursor
  }
  return { mapping: Object.values(mappingData), discrepancies, citizensChecked }
}

async function postOperation<T>(url: string, query: string, variables: Record<string, unknown>, headers: Record<string, string>): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  })
  const body = (await response.json()) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] }
  if (body.errors?.length || !body.data) {
    const messages = (body.errors ?? []).map((error) => `${error.extensions?.code ?? 'ERROR'}: ${error.message}`).join('; ')
    throw new Error(`the gateway answered HTTP ${response.status} with errors: ${messages || 'no data'}`)
  }
  return body.data
}

/** A discrepancy's identity, for comparing what was found with what the seed injected. */
export function discrepancyKey(discrepancy: Pick<FoundDiscrepancy, 'register' | 'personalId' | 'field' | 'recordType' | 'recordId'>): string {
  return [discrepancy.register, discrepancy.personalId, discrepancy.field, discrepancy.recordType, discrepancy.recordId].join('|')
}

/** What `compareWithManifest` found. */
export interface ManifestComparison {
  expectedDefects: number
  expectedAddressDefects: number
  /** Injected discrepancies not found. */
  missed: string[]
  /** Discrepancies found that were not injected. */
  unexpected: string[]
  mappingMismatches: string[]
}

/**
 * Compares a report with the seed's manifest: every injected discrepancy must
 * be found and nothing else, and each register's SPLIT_NEEDS_REVIEW (plus
 * resolved) and NOT_FOUND counts must equal the addresses generated under
 * split and unknown communes.
 */
export function compareWithManifest(report: DataQualityReport, manifest: DefectManifest): ManifestComparison {
  const expected = new Set(manifest.discrepancies.map(discrepancyKey))
  const found = new Set(report.discrepancies.map(discrepancyKey))
  const mappingMismatches: string[] = []
  for (const mapping of report.mapping) {
    const addresses = manifest.addresses[subgraphOfRegister(mapping.register) as keyof DefectManifest['addresses']]
    const actual = { total: mapping.total, split: mapping.awaitingReview + mapping.resolved, unknown: mapping.notFound }
    for (const key of ['total', 'split', 'unknown'] as const) {
      if (actual[key] !== addresses[key]) mappingMismatches.push(`${mapping.register} ${key}: expected ${addresses[key]}, found ${actual[key]}`)
    }
  }
  return {
    expectedDefects: expected.size,
    expectedAddressDefects: Object.values(manifest.addresses).reduce((sum, counts) => sum + counts.split + counts.unknown, 0),
    missed: [...expected].filter((key) => !found.has(key)),
    unexpected: [...found].filter((key) => !expected.has(key)),
    mappingMismatches,
  }
}
