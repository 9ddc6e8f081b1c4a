import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import express, { type Request, type Router } from 'express'

/**
 * The query the explorer opens with: one province and its first communes,
 * enough to show the boundary data and pagination on a first visit.
 */
export const DEFAULT_EXPLORER_QUERY = `# lienthong: one GraphQL API over Vietnam's government databases,
# with the administrative units of 1 July 2025 (34 provinces, 3,321 communes).
#
# Run with Ctrl-Enter or the ▶ button; the Docs panel (book icon) lists every type.

query HoChiMinhCity {
  province(code: "79") {
    name
    communes(first: 5) {
      totalCount
      nodes {
        code
        name
      }
    }
  }
}
`

/**
 * Everything the page may load: its own origin, and `data:` URLs for the
 * fonts and icons GraphiQL's stylesheet embeds. GraphiQL and React set inline
 * styles, hence `'unsafe-inline'` for styles only; scripts need neither inline
 * code nor `eval`. A stray reference to a CDN is refused by the browser.
 */
export const EXPLORER_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

export interface ExplorerRouterOptions {
  /** Path of the GraphQL endpoint the page is served on and queries. Defaults to `/graphql`. */
  endpointPath?: string
  /** Query shown on a first visit. Defaults to {@link DEFAULT_EXPLORER_QUERY}. */
  defaultQuery?: string
}

const require = createRequire(import.meta.url)
const here = path.dirname(fileURLToPath(import.meta.url))
const packageDir = (name: string) => path.dirname(require.resolve(`${name}/package.json`))

/**
 * The files of the page, served from node_modules and this folder: UMD builds
 * of React and GraphiQL (pinned in gateway/package.json), so the explorer works
 * on a closed government network with no CDN.
 */
const ASSETS: Record<string, string> = {
  'react.production.min.js': path.join(packageDir('react'), 'umd/react.production.min.js'),
  'react-dom.production.min.js': path.join(packageDir('react-dom'), 'umd/react-dom.production.min.js'),
  'graphiql.min.js': path.join(packageDir('graphiql'), 'graphiql.min.js'),
  'graphiql.min.css': path.join(packageDir('graphiql'), 'graphiql.min.css'),
  // graphiql.min.js names its source map after the file it was copied from.
  'index.umd.js.map': path.join(packageDir('graphiql'), 'graphiql.min.js.map'),
  'explorer.js': path.join(here, 'explorer.js'),
  'explorer.css': path.join(here, 'explorer.css'),
}

/** Media types for the asset extensions above; `charset` so no browser guesses. */
const MEDIA_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
}

/**
 * The offline GraphQL explorer: a GET on the endpoint from a browser (one that
 * prefers `text/html`) gets a GraphiQL page; any other GET or POST goes on to
 * the GraphQL handler. Assets are under `/explorer/assets/`.
 *
 * ```ts
 * app.use(createExplorerRouter())
 * app.use('/graphql', express.json(), expressMiddleware(server))
 * ```
 */
export function createExplorerRouter({ endpointPath = '/graphql', defaultQuery = DEFAULT_EXPLORER_QUERY }: ExplorerRouterOptions = {}): Router {
  const page = renderExplorerPage(defaultQuery)
  const assetBase = path.posix.join(path.posix.dirname(endpointPath), 'explorer/assets')
  const router = express.Router()

  router.get(endpointPath, (request, response, next) => {
    if (!prefersHtml(request)) return next()
    response
      .set({
        'Content-Security-Policy': EXPLORER_CONTENT_SECURITY_POLICY,
        'Cache-Control': 'no-cache',
        'Referrer-Policy': 'no-referrer',
        'X-Content-Type-Options': 'nosniff',
        Vary: 'Accept',
      })
      .type('html')
      .send(page)
  })

  router.get(`${assetBase}/:file`, (request, response, next) => {
    const file = ASSETS[request.params.file as string]
    if (!file) return next()
    response.sendFile(file, {
      maxAge: '1h',
      headers: {
        'Content-Type': MEDIA_TYPES[path.extname(request.params.file as string)] ?? 'application/octet-stream',
        'Content-Security-Policy': EXPLORER_CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
      },
    })
  })

  return router
}

/**
 * A browser navigating to the endpoint sends `Accept: text/html,…,*\/*;q=0.8`;
 * GraphQL clients send `application/graphql-response+json` or
 * `application/json`, or nothing (`*\/*`), and get GraphQL.
 */
function prefersHtml(request: Request): boolean {
  return request.accepts(['application/graphql-response+json', 'application/json', 'text/html']) === 'text/html'
}

function renderExplorerPage(defaultQuery: string): string {
  const template = readFileSync(path.join(here, 'explorer.html'), 'utf8')
  // `<` escaped: the JSON sits in a <script> element and must not be able to close it.
  const config = JSON.stringify({ defaultQuery }).replace(/</g, '\\u003c')
  return template.replace('__EXPLORER_CONFIG__', () => config)
}
