/**
 * What bench/src/peers/hive-gateway.ts passes to the Hive Gateway process it
 * starts, as JSON in the environment variable {@link HIVE_PEER_SETTINGS_VARIABLE};
 * gateway.config.ts reads it. No side effects: both processes import it.
 */
import type { GatewayCaller, GatewayPurpose } from '@lienthong/lib/subgraph'

export const HIVE_PEER_SETTINGS_VARIABLE = 'LIENTHONG_HIVE_PEER'

export interface HivePeerSettings {
  /** Subgraph name (the supergraph's `join__graph(name:)`) → the GraphQL URL it runs at. */
  subgraphUrls: Record<string, string>
  /** The gateway secret, base64. */
  gatewaySecretBase64: string
  /** Every subgraph request is signed as this caller, for this purpose. */
  caller: GatewayCaller
  purpose: GatewayPurpose
  /** False switches off Hive's in-flight deduplication of identical subgraph queries. */
  deduplicateInflightRequests: boolean
}
