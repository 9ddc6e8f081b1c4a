import { createPatternScalar } from './pattern-scalar.js'

/**
 * Số định danh cá nhân — the 12-digit personal identification number (Law on Identity 2023 Art. 12; Decree
 * 137/2015 Art. 13; Circular 07/2016 Art. 7). Since 2025 it is also the personal tax code.
 *
 * - digits 1–3: the province code of birth registration ("001"–"096"), or a country code for someone whose
 *   birth was registered abroad. Country codes are not listed in one place we can check, so any 3 digits
 *   are accepted here;
 * - digit 4: century and sex, every digit in use: 0/1 = 1900s male/female, 2/3 = 2000s, 4/5 = 2100s,
 *   6/7 = 2200s, 8/9 = 1800s;
 * - digits 5–6: the last two digits of the birth year;
 * - digits 7–12: a random number. There is no check digit.
 *
 * So the shape is all that can be checked: exactly 12 ASCII digits, as a string (a number would lose the
 * leading zeros of Hà Nội's "001").
 */
export const PersonalIdScalar = createPatternScalar({
  name: 'PersonalId',
  description:
    'Số định danh cá nhân — personal identification number (Law on Identity 2023 Art. 12; Decree 137/2015 Art. 13): ' +
    '12 digits written as a string. Digits 1–3 are the province (or country) code of birth registration, digit 4 the ' +
    'century and sex (0/1 = 1900s male/female, 2/3 = 2000s, 4/5 = 2100s), digits 5–6 the last two digits of the birth ' +
    'year, digits 7–12 a random number. Example: "001090012345".',
  pattern: /^\d{12}$/,
  expected: '12 digits',
  examples: ['001090012345'],
  numberReason: 'a number loses the leading zeros',
})
