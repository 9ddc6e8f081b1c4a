/**
 * The words people and old databases write around Vietnamese place names,
 * folded (lower case, no diacritics). Kept in one place so a new abbreviation
 * is one line.
 */

/** What a type word says about the unit that follows (or, in English, precedes) it. */
export type UnitTypeClass =
  | 'ward' // phường
  | 'commune' // xã
  | 'township' // thị trấn
  | 'special-zone' // đặc khu
  | 'urban-district' // quận
  | 'rural-district' // huyện
  | 'district-town' // thị xã
  | 'city' // thành phố: a province-level city or a city of a province
  | 'province' // tỉnh
  | 'any-district' // English "district": quận or huyện
  | 'town' // English "town": thị trấn or thị xã

/** Type words written before a name, longest first so "thi tran" wins over "thi". */
export const PREFIX_TYPE_WORDS: ReadonlyArray<readonly [words: readonly string[], type: UnitTypeClass]> = [
  [['thi', 'tran'], 'township'],
  [['huyen', 'dao'], 'rural-district'], // huyện đảo: an island district
  [['thi', 'xa'], 'district-town'],
  [['thanh', 'pho'], 'city'],
  [['dac', 'khu'], 'special-zone'],
  [['thu', 'do'], 'city'], // thủ đô: Hà Nội
  [['t', 'p'], 'city'], // "T.p"
  [['t', 'x'], 'district-town'], // "T.X"
  [['t', 't'], 'township'], // "T.T"
  [['special', 'zone'], 'special-zone'],
  [['phuong'], 'ward'],
  [['p'], 'ward'],
  [['ph'], 'ward'],
  [['f'], 'ward'], // "F.7": how Saigon's numbered wards are often written
  [['ward'], 'ward'],
  [['xa'], 'commune'],
  [['x'], 'commune'],
  [['commune'], 'commune'],
  [['tt'], 'township'],
  [['township'], 'township'],
  [['quan'], 'urban-district'],
  [['q'], 'urban-district'],
  [['huyen'], 'rural-district'],
  [['h'], 'rural-district'],
  [['tx'], 'district-town'],
  [['tp'], 'city'],
  [['thanhpho'], 'city'],
  [['city'], 'city'],
  [['tinh'], 'province'],
  [['t'], 'province'],
  [['province'], 'province'],
  [['district'], 'any-district'],
  [['dist'], 'any-district'],
  [['town'], 'town'],
]

/** English type words written after a name ("Ben Nghe Ward", "Cu Chi Dist.", "Con Dao Special Zone"). */
export const SUFFIX_TYPE_WORDS: ReadonlyArray<readonly [words: readonly string[], type: UnitTypeClass]> = [
  [['special', 'zone'], 'special-zone'],
  [['ward'], 'ward'],
  [['commune'], 'commune'],
  [['township'], 'township'],
  [['district'], 'any-district'],
  [['dist'], 'any-district'],
  [['town'], 'town'],
  [['city'], 'city'],
  [['province'], 'province'],
]

/** Unit types (as in the data) each type class may name. */
export const TYPE_CLASS_MATCHES: Record<UnitTypeClass, readonly string[]> = {
  ward: ['phường'],
  commune: ['xã'],
  township: ['thị trấn'],
  'special-zone': ['đặc khu'],
  'urban-district': ['quận'],
  'rural-district': ['huyện'],
  'district-town': ['thị xã'],
  city: ['thành phố'],
  province: ['tỉnh'],
  'any-district': ['quận', 'huyện', 'thị xã', 'thành phố'],
  town: ['thị trấn', 'thị xã'],
}

/** The type word the alias lists prefix to a name (`phuong10`, `xahopthanh`, `huyenphuchoa`). */
export const ALIAS_TYPE_PREFIX: Partial<Record<UnitTypeClass, readonly string[]>> = {
  ward: ['phuong'],
  commune: ['xa'],
  township: ['thitran'],
  'urban-district': ['quan'],
  'rural-district': ['huyen'],
  'district-town': ['thixa'],
  city: ['thanhpho'],
  'any-district': ['quan', 'huyen', 'thixa', 'thanhpho'],
  town: ['thitran', 'thixa'],
}

/**
 * Words that open a place below the commune (hamlet, residential group,
 * alley, street). A name right after one of them is that place, not a commune
 * of the same name: "Ấp Bình Phú" is a hamlet even where a Xã Bình Phú exists.
 */
export const SUB_COMMUNE_WORDS: ReadonlySet<string> = new Set([
  'ap', // ấp
  'thon', // thôn
  'xom', // xóm
  'to', // tổ
  'kp', // khu phố
  'khom', // khóm
  'ban', // bản
  'buon', // buôn
  'plei',
  'soc', // sóc
  'lang', // làng
  'doi', // đội
  'khu',
  'pho', // khu phố, phố
  'hem', // hẻm
  'ngo', // ngõ
  'ngach', // ngách
  'kiet', // kiệt
  'duong', // đường
  'so', // số
  'street',
  'alley',
  'lane',
  'hamlet',
  'village',
  'group',
  'zone',
])

/** Trailing words naming the country, dropped before matching. */
export const COUNTRY_WORDS: ReadonlyArray<readonly string[]> = [['viet', 'nam'], ['vietnam'], ['vn'], ['vietnamese']]

/**
 * Names people use for provinces besides the official ones, folded and
 * compacted, with the province code they mean and which code system.
 * Official names, short names and English names are added from the data.
 */
export const PROVINCE_NICKNAMES: ReadonlyArray<{ key: string; code: string; system: 'legacy' | '2025' }> = [
  { key: 'hcm', code: '79', system: '2025' },
  { key: 'tphcm', code: '79', system: '2025' },
  { key: 'hcmc', code: '79', system: '2025' },
  { key: 'tphochiminh', code: '79', system: '2025' },
  { key: 'saigon', code: '79', system: '2025' },
  { key: 'hn', code: '01', system: '2025' },
  { key: 'tphn', code: '01', system: '2025' },
  { key: 'hanoi', code: '01', system: '2025' },
  { key: 'brvt', code: '77', system: 'legacy' },
  { key: 'bariavungtau', code: '77', system: 'legacy' },
  { key: 'vungtau', code: '77', system: 'legacy' },
  { key: 'tthue', code: '46', system: 'legacy' },
  { key: 'thuathienhue', code: '46', system: 'legacy' },
  { key: 'daklak', code: '66', system: '2025' },
  { key: 'hue', code: '46', system: '2025' },
  { key: 'danang', code: '48', system: '2025' },
  { key: 'haiphong', code: '31', system: '2025' },
  { key: 'cantho', code: '92', system: '2025' },
]
