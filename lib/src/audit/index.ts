// Nhật ký truy cập: the tamper-evident audit trail of the gateway (README.md in this folder).
export { canonicalText, canonicalTimestamp, entryHash, GENESIS_HASH, operationHashOf, type StoredAuditEntry } from './canonical.js'
export { AUDIT_WRITER_ROLE } from './connection.js'
export { AuditTrailError, type AuditTrailErrorCode } from './errors.js'
export { auditSubjectKeyFromEnv, DEVELOPMENT_AUDIT_SUBJECT_KEY, subjectHash } from './subject-key.js'
export {
  createAuditTrail,
  type AuditCallerKind,
  type AuditEntry,
  type AuditOutcome,
  type AuditTrail,
  type AuditTrailOptions,
  type DataAccess,
  type DataAccessPage,
} from './trail.js'
export { storedAuditEntryOf, verifyAuditChain, type AuditChainVerification, type ChainBreakReason, type StoredRow } from './verify.js'
