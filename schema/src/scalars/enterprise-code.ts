import { createPatternScalar } from './pattern-scalar.js'

/** Weights of digits 1–9 in the check digit (python-stdnum `stdnum/vn/mst.py`). */
const CHECK_DIGIT_WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3] as const

/**
 * The check digit (digit 10) of an enterprise code from its first 9 digits: 10 − (Σ Nᵢ·Wᵢ mod 11), or
 * `undefined` when that is 10, which no single digit can be: no valid code starts with those 9 digits.
 *
 * ```ts
 * calculateEnterpriseCodeCheckDigit('010010910') // 6, as in "0100109106"
 * ```
 */
export function calculateEnterpriseCodeCheckDigit(firstNineDigits: string): number | undefined {
  const total = CHECK_DIGIT_WEIGHTS.reduce((sum, weight, index) => sum + weight * Number(firstNineDigits[index]), 0)
  const checkDigit = 10 - (total % 11)
  return checkDigit === 10 ? undefined : checkDigit
}

/** Why a well-shaped enterprise code is invalid, or `undefined` when it is valid. */
function findEnterpriseCodeProblem(code: string): string | undefined {
  // Digits 1–2 are the province of first registration, 3–9 a sequence from 0000001 (python-stdnum).
  if (code.slice(2, 9) === '0000000') return 'digits 3–9 (the sequence number) cannot all be zero: check the code was copied correctly'
  if (calculateEnterpriseCodeCheckDigit(code.slice(0, 9)) !== Number(code[9])) {
    return 'check digit does not match: the 10th digit is computed from the first 9, so one of them was probably mistyped'
  }
  return undefined
}

/**
 * Mã số doanh nghiệp — the enterprise code, which is also the enterprise's tax code (mã số thuế, MST):
 * 10 digits, the last a check digit over the first 9 (10 − (Σ Nᵢ·Wᵢ mod 11) with weights 31, 29, 23, 19, 17,
 * 13, 7, 5, 3; a result of 10 makes the code invalid). A branch or dependent unit has its parent's code
 * followed by "-" and a 3-digit number from 001 to 999. Rules as in python-stdnum `stdnum/vn/mst.py`, where
 * "0100109106" and "0100233488" are valid.
 *
 * Only the form with the dash is accepted, so that one branch has one spelling.
 */
export const EnterpriseCodeScalar = createPatternScalar({
  name: 'EnterpriseCode',
  description:
    'Mã số doanh nghiệp — enterprise code, also its tax code: 10 digits whose last is a check digit, written as a ' +
    'string ("0100109106"); a branch or dependent unit appends "-" and 3 digits ("0100109106-001").',
  pattern: /^\d{10}(?:-(?!000)\d{3})?$/,
  expected: '10 digits, optionally followed by "-" and a 3-digit branch number 001–999',
  examples: ['0100109106', '0100109106-001'],
  numberReason: 'a number loses the leading zeros',
  check: findEnterpriseCodeProblem,
})
