import path from 'node:path'
import type { ApolloServerPlugin, BaseContext } from '@apollo/server'
import { isProductionMode } from '@lienthong/lib/subgraph'
import express, { type Request, type Router } from 'express'
import { BREAK, visit, type DocumentNode } from 'graphql'
import type { Caller } from '../auth/caller.js'
import { refusalError } from './refusal.js'

export const INTROSPECTION_DISABLED_CODE = 'INTROSPECTION_DISABLED'

/** The scope that may read the schema by introspection in production. */
export const ADMIN_SCOPE = 'admin'

export interface IntrospectionGuardOptions<TContext extends BaseContext> {
  /** Guard on. Defaults to production mode (`NODE_ENV=production`); outside it, the plugin does nothing. */
  production?: boolean
  /** The verified caller. Defaults to `contextValue.caller`. */
  callerOf?(contextValue: TContext): Caller | null | undefined
}

/**
 * In production, introspection (`__schema`, `__type`) is for callers with the
 * `admin` scope only: anyone else gets code INTROSPECTION_DISABLED, HTTP 403,
 * and nothing executes. `__typename` stays open: clients need it for unions.
 * ApolloServer keeps `introspection: true`, so that admins can introspect.
 *
 * ```ts
 * new ApolloServer<GatewayContext>({ gateway, introspection: true, plugins: [createIntrospectionGuardPlugin<GatewayContext>(), …] })
 * ```
 */
export function createIntrospectionGuardPlugin<TContext extends BaseContext>(options: IntrospectionGuardOptions<TContext> = {}): ApolloServerPlugin<TContext> {
  const { production = isProductionMode() } = options
  const callerOf = options.callerOf ?? ((contextValue: TContext) => (contextValue as { caller?: Caller | null }).caller)
  if (!production) return {}
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, contextValue }) {
          if (!introspects(document) || callerOf(contextValue)?.scopes.includes(ADMIN_SCOPE)) return
          throw refusalError('Introspection is disabled in production; it needs the admin scope. The schema is documented in the repository.', INTROSPECTION_DISABLED_CODE, 403)
        },
      }
    },
  }
}

/** Apollo hands the same DocumentNode back from its cache: each document is searched once. */
const introspectionByDocument = new WeakMap<DocumentNode, boolean>()

/** Whether a document selects `__schema` or `__type` anywhere, fragments included. */
export function introspects(document: DocumentNode): boolean {
  let found = introspectionByDocument.get(document)
  if (found === undefined) {
    found = selectsIntrospection(document)
    introspectionByDocument.set(document, found)
  }
  return found
}

function selectsIntrospection(document: DocumentNode): boolean {
  let found = false
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') {
        found = true
        return BREAK
      }
      return undefined
    },
  })
  return found
}

/** `LIENTHONG_EXPLORER=on` turns the explorer on in production; `off` turns it off anywhere. */
export const EXPLORER_VARIABLE = 'LIENTHONG_EXPLORER'

/** Whether the gateway serves the explorer: outside production unless switched off, in production only when switched on. */
export function isExplorerEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  const setting = env[EXPLORER_VARIABLE]
  if (setting === 'on') return true
  if (setting === 'off') return false
  return !isProductionMode(env)
}

export interface ExplorerGuardOptions {
  /** Defaults to {@link isExplorerEnabled}(). */
  enabled?: boolean
  /** The GraphQL endpoint the explorer is served on. Defaults to `/graphql`. */
  endpointPath?: string
}

/**
 * Express middleware, mounted before `createExplorerRouter`: when the explorer
 * is off, a browser's GET of the endpoint and the explorer's assets answer 404,
 * and GraphQL GETs and POSTs go on as before.
 *
 * The explorer is a page a browser opens without a bearer token, so it cannot
 * be opened "for admins only": in production it is off unless
 * `LIENTHONG_EXPLORER=on`, and even then its schema (introspection) loads only
 * for a caller with the admin scope, whose token goes into GraphiQL's Headers
 * tab as `{"Authorization": "Bearer …"}`.
 *
 * ```ts
 * app.use(createExplorerGuard())
 * app.use(createExplorerRouter({ endpointPath: '/graphql' }))
 * ```
 */
export function createExplorerGuard({ enabled = isExplorerEnabled(), endpointPath = '/graphql' }: ExplorerGuardOptions = {}): Router {
  const router = express.Router()
  if (enabled) return router
  const assetBase = path.posix.join(path.posix.dirname(endpointPath), 'explorer/assets')
  router.get(endpointPath, (request, response, next) => {
    if (!prefersHtml(request)) return next()
    response.status(404).type('text').send('Not Found')
  })
  router.use(assetBase, (_request, response) => {
    response.status(404).type('text').send('Not Found')
  })
  return router
}

/** As the explorer route decides: a browser navigating prefers text/html to any GraphQL media type. */
function prefersHtml(request: Request): boolean {
  return request.accepts(['application/graphql-response+json', 'application/json', 'text/html']) === 'text/html'
}
