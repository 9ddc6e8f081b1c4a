// `npm start --workspace @lienthong/subgraph-civil-status`: the civil-status subgraph on its own.
import { runSubgraphMain } from '@lienthong/lib/subgraph'
import { startCivilStatusSubgraph } from './server.js'

await runSubgraphMain('civil-status', 4003, startCivilStatusSubgraph)
