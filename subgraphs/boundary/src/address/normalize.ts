/**
 * Text folding for Vietnamese place names: one key per name however it was
 * typed — any case, NFC or decomposed (NFD) Unicode, old or new tone-mark
 * placement ("Hoà"/"Hòa"), with or without diacritics.
 *
 * ```ts
 * foldText('Phường  Bến Nghé') // 'phuong ben nghe'
 * foldText('Xã Hoà Bình') === foldText('xa hoa binh') // true
 * ```
 */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
}

/**
 * The key the official alias lists use: folded, and with everything but
 * letters and digits removed (`Quận 3` → `quan3`, `Thành phố Hồ Chí Minh` → `thanhphohochiminh`).
 */
export function compactKey(text: string): string {
  return foldText(text).replace(/[^a-z0-9]/g, '')
}

const TONE_MARKS: Record<string, string> = { '\u0300': '2', '\u0301': '1', '\u0303': '4', '\u0309': '3', '\u0323': '5' }

/**
 * A name with diacritics kept but tone-mark placement made irrelevant:
 * each word's tone mark is taken off its vowel and written after the word,
 * so "Hoà" and "Hòa" (old and new placement) give the same key while
 * "Long Thành" and "Long Thạnh" still differ.
 */
export function tonePlacementKey(text: string): string {
  return text
    .normalize('NFD')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .split(' ')
    .map((word) => {
      let tone = ''
      const bare = word.replace(/[\u0300\u0301\u0303\u0309\u0323]/g, (mark) => {
        tone = TONE_MARKS[mark] ?? ''
        return ''
      })
      return bare.normalize('NFC') + tone
    })
    .join(' ')
}
