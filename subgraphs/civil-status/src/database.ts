import type { RegisterAddressDatabase } from '@lienthong/lib/registers'
import type { Generated, Selectable } from 'kysely'

// Tables of the civil-status database (hộ tịch), as created by migrations/civil-status/.
// Columns keep their snake_case names; dates stay 'YYYY-MM-DD' strings (see @lienthong/lib).
// Persons are personal ids (số định danh cá nhân, 12 digits as text); their population data is not here.

/** Who registered a record, as written on it (the columns every registration table shares). */
export interface AuthorityColumns {
  /** E.g. "UBND Phường Láng Hạ". */
  authority_name: string
  /** Legacy commune (5 digits) or district (3 digits) code, for a record registered before 1 July 2025. */
  authority_legacy_unit_code: string | null
  /** 2025 commune code, for a record registered on or after 1 July 2025. */
  authority_commune_code: string | null
}

/** The heading of a civil-status book entry. */
export interface RegistrationColumns extends AuthorityColumns {
  id: string
  /** Số đăng ký, e.g. "123/2015". */
  registration_number: string
  /** Quyển số, e.g. "01/2015". */
  book: string
  registration_date: string
  /** When this record last changed in the register: now() at insert, moved by a trigger on every UPDATE that changes the row. */
  updated_at: Generated<Date>
}

/** A birth registration (đăng ký khai sinh). */
export interface BirthRegistrationTable extends RegistrationColumns {
  child_id: string
  /** As recorded on the birth register; may differ from the population register. */
  child_name: string
  child_birth_date: string
  child_sex: 'MALE' | 'FEMALE'
  father_id: string | null
  mother_id: string | null
  place_of_birth_address_id: number
}

/** A marriage registration (đăng ký kết hôn) and how it ended, if it did. */
export interface MarriageRegistrationTable extends RegistrationColumns {
  husband_id: string
  wife_id: string
  husband_name: string
  wife_name: string
  /** Each spouse's residence as declared at registration (historical: never compared). */
  husband_residence_address_id: number
  wife_residence_address_id: number
  /** Null while the marriage is in force. */
  dissolved_on: string | null
  dissolution_reason: 'DIVORCE' | 'DEATH' | null
}

/** A death registration (đăng ký khai tử). */
export interface DeathRegistrationTable extends RegistrationColumns {
  deceased_id: string
  deceased_name: string
  date_of_death: string
  place_of_death_address_id: number
  /** Người đi khai tử, when recorded. */
  declarant_id: string | null
}

export interface CivilStatusDatabase extends RegisterAddressDatabase {
  birth_registration: BirthRegistrationTable
  marriage_registration: MarriageRegistrationTable
  death_registration: DeathRegistrationTable
}

export type BirthRegistrationRow = Selectable<BirthRegistrationTable>
export type MarriageRegistrationRow = Selectable<MarriageRegistrationTable>
export type DeathRegistrationRow = Selectable<DeathRegistrationTable>
