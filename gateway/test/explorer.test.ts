import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_EXPLORER_QUERY, type RunningGateway } from '../src/index.js'
import { startTestGateway } from './test-gateway.js'

// A browser's Accept header on navigation (Chromium).
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8'

describe('offline explorer', () => {
  let gateway: RunningGateway

  beforeAll(async () => {
    // No subgraph runs: serving the page and its assets must not need one.
    gateway = await startTestGateway({ port: 0 })
  })

  afterAll(async () => {
    await gateway?.stop()
  })

  it('when a browser opens /graphql, then it gets the GraphiQL page with the default query', async () => {
    const response = await fetch(gateway.graphqlUrl, { headers: { accept: BROWSER_ACCEPT } })
    const html = await response.text()

    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/html/)
    expect(html).toContain('<div id="graphiql">')
    const config = JSON.parse(html.match(/<script type="application\/json" id="explorer-config">(.*?)<\/script>/s)![1]!)
    expect(config.defaultQuery).toBe(DEFAULT_EXPLORER_QUERY)
  })

  it('when the page is served, then its Content-Security-Policy allows only this origin and inline styles', async () => {
    const response = await fetch(gateway.graphqlUrl, { headers: { accept: 'text/html' } })
    const policy = parsePolicy(response.headers.get('content-security-policy') ?? '')

    expect(policy.get('default-src')).toEqual(["'self'"])
    expect(policy.get('script-src')).toEqual(["'self'"])
    expect(policy.get('connect-src')).toEqual(["'self'"])
    expect(policy.get('style-src')).toEqual(["'self'", "'unsafe-inline'"])
    expect(policy.get('font-src')).toEqual(["'self'", 'data:'])
    expect(policy.get('frame-ancestors')).toEqual(["'none'"])
    expect([...policy.values()].flat().filter((source) => /^https?:|^\*$|unsafe-eval/.test(source))).toEqual([])
  })

  it('when the page is served, then it has no inline script to run', async () => {
    const html = await (await fetch(gateway.graphqlUrl, { headers: { accept: 'text/html' } })).text()
    const scripts = [...html.matchAll(/<script\b([^>]*)>(.*?)<\/script>/gs)]

    const inlineCode = scripts.filter(([, attributes, body]) => !/\bsrc=/.test(attributes!) && !/type="application\/json"/.test(attributes!) && body!.trim() !== '')
    expect(inlineCode).toEqual([])
  })

  it('when the page references scripts and stylesheets, then the gateway serves each of them itself', async () => {
    const html = await (await fetch(gateway.graphqlUrl, { headers: { accept: 'text/html' } })).text()
    const references = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map(([, reference]) => reference!).filter((reference) => !reference.startsWith('data:'))

    expect(references.length).toBeGreaterThanOrEqual(5)
    for (const reference of references) {
      expect(reference).not.toMatch(/^(https?:)?\/\//)
      const response = await fetch(new URL(reference, gateway.graphqlUrl))
      expect({ reference, status: response.status }).toEqual({ reference, status: 200 })
      expect(response.headers.get('content-type')).toMatch(reference.endsWith('.css') ? /^text\/css/ : /^text\/javascript/)
      expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    }
  })

  it('when GraphiQL assets are served, then they are the pinned graphiql and react builds', async () => {
    const require = createRequire(import.meta.url)
    const graphiqlDir = path.dirname(require.resolve('graphiql/package.json'))

    const served = await (await fetch(new URL('/explorer/assets/graphiql.min.js', gateway.url))).text()

    expect(served).toBe(readFileSync(path.join(graphiqlDir, 'graphiql.min.js'), 'utf8'))
    expect(await (await fetch(new URL('/explorer/assets/react.production.min.js', gateway.url))).text()).toContain('18.3.1')
  })

  it("when GraphiQL's stylesheet embeds fonts and images, then every url() is a data: URL", async () => {
    const css = await (await fetch(new URL('/explorer/assets/graphiql.min.css', gateway.url))).text()
    const urls = [...css.matchAll(/url\(\s*['"]?([^'")]+)/g)].map(([, url]) => url!)

    expect(urls.length).toBeGreaterThan(0)
    expect(urls.filter((url) => !url.startsWith('data:'))).toEqual([])
    expect(css).not.toMatch(/@import/)
  })

  it('when an unknown asset is asked for, then the answer is 404', async () => {
    const response = await fetch(new URL('/explorer/assets/..%2Fpackage.json', gateway.url))

    expect(response.status).toBe(404)
  })

  it('when a GraphQL client GETs /graphql, then it gets GraphQL, not the page', async () => {
    const url = new URL(gateway.graphqlUrl)
    url.searchParams.set('query', '{ __typename }')

    const response = await fetch(url, { headers: { accept: 'application/json', 'apollo-require-preflight': 'true' } })

    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } })
  })
})

function parsePolicy(header: string): Map<string, string[]> {
  return new Map(
    header
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name!, sources]),
  )
}
