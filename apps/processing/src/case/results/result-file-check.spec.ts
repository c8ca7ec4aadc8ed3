import { checkResultFile } from './result-file-check';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF\n', 'latin1');
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const notEncrypted = () => false;

describe('checkResultFile (the bytes decide, not the name)', () => {
  it('takes a PDF and a PNG with their content types', () => {
    expect(checkResultFile('files', 'quyet-dinh.pdf', PDF, notEncrypted).file).toMatchObject({
      type: 'pdf',
      contentType: 'application/pdf',
    });
    expect(
      checkResultFile('files', 'ANH.JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe0]), notEncrypted).file,
    ).toMatchObject({ type: 'jpg', contentType: 'image/jpeg' });
    expect(checkResultFile('files', 'so-do.png', PNG, notEncrypted).file?.contentType).toBe('image/png');
  });

  it('refuses a PNG that is really text, an empty file, a Word file and an encrypted PDF, each with its code', () => {
    const code = (name: string, bytes: Buffer, encrypted = false) =>
      checkResultFile('files', name, bytes, () => encrypted).problem?.code;
    expect(code('anh.png', Buffer.from('just some text'))).toBe('RESULT.FILE_CONTENT_MISMATCH');
    expect(code('trong.pdf', Buffer.alloc(0))).toBe('RESULT.FILE_EMPTY');
    expect(code('van-ban.docx', PDF)).toBe('RESULT.FILE_TYPE_NOT_ALLOWED');
    expect(code('khoa.pdf', PDF, true)).toBe('RESULT.FILE_ENCRYPTED');
  });
});
