import type { RegisterAddressDatabase } from '@lienthong/lib/registers'
import type { Generated, Selectable } from 'kysely'

export type LegalForm = 'TNHH_ONE_MEMBER' | 'TNHH_MULTI_MEMBER' | 'JOINT_STOCK' | 'PARTNERSHIP' | 'PRIVATE' | 'BRANCH'
export type EnterpriseStatus = 'OPERATING' | 'SUSPENDED' | 'DISSOLVING' | 'DISSOLVED' | 'BANKRUPT'
export type HouseholdBusinessStatus = 'OPERATING' | 'SUSPENDED' | 'CLOSED'

/** Doanh nghiệp or chi nhánh, as the business registration system recorded it. */
export interface EnterpriseTable {
  /** Mã số doanh nghiệp: 10 digits, a branch `-NNN`. */
  enterprise_code: string
  /** The parent enterprise of a branch; null otherwise. */
  parent_code: string | null
  vietnamese_name: string
  foreign_name: string | null
  short_name: string | null
  legal_form: LegalForm
  status: EnterpriseStatus
  /** YYYY-MM-DD. */
  registered_on: string
  /** numeric: pg returns it as text. */
  charter_capital_vnd: string
  head_office_address_id: number
  /** When this record last changed in the register: now() at insert, moved by a trigger on every UPDATE that changes the row. */
  updated_at: Generated<Date>
}

/** Người đại diện theo pháp luật, with the name, birth date and residence the register recorded. */
export interface EnterpriseRepresentativeTable {
  enterprise_code: string
  /** Order in the source record. */
  position: number
  personal_id: string
  name: string
  birth_date: string
  title: string
  residence_address_id: number
}

/** Chủ sở hữu / thành viên / cổ đông. */
export interface EnterpriseOwnerTable {
  enterprise_code: string
  position: number
  kind: 'CITIZEN' | 'ENTERPRISE'
  /** A personal id for a citizen, an enterprise code for an enterprise. */
  owner_id: string
  name: string
  capital_share: number
}

/** Ngành, nghề kinh doanh of an enterprise. */
export interface EnterpriseBusinessLineTable {
  enterprise_code: string
  position: number
  vsic_code: string
  name: string
  is_main: boolean
}

/** Hộ kinh doanh. */
export interface HouseholdBusinessTable {
  registration_number: string
  name: string
  owner_id: string
  owner_name: string
  owner_birth_date: string
  owner_residence_address_id: number
  address_id: number
  registered_on: string
  authority_name: string
  /** Legacy commune (5 digits) or district (3 digits), for a registration before 1 July 2025. */
  authority_legacy_unit_code: string | null
  /** 2025 commune, for a registration from 1 July 2025. */
  authority_commune_code: string | null
  /** numeric: pg returns it as text. */
  capital_vnd: string
  status: HouseholdBusinessStatus
  /** When this record last changed in the register: now() at insert, moved by a trigger on every UPDATE that changes the row. */
  updated_at: Generated<Date>
}

/** Ngành, nghề kinh doanh of a household business. */
export interface HouseholdBusinessLineTable {
  registration_number: string
  position: number
  vsic_code: string
  name: string
  is_main: boolean
}

/** The business register's database (`business`). */
export interface BusinessDatabase extends RegisterAddressDatabase {
  enterprise: EnterpriseTable
  enterprise_representative: EnterpriseRepresentativeTable
  enterprise_owner: EnterpriseOwnerTable
  enterprise_business_line: EnterpriseBusinessLineTable
  household_business: HouseholdBusinessTable
  household_business_line: HouseholdBusinessLineTable
}

export type EnterpriseRow = Selectable<EnterpriseTable>
export type EnterpriseRepresentativeRow = Selectable<EnterpriseRepresentativeTable>
export type EnterpriseOwnerRow = Selectable<EnterpriseOwnerTable>
export type EnterpriseBusinessLineRow = Selectable<EnterpriseBusinessLineTable>
export type HouseholdBusinessRow = Selectable<HouseholdBusinessTable>
export type HouseholdBusinessLineRow = Selectable<HouseholdBusinessLineTable>
