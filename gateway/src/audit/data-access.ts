import { SUBGRAPHS } from '@lienthong/schema'
import { Kind, visit, type DocumentNode, type ValueNode } from 'graphql'

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
  /** Personal ids in the traffic with the subgraphs: whose data was asked for or returned. */
  readonly subjects = new Set<string>()
  /** Personal ids the operation itself names (also when it is refused before any subgraph call). */
  readonly requestedSubjects = new Set<string>()
  fields: readonly string[] = []
  denied = false

  /** A subgraph request: which subgraph, and the personal ids in its variables (arguments, entity representations). */
  sentTo(subgraph: string, variables: unknown): void {
    if (REGISTER_SUBGRAPHS.has(subgraph)) this.registers.add(subgraph)
    collectPersonalIds(variables, this.subjects)
  }

  /**
   * The operation as the caller sent it: the personal ids it asks about, in
   * its arguments or variables. A refused request is logged with them too, so
   * the citizen sees the attempt.
   */
  requested(document: DocumentNode, variables: Readonly<Record<string, unknown>> | undefined): void {
    for (const { key, value } of personalIdArgumentsOf(document)) {
      if (value.kind === Kind.VARIABLE) collectPersonalIds(variables?.[value.name.value], this.requestedSubjects, key)
      else collectLiteralIds(value, this.requestedSubjects)
    }
    // Input objects passed whole as variables ({ input: { applicantId, parties: [{ personalId }] } }).
    collectPersonalIds(variables, this.requestedSubjects)
  }

  /** Everyone whose personal data the request asked for, received, or was refused. */
  get dataSubjects(): string[] {
    return [...new Set([...this.requestedSubjects, ...this.subjects])]
  }

  /** A subgraph response: the personal ids of the people whose records it carries. */
  receivedFrom(body: unknown): void {
    collectPersonalIds(body, this.subjects)
  }

  /** Whether the request reached personal data in a register (a refusal is `denied`, see the access control). */
  get touchedPersonalData(): boolean {
    return this.registers.size > 0 || this.subjects.size > 0
  }
}

/** Apollo hands the same DocumentNode back from its cache: each document is searched once. */
const personalIdArgumentsByDocument = new WeakMap<DocumentNode, readonly { key: string; value: ValueNode }[]>()

/** The arguments and input fields of a document under a personal-id key, with their values (literals or variables). */
function personalIdArgumentsOf(document: DocumentNode): readonly { key: string; value: ValueNode }[] {
  let found = personalIdArgumentsByDocument.get(document)
  if (!found) {
    const collected: { key: string; value: ValueNode }[] = []
    const collect = (key: string, value: ValueNode) => {
      if (PERSONAL_ID_KEYS.has(key)) collected.push({ key, value })
    }
    visit(document, {
      Argument: (node) => collect(node.name.value, node.value),
      ObjectField: (node) => collect(node.name.value, node.value),
    })
    found = collected
    personalIdArgumentsByDocument.set(document, found)
  }
  return found
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

function collectLiteralIds(value: ValueNode, into: Set<string>): void {
  const values = value.kind === Kind.LIST ? value.values : [value]
  for (const item of values) if (item.kind === Kind.STRING && PERSONAL_ID.test(item.value)) into.add(item.value)
}
