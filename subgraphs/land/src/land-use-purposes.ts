/**
 * Land-use purpose codes (mã loại đất) this register accepts, with their
 * Vietnamese names: the land categories of the Law on Land 2024 Art. 9 with the
 * codes of the cadastral map (Circular 08/2024/TT-BTNMT, continuing the codes of
 * Circular 25/2014). Ingest rejects any other code.
 */
export const LAND_USE_PURPOSES: Readonly<Record<string, string>> = {
  // Nhóm đất nông nghiệp (agricultural land)
  LUC: 'Đất chuyên trồng lúa',
  LUK: 'Đất trồng lúa còn lại',
  LUN: 'Đất trồng lúa nương',
  HNK: 'Đất trồng cây hằng năm khác',
  BHK: 'Đất bằng trồng cây hằng năm khác',
  NHK: 'Đất nương rẫy trồng cây hằng năm khác',
  CLN: 'Đất trồng cây lâu năm',
  RSX: 'Đất rừng sản xuất',
  RPH: 'Đất rừng phòng hộ',
  RDD: 'Đất rừng đặc dụng',
  NTS: 'Đất nuôi trồng thủy sản',
  LMU: 'Đất làm muối',
  NKH: 'Đất nông nghiệp khác',
  // Nhóm đất phi nông nghiệp (non-agricultural land)
  ONT: 'Đất ở tại nông thôn',
  ODT: 'Đất ở tại đô thị',
  TSC: 'Đất xây dựng trụ sở cơ quan',
  CQP: 'Đất quốc phòng',
  CAN: 'Đất an ninh',
  DGD: 'Đất xây dựng cơ sở giáo dục và đào tạo',
  DYT: 'Đất xây dựng cơ sở y tế',
  DVH: 'Đất xây dựng cơ sở văn hóa',
  DTT: 'Đất xây dựng cơ sở thể dục, thể thao',
  SKK: 'Đất khu công nghiệp',
  SKN: 'Đất cụm công nghiệp',
  TMD: 'Đất thương mại, dịch vụ',
  SKC: 'Đất cơ sở sản xuất phi nông nghiệp',
  SKS: 'Đất sử dụng cho hoạt động khoáng sản',
  DGT: 'Đất giao thông',
  DTL: 'Đất thủy lợi',
  DNL: 'Đất công trình năng lượng, chiếu sáng công cộng',
  TON: 'Đất tôn giáo',
  TIN: 'Đất tín ngưỡng',
  NTD: 'Đất nghĩa trang, nhà tang lễ, cơ sở hỏa táng, cơ sở lưu giữ tro cốt',
  SON: 'Đất sông, ngòi, kênh, rạch, suối',
  MNC: 'Đất có mặt nước chuyên dùng',
  PNK: 'Đất phi nông nghiệp khác',
  // Nhóm đất chưa sử dụng (unused land)
  BCS: 'Đất bằng chưa sử dụng',
  DCS: 'Đất đồi núi chưa sử dụng',
  NCS: 'Núi đá không có rừng cây',
}

/** The Vietnamese name of a purpose code, or undefined for a code this register does not accept. */
export function landUsePurposeName(code: string): string | undefined {
  return Object.hasOwn(LAND_USE_PURPOSES, code) ? LAND_USE_PURPOSES[code] : undefined
}
