/**
 * Lower-case text without Vietnamese diacritics ("Quản lý công sản" -> "quan ly cong san"), so a
 * search matches whether the citizen typed the marks or not. đ/Đ is a letter of its own, not a
 * d with a mark, so Unicode decomposition leaves it: it is mapped explicitly.
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
