import type { Generated, Selectable } from 'kysely'
import type { RegisterAddressDatabase } from '@lienthong/lib/registers'

// Tables of the land database, as created by migrations/land/. Columns keep
// their snake_case names; child tables keep the source order in `position`.

export type LandRightHolderKind = 'CITIZEN' | 'ENTERPRISE'
export type EncumbranceKind = 'MORTGAGE' | 'LEASE' | 'EASEMENT' | 'SEIZURE'

/** Thửa đất: a parcel of a legacy commune's cadastral map. */
export interface LandParcelTable {
  /** "<legacy commune>-<map sheet>-<parcel>", e.g. "00160-12-345". */
  id: string
  legacy_commune_code: string
  /** Số tờ bản đồ. */
  map_sheet_number: number
  /** Số thửa. */
  parcel_number: number
  area_m2: number
  address_id: number
  /** When this record last changed in the register: now() at insert, moved by a trigger on every UPDATE that changes the row. */
  updated_at: Generated<Date>
}

/** Mục đích sử dụng đất: one land-use purpose of a parcel, with its area and term. */
export interface LandUseTable {
  parcel_id: string
  position: number
  purpose_code: string
  area_m2: number
  /** End of the term ('YYYY-MM-DD'); null = lâu dài (long-term). */
  until: string | null
}

/** Giấy chứng nhận quyền sử dụng đất issued for a parcel. */
export interface LandCertificateTable {
  parcel_id: string
  position: number
  /** Số phát hành, e.g. "AA 01234567". */
  serial: string
  /** Số vào sổ cấp GCN, e.g. "CH01234". */
  registry_number: string
  issue_date: string
  issuer: string
  revoked_on: string | null
}

/** Người sử dụng đất: a citizen or enterprise holding a share of the parcel's rights. */
export interface LandRightHolderTable {
  parcel_id: string
  position: number
  kind: LandRightHolderKind
  /** Personal id (CITIZEN) or enterprise code (ENTERPRISE). */
  holder_id: string
  /** Name as recorded on the land register. */
  holder_name: string
  share: number
  /** The holder's address on the certificate, as recorded then. */
  address_id: number
}

/** A registered encumbrance (thế chấp, cho thuê, …) on a parcel. */
export interface LandEncumbranceTable {
  parcel_id: string
  position: number
  kind: EncumbranceKind
  beneficiary: string
  registered_on: string
  released_on: string | null
  /** `numeric`: pg returns it as text. */
  secured_amount_vnd: string | null
}

/** The land subgraph's database, for `Kysely<LandDatabase>`. */
export interface LandDatabase extends RegisterAddressDatabase {
  land_parcel: LandParcelTable
  land_use: LandUseTable
  land_certificate: LandCertificateTable
  land_right_holder: LandRightHolderTable
  land_encumbrance: LandEncumbranceTable
}

export type LandParcelRow = Selectable<LandParcelTable>
export type LandUseRow = Selectable<LandUseTable>
export type LandCertificateRow = Selectable<LandCertificateTable>
export type LandRightHolderRow = Selectable<LandRightHolderTable>
export type LandEncumbranceRow = Selectable<LandEncumbranceTable>
