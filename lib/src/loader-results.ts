/**
 * What a DataLoader batch function returns for rows found by an `IN`/`ANY`
 * query: one entry per key, in key order, whatever order the rows came in.
 */

/** Each key's row, or undefined when none was found. */
export function indexBy<K, R>(rows: readonly R[], keys: readonly K[], keyOf: (row: R) => K): (R | undefined)[] {
  const byKey = new Map(rows.map((row) => [keyOf(row), row]))
  return keys.map((key) => byKey.get(key))
}

/**
 * The rows under each key, keeping the rows' order; an empty list for a key
 * without rows. A row that belongs to several keys (both spouses of a marriage,
 * both parents of a child) returns them all from `keyOf`; nulls are skipped.
 */
export function groupBy<K, R>(rows: readonly R[], keys: readonly K[], keyOf: (row: R) => K | readonly (K | null)[]): R[][] {
  const groups = new Map<K, R[]>(keys.map((key) => [key, []]))
  for (const row of rows) {
    const rowKeys = keyOf(row)
    for (const key of Array.isArray(rowKeys) ? new Set(rowKeys) : [rowKeys as K]) if (key !== null) groups.get(key)?.push(row)
  }
  return keys.map((key) => groups.get(key)!)
}
