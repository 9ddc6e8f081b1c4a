import { isProductionMode } from '@lienthong/lib/subgraph'
import { signDevelopmentToken } from '@lienthong/gateway'
import { LIENTHONG_SCOPES } from '@lienthong/lib/authorization'

/** The machine client the project's scripts (quality sweep, drafts report) act as. */
export const SCRIPT_CLIENT_ID = 'lienthong-scripts'

/**
 * The Authorization header a script sends to the gateway: `LIENTHONG_TOKEN`
 * when set (required in production), else a development token for the
 * scripts' machine client with every scope, valid one hour.
 */
export async function scriptAuthorization(env: NodeJS.ProcessEnv = process.env): Promise<Record<string, string>> {
  if (env.LIENTHONG_TOKEN) return { authorization: `Bearer ${env.LIENTHONG_TOKEN}` }
  if (isProductionMode(env)) throw new Error('set LIENTHONG_TOKEN to a bearer token for the scripts’ client: production mode issues no development tokens')
  const token = await signDevelopmentToken({ kind: 'machine', clientId: SCRIPT_CLIENT_ID, agency: 'LIENTHONG', scopes: [...LIENTHONG_SCOPES], env })
  return { authorization: `Bearer ${token}` }
}

