// `npm start --workspace @lienthong/subgraph-insurance`: the insurance subgraph on its own.
import { runSubgraphMain } from '@lienthong/lib/subgraph'
import { startInsuranceSubgraph } from './server.js'

await runSubgraphMain('insurance', 4006, startInsuranceSubgraph)
