import { createCodeScalar } from './code-scalar.js'

/**
 * Code of a 2025 administrative unit (Decision 19/2025/QĐ-TTg): 2 digits for
 * one of the 34 provinces, 5 digits for one of the 3,321 communes.
 *
 * ```graphql
 * { province(code: "79") { name } }   # "01" stays "01": codes are strings
 * ```
 */
export const AdministrativeUnitCodeScalar = createCodeScalar({
  name: 'AdministrativeUnitCode',
  description:
    'Code of a 2025 administrative unit (Decision 19/2025/QĐ-TTg): 2 digits for a province, 5 digits for a commune, ' +
    'zero-padded and written as a string ("01", "26740"). Commune codes reuse legacy codes, so a 5-digit code alone ' +
    'does not say which code system it belongs to: this scalar always means the 2025 system.',
  lengths: [2, 5],
  expected: '2 digits (a province) or 5 digits (a commune)',
  examples: ['79', '26740'],
})
