import type { Sex } from '@lienthong/lib/registers'
import { calculateEnterpriseCodeCheckDigit } from '@lienthong/schema'
import type { Random } from './random.js'

// ───── dates as day numbers (days since 1970-01-01, UTC) ─────

/** The day the source records are as of: the eve of the 2025 reorganisation. */
export const REFERENCE_DAY = dayOf(2025, 6, 30)

/** Days from the civil date (proleptic Gregorian), Howard Hinnant's days_from_civil. */
export function dayOf(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yoe = y - era * 400
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146_097 + doe - 719_468
}

/** year * 10000 + month * 100 + day of a day number (civil_from_days). */
function civilOf(dayNumber: number): number {
  const z = dayNumber + 719_468
  const era = Math.floor(z / 146_097)
  const doe = z - era * 146_097
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365)
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1
  const month = mp < 10 ? mp + 3 : mp - 9
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0)
  return year * 10_000 + month * 100 + day
}

// Dates of the nation lie between these days: their texts are computed once (a million citizens format many dates).
const FIRST_CACHED = dayOf(1800, 1, 1)
const LAST_CACHED = dayOf(2200, 12, 31)
const civilCache = new Int32Array(LAST_CACHED - FIRST_CACHED + 1)
const textCache: (string | undefined)[] = new Array<string | undefined>(LAST_CACHED - FIRST_CACHED + 1).fill(undefined)

function civil(dayNumber: number): number {
  if (dayNumber < FIRST_CACHED || dayNumber > LAST_CACHED) return civilOf(dayNumber)
  const index = dayNumber - FIRST_CACHED
  return civilCache[index] || (civilCache[index] = civilOf(dayNumber))
}

/** 'YYYY-MM-DD' of a day number. */
export function formatDay(dayNumber: number): string {
  const index = dayNumber - FIRST_CACHED
  const cached = textCache[index]
  if (cached !== undefined) return cached
  const value = civil(dayNumber)
  const year = Math.floor(value / 10_000)
  const month = Math.floor(value / 100) % 100
  const day = value % 100
  const text = `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`
  if (index >= 0 && dayNumber <= LAST_CACHED) textCache[index] = text
  return text
}

export function yearOf(dayNumber: number): number {
  return Math.floor(civil(dayNumber) / 10_000)
}

/** The day `years` after `dayNumber` (same month and day; 29 Feb → 1 Mar). */
export function addYears(dayNumber: number, years: number): number {
  const value = civil(dayNumber)
  return dayOf(Math.floor(value / 10_000) + years, Math.floor(value / 100) % 100, value % 100)
}

// ───── số định danh cá nhân ─────

/**
 * The fixed part of a personal id: "0" + legacy province code of the birth
 * registration, the century+sex digit (1900s 0/1, 2000s 2/3, 2100s 4/5) and
 * the last two digits of the birth year.
 */
export function personalIdPrefix(provinceCode: string, birthYear: number, sex: Sex): string {
  const century = Math.floor(birthYear / 100) - 19
  const digit = century * 2 + (sex === 'FEMALE' ? 1 : 0)
  return `0${provinceCode}${digit}${String(birthYear % 100).padStart(2, '0')}`
}

/** A registry of identifiers already issued, so none is issued twice across the nation. */
export class UniqueDigits {
  // Per prefix, the numbers issued after it: integer sets are much cheaper than a million strings.
  readonly #issued = new Map<string, Set<number>>()

  /** `prefix` + `length` (≤ 9) random digits, drawn again on a collision. */
  draw(random: Random, prefix: string, length: number): string {
    let numbers = this.#issued.get(prefix)
    if (!numbers) this.#issued.set(prefix, (numbers = new Set()))
    const range = 10 ** length
    if (numbers.size >= range) throw new Error(`no ${length}-digit number left after ${prefix}`)
    for (;;) {
      const candidate = Math.floor(random.float() * range)
      if (!numbers.has(candidate)) {
        numbers.add(candidate)
        return prefix + String(candidate).padStart(length, '0')
      }
    }
  }

  /** Issues a whole digit string (e.g. an enterprise code) if it is new; false when it was issued before. */
  claim(candidate: string): boolean {
    let numbers = this.#issued.get('')
    if (!numbers) this.#issued.set('', (numbers = new Set()))
    const value = Number(candidate)
    if (numbers.has(value)) return false
    numbers.add(value)
    return true
  }
}

// ───── mã số doanh nghiệp ─────

/**
 * A new mã số doanh nghiệp: legacy province code, a seven-digit sequence
 * (never all zeros: the EnterpriseCode scalar rejects that) and the check digit.
 */
export function drawEnterpriseCode(random: Random, issued: UniqueDigits, provinceCode: string): string {
  for (;;) {
    const sequence = random.digits(7)
    if (sequence === '0000000') continue
    const nine = provinceCode + sequence
    const check = calculateEnterpriseCodeCheckDigit(nine)
    if (check === undefined) continue
    const code = nine + String(check)
    if (issued.claim(code)) return code
  }
}
