import { contentDisposition } from './stream-file';

describe('contentDisposition', () => {
  it('gives a Vietnamese name in UTF-8 and a folded ASCII fallback', () => {
    expect(contentDisposition('Giấy chứng nhận đăng ký.pdf', 'inline')).toBe(
      `inline; filename="Giay chung nhan dang ky.pdf"; filename*=UTF-8''Gi%E1%BA%A5y%20ch%E1%BB%A9ng%20nh%E1%BA%ADn%20%C4%91%C4%83ng%20k%C3%BD.pdf`,
    );
  });

  it('round-trips the UTF-8 name exactly', () => {
    const name = 'Quyết định (bản chính) *Đà Nẵng* 100%.pdf';
    const value = contentDisposition(name);
    const encoded = /filename\*=UTF-8''(.+)$/.exec(value)![1];
    expect(encoded).toMatch(/^[A-Za-z0-9!#$&+\-.^_`|~%]+$/);
    expect(decodeURIComponent(encoded)).toBe(name);
    expect(value).toContain('filename="Quyet dinh (ban chinh) *Da Nang* 100_.pdf"');
  });

  it('defaults to attachment', () => {
    expect(contentDisposition('a.docx')).toBe(`attachment; filename="a.docx"; filename*=UTF-8''a.docx`);
  });

  it('keeps quotes, paths and line breaks out of the header', () => {
    const value = contentDisposition('../../etc/"passwd"\r\nSet-Cookie: x=1');
    expect(value).not.toMatch(/[\r\n]/);
    expect(value).not.toContain('/');
    expect(value.split(';')[1]).toBe(' filename=".._.._etc__passwd__Set-Cookie: x=1"');
  });

  it('names an empty or unprintable name "file"', () => {
    expect(contentDisposition('')).toContain('filename="file"');
  });

  it('replaces characters with no ASCII form in the fallback only', () => {
    expect(contentDisposition('hồ sơ 📄.pdf')).toBe(
      `attachment; filename="ho so __.pdf"; filename*=UTF-8''h%E1%BB%93%20s%C6%A1%20%F0%9F%93%84.pdf`,
    );
  });
});
