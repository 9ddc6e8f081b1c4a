import { createCodeScalar } from './code-scalar.js'

/**
 * Code of an administrative unit as it was before 1 July 2025 (Decision
 * 124/2004/QĐ-TTg): 2 digits for a province, 3 for a district, 5 for a commune.
 * The lengths differ per level, so a code names exactly one legacy unit.
 */
export const LegacyAdministrativeUnitCodeScalar = createCodeScalar({
  name: 'LegacyAdministrativeUnitCode',
  description:
    'Code of an administrative unit before 1 July 2025 (Decision 124/2004/QĐ-TTg): 2 digits for a province, ' +
    '3 for a district, 5 for a commune, zero-padded and written as a string ("79", "760", "26740").',
  lengths: [2, 3, 5],
  expected: '2 digits (a province), 3 digits (a district) or 5 digits (a commune)',
  examples: ['79', '760', '26740'],
})
