/** A field a register record may disagree with the population register (CSDL quốc gia về dân cư) on. */
export type PopulationField = 'FULL_NAME' | 'BIRTH_DATE' | 'RESIDENCE'

/**
 * What the population register says about a citizen, as the gateway sends the `@requires` fields
 * (`fullName birthDate permanentResidence { legacyCommune { code } }`): null or absent when unknown.
 */
export interface PopulationValues {
  fullName?: string | null
  birthDate?: string | null
  permanentResidence?: { legacyCommune?: { code?: string | null } | null } | null
}

/** What one register record says about the person; a field the record does not hold is left out. */
export interface RecordedValues {
  fullName?: string
  /** 'YYYY-MM-DD'. */
  birthDate?: string
  /** Legacy commune code of the recorded residence; null when that residence has none. */
  residenceLegacyCommuneCode?: string | null
}

/** One field where a record and the population register disagree, with both values as they were given. */
export interface PopulationDisagreement {
  field: PopulationField
  registerValue: string
  populationValue: string
}

/**
 * Where one record disagrees with the population register, in the order FULL_NAME, BIRTH_DATE, RESIDENCE.
 *
 * - FULL_NAME: exact comparison after Unicode NFC (the same name may arrive composed or decomposed).
 * - BIRTH_DATE: the 'YYYY-MM-DD' dates.
 * - RESIDENCE: the legacy commune codes, without the padding of a `char(5)` column. When either side has no
 *   code there is nothing to compare: a missing code is a mapping defect that mapping quality reports, not a move.
 *
 * A population value that is null or absent (a citizen population does not know) is not compared: nothing is invented.
 */
export function compareWithPopulation(recorded: RecordedValues, population: PopulationValues): PopulationDisagreement[] {
  const found: PopulationDisagreement[] = []
  const { fullName, birthDate } = population
  if (recorded.fullName !== undefined && fullName != null && recorded.fullName.normalize('NFC') !== fullName.normalize('NFC')) {
    found.push({ field: 'FULL_NAME', registerValue: recorded.fullName, populationValue: fullName })
  }
  if (recorded.birthDate !== undefined && birthDate != null && recorded.birthDate !== birthDate) {
    found.push({ field: 'BIRTH_DATE', registerValue: recorded.birthDate, populationValue: birthDate })
  }
  const recordedCommune = recorded.residenceLegacyCommuneCode?.trim() || null
  const populationCommune = population.permanentResidence?.legacyCommune?.code ?? null
  if (recordedCommune !== null && populationCommune !== null && recordedCommune !== populationCommune.trim()) {
    found.push({ field: 'RESIDENCE', registerValue: recordedCommune, populationValue: populationCommune })
  }
  return found
}
