import { foldText, tonePlacementKey } from './normalize.js'
import { COUNTRY_WORDS } from './vocabulary.js'

/** One word of an address: folded for matching, with where it stands in the (NFC) input. */
export interface AddressToken {
  /** Folded: lower case, no diacritics, `đ` → `d`. */
  folded: string
  /** The word as written (NFC), to compare diacritics. */
  written: string
  /** The word carries letters beyond ASCII (diacritics, đ). */
  hasDiacritics: boolean
  /** The word is a number. */
  numeric: boolean
  /** Cache of toneKeyOf(). */
  toneKey?: string
  start: number
  end: number
  /** A comma (or `;`, `|`, a line break) stands between this token and the one before. */
  boundaryBefore: boolean
}

const ASCII = /^[\x00-\x7f]*$/
const WORD = /[\p{L}\p{M}\p{N}'’]+/gu
// "P1", "Q.10" after the dot split, "F7", "KP3", "Phuong1": a type word glued to a number.
const GLUED_NUMBER = /^(p|q|f|ph|x|tt|tx|kp|h|phuong|quan|huyen|ward|district)(\d+)$/

/**
 * Splits an address into words, keeping offsets so the street part can be
 * returned exactly as written. Dots and slashes separate words ("TP.HCM",
 * "Q.1", "12/3"); commas and their kin mark segment boundaries.
 */
export function tokenizeAddress(text: string): AddressToken[] {
  const tokens: AddressToken[] = []
  let previousEnd = 0
  for (const match of text.matchAll(WORD)) {
    const start = match.index
    const written = match[0]
    const gap = text.slice(previousEnd, start)
    // A dash is not a boundary: it joins names ("Phương Liên - Trung Tự", "Bà Rịa - Vũng Tàu").
    const boundaryBefore = tokens.length > 0 && /[,;|\n]/.test(gap)
    previousEnd = start + written.length
    const folded = foldWord(written)
    if (!folded) continue
    const glued = GLUED_NUMBER.exec(folded)
    if (glued) {
      const split = glued[1]!.length
      const prefix = written.slice(0, split)
      tokens.push({ folded: glued[1]!, written: prefix, hasDiacritics: !ASCII.test(prefix), numeric: false, start, end: start + split, boundaryBefore })
      tokens.push({ folded: normalizeNumber(glued[2]!), written: written.slice(split), hasDiacritics: false, numeric: true, start: start + split, end: previousEnd, boundaryBefore: false })
    } else {
      tokens.push({ folded: normalizeNumber(folded), written, hasDiacritics: !ASCII.test(written), numeric: /^\d+$/.test(folded), start, end: previousEnd, boundaryBefore })
    }
  }
  return tokens
}

// Addresses repeat the same few thousand words ("Phường", "Quận", place names):
// folding each once saves a Unicode decomposition per word. Bounded, so
// arbitrary input cannot grow it without limit.
const FOLDED_WORDS = new Map<string, string>()
const MAX_CACHED_WORDS = 50_000

function foldWord(written: string): string {
  let folded = FOLDED_WORDS.get(written)
  if (folded === undefined) {
    folded = foldText(written).replace(/['’]/g, '')
    if (FOLDED_WORDS.size >= MAX_CACHED_WORDS) FOLDED_WORDS.clear()
    FOLDED_WORDS.set(written, folded)
  }
  return folded
}

/** A word's diacritics with tone placement normalised (see tonePlacementKey), computed once per token. */
export function toneKeyOf(token: AddressToken): string {
  token.toneKey ??= tonePlacementKey(token.written)
  return token.toneKey
}

function normalizeNumber(word: string): string {
  return /^\d+$/.test(word) ? String(Number(word)) : word
}

/** How many tokens at the end are the country name or a postal code, to be ignored. */
export function countTrailingNoise(tokens: readonly AddressToken[]): number {
  let end = tokens.length
  let changed = true
  while (changed && end > 0) {
    changed = false
    for (const words of COUNTRY_WORDS) {
      if (end >= words.length && words.every((word, i) => tokens[end - words.length + i]!.folded === word)) {
        end -= words.length
        changed = true
      }
    }
    // A postal code: 5 or 6 digits (the tokenizer removed leading zeros, so accept 4–6).
    if (end > 1 && /^\d{4,6}$/.test(tokens[end - 1]!.folded)) {
      end -= 1
      changed = true
    }
  }
  return tokens.length - end
}
