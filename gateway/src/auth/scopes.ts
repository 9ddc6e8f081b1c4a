import { LIENTHONG_SCOPES, type LienthongScope } from '@lienthong/lib/authorization'

/**
 * What each scope a token may grant opens (the list itself is
 * `LIENTHONG_SCOPES`). Boundary data and the procedure catalogue are public;
 * everything else needs one of these.
 */
export const SCOPE_DESCRIPTIONS = {
  'population:read': 'Citizens and households: names, dates, residences, relatives (CSDL quốc gia về dân cư)',
  'population:sensitive': 'Ethnicity, religion, blood group and identity card data',
  'civil-status:read': 'Birth, marriage and death registrations, marital status (hộ tịch)',
  'land:read': 'Parcels, uses, certificates and right holders (đất đai)',
  'land:encumbrances': 'Mortgages, leases, easements and seizures registered on parcels',
  'business:read': 'Enterprises, representatives, owners, household businesses (đăng ký doanh nghiệp)',
  'insurance:read': 'Social insurance books and health insurance cards (BHXH, BHYT)',
  'insurance:contributions': 'Contribution history: periods, employers, contribution bases',
  'cases:draft': 'Application drafts of the procedure catalogue',
  'address:resolve': 'Choosing the 2025 commune of an address whose legacy commune was split',
  'audit:read': 'Reading who resolved what, and audit data',
  admin: 'Introspection and the explorer in production; bulk sweeps (allCitizens)',
} as const satisfies Record<LienthongScope, string>

export const ALL_SCOPES: readonly LienthongScope[] = LIENTHONG_SCOPES
