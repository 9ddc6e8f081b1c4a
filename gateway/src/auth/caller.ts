/**
 * Who is calling, as the gateway established it from a verified bearer token.
 * Three kinds: an official at a desk, a machine client (the National Public
 * Service Portal, a provincial portal), and a citizen reading their own data.
 */
export type Caller = OfficialCaller | MachineCaller | CitizenCaller

export interface OfficialCaller {
  kind: 'official'
  /** The token's `sub`: the official's account at their agency's identity provider. */
  subject: string
  /** Cơ quan: the agency the official works for, e.g. "UBND-P-26734". */
  agency: string
  roles: string[]
  scopes: string[]
  /** 2025 unit codes (provinces or communes) the official may act for; empty means nationwide. */
  jurisdiction: string[]
}

export interface MachineCaller {
  kind: 'machine'
  /** The registered client, e.g. "dvcqg" (Cổng Dịch vụ công quốc gia). */
  clientId: string
  agency?: string | undefined
  scopes: string[]
}

export interface CitizenCaller {
  kind: 'citizen'
  /** The citizen's own số định danh cá nhân: they may read their own data only. */
  personalId: string
  scopes: string[]
}

/**
 * The case a request serves (purpose binding, modelled on X-Road's
 * `X-Road-Issue`): a dossier reference and the national procedure code.
 */
export interface Purpose {
  /** Mã hồ sơ: the dossier or case reference at the receiving desk. */
  caseReference: string
  /** Mã thủ tục hành chính, e.g. "1.000894". */
  procedureCode: string
}
