import { LIENTHONG_SCOPES } from '../authorization/policies.js'
import type { GatewayCaller, GatewayMachineCaller, GatewayOfficialCaller, GatewayPurpose } from '../subgraph/gateway-signature.js'
import type { SecurityContext } from '../subgraph/security-context.js'

/**
 * The gateway secret of tests: subgraphs started by tests verify with it and
 * the test helpers sign with it. Never a deployment's secret (it is public).
 */
export const TEST_GATEWAY_SECRET = 'lienthong-test-gateway-secret-not-for-any-deployment'

/**
 * A trusted official for tests: every scope of the contract, nationwide
 * (jurisdiction []), so that tests of what the registers answer pass whatever
 * the SDL requires. Tests of refusals use their own, narrower callers.
 */
export const TEST_OFFICIAL: GatewayOfficialCaller = {
  kind: 'official',
  subject: 'can-bo-thu-nghiem',
  agency: 'UBND-P-26734',
  roles: ['can-bo-mot-cua'],
  scopes: [...LIENTHONG_SCOPES],
  jurisdiction: [],
}

/**
 * A machine client (Cổng Dịch vụ công quốc gia) with every scope: an
 * authenticated agency caller that is not an official, for tests of what only
 * officials may do.
 */
export const TEST_MACHINE: GatewayMachineCaller = { kind: 'machine', clientId: 'dvcqg', agency: 'VPCP', scopes: [...LIENTHONG_SCOPES] }

/** The case test requests declare (hồ sơ đăng ký kết hôn, procedure 1.000894). */
export const TEST_PURPOSE: GatewayPurpose = { caseReference: 'HS-TEST-000001', procedureCode: '1.000894' }

/** {@link TEST_OFFICIAL} acting under another account, e.g. to tell two officials' decisions apart. */
export function testOfficial(subject: string): GatewayOfficialCaller {
  return { ...TEST_OFFICIAL, subject, scopes: [...TEST_OFFICIAL.scopes], roles: [...TEST_OFFICIAL.roles], jurisdiction: [] }
}

/** Who runs a test operation, and why. Omitted: {@link TEST_OFFICIAL} for {@link TEST_PURPOSE}; `null`: none. */
export interface SecurityOptions {
  /** `null` for an anonymous request. */
  caller?: GatewayCaller | null
  /** `null` for a request that declares no case. */
  purpose?: GatewayPurpose | null
}

/** The security part of a context for `options`: TEST_OFFICIAL and TEST_PURPOSE unless told otherwise. */
export function testSecurityContext({ caller, purpose }: SecurityOptions = {}): SecurityContext {
  return {
    caller: caller === null ? undefined : (caller ?? TEST_OFFICIAL),
    purpose: purpose === null ? undefined : (purpose ?? TEST_PURPOSE),
  }
}
