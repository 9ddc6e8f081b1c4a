// `npm start --workspace @lienthong/subgraph-boundary`: the boundary subgraph on its own.
import { runSubgraphMain } from '@lienthong/lib/subgraph'
import { startBoundarySubgraph } from './server.js'

await runSubgraphMain('boundary', 4001, startBoundarySubgraph)
