// `npm run compose` step: regenerates src/draft-types.graphql from the committed procedure catalogue.
import { writeFileSync } from 'node:fs'
import { readCatalogueFile } from '../catalogue.js'
import { draftTypeDefs } from '../drafts/draft-types.js'

const target = new URL('../draft-types.graphql', import.meta.url)
writeFileSync(target, draftTypeDefs(readCatalogueFile()))
console.log(`wrote ${target.pathname}`)
