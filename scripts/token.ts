/**
 * `npm run -s token -- --role official|machine|citizen …`: prints a bearer
 * token from the development issuer (`.lienthong/dev-issuer/`, the key the
 * gateway trusts when no AUTH_ISSUER is set), and nothing else on stdout:
 *
 * ```sh
 * TOKEN=$(npm run -s token -- --role official --agency UBND-P-26734 --roles can-bo-ho-tich --scope "population:read" --jurisdiction 79)
 * curl -H "Authorization: Bearer $TOKEN" …
 * ```
 *
 * Refused in production mode (NODE_ENV=production). Bad arguments exit with code 2.
 */
import { isProductionMode } from '@lienthong/lib/subgraph'
import { DEVELOPMENT_ISSUER, signDevelopmentToken, type DevelopmentTokenOptions } from '../gateway/src/auth/development-issuer.js'
import { parseScriptOptions, usageError } from './support/arguments.js'
import { describeError } from './support/describe-error.js'

const USAGE = `usage: npm run -s token -- --role official|machine|citizen [options]

  --role official|machine|citizen  the kind of caller
  --agency CODE        official (required) or machine: e.g. UBND-P-26734
  --subject ID         official: the account (sub), default dev-official
  --roles "R1 R2"      official: role names, space- or comma-separated
  --scope "S1 S2"      scopes, space-separated (OAuth style)
  --jurisdiction "79 26734"  official: 2025 unit codes; none means nationwide
  --client-id ID       machine (required): e.g. dvcqg
  --personal-id ID     citizen (required): số định danh cá nhân, 12 digits
  --ttl SECONDS        lifetime, default 3600
  --audience AUD       default AUTH_AUDIENCE or "lienthong"`

const ARGUMENTS = { usage: USAGE }
const KINDS = ['official', 'machine', 'citizen'] as const

if (isProductionMode()) {
  console.error('npm run token issues development tokens, which production mode (NODE_ENV=production) refuses to issue or accept.')
  process.exit(1)
}

const options = parseArguments()
if (process.env.AUTH_ISSUER && process.env.AUTH_ISSUER !== DEVELOPMENT_ISSUER) {
  console.error(`warning: AUTH_ISSUER is ${process.env.AUTH_ISSUER}; a gateway started with it will refuse this development token.`)
}
try {
  process.stdout.write(`${await signDevelopmentToken(options)}\n`)
} catch (error) {
  console.error(`token: ${describeError(error)}`)
  process.exit(2)
}

function parseArguments(): DevelopmentTokenOptions {
  const values = parseScriptOptions(
    {
      role: { type: 'string' },
      agency: { type: 'string' },
      subject: { type: 'string' },
      roles: { type: 'string' },
      scope: { type: 'string' },
      jurisdiction: { type: 'string' },
      'client-id': { type: 'string' },
      'personal-id': { type: 'string' },
      ttl: { type: 'string' },
      audience: { type: 'string' },
    },
    ARGUMENTS,
  )
  const kind = values.role
  if (!isKind(kind)) usageError(`--role must be one of ${KINDS.join(', ')}`, ARGUMENTS)
  const ttl = values.ttl ?? '3600'
  if (!/^\d+$/.test(ttl) || Number(ttl) < 1 || Number(ttl) > 366 * 24 * 3600) usageError(`--ttl must be a number of seconds between 1 and one year, got "${ttl}"`, ARGUMENTS)
  return {
    kind,
    agency: values.agency,
    subject: values.subject,
    roles: words(values.roles),
    scopes: words(values.scope),
    jurisdiction: words(values.jurisdiction),
    clientId: values['client-id'],
    personalId: values['personal-id'],
    ttlSeconds: Number(ttl),
    audience: values.audience,
  }
}

function isKind(value: string | undefined): value is (typeof KINDS)[number] {
  return (KINDS as readonly (string | undefined)[]).includes(value)
}

/** "a b,c" → ["a", "b", "c"]; undefined stays undefined. */
function words(value: string | undefined): string[] | undefined {
  return value?.split(/[\s,]+/).filter(Boolean)
}
