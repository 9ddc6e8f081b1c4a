// `npm start --workspace @lienthong/subgraph-population`: the population subgraph on its own.
import { runSubgraphMain } from '@lienthong/lib/subgraph'
import { startPopulationSubgraph } from './server.js'

await runSubgraphMain('population', 4002, startPopulationSubgraph)
