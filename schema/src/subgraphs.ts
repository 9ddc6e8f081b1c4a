/**
 * THE list of subgraphs: compose, `npm start`, the gateway and the tests read it.
 * `port` is the default; `<NAME>_PORT` overrides it and `<NAME>_URL` tells the
 * gateway where a separately deployed subgraph runs.
 */
export interface SubgraphDefinition {
  /** Subgraph name in the supergraph, also its folder under `subgraphs/`. */
  name: string
  /** Default port; the gateway takes 4000 and the subgraphs the ports after it. */
  port: number
  /** Its own database, migrated from `migrations/<database>/`. */
  database: 'boundary'
}

export const SUBGRAPHS: readonly SubgraphDefinition[] = [{ name: 'boundary', port: 4001, database: 'boundary' }]

export const GATEWAY_PORT = 4000
