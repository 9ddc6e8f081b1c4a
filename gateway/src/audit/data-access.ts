import { SUBGRAPHS } from '@lienthong/schema'

const REGISTER_SUBGRAPHS: ReadonlySet<string> = new Set(SUBGRAPHS.filter((subgraph) => subgraph.register).map((subgraph) => subgraph.name))

/** Keys under which a personal id travels between the gateway and the subgraphs (entity keys, arguments, draft input). */
const PERSONAL_ID_KEYS = new Set(['personalId', 'personalIds', 'applicantId'])
const PERSONAL_ID = /^\d{12}$/

/**
 * What one request touched, gathered while it runs: the registers the gateway
 * queried, whose data went to or came from them, and the field coordinates
 * the operation read. It becomes the request's audit entry.
 */
export class DataAccess {
  readonly registers = new Set<string>()
  readonly subjects = new Set<string>()
  fields: readonly string[] = []
  denied = false

  /** A subgraph request: which subgraph, and the personal ids in its variables (arguments, entity representations). */
  sentTo(subgraph: string, variables: unknown): void {
    if (REGISTER_SUBGRAPHS.has(subgraph)) this.registers.add(subgraph)
    collectPersonalIds(variables, this.subjects)
  }

  /** A subgraph response: the personal ids of the people whose records it carries. */
  receivedFrom(body: unknown): void {
    collectPersonalIds(body, this.subjects)
  }

  /** Whether the request read (or was refused) personal data and must leave an audit entry. */
  get touchedPersonalData(): boolean {
    return this.registers.size > 0 || this.subjects.size > 0
  }
}

function collectPersonalIds(value: unknown, into: Set<string>, key?: string): void {
  if (Array.isArray(value)) {
    for (const item of value) collectPersonalIds(item, into, key)
    return
  }
  if (typeof value === 'string') {
    if (key !== undefined && PERSONAL_ID_KEYS.has(key) && PERSONAL_ID.test(value)) into.add(value)
    return
  }
  if (value === null || typeof value !== 'object') return
  for (const [childKey, child] of Object.entries(value)) collectPersonalIds(child, into, childKey)
}
