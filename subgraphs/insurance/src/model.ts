import { EnterpriseCodeScalar, isAcceptedBy } from '@lienthong/schema'

// Pure rules of the insurance register: the card's code tables, employer codes and month arithmetic.

/**
 * Mã đối tượng tham gia BHYT (the card's first two letters) → its Vietnamese label, for the groups this register
 * accepts. Labels follow the beneficiary codes of Decision 1351/QĐ-BHXH (2015) as quoted by secondary sources
 * (press explainers of the card); the official list is longer.
 */
export const BENEFICIARY_GROUPS: Readonly<Record<string, string>> = {
  DN: 'Người lao động làm việc trong các doanh nghiệp',
  CH: 'Người lao động làm việc trong các cơ quan nhà nước, đơn vị sự nghiệp, tổ chức chính trị – xã hội',
  HC: 'Cán bộ, công chức, viên chức',
  HT: 'Người hưởng lương hưu, trợ cấp mất sức lao động hằng tháng',
  TE: 'Trẻ em dưới 6 tuổi',
  HS: 'Học sinh',
  SV: 'Sinh viên',
  GD: 'Người tham gia bảo hiểm y tế theo hộ gia đình',
  HN: 'Người thuộc hộ gia đình nghèo',
  CN: 'Người thuộc hộ gia đình cận nghèo',
  XN: 'Cán bộ xã, phường, thị trấn đã nghỉ việc đang hưởng trợ cấp hằng tháng từ ngân sách nhà nước',
  BT: 'Người thuộc diện hưởng trợ cấp bảo trợ xã hội hằng tháng',
  CC: 'Người có công với cách mạng',
}

/**
 * Mức hưởng (the card's third character) → the share of covered costs the health insurance fund pays, in percent:
 * 1 → 100 (without the ceilings on some drugs and services), 2 → 100 (within the ceilings), 3 → 95, 4 → 80,
 * 5 → 100 (including costs outside the covered scope).
 *
 * Source: Law on Health Insurance 2008 (amended 2014) Art. 22 §1, with the level digits of Decision 1351/QĐ-BHXH;
 * verified against secondary sources only (press explainers of the card), not the official text.
 */
export const BENEFIT_PERCENT: Readonly<Record<number, number>> = { 1: 100, 2: 100, 3: 95, 4: 80, 5: 100 }

/** The card's province code: characters 4–5 of the card number (the issuing province, as the card writes it). */
export function cardProvinceCode(cardNumber: string): string {
  return cardNumber.slice(3, 5)
}

/**
 * True when a recorded employer code is an enterprise code that the business register can resolve: one the
 * EnterpriseCode scalar accepts, check digit included, or `Enterprise.enterpriseCode` could not serialize it.
 */
export function isEnterpriseCode(code: string): boolean {
  return isAcceptedBy(EnterpriseCodeScalar, code)
}

/** The calendar day after an ISO date. */
export function nextDay(date: string): string {
  const day = new Date(`${date}T00:00:00Z`)
  day.setUTCDate(day.getUTCDate() + 1)
  return day.toISOString().slice(0, 10)
}

/**
 * Whole months a period covers, from its first day to its last day inclusive (`to`, or `today` while open):
 * 2015-01-01 → 2015-12-31 is 12 months, 2015-01-15 → 2015-02-13 is 0, 2015-01-15 → 2015-02-14 is 1. A period
 * that has not started by its end counts 0.
 */
export function wholeMonths(from: string, lastDay: string): number {
  const end = nextDay(lastDay)
  const [fromYear, fromMonth, fromDay] = from.split('-').map(Number) as [number, number, number]
  const [endYear, endMonth, endDay] = end.split('-').map(Number) as [number, number, number]
  const months = (endYear - fromYear) * 12 + (endMonth - fromMonth) - (endDay < fromDay ? 1 : 0)
  return Math.max(0, months)
}
