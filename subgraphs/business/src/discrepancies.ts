/** What the population register says about a citizen: the `@requires` fields of `businessDiscrepancies`. */
export interface PopulationCitizen {
  personalId: string
  fullName?: string | null
  birthDate?: string | Date | null
  permanentResidence?: { legacyCommune?: { code?: string | null } | null } | null
}

/** One business-register record that names a citizen with their name, birth date and residence. */
export interface RecordedPerson {
  /** GraphQL type name of the record: "LegalRepresentative" or "HouseholdBusiness". */
  recordType: string
  recordId: string
  name: string
  birthDate: string
  /** Legacy commune code of the residence the register recorded. */
  residenceLegacyCommuneCode: string | null
}

export interface Discrepancy {
  register: 'BUSINESS'
  recordType: string
  recordId: string
  field: 'FULL_NAME' | 'BIRTH_DATE' | 'RESIDENCE'
  registerValue: string | null
  populationValue: string | null
}

/**
 * Compares each record with the population register, field by field, and
 * returns one discrepancy per disagreeing (record, field), in record order.
 *
 * - FULL_NAME: exact comparison after Unicode NFC.
 * - BIRTH_DATE: the calendar dates.
 * - RESIDENCE: the legacy commune codes; when either side recorded no code there
 *   is nothing to compare (a missing code is a mapping problem, not a move).
 *
 * A citizen the population register does not know (no name and no birth date)
 * has no discrepancies: nothing is invented.
 */
export function compareWithPopulation(citizen: PopulationCitizen, records: readonly RecordedPerson[]): Discrepancy[] {
  const populationName = citizen.fullName ?? null
  const populationBirthDate = citizen.birthDate == null ? null : dateOnly(citizen.birthDate)
  if (populationName === null && populationBirthDate === null) return []
  const populationCommune = citizen.permanentResidence?.legacyCommune?.code ?? null

  const discrepancies: Discrepancy[] = []
  for (const record of records) {
    const found = (field: Discrepancy['field'], registerValue: string | null, populationValue: string | null) =>
      discrepancies.push({ register: 'BUSINESS', recordType: record.recordType, recordId: record.recordId, field, registerValue, populationValue })
    if (populationName !== null && record.name.normalize('NFC') !== populationName.normalize('NFC')) {
      found('FULL_NAME', record.name, populationName)
    }
    if (populationBirthDate !== null && record.birthDate !== populationBirthDate) {
      found('BIRTH_DATE', record.birthDate, populationBirthDate)
    }
    const recordedCommune = record.residenceLegacyCommuneCode?.trim() || null
    if (populationCommune !== null && recordedCommune !== null && recordedCommune !== populationCommune.trim()) {
      found('RESIDENCE', recordedCommune, populationCommune)
    }
  }
  return discrepancies
}

function dateOnly(value: string | Date): string {
  return value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10)
}
