import { randomUUID } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'
import { GraphQLError } from 'graphql'
import type { Caller, Purpose } from './auth/caller.js'
import { DataAccess } from './audit/data-access.js'

/**
 * The request context the gateway builds for each operation: who calls
 * (verified from the bearer token), for which case, and what the request
 * touches as it runs (for the audit entry written before the response leaves).
 */
export interface GatewayContext {
  caller?: Caller | undefined
  purpose?: Purpose | undefined
  /** Also the response's `x-request-id` and every log line of the request. */
  requestId: string
  /** The client's address (express `req.ip`): the rate limit's key for anonymous callers. */
  clientAddress?: string | undefined
  access: DataAccess
}

/** Purpose binding, modelled on X-Road's `X-Road-Issue`: the dossier the request serves and its procedure. */
export const CASE_HEADER = 'x-lienthong-case'
export const PROCEDURE_HEADER = 'x-lienthong-procedure'

/** The headers that declare a purpose, as a client sends them. */
export function purposeHeaders(purpose: Purpose): Record<string, string> {
  return { [CASE_HEADER]: purpose.caseReference, [PROCEDURE_HEADER]: purpose.procedureCode }
}

const CASE_REFERENCE = /^[A-Za-z0-9._/-]{1,64}$/
/** A national procedure code, or DATA_QUALITY for the registers' data-quality sweeps (rà soát chất lượng dữ liệu). */
const PROCEDURE_CODE = /^(\d\.\d{6}|DATA_QUALITY)$/

/**
 * The purpose a request declares in its headers, or undefined when it
 * declares none. Half a declaration or a malformed one is refused rather
 * than ignored: a desk must know its case reference did not reach the log.
 */
export function purposeFromHeaders(headers: IncomingHttpHeaders): Purpose | undefined {
  const caseReference = single(headers[CASE_HEADER])
  const procedureCode = single(headers[PROCEDURE_HEADER])
  if (caseReference === undefined && procedureCode === undefined) return undefined
  if (caseReference === undefined || procedureCode === undefined) {
    throw badPurpose(`Declare the case with both headers ${CASE_HEADER} (the dossier reference) and ${PROCEDURE_HEADER} (the procedure code).`)
  }
  if (!CASE_REFERENCE.test(caseReference)) throw badPurpose(`${CASE_HEADER} must be 1 to 64 letters, digits or . _ / -.`)
  if (!PROCEDURE_CODE.test(procedureCode)) throw badPurpose(`${PROCEDURE_HEADER} must be a national procedure code such as 1.000894 (or DATA_QUALITY for a data-quality sweep).`)
  return { caseReference, procedureCode }
}

/**
 * The id of a request: the caller's `x-request-id` when it is a plausible id
 * (so a portal can correlate), else a fresh UUID.
 */
export function requestIdFrom(headers: IncomingHttpHeaders): string {
  const given = single(headers['x-request-id'])
  return given !== undefined && /^[A-Za-z0-9._-]{8,64}$/.test(given) ? given : randomUUID()
}

function single(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value
  return text === undefined || text.trim() === '' ? undefined : text.trim()
}

function badPurpose(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } })
}
