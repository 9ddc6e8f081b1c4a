import type { RunningSubgraph, SubgraphOptions } from '@lienthong/lib/subgraph'
import type { DatabaseName } from '@lienthong/migrations'
import { SUBGRAPHS, type SubgraphName } from '@lienthong/schema'
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
}

/**
 * Starts every subgraph of SUBGRAPHS on its database (already migrated), on
 * 127.0.0.1 (only the gateway may face the network), pushing each on `stack`.
 * Returns the GraphQL URL of each, for the gateway.
 */
export async function startAllSubgraphs(
  databaseUrls: ReadonlyMap<DatabaseName, string>,
  stack: StopStack,
  portOf: (name: SubgraphName, defaultPort: number) => number,
): Promise<Record<string, string>> {
  const subgraphUrls: Record<string, string> = {}
  for (const { name, port, database } of SUBGRAPHS) {
    const subgraphPort = portOf(name, port)
    const subgraph = await SUBGRAPH_STARTERS[name]({ databaseUrl: databaseUrls.get(database)!, port: subgraphPort, host: '127.0.0.1', migrate: false })
    stack.push(`subgraph-${name}`, () => subgraph.stop())
    subgraphUrls[name] = subgraph.graphqlUrl
  }
  return subgraphUrls
}
