// `npm start --workspace @lienthong/subgraph-cases`: the cases subgraph on its own.
import { runSubgraphMain } from '@lienthong/lib/subgraph'
import { startCasesSubgraph } from './server.js'

await runSubgraphMain('cases', 4007, startCasesSubgraph)
