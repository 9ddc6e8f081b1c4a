import type { RegisterAddressDatabase } from '@lienthong/lib/registers'
import type { Generated, Selectable } from 'kysely'

// Tables of the insurance database, as created by migrations/insurance/. Columns keep their snake_case names;
// identifiers are fixed-width text so leading zeros survive; dates are 'YYYY-MM-DD' strings.

/** Sổ BHXH: one social insurance book per person, with the identity the insurance agency recorded. */
export interface SocialInsuranceRecordTable {
  /** Mã số BHXH, 10 digits, lifelong. */
  social_insurance_number: string
  personal_id: string
  /** As the insurance agency recorded it (may differ from the population register). */
  full_name: string
  birth_date: string
  sex: 'MALE' | 'FEMALE'
  residence_address_id: number
  /** When this record last changed in the register: now() at insert, moved by a trigger on every UPDATE that changes the row. */
  updated_at: Generated<Date>
}

/** One period of participation (quá trình tham gia) in a social insurance book. */
export interface ParticipationPeriodTable {
  social_insurance_number: string
  /** Position in the source list, oldest first. */
  position: number
  /** Mã số doanh nghiệp of the employer, as recorded. */
  employer_code: string
  from_date: string
  /** Null while the period is open. */
  to_date: string | null
  /** Mức lương đóng BHXH, VND; `numeric`: pg returns it as text. */
  contribution_base_vnd: string
  kind: 'COMPULSORY' | 'VOLUNTARY'
}

/** Thẻ BHYT: a health insurance card. */
export interface HealthInsuranceCardTable {
  card_number: string
  social_insurance_number: string
  personal_id: string
  /** Mã đối tượng, 2 letters. */
  beneficiary_group: string
  /** Mức hưởng, 1–5. */
  benefit_level: number
  primary_care_facility_code: string
  primary_care_facility_name: string
  valid_from: string
  valid_to: string
  /** When this record last changed in the register: now() at insert, moved by a trigger on every UPDATE that changes the row. */
  updated_at: Generated<Date>
}

export interface InsuranceDatabase extends RegisterAddressDatabase {
  social_insurance_record: SocialInsuranceRecordTable
  participation_period: ParticipationPeriodTable
  health_insurance_card: HealthInsuranceCardTable
}

export type SocialInsuranceRecordRow = Selectable<SocialInsuranceRecordTable>
export type ParticipationPeriodRow = Selectable<ParticipationPeriodTable>
export type HealthInsuranceCardRow = Selectable<HealthInsuranceCardTable>
