import { describe, expect, it } from 'vitest'
import { isWithinOneEdit } from '../src/address/converter.js'
import { compactKey, foldText, tonePlacementKey } from '../src/address/normalize.js'
import { countTrailingNoise, tokenizeAddress } from '../src/address/tokenize.js'

describe('foldText', () => {
  it('when a name is written NFC, NFD, in capitals or without diacritics, then all give one key', () => {
    const forms = ['Phường Bến Nghé', 'Phường Bến Nghé'.normalize('NFD'), 'PHƯỜNG BẾN NGHÉ', 'phuong ben nghe', '  Phường   Bến Nghé ']
    expect(new Set(forms.map(foldText))).toEqual(new Set(['phuong ben nghe']))
  })

  it('when a name has đ, then it folds to d', () => {
    expect(foldText('Đông Đa')).toBe('dong da')
  })
})

describe('compactKey', () => {
  it('when a name has spaces and punctuation, then only letters and digits remain', () => {
    expect(compactKey('Thành phố Hồ Chí Minh')).toBe('thanhphohochiminh')
    expect(compactKey("Ea H'Leo")).toBe('eahleo')
    expect(compactKey('Bà Rịa - Vũng Tàu')).toBe('bariavungtau')
  })
})

describe('tonePlacementKey', () => {
  it('when old and new tone placement differ ("Hoà"/"Hòa", "Thuỵ"/"Thụy"), then the keys are equal', () => {
    expect(tonePlacementKey('Xã Hoà Bình')).toBe(tonePlacementKey('Xã Hòa Bình'))
    expect(tonePlacementKey('Thuỵ Khuê')).toBe(tonePlacementKey('Thụy Khuê'))
  })

  it('when the tones themselves differ ("Long Thành"/"Long Thạnh"), then the keys differ', () => {
    expect(tonePlacementKey('Long Thành')).not.toBe(tonePlacementKey('Long Thạnh'))
  })
})

describe('tokenizeAddress', () => {
  it('when abbreviations are glued with dots or to numbers, then type words and numbers come apart', () => {
    const tokens = tokenizeAddress('P.Bến Nghé, Q1, TP.HCM')
    expect(tokens.map((token) => token.folded)).toEqual(['p', 'ben', 'nghe', 'q', '1', 'tp', 'hcm'])
  })

  it('when a number has leading zeros, then they are dropped', () => {
    expect(tokenizeAddress('Phường 05, Quận 03').map((token) => token.folded)).toEqual(['phuong', '5', 'quan', '3'])
  })

  it('when commas separate parts, then the first token after each is marked as a boundary', () => {
    const tokens = tokenizeAddress('Tổ 8, Khu phố 1 Phường 2')
    expect(tokens.filter((token) => token.boundaryBefore).map((token) => token.written)).toEqual(['Khu'])
  })

  it('when tokens are returned, then their offsets point into the input as written', () => {
    const text = 'Hẻm 12/3 Lê Lợi, Phường 2'
    for (const token of tokenizeAddress(text)) expect(text.slice(token.start, token.end)).toBe(token.written)
  })

  it('when the address ends with the country and a postal code, then those tokens are counted as noise', () => {
    const tokens = tokenizeAddress('Phường 2, Quận 5, TP.HCM 700000, Việt Nam')
    expect(countTrailingNoise(tokens)).toBe(3)
  })
})

describe('isWithinOneEdit', () => {
  it.each([
    ['bennghe', 'bennghe', true],
    ['bennghe', 'benngh', true],
    ['bennghe', 'benngue', true],
    ['bennghe', 'bnenghe', true],
    ['bennghe', 'bnnghex', false],
    ['thaodien', 'thaodienx', true],
    ['thaodien', 'thadoiem', false],
  ])('when comparing %s and %s, then one edit apart is %s', (a, b, expected) => {
    expect(isWithinOneEdit(a, b)).toBe(expected)
  })
})
