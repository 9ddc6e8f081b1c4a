/**
 * Hive Gateway's configuration file, found by its CLI in the working
 * directory (`hive-gateway supergraph <file>` run in bench/peers/hive-gateway
 * by bench/src/peers/hive-gateway.ts). Everything is Hive's default except:
 *
 * - each subgraph's URL: the subgraphs the benchmark started, not the routing
 *   URLs composed into the supergraph (`transportEntries[name].location`);
 * - a plugin that signs every subgraph request as the lienthong gateway does
 *   (`x-lienthong-gateway-signature`), without which the subgraphs refuse it;
 * - in-flight deduplication of identical subgraph requests, on by default,
 *   switched off when the benchmark asks (`deduplicateInflightRequests: false`
 *   on the HTTP transport, as Hive's documentation shows:
 *   https://the-guild.dev/graphql/hive/docs/gateway/other-features/performance/deduplicate-request).
 *
 * The settings come from the parent process, as JSON in `LIENTHONG_HIVE_PEER`
 * (settings.ts).
 *
 * Hive's own types are not imported: this file is type-checked with the
 * bench workspace, which must pass where this peer is not installed. The few
 * shapes it uses are declared below as Hive 2.15 defines them
 * (`GatewayConfig`, `OnFetchHookPayload` from @graphql-mesh/types).
 */
import { GATEWAY_SIGNATURE_HEADER, signSubgraphRequest } from '@lienthong/lib/subgraph'
import { HIVE_PEER_SETTINGS_VARIABLE, type HivePeerSettings } from './settings.js'

/** The part of Hive's `OnFetchHookPayload` the signing plugin uses. */
interface FetchHookPayload {
  url: string
  options: { body?: unknown; headers?: Record<string, string> | Headers | [string, string][] | undefined }
  setOptions(options: FetchHookPayload['options']): void
  executionRequest?: { subgraphName?: string | undefined } | undefined
}

interface TransportEntry {
  location?: string
  options?: { deduplicateInflightRequests?: boolean }
}

const settings = readSettings()
const gatewaySecret = Buffer.from(settings.gatewaySecretBase64, 'base64')
// The signature is addressed to the subgraph by name. Each subgraph runs at its own URL, so the URL Hive fetches
// names it; Hive's execution request carries the name too, for a subgraph left at its composed routing URL.
const subgraphByUrl = new Map(Object.entries(settings.subgraphUrls).map(([name, url]) => [url, name]))

const transportEntries: Record<string, TransportEntry> = {}
for (const [name, url] of Object.entries(settings.subgraphUrls)) transportEntries[name] = { location: url }
if (!settings.deduplicateInflightRequests) transportEntries['*.http'] = { options: { deduplicateInflightRequests: false } }

export const gatewayConfig = {
  transportEntries,
  plugins: () => [
    {
      // Runs for every HTTP request to a subgraph, after deduplication (one signature per request actually sent)
      // and as the last plugin, so it sees the body exactly as sent and signs those bytes.
      async onFetch({ url, options, setOptions, executionRequest }: FetchHookPayload) {
        const subgraph = subgraphByUrl.get(url) ?? executionRequest?.subgraphName
        if (subgraph === undefined) throw new Error(`Hive Gateway fetches ${url}, which is no subgraph it was given: refusing to send it unsigned.`)
        if (typeof options.body !== 'string') throw new Error(`Hive Gateway sent a body that is not text to subgraph ${subgraph}; only text bodies are signed.`)
        const headers: Record<string, string> = {}
        new Headers(options.headers).forEach((value, name) => (headers[name] = value))
        headers[GATEWAY_SIGNATURE_HEADER] = await signSubgraphRequest({ secret: gatewaySecret, subgraph, body: options.body, caller: settings.caller, purpose: settings.purpose })
        setOptions({ ...options, headers })
      },
    },
  ],
}

function readSettings(): HivePeerSettings {
  const text = process.env[HIVE_PEER_SETTINGS_VARIABLE]
  if (!text) throw new Error(`${HIVE_PEER_SETTINGS_VARIABLE} is not set: start this peer with startHiveGateway() from bench/src/peers/hive-gateway.ts.`)
  return JSON.parse(text) as HivePeerSettings
}
