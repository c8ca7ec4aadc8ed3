/**
 * Vietnam's 34 provincial units since 1 July 2025 (Resolution 202/2025/QH15), with the former
 * units merged into each. Sources: docs/data-sources.md (public reporting of the
 * resolution). A former unit whose name the successor kept (e.g. Lào Cai) is not listed again.
 */
export interface ProvinceUnit {
  /** The official name since 2025-07-01. */
  name: string;
  kind: 'city' | 'province';
  /** Former provincial units merged into this one, under another name. */
  formerNames: readonly string[];
}

export const PROVINCES_2025: readonly ProvinceUnit[] = [
  { name: 'Hà Nội', kind: 'city', formerNames: [] },
  { name: 'Huế', kind: 'city', formerNames: ['Thừa Thiên Huế'] },
  { name: 'Lai Châu', kind: 'province', formerNames: [] },
  { name: 'Điện Biên', kind: 'province', formerNames: [] },
  { name: 'Sơn La', kind: 'province', formerNames: [] },
  { name: 'Lạng Sơn', kind: 'province', formerNames: [] },
  { name: 'Quảng Ninh', kind: 'province', formerNames: [] },
  { name: 'Thanh Hóa', kind: 'province', formerNames: [] },
  { name: 'Nghệ An', kind: 'province', formerNames: [] },
  { name: 'Hà Tĩnh', kind: 'province', formerNames: [] },
  { name: 'Cao Bằng', kind: 'province', formerNames: [] },
  { name: 'Tuyên Quang', kind: 'province', formerNames: ['Hà Giang'] },
  { name: 'Lào Cai', kind: 'province', formerNames: ['Yên Bái'] },
  { name: 'Thái Nguyên', kind: 'province', formerNames: ['Bắc Kạn'] },
  { name: 'Phú Thọ', kind: 'province', formerNames: ['Vĩnh Phúc', 'Hòa Bình'] },
  { name: 'Bắc Ninh', kind: 'province', formerNames: ['Bắc Giang'] },
  { name: 'Hưng Yên', kind: 'province', formerNames: ['Thái Bình'] },
  { name: 'Hải Phòng', kind: 'city', formerNames: ['Hải Dương'] },
  { name: 'Ninh Bình', kind: 'province', formerNames: ['Hà Nam', 'Nam Định'] },
  { name: 'Quảng Trị', kind: 'province', formerNames: ['Quảng Bình'] },
  { name: 'Đà Nẵng', kind: 'city', formerNames: ['Quảng Nam'] },
  { name: 'Quảng Ngãi', kind: 'province', formerNames: ['Kon Tum'] },
  { name: 'Gia Lai', kind: 'province', formerNames: ['Bình Định'] },
  { name: 'Khánh Hòa', kind: 'province', formerNames: ['Ninh Thuận'] },
  { name: 'Lâm Đồng', kind: 'province', formerNames: ['Đắk Nông', 'Bình Thuận'] },
  { name: 'Đắk Lắk', kind: 'province', formerNames: ['Phú Yên'] },
  { name: 'Hồ Chí Minh City', kind: 'city', formerNames: ['Bình Dương', 'Bà Rịa - Vũng Tàu'] },
  { name: 'Đồng Nai', kind: 'province', formerNames: ['Bình Phước'] },
  { name: 'Tây Ninh', kind: 'province', formerNames: ['Long An'] },
  { name: 'Cần Thơ', kind: 'city', formerNames: ['Sóc Trăng', 'Hậu Giang'] },
  { name: 'Vĩnh Long', kind: 'province', formerNames: ['Bến Tre', 'Trà Vinh'] },
  { name: 'Đồng Tháp', kind: 'province', formerNames: ['Tiền Giang'] },
  { name: 'Cà Mau', kind: 'province', formerNames: ['Bạc Liêu'] },
  { name: 'An Giang', kind: 'province', formerNames: ['Kiên Giang'] },
];

/**
 * Other ways people write a unit (spelling variants and the usual short forms). Matching ignores
 * diacritics, case, punctuation and the "tỉnh / thành phố" prefix anyway; these are the rest.
 */
export const PROVINCE_ALIASES: Readonly<Record<string, string>> = {
  HCM: 'Hồ Chí Minh City',
  TPHCM: 'Hồ Chí Minh City',
  'Sài Gòn': 'Hồ Chí Minh City',
  'Ho Chi Minh': 'Hồ Chí Minh City',
  'Thanh Hoá': 'Thanh Hóa',
  'Khánh Hoà': 'Khánh Hòa',
  'Đắk Lăk': 'Đắk Lắk',
  'Dak Lak': 'Đắk Lắk',
  Daklak: 'Đắk Lắk',
};

/** Former names written another way, e.g. "Hoà Bình", "Bà Rịa Vũng Tàu", "Đắc Nông". */
export const FORMER_ALIASES: Readonly<Record<string, string>> = {
  'Hoà Bình': 'Hòa Bình',
  'Đắc Nông': 'Đắk Nông',
  'Dak Nong': 'Đắk Nông',
  'Bắc Cạn': 'Bắc Kạn',
  Kontum: 'Kon Tum',
  'BR-VT': 'Bà Rịa - Vũng Tàu',
  'Vũng Tàu': 'Bà Rịa - Vũng Tàu',
};
