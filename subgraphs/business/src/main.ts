// `npm start --workspace @lienthong/subgraph-business`: the business subgraph on its own.
import { runSubgraphMain } from '@lienthong/lib/subgraph'
import { startBusinessSubgraph } from './server.js'

await runSubgraphMain('business', 4005, startBusinessSubgraph)
