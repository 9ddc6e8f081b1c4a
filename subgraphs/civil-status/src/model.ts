import { compareWithPopulation, type PopulationField, type RecordedValues } from '@lienthong/lib'
import type { BirthRegistrationRow, DeathRegistrationRow, MarriageRegistrationRow } from './database.js'

// What the civil-status records mean for one citizen: derived at query time from the rows, never stored.

export type MaritalStatus = 'NEVER_MARRIED' | 'MARRIED' | 'DIVORCED' | 'WIDOWED'

/**
 * Tình trạng hôn nhân from a citizen's marriages (newest first): NEVER_MARRIED
 * without any, MARRIED while one is in force, else how the latest one ended.
 */
export function maritalStatusOf(marriagesNewestFirst: readonly MarriageRegistrationRow[]): MaritalStatus {
  if (marriagesNewestFirst.length === 0) return 'NEVER_MARRIED'
  if (marriageInForce(marriagesNewestFirst)) return 'MARRIED'
  const latest = latestDissolved(marriagesNewestFirst)
  return latest.dissolution_reason === 'DEATH' ? 'WIDOWED' : 'DIVORCED'
}

/** The marriage that ended last (by dissolution date, then registration). */
function latestDissolved(marriages: readonly MarriageRegistrationRow[]): MarriageRegistrationRow {
  return marriages.reduce((latest, marriage) => ((marriage.dissolved_on ?? '') > (latest.dissolved_on ?? '') ? marriage : latest))
}

/** The marriage in force (the newest if the books hold several), or undefined. */
function marriageInForce(marriagesNewestFirst: readonly MarriageRegistrationRow[]): MarriageRegistrationRow | undefined {
  return marriagesNewestFirst.find((marriage) => marriage.dissolved_on === null)
}

/** The other party of a marriage, seen from one spouse. */
function otherSpouseId(marriage: MarriageRegistrationRow, personalId: string): string {
  return marriage.husband_id === personalId ? marriage.wife_id : marriage.husband_id
}

/** What the population register says about a citizen: the `@requires` fields of `civilStatusDiscrepancies`. */
export interface PopulationFacts {
  personalId: string
  fullName: string
  birthDate: string
  /** Undefined when the representation did not carry it (then SPOUSE is not compared). */
  spouseId: string | null | undefined
}

/** The civil-status records naming one person, each list newest first. */
export interface PersonRecords {
  /** Birth registrations where the person is the child. */
  births: readonly BirthRegistrationRow[]
  /** Marriages where the person is husband or wife. */
  marriages: readonly MarriageRegistrationRow[]
  /** Death registrations where the person is the deceased. */
  deaths: readonly DeathRegistrationRow[]
}

export type DiscrepancyField = PopulationField | 'SPOUSE'

export interface Discrepancy {
  register: 'CIVIL_STATUS'
  recordType: 'BirthRegistration' | 'MarriageRegistration' | 'DeathRegistration' | 'Citizen'
  recordId: string
  field: DiscrepancyField
  registerValue: string | null
  populationValue: string | null
}

/**
 * Every (record, field) where the civil-status records naming a citizen disagree
 * with the population register: names and birth dates by the shared rule of
 * `compareWithPopulation`, then the spouse of the marriage in force. The
 * residences spouses declared at marriage are historical and never compared.
 */
export function findDiscrepancies(population: PopulationFacts, records: PersonRecords): Discrepancy[] {
  const found: Discrepancy[] = []
  const add = (recordType: Discrepancy['recordType'], recordId: string, field: DiscrepancyField, registerValue: string | null, populationValue: string | null) =>
    found.push({ register: 'CIVIL_STATUS', recordType, recordId, field, registerValue, populationValue })
  const compare = (recordType: Discrepancy['recordType'], recordId: string, recorded: RecordedValues) => {
    for (const { field, registerValue, populationValue } of compareWithPopulation(recorded, population)) {
      add(recordType, recordId, field, registerValue, populationValue)
    }
  }

  for (const birth of records.births) compare('BirthRegistration', birth.id, { fullName: birth.child_name, birthDate: birth.child_birth_date })
  for (const marriage of records.marriages) {
    compare('MarriageRegistration', marriage.id, {
      fullName: marriage.husband_id === population.personalId ? marriage.husband_name : marriage.wife_name,
    })
  }
  for (const death of records.deaths) compare('DeathRegistration', death.id, { fullName: death.deceased_name })
  if (population.spouseId !== undefined) {
    const inForce = marriageInForce(records.marriages)
    const registerSpouse = inForce ? otherSpouseId(inForce, population.personalId) : null
    if (registerSpouse !== population.spouseId) {
      const record = inForce ?? records.marriages[0]
      if (record) add('MarriageRegistration', record.id, 'SPOUSE', registerSpouse, population.spouseId)
      else add('Citizen', population.personalId, 'SPOUSE', null, population.spouseId)
    }
  }
  return found
}
