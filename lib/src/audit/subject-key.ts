import { createHmac } from 'node:crypto'

/**
 * The key of development and test runs. Anyone can read it here, so an audit
 * trail keyed with it protects nobody's ID: production refuses it.
 */
export const DEVELOPMENT_AUDIT_SUBJECT_KEY = 'lienthong-development-audit-subject-key/not-for-production'

/** Shortest key accepted: 32 characters, as many bytes as the HMAC-SHA256 output at the least. */
export const MIN_AUDIT_SUBJECT_KEY_LENGTH = 32

/**
 * The key that hashes personal IDs in the audit trail, from `AUDIT_SUBJECT_KEY`.
 * Unset: the development key, except when `NODE_ENV` is `production`, where
 * it is an error. The key must stay the same for as long as entries are kept:
 * a citizen's older entries are found by the HMAC of their ID under it.
 */
export function auditSubjectKeyFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.AUDIT_SUBJECT_KEY
  if (configured) {
    assertUsableSubjectKey(configured, env)
    return configured
  }
  if (env.NODE_ENV === 'production') {
    throw new Error('AUDIT_SUBJECT_KEY must be set in production: the audit trail stores personal IDs only as HMACs under it')
  }
  return DEVELOPMENT_AUDIT_SUBJECT_KEY
}

/** Throws for a key too short to keep IDs (12 digits, about 10^11 values) from being recovered, or the public development key in production. */
export function assertUsableSubjectKey(key: string, env: NodeJS.ProcessEnv = process.env): void {
  if (key.length < MIN_AUDIT_SUBJECT_KEY_LENGTH) {
    throw new Error(`the audit subject key must be at least ${MIN_AUDIT_SUBJECT_KEY_LENGTH} characters`)
  }
  if (env.NODE_ENV === 'production' && key === DEVELOPMENT_AUDIT_SUBJECT_KEY) {
    throw new Error('the development audit subject key must not be used in production')
  }
}

/**
 * HMAC-SHA256 (hex) of a personal ID under the subject key: what the trail
 * stores instead of the ID. A plain SHA-256 would not do: the 10^11 possible
 * IDs are hashed in minutes.
 */
export function subjectHash(key: string, personalId: string): string {
  return createHmac('sha256', key).update(personalId, 'utf8').digest('hex')
}
