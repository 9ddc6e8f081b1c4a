import { LRUCache } from 'lru-cache'
import { BufferedResponse, type Fetcher, type FetcherResponse } from './subgraph-fetch.js'

/**
 * Entity caching for public reference data (as Apollo Router's entity cache
 * does): a subgraph that answers an entity fetch with `cache-control: public,
 * max-age=N` (the boundary subgraph's administrative units, `@cacheControl`)
 * lets the gateway keep each entity it fetched for N seconds. The next fetch
 * asks the subgraph only for the entities it does not hold, and none at all
 * when it holds them all: a citizen's profile names a dozen units, each one
 * another round trip to the boundary subgraph otherwise.
 *
 * Only what a subgraph declares public is kept; the registers declare nothing
 * cacheable, so no personal data is ever cached. An entity is cached under the
 * selection and representation it was fetched with, so a different selection
 * is a different entry. A response with errors is never cached and,
 * for a partial fetch, the whole request is sent again uncached, so callers
 * see exactly the subgraph's errors.
 */
export interface EntityCache {
  /** Wraps one subgraph's fetcher (below it: signing, connections). */
  wrap(subgraph: string, fetcher: Fetcher): Fetcher
  /** Entities served from the cache and fetched, since the start. */
  readonly stats: { hits: number; misses: number }
}

export interface EntityCacheOptions {
  /** Entities kept at most (least recently used dropped first). Defaults to 50,000. */
  maxEntries?: number
  /** An upper bound on any subgraph's max-age, in seconds. Defaults to 3,600. */
  maxAgeSeconds?: number
}

interface EntitiesRequest {
  query: string
  variables: { representations: unknown[] } & Record<string, unknown>
  [key: string]: unknown
}

/** An entity fetch as the query planner writes it; the part after `_entities(…)` is the selection. */
const ENTITIES_QUERY = /^query\b[^{]*\(\$representations:\[_Any!\]!\)\{_entities\(representations:\$representations\)/

export function createEntityCache({ maxEntries = 50_000, maxAgeSeconds = 3_600 }: EntityCacheOptions = {}): EntityCache {
  const entities = new LRUCache<string, { value: unknown }>({ max: maxEntries })
  // Queries whose last answer was not cacheable: passed through without looking inside for a minute.
  const uncacheable = new LRUCache<string, true>({ max: 1_000, ttl: 60_000 })
  const stats = { hits: 0, misses: 0 }

  function wrap(subgraph: string, fetcher: Fetcher): Fetcher {
    return async (url, init = {}) => {
      const request = entitiesRequestOf(init.body)
      if (!request) return fetcher(url, init)
      // The planner names each fetch after the client's operation; the same selection from two operations is one entry.
      const selection = `${subgraph}\n${request.query.replace(ENTITIES_QUERY, '')}`
      if (uncacheable.has(selection)) return fetcher(url, init)
      const keyPrefix = `${selection}\n`
      const keys = request.variables.representations.map((representation) => keyPrefix + JSON.stringify(representation))
      const cached = keys.map((key) => entities.get(key))
      const missing = cached.flatMap((entry, index) => (entry === undefined ? [index] : []))
      stats.hits += keys.length - missing.length
      stats.misses += missing.length
      if (missing.length === 0) return entitiesResponse(url, cached.map((entry) => entry!.value))

      const partial = missing.length < keys.length
      const body = partial ? JSON.stringify({ ...request, variables: { ...request.variables, representations: missing.map((index) => request.variables.representations[index]) } }) : init.body
      const response = await fetcher(url, { ...init, body })
      const maxAge = publicMaxAgeOf(response)
      if (maxAge === undefined) uncacheable.set(selection, true)
      if (!partial && maxAge === undefined) return response

      const text = await response.text()
      const fetched = fetchedEntitiesOf(text, missing.length)
      if (response.status !== 200 || !fetched) {
        // Errors, or an answer not shaped as asked: the caller gets the subgraph's own answer to the whole request.
        return partial ? fetcher(url, init) : new BufferedResponse(url, response.status, response.headers, text)
      }
      const ttl = Math.min(maxAge ?? 0, maxAgeSeconds) * 1_000
      missing.forEach((index, position) => {
        const value = fetched[position]
        cached[index] = { value }
        if (ttl > 0) entities.set(keys[index]!, { value }, { ttl })
      })
      return partial ? entitiesResponse(url, cached.map((entry) => entry!.value)) : new BufferedResponse(url, response.status, response.headers, text)
    }
  }

  return { wrap, stats }
}

function entitiesRequestOf(body: string | Buffer | undefined): EntitiesRequest | undefined {
  // Most fetches are not entity fetches of a cacheable subgraph: a substring test before any parsing.
  if (typeof body !== 'string' || !body.includes('"representations"')) return undefined
  const parsed = JSON.parse(body) as Partial<EntitiesRequest>
  if (typeof parsed.query !== 'string' || !ENTITIES_QUERY.test(parsed.query) || !Array.isArray(parsed.variables?.representations)) return undefined
  return parsed as EntitiesRequest
}

/** The max-age of a response every cache may keep (`public`), else undefined. */
function publicMaxAgeOf(response: FetcherResponse): number | undefined {
  if (response.status !== 200) return undefined
  const directives = (response.headers.get('cache-control') ?? '').split(',').map((directive) => directive.trim().toLowerCase())
  if (!directives.includes('public') || directives.some((directive) => directive === 'no-store' || directive === 'private')) return undefined
  const maxAge = directives.find((directive) => directive.startsWith('max-age='))
  const seconds = maxAge === undefined ? Number.NaN : Number(maxAge.slice('max-age='.length))
  return Number.isInteger(seconds) && seconds > 0 ? seconds : undefined
}

/** The `_entities` of an answer without errors that holds one entity per representation asked, else undefined. */
function fetchedEntitiesOf(text: string, expected: number): unknown[] | undefined {
  const body = JSON.parse(text) as { data?: { _entities?: unknown }; errors?: unknown[] }
  const fetched = body.data?._entities
  if ((body.errors?.length ?? 0) > 0 || !Array.isArray(fetched) || fetched.length !== expected) return undefined
  return fetched
}

function entitiesResponse(url: string, values: unknown[]): FetcherResponse {
  const headers = new Headers({ 'content-type': 'application/json' })
  return new BufferedResponse(url, 200, headers as unknown as FetcherResponse['headers'], JSON.stringify({ data: { _entities: values } }))
}
