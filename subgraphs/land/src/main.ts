// `npm start --workspace @lienthong/subgraph-land`: the land subgraph on its own.
import { runSubgraphMain } from '@lienthong/lib/subgraph'
import { startLandSubgraph } from './server.js'

await runSubgraphMain('land', 4004, startLandSubgraph)
