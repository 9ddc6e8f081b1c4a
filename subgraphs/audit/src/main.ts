// `npm start --workspace @lienthong/subgraph-audit`: the audit subgraph (the citizen's data tracker) on its own.
import { runSubgraphMain } from '@lienthong/lib/subgraph'
import { startAuditSubgraph } from './server.js'

await runSubgraphMain('audit', 4008, startAuditSubgraph)
