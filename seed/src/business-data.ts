import { weighted } from './random.js'

/** A small real list of VSIC 2018 lines (Decision 27/2018/QĐ-TTg). */
export const VSIC_LINES: readonly { vsicCode: string; name: string }[] = [
  { vsicCode: '0118', name: 'Trồng rau, đậu các loại và trồng hoa' },
  { vsicCode: '1079', name: 'Sản xuất thực phẩm khác chưa được phân vào đâu' },
  { vsicCode: '1410', name: 'May trang phục (trừ trang phục từ da lông thú)' },
  { vsicCode: '4101', name: 'Xây dựng nhà để ở' },
  { vsicCode: '4102', name: 'Xây dựng nhà không để ở' },
  { vsicCode: '4520', name: 'Bảo dưỡng, sửa chữa ô tô và xe có động cơ khác' },
  { vsicCode: '4632', name: 'Bán buôn thực phẩm' },
  { vsicCode: '4649', name: 'Bán buôn đồ dùng khác cho gia đình' },
  { vsicCode: '4659', name: 'Bán buôn máy móc, thiết bị và phụ tùng máy khác' },
  { vsicCode: '4711', name: 'Bán lẻ lương thực, thực phẩm, đồ uống, thuốc lá, thuốc lào chiếm tỷ trọng lớn trong các cửa hàng kinh doanh tổng hợp' },
  { vsicCode: '4722', name: 'Bán lẻ thực phẩm trong các cửa hàng chuyên doanh' },
  { vsicCode: '4933', name: 'Vận tải hàng hóa bằng đường bộ' },
  { vsicCode: '5510', name: 'Dịch vụ lưu trú ngắn ngày' },
  { vsicCode: '5610', name: 'Nhà hàng và các dịch vụ ăn uống phục vụ lưu động' },
  { vsicCode: '5630', name: 'Dịch vụ phục vụ đồ uống' },
  { vsicCode: '6201', name: 'Lập trình máy vi tính' },
  { vsicCode: '6810', name: 'Kinh doanh bất động sản, quyền sử dụng đất thuộc chủ sở hữu, chủ sử dụng hoặc đi thuê' },
  { vsicCode: '7020', name: 'Hoạt động tư vấn quản lý' },
  { vsicCode: '8559', name: 'Giáo dục khác chưa được phân vào đâu' },
  { vsicCode: '9602', name: 'Cắt tóc, làm đầu, gội đầu' },
]

/** Lines a household business typically registers (bán lẻ, ăn uống, dịch vụ). */
export const HOUSEHOLD_VSIC_LINES = VSIC_LINES.filter((line) => ['0118', '1079', '4711', '4722', '4520', '5610', '5630', '9602'].includes(line.vsicCode))

/** Trade words of enterprise names and their English renderings. */
export const TRADES: readonly [string, string][] = [
  ['Thương mại và Dịch vụ', 'TRADING AND SERVICES'],
  ['Xây dựng', 'CONSTRUCTION'],
  ['Đầu tư và Phát triển', 'INVESTMENT AND DEVELOPMENT'],
  ['Công nghệ', 'TECHNOLOGY'],
  ['Vận tải', 'TRANSPORT'],
  ['Thực phẩm', 'FOOD'],
  ['May mặc', 'GARMENT'],
  ['Tư vấn', 'CONSULTING'],
  ['Nông sản', 'AGRICULTURAL PRODUCTS'],
  ['Du lịch', 'TRAVEL'],
]

/** Made-up brand words (with their unaccented form for foreign and short names). */
export const BRANDS: readonly [string, string][] = [
  ['An Phát', 'AN PHAT'], ['Minh Long', 'MINH LONG'], ['Hưng Thịnh', 'HUNG THINH'], ['Phú Gia', 'PHU GIA'],
  ['Thành Đạt', 'THANH DAT'], ['Việt Tiến', 'VIET TIEN'], ['Hoàng Gia', 'HOANG GIA'], ['Tân Phú', 'TAN PHU'],
  ['Đại Nam', 'DAI NAM'], ['Bình Minh', 'BINH MINH'], ['Sao Mai', 'SAO MAI'], ['Trường Sơn', 'TRUONG SON'],
  ['Hồng Hà', 'HONG HA'], ['Quang Vinh', 'QUANG VINH'], ['Kim Ngân', 'KIM NGAN'], ['Thái Bình Dương', 'THAI BINH DUONG'],
  ['Nam Việt', 'NAM VIET'], ['Lạc Hồng', 'LAC HONG'], ['Phúc Lộc', 'PHUC LOC'], ['Đông Á', 'DONG A'],
]

export const SHOP_KINDS = ['Tạp hóa', 'Quán ăn', 'Cà phê', 'Sửa xe', 'Cắt tóc', 'Rau sạch', 'Bánh ngọt', 'Điện nước']

export const LEGAL_FORMS = weighted<string>([
  ['TNHH_ONE_MEMBER', 45], ['TNHH_MULTI_MEMBER', 25], ['JOINT_STOCK', 20], ['PRIVATE', 8], ['PARTNERSHIP', 2],
])

export const LEGAL_FORM_PREFIX: Record<string, [string, string]> = {
  TNHH_ONE_MEMBER: ['Công ty TNHH', 'COMPANY LIMITED'],
  TNHH_MULTI_MEMBER: ['Công ty TNHH', 'COMPANY LIMITED'],
  JOINT_STOCK: ['Công ty Cổ phần', 'JOINT STOCK COMPANY'],
  PRIVATE: ['Doanh nghiệp tư nhân', 'PRIVATE ENTERPRISE'],
  PARTNERSHIP: ['Công ty Hợp danh', 'PARTNERSHIP'],
}

export const ENTERPRISE_STATUSES = weighted<string>([
  ['OPERATING', 85], ['SUSPENDED', 6], ['DISSOLVING', 3], ['DISSOLVED', 5], ['BANKRUPT', 1],
])

export const CHARTER_CAPITALS = [100_000_000, 500_000_000, 1_000_000_000, 2_000_000_000, 5_000_000_000, 10_000_000_000, 50_000_000_000]

/** Made-up lenders for mortgages (bên nhận thế chấp). */
export const LENDERS = [
  'Ngân hàng TMCP Phát triển Minh Long',
  'Ngân hàng TMCP Sao Mai',
  'Ngân hàng TMCP Đông Á Việt',
  'Quỹ tín dụng nhân dân Bình Minh',
  'Ngân hàng TMCP Hồng Hà',
]
