import { foldVietnamese } from './fold-vietnamese';

describe('foldVietnamese', () => {
  it.each([
    ['Quyết định thanh lý tài sản công', 'quyet dinh thanh ly tai san cong'],
    ['ĐĂNG KÝ GIÁ', 'dang ky gia'],
    ['Đơn vị có quan hệ với ngân sách', 'don vi co quan he voi ngan sach'],
    ['  Hiệp   thương giá ', 'hiep thuong gia'],
    ['quyet dinh', 'quyet dinh'],
  ])('%s -> %s', (input, folded) => expect(foldVietnamese(input)).toBe(folded));

  it('treats precomposed and decomposed input alike', () => {
    expect(foldVietnamese('Tài sản'.normalize('NFD'))).toBe(foldVietnamese('Tài sản'.normalize('NFC')));
  });
});
