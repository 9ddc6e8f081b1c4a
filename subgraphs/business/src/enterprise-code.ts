import { GraphQLError } from 'graphql'

const WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3] as const

/**
 * The check digit of a 9-digit enterprise-code prefix (mã số doanh nghiệp / MST):
 * N10 = 10 − (Σ Nᵢ·Wᵢ mod 11); undefined when that gives 10, which no valid code has.
 *
 * ```ts
 * enterpriseCheckDigit('010010910') // 6 → "0100109106"
 * ```
 */
export function enterpriseCheckDigit(prefix: string): number | undefined {
  const total = WEIGHTS.reduce((sum, weight, index) => sum + weight * Number(prefix[index]), 0)
  const digit = 10 - (total % 11)
  return digit === 10 ? undefined : digit
}

/** True for 10 digits with a valid check digit, optionally followed by a branch suffix `-NNN`. */
export function isValidEnterpriseCode(code: string): boolean {
  const match = /^(\d{9})(\d)(-\d{3})?$/.exec(code)
  return match !== null && enterpriseCheckDigit(match[1]!) === Number(match[2])
}

/**
 * Throws BAD_USER_INPUT unless `code` is a valid enterprise code. The EnterpriseCode
 * scalar may validate too; the register does not rely on it.
 */
export function assertEnterpriseCode(code: string, argument = 'enterpriseCode'): void {
  if (!isValidEnterpriseCode(code)) {
    throw new GraphQLError(
      `${argument} must be 10 digits with a valid check digit, optionally followed by a branch suffix "-NNN" (e.g. "0100109106", "0100109106-001")`,
      { extensions: { code: 'BAD_USER_INPUT' } },
    )
  }
}

/** Throws BAD_USER_INPUT unless `registrationNumber` looks like a household-business certificate number. */
export function assertRegistrationNumber(registrationNumber: string): void {
  if (!/^[0-9A-Za-z][0-9A-Za-z./-]{0,49}$/.test(registrationNumber)) {
    throw new GraphQLError('registrationNumber must be a household-business certificate number of 1 to 50 letters, digits, ".", "/" or "-" (e.g. "01A8012345")', {
      extensions: { code: 'BAD_USER_INPUT' },
    })
  }
}
