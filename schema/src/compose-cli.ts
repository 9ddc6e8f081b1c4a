// `npm run compose`: recomposes schema/supergraph.graphql from the subgraphs' SDL files.
import { writeFileSync } from 'node:fs'
import { composeSupergraph, SUPERGRAPH_PATH } from './compose.js'

try {
  writeFileSync(SUPERGRAPH_PATH, composeSupergraph())
  console.log(`wrote ${SUPERGRAPH_PATH}`)
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
}
