import { createPatternScalar } from './pattern-scalar.js'

/**
 * Mã số bảo hiểm xã hội — the 10-digit social insurance number, given once for life. It has no published
 * check digit, so only its shape is checked. (It is being unified with the personal id from 2025.)
 */
export const SocialInsuranceNumberScalar = createPatternScalar({
  name: 'SocialInsuranceNumber',
  description: 'Mã số bảo hiểm xã hội — social insurance number: 10 digits, lifelong, written as a string ("0123456789").',
  pattern: /^\d{10}$/,
  expected: '10 digits',
  examples: ['0123456789'],
  numberReason: 'a number loses the leading zeros',
})
