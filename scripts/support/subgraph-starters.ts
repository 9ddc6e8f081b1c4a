import type { GatewaySecret, RunningSubgraph, SubgraphOptions } from '@lienthong/lib/subgraph'
import type { DatabaseName } from '@lienthong/migrations'
import { SUBGRAPHS, type SubgraphName } from '@lienthong/schema'
import { startAuditSubgraph } from '@lienthong/subgraph-audit'
import { startBoundarySubgraph } from '@lienthong/subgraph-boundary'
import { startBusinessSubgraph } from '@lienthong/subgraph-business'
import { startCasesSubgraph } from '@lienthong/subgraph-cases'
import { startCivilStatusSubgraph } from '@lienthong/subgraph-civil-status'
import { startInsuranceSubgraph } from '@lienthong/subgraph-insurance'
import { startLandSubgraph } from '@lienthong/subgraph-land'
import { startPopulationSubgraph } from '@lienthong/subgraph-population'
import type { StopStack } from './stop-stack.js'

/** How to start each subgraph of SUBGRAPHS; a new subgraph adds its line here. */
export const SUBGRAPH_STARTERS: Record<SubgraphName, (options: SubgraphOptions) => Promise<RunningSubgraph>> = {
  boundary: startBoundarySubgraph,
  population: startPopulationSubgraph,
  'civil-status': startCivilStatusSubgraph,
  land: startLandSubgraph,
  business: startBusinessSubgraph,
  insurance: startInsuranceSubgraph,
  cases: startCasesSubgraph,
  audit: startAuditSubgraph,
}

export interface StartAllSubgraphsOptions {
  /**
   * The secret the gateway signs subgraph requests with; every subgraph
   * verifies with it. Defaults to `readGatewaySecret()` in each subgraph
   * (`LIENTHONG_GATEWAY_SECRET`, or the checkout's development secret), which
   * is what the gateway reads too when it is given none.
   */
  gatewaySecret?: GatewaySecret
}

/**
 * Starts every subgraph of SUBGRAPHS on its database (already migrated), on
 * 127.0.0.1 (only the gateway may face the network), pushing each on `stack`.
 * Each answers requests signed with `gatewaySecret` only. Returns the GraphQL
 * URL of each, for the gateway.
 *
 * ```ts
 * const subgraphUrls = await startAllSubgraphs(databaseUrls, stack, () => 0, { gatewaySecret })
 * const gateway = await startGateway({ subgraphUrls, … }) // signing with the same secret
 * ```
 */
export async function startAllSubgraphs(
  databaseUrls: ReadonlyMap<DatabaseName, string>,
  stack: StopStack,
  portOf: (name: SubgraphName, defaultPort: number) => number,
  { gatewaySecret }: StartAllSubgraphsOptions = {},
): Promise<Record<string, string>> {
  const subgraphUrls: Record<string, string> = {}
  for (const { name, port, database } of SUBGRAPHS) {
    const subgraphPort = portOf(name, port)
    const subgraph = await SUBGRAPH_STARTERS[name]({
      databaseUrl: databaseUrls.get(database)!,
      port: subgraphPort,
      host: '127.0.0.1',
      migrate: false,
      ...(gatewaySecret ? { gatewaySecret } : {}),
    })
    stack.push(`subgraph-${name}`, () => subgraph.stop())
    subgraphUrls[name] = subgraph.graphqlUrl
  }
  return subgraphUrls
}
