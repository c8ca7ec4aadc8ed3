import { fileTypeMatches, sniffFileType } from './file-signature';

/** A ZIP head as archivers write it: one local file header (30 bytes, then the name) per entry. */
function zipHead(...entries: { name: string; data: string }[]): Buffer {
  return Buffer.concat(
    entries.map(({ name, data }) => {
      const header = Buffer.alloc(30);
      header.writeUInt32LE(0x04034b50, 0);
      header.writeUInt16LE(20, 4);
      header.writeUInt32LE(data.length, 18);
      header.writeUInt32LE(data.length, 22);
      header.writeUInt16LE(Buffer.byteLength(name, 'latin1'), 26);
      return Buffer.concat([header, Buffer.from(name, 'latin1'), Buffer.from(data, 'latin1')]);
    }),
  );
}

const contentTypes = { name: '[Content_Types].xml', data: '<?xml version="1.0"?><Types/>' };
const rels = { name: '_rels/.rels', data: '<Relationships/>' };

describe('sniffFileType', () => {
  it('recognises a PDF', () => {
    expect(sniffFileType(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj', 'latin1'))).toBe('pdf');
  });

  it('recognises a PNG', () => {
    expect(sniffFileType(Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'))).toBe('png');
  });

  it('recognises a JPEG, JFIF or Exif', () => {
    expect(sniffFileType(Buffer.from('ffd8ffe000104a464946', 'hex'))).toBe('jpg');
    expect(sniffFileType(Buffer.from('ffd8ffe1001845786966', 'hex'))).toBe('jpg');
  });

  it('recognises a Word document by its word/ parts', () => {
    expect(sniffFileType(zipHead(contentTypes, rels, { name: 'word/document.xml', data: '<w:document/>' }))).toBe(
      'docx',
    );
  });

  it('recognises an Excel workbook by its xl/ parts', () => {
    expect(sniffFileType(zipHead(contentTypes, rels, { name: 'xl/workbook.xml', data: '<workbook/>' }))).toBe('xlsx');
  });

  it('calls any other ZIP a zip, even when "word/" appears inside a name or the data', () => {
    expect(sniffFileType(zipHead({ name: 'ho-so/to-khai.pdf', data: '%PDF-' }))).toBe('zip');
    expect(sniffFileType(zipHead({ name: 'keyword/list.txt', data: 'word/ xl/' }))).toBe('zip');
  });

  it('knows nothing of plain text, an empty head or a truncated signature', () => {
    expect(sniffFileType(Buffer.from('Đơn đề nghị cấp phép\n', 'utf8'))).toBeUndefined();
    expect(sniffFileType(Buffer.alloc(0))).toBeUndefined();
    expect(sniffFileType(Buffer.from('%PD'))).toBeUndefined();
    expect(sniffFileType(Buffer.from('89504e47', 'hex'))).toBeUndefined();
  });

  it('ignores the file name a client would send: an HTML page is not a PDF', () => {
    expect(sniffFileType(Buffer.from('<!DOCTYPE html><title>invoice.pdf</title>'))).toBeUndefined();
  });
});

describe('fileTypeMatches', () => {
  it('matches the declared extension, with or without a dot, in any case', () => {
    expect(fileTypeMatches('pdf', 'pdf')).toBe(true);
    expect(fileTypeMatches('.PDF', 'pdf')).toBe(true);
    expect(fileTypeMatches('docx', 'docx')).toBe(true);
    expect(fileTypeMatches('xlsx', 'xlsx')).toBe(true);
  });

  it('treats jpg and jpeg as one', () => {
    expect(fileTypeMatches('jpeg', 'jpg')).toBe(true);
    expect(fileTypeMatches('.JPG', 'jpg')).toBe(true);
  });

  it('refuses a mismatch or an unknown content', () => {
    expect(fileTypeMatches('pdf', 'png')).toBe(false);
    expect(fileTypeMatches('docx', 'zip')).toBe(false);
    expect(fileTypeMatches('xlsx', 'docx')).toBe(false);
    expect(fileTypeMatches('txt', undefined)).toBe(false);
    expect(fileTypeMatches('pdf', undefined)).toBe(false);
  });
});
