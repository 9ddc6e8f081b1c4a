/**
 * Why the audit trail refused: the gateway turns `code` into the GraphQL
 * error's `extensions.code`.
 * - `AUDIT_UNAVAILABLE`: the entry could not be committed; withhold the response.
 * - `AUDIT_ENTRY_INVALID`: the gateway built an entry the trail cannot store (a bug); withhold too.
 * - `BAD_USER_INPUT`: a bad `first`/`after`/personal ID given to `accessesOf`.
 *
 * Messages never carry a personal ID.
 */
export type AuditTrailErrorCode = 'AUDIT_UNAVAILABLE' | 'AUDIT_ENTRY_INVALID' | 'BAD_USER_INPUT'

export class AuditTrailError extends Error {
  override readonly name = 'AuditTrailError'

  constructor(
    readonly code: AuditTrailErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }
}
