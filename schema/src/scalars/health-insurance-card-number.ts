import { createPatternScalar } from './pattern-scalar.js'

/**
 * Mã thẻ bảo hiểm y tế — the 15-character health insurance card number: a 2-letter beneficiary group
 * (e.g. "DN" employees of enterprises, "HS" pupils), a benefit level digit 1–5, a 2-digit province code and
 * the holder's 10-digit social insurance number.
 *
 * *Unverified* beyond secondary sources (BRIEF §3): the groups and province codes are not checked against a
 * list, only the shape, with upper-case letters.
 *
 * ```graphql
 * { healthInsuranceCard(number: "DN4010123456789") { validTo } }
 * ```
 */
export const HealthInsuranceCardNumberScalar = createPatternScalar({
  name: 'HealthInsuranceCardNumber',
  description:
    'Mã thẻ bảo hiểm y tế — health insurance card number: 15 characters, a 2-letter beneficiary group, a benefit level ' +
    'digit 1–5, a 2-digit province code and the holder\'s 10-digit social insurance number ("DN4010123456789").',
  pattern: /^[A-Z]{2}[1-5]\d{2}\d{10}$/,
  expected: '15 characters: 2 upper-case letters (the beneficiary group), a benefit level digit 1–5, 2 digits (the province) and 10 digits (the social insurance number)',
  examples: ['DN4010123456789'],
})
