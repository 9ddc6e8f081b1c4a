import type { Sex } from '@lienthong/lib/registers'
import { pickWeighted, weighted, type Random, type Weighted } from './random.js'

// Họ (surnames) with their approximate shares in Vietnam; the tail shares the rest.
const SURNAMES = weighted<string>([
  ['Nguyễn', 38], ['Trần', 11], ['Lê', 9.5], ['Phạm', 7], ['Hoàng', 3], ['Huỳnh', 2], ['Phan', 4.5],
  ['Vũ', 2.1], ['Võ', 1.8], ['Đặng', 2.1], ['Bùi', 2], ['Đỗ', 1.4], ['Hồ', 1.3], ['Ngô', 1.3], ['Dương', 1], ['Lý', 0.5],
  // tail (≈ 11.5%)
  ['Đào', 0.9], ['Đoàn', 0.9], ['Vương', 0.5], ['Trịnh', 0.8], ['Trương', 0.9], ['Lâm', 0.6], ['Phùng', 0.4], ['Mai', 0.7],
  ['Tô', 0.4], ['Hà', 0.8], ['Tạ', 0.4], ['Cao', 0.6], ['Lương', 0.6], ['Đinh', 0.8], ['Chu', 0.3], ['Lưu', 0.4],
  ['Kiều', 0.2], ['Quách', 0.2], ['Thái', 0.3], ['La', 0.2], ['Triệu', 0.3], ['Tăng', 0.2], ['Văn', 0.1],
])

// Chữ đệm (middle names) by sex.
const MIDDLE_NAMES: Record<Sex, Weighted<string>> = {
  MALE: weighted([
    ['Văn', 30], ['Đức', 8], ['Minh', 9], ['Quốc', 5], ['Thanh', 5], ['Hoàng', 4], ['Hữu', 6], ['Công', 5], ['Đình', 5],
    ['Xuân', 3], ['Tuấn', 2], ['Ngọc', 3], ['Trọng', 3], ['Anh', 2], ['Gia', 3], ['Bảo', 2], ['Quang', 3], ['Thành', 2],
  ]),
  FEMALE: weighted([
    ['Thị', 40], ['Ngọc', 8], ['Thu', 5], ['Kim', 4], ['Thanh', 5], ['Minh', 3], ['Thùy', 4], ['Phương', 3], ['Hồng', 4],
    ['Mai', 2], ['Bảo', 3], ['Khánh', 3], ['Diệu', 2], ['Quỳnh', 2], ['Hoài', 2], ['Bích', 2], ['Mỹ', 3], ['Lan', 1],
  ]),
}

// Tên (given names) by sex.
const GIVEN_NAMES: Record<Sex, readonly string[]> = {
  MALE: [
    'An', 'Anh', 'Bảo', 'Bình', 'Cường', 'Dũng', 'Duy', 'Dương', 'Đạt', 'Đức', 'Hải', 'Hiếu', 'Hoàng', 'Hùng', 'Huy',
    'Khang', 'Khánh', 'Khoa', 'Kiên', 'Lâm', 'Long', 'Lực', 'Minh', 'Nam', 'Nghĩa', 'Phong', 'Phúc', 'Quân', 'Quang',
    'Sơn', 'Tài', 'Thắng', 'Thành', 'Thiện', 'Tiến', 'Toàn', 'Trung', 'Tuấn', 'Tùng', 'Việt', 'Vinh', 'Vũ', 'Hưng', 'Lộc',
  ],
  FEMALE: [
    'An', 'Anh', 'Chi', 'Dung', 'Duyên', 'Giang', 'Hà', 'Hạnh', 'Hằng', 'Hiền', 'Hoa', 'Hồng', 'Hương', 'Huyền', 'Lan',
    'Linh', 'Loan', 'Mai', 'My', 'Nga', 'Ngân', 'Ngọc', 'Nhung', 'Oanh', 'Phương', 'Quỳnh', 'Tâm', 'Thảo', 'Thơ', 'Thu',
    'Thủy', 'Trang', 'Trinh', 'Tuyết', 'Uyên', 'Vân', 'Vy', 'Xuân', 'Yến', 'Nhi', 'Hậu', 'Lý',
  ],
}

export function pickSurname(random: Random): string {
  return pickWeighted(random, SURNAMES)
}

/** A full name "Họ chữ-đệm tên", NFC. */
export function pickFullName(random: Random, sex: Sex, surname: string = pickSurname(random)): string {
  return `${surname} ${pickWeighted(random, MIDDLE_NAMES[sex])} ${random.pick(GIVEN_NAMES[sex])}`.normalize('NFC')
}

/** The surname of a full name built by `pickFullName`. */
export function surnameOf(fullName: string): string {
  return fullName.slice(0, fullName.indexOf(' '))
}

export const ETHNICITIES = weighted<string>([
  ['Kinh', 85.3], ['Tày', 1.9], ['Thái', 1.9], ['Mường', 1.5], ['H\'Mông', 1.5], ['Khmer', 1.4], ['Nùng', 1.1], ['Dao', 0.9],
  ['Hoa', 0.8], ['Gia Rai', 0.5], ['Ê Đê', 0.4], ['Ba Na', 0.3], ['Sán Chay', 0.2], ['Chăm', 0.2], ['Cơ Ho', 0.2],
])

export const RELIGIONS = weighted<string>([
  ['Không', 86], ['Phật giáo', 5], ['Công giáo', 6.1], ['Cao Đài', 1.1], ['Hòa Hảo', 1.0], ['Tin Lành', 0.8],
])

export const BLOOD_GROUPS = weighted<string | null>([
  [null, 30], ['O+', 29], ['B+', 21], ['A+', 14.5], ['AB+', 4.5], ['O-', 0.4], ['A-', 0.3], ['B-', 0.2], ['AB-', 0.1],
])

// Combining tone marks of Vietnamese (NFD): huyền, sắc, ngã, hỏi, nặng.
const TONES = ['\u0300', '\u0301', '\u0303', '\u0309', '\u0323']
const TONE_PATTERN = /[\u0300\u0301\u0303\u0309\u0323]/

/**
 * A realistic misspelling of a name (a "name spelled differently" defect): one
 * word loses its diacritics ("Thị" → "Thi", "Nguyễn" → "Nguyen") or gets
 * another tone mark ("Nguyễn" → "Nguyển"). Always differs from the input
 * after NFC.
 */
export function misspellName(random: Random, fullName: string): string {
  const words = fullName.normalize('NFD').split(' ')
  const marked = words.map((word, index) => ({ word, index })).filter(({ word }) => /[\u0300-\u036f]/.test(word) || word.includes('Đ') || word.includes('đ'))
  if (marked.length === 0) {
    // No diacritic anywhere: a sắc on the first vowel of the given name.
    const last = words.length - 1
    words[last] = words[last]!.replace(/[aeiouy]/i, (vowel) => vowel + '\u0301')
    return words.join(' ').normalize('NFC')
  }
  const { word, index } = random.pick(marked)
  const toned = TONE_PATTERN.test(word)
  let variant: string
  if (toned && random.chance(0.5)) {
    const tone = TONE_PATTERN.exec(word)![0]
    const others = TONES.filter((candidate) => candidate !== tone)
    variant = word.replace(TONE_PATTERN, random.pick(others))
  } else {
    variant = word.replace(/[\u0300-\u036f]/g, '').replace(/Đ/g, 'D').replace(/đ/g, 'd')
  }
  words[index] = variant
  return words.join(' ').normalize('NFC')
}
