import type { RegisterAddressDatabase } from '@lienthong/lib/registers'
import type { Generated, Selectable } from 'kysely'

// Tables of the population database, as created by migrations/population/.
// Columns keep their snake_case names; every address is a row of `address`
// (the text and legacy commune as recorded, the 2025 mapping beside them)
// referenced by a `<role>_address_id` column.

/** Hộ gia đình: a household of the residence register. */
export interface HouseholdTable {
  /** Số hộ, e.g. "HK01000123". */
  id: string
  /** Chủ hộ: personal id of the household head. */
  head_id: string
  address_id: number
  /** When this record last changed in the register: now() at insert, moved by a trigger on every UPDATE that changes the row. */
  updated_at: Generated<Date>
}

/** Công dân: one citizen with the fields of Law on Identity 2023 Art. 9. */
export interface CitizenTable {
  /** Số định danh cá nhân, 12 digits. */
  personal_id: string
  /** Họ, chữ đệm và tên khai sinh, as recorded (not normalised). */
  full_name: string
  /** Tên gọi khác. */
  other_names: string[]
  /** `date`: 'YYYY-MM-DD' (see lib/src/database.ts). */
  birth_date: string
  sex: 'MALE' | 'FEMALE'
  place_of_birth_address_id: number
  place_of_birth_registration_address_id: number
  /** Quê quán. */
  hometown_address_id: number
  /** Dân tộc. */
  ethnicity: string
  /** Tôn giáo. */
  religion: string
  /** ISO 3166-1 alpha-2. */
  nationality: string
  /** Nhóm máu. */
  blood_group: string | null
  /** Thẻ căn cước: all four null for a citizen without a card. */
  id_card_number: string | null
  id_card_issue_date: string | null
  id_card_expiry_date: string | null
  id_card_issued_by: string | null
  /** Nơi thường trú. */
  permanent_address_id: number
  /** Nơi tạm trú. */
  temporary_address_id: number | null
  /** Nơi ở hiện tại. */
  current_address_id: number
  household_id: string
  /** Quan hệ với chủ hộ, e.g. "Chủ hộ", "Vợ", "Con". */
  relationship_to_head: string
  father_id: string | null
  mother_id: string | null
  spouse_id: string | null
  date_of_death: string | null
  /** When this record last changed in the register: now() at insert, moved by a trigger on every UPDATE that changes the row. */
  updated_at: Generated<Date>
}

/** The population subgraph's database, for `Kysely<PopulationDatabase>`. */
export interface PopulationDatabase extends RegisterAddressDatabase {
  household: HouseholdTable
  citizen: CitizenTable
}

export type HouseholdRow = Selectable<HouseholdTable>
export type CitizenRow = Selectable<CitizenTable>
