import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose'
import { claimsForCaller, type AuthenticationConfig, type Caller } from '@lienthong/gateway'

/**
 * An identity provider for the tests: its own ES256 key, its public key in a
 * JWKS file the gateway trusts (`AUTH_JWKS_FILE` style), and tokens for any
 * caller — the gateway verifies them exactly as it would a real issuer's.
 */
export interface TestIssuer {
  authentication: AuthenticationConfig
  tokenFor(caller: Caller, options?: { ttlSeconds?: number; issuedAt?: number }): Promise<string>
}

export const TEST_ISSUER = 'urn:lienthong:test-issuer'

export async function createTestIssuer(): Promise<TestIssuer> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true })
  const kid = 'test-key'
  const folder = mkdtempSync(path.join(tmpdir(), 'lienthong-test-issuer-'))
  const jwksFile = path.join(folder, 'jwks.json')
  writeFileSync(jwksFile, JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' }] }))
  return {
    authentication: { issuer: TEST_ISSUER, audience: 'lienthong', jwks: { kind: 'file', path: jwksFile }, algorithms: ['ES256'] },
    tokenFor: (caller, options) => sign(privateKey, kid, caller, options),
  }
}

async function sign(key: CryptoKey, kid: string, caller: Caller, { ttlSeconds = 600, issuedAt = Math.floor(Date.now() / 1000) } = {}): Promise<string> {
  return new SignJWT(claimsForCaller(caller))
    .setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' })
    .setIssuer(TEST_ISSUER)
    .setAudience('lienthong')
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ttlSeconds)
    .sign(key)
}
