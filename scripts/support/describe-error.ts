/** An error's message followed by its causes', for a person reading a terminal. */
export function describeError(error: unknown): string {
  const parts: string[] = []
  let current: unknown = error
  while (current !== undefined && parts.length < 5) {
    parts.push(current instanceof Error ? current.message : String(current))
    current = current instanceof Error ? current.cause : undefined
  }
  return parts.filter(Boolean).join(': ') || 'unknown error'
}
