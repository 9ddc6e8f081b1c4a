import type { SocialInsuranceRecordRow } from './database.js'

/** The population fields `insuranceDiscrepancies` @requires, as the gateway sends them (null when unknown to population). */
export interface PopulationFacts {
  fullName?: string | null
  birthDate?: string | null
  permanentResidence?: { legacyCommune?: { code?: string | null } | null } | null
}

/** A social insurance book with the legacy commune code of its recorded residence. */
export interface RecordWithResidence {
  record: SocialInsuranceRecordRow
  residenceLegacyCommuneCode: string | null
}

export interface InsuranceDiscrepancy {
  register: 'INSURANCE'
  recordType: 'SocialInsuranceRecord'
  recordId: string
  field: 'FULL_NAME' | 'BIRTH_DATE' | 'RESIDENCE'
  registerValue: string | null
  populationValue: string | null
}

/**
 * Where this citizen's social insurance books disagree with the population register: one entry per (book, field).
 *
 * - FULL_NAME: recorded name ≠ population name, compared exactly after Unicode NFC;
 * - BIRTH_DATE: recorded birth date ≠ population birth date;
 * - RESIDENCE: legacy commune of the recorded residence ≠ legacy commune of the permanent residence.
 *
 * A population value that is missing (citizen unknown to population, or a residence without a legacy commune code)
 * is not compared: a missing code is a mapping defect that mapping quality reports, not a disagreement.
 */
export function findInsuranceDiscrepancies(population: PopulationFacts, records: readonly RecordWithResidence[]): InsuranceDiscrepancy[] {
  const discrepancies: InsuranceDiscrepancy[] = []
  const populationCommune = population.permanentResidence?.legacyCommune?.code ?? null
  for (const { record, residenceLegacyCommuneCode } of records) {
    const found = (field: InsuranceDiscrepancy['field'], registerValue: string | null, populationValue: string | null) =>
      discrepancies.push({
        register: 'INSURANCE',
        recordType: 'SocialInsuranceRecord',
        recordId: record.social_insurance_number,
        field,
        registerValue,
        populationValue,
      })
    if (population.fullName && record.full_name.normalize('NFC') !== population.fullName.normalize('NFC')) {
      found('FULL_NAME', record.full_name, population.fullName)
    }
    if (population.birthDate && record.birth_date !== population.birthDate) {
      found('BIRTH_DATE', record.birth_date, population.birthDate)
    }
    if (populationCommune && residenceLegacyCommuneCode && residenceLegacyCommuneCode !== populationCommune) {
      found('RESIDENCE', residenceLegacyCommuneCode, populationCommune)
    }
  }
  return discrepancies
}
