import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { PNG } from 'pngjs';
import { pdftotext as layoutText, workDir } from '../signing/pdf-tools.testing';

/** The text as a reader reads it: wrapped lines joined. */
const pdftotext = (pdf: Buffer): string => layoutText(pdf).replace(/\s+/g, ' ');
import { renderSlip } from './render-slip';
import type { SlipContent } from './slip-content';

const common = {
  agencyName: 'Sở Tài chính tỉnh Thử nghiệm',
  dossierCode: 'H12.99-260302-0001',
  procedureName: 'Đăng ký thành lập hộ kinh doanh',
  applicant: { name: 'Nguyễn Thị Hồng Nhung', address: 'Số 5 Lê Lợi, phường Bến Thành', phone: '0912345678' },
  issuedAt: new Date('2026-03-02T07:05:00Z'),
  officerName: 'Trần Văn Đức',
  trackingUrl: 'http://127.0.0.1:3000/tra-cuu?ma=H12.99-260302-0001',
};

const receipt: SlipContent = {
  ...common,
  kind: 'receipt',
  documents: [
    { name: 'Giấy đề nghị đăng ký hộ kinh doanh', form: 'bản chính', copies: 1 },
    { name: 'Bản sao giấy tờ pháp lý của cá nhân', form: 'bản sao', copies: 1 },
  ],
  acceptedAt: new Date('2026-03-02T07:05:00Z'),
  dueAt: new Date('2026-03-05T10:00:00Z'),
  returnMethod: 'postal',
  returnAddress: 'Số 5 Lê Lợi, phường Bến Thành',
};

/** Page 1 as a PNG at 50 dpi, decoded; and the share of dark pixels on it. */
function renderPage1(pdf: Buffer, name: string): { file: string; darkShare: number } {
  const dir = workDir();
  writeFileSync(join(dir, 'slip.pdf'), pdf);
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    '50',
    '-f',
    '1',
    '-l',
    '1',
    '-singlefile',
    join(dir, 'slip.pdf'),
    join(dir, name),
  ]);
  const file = join(dir, `${name}.png`);
  const png = PNG.sync.read(readFileSync(file));
  let dark = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    if (png.data[i] + png.data[i + 1] + png.data[i + 2] < 3 * 128) dark++;
  }
  return { file, darkShare: dark / (png.width * png.height) };
}

describe('renderSlip', () => {
  it('renders the receipt with its Vietnamese text intact, the national motto, the dossier code and the due date', async () => {
    const pdf = await renderSlip(receipt);
    const text = pdftotext(pdf);
    for (const expected of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
      'Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
      'Receipt and appointment for the result',
      'H12.99-260302-0001',
      'Nguyễn Thị Hồng Nhung',
      'Giấy đề nghị đăng ký hộ kinh doanh',
      // 10:00 UTC is 17:00 in Vietnam.
      '17 giờ 00 phút, ngày 05/03/2026',
      'qua dịch vụ bưu chính công ích',
      'Trần Văn Đức',
    ]) {
      expect(text).toContain(expected);
    }
    const page = renderPage1(pdf, 'receipt');
    expect(page.darkShare).toBeGreaterThan(0.01);
    // Fonts embedded as subsets: the slip is small enough to mail.
    expect(pdf.length).toBeLessThan(200_000);
    // For a person to look at: the file stays in the temporary folder.
    writeFileSync('/tmp/dvc-receipt-slip.png', readFileSync(page.file));
  });

  it.each([
    [
      'supplement-request',
      {
        ...common,
        kind: 'supplement-request',
        reason: 'Thiếu chữ ký của chủ hộ',
        items: ['Bản sao căn cước công dân'],
      },
      ['PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ', 'Bản sao căn cước công dân', 'Thiếu chữ ký của chủ hộ'],
    ],
    [
      'refusal',
      { ...common, kind: 'refusal', reason: 'Thủ tục không thuộc thẩm quyền của Sở' },
      ['PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ', 'Thủ tục không thuộc thẩm quyền của Sở'],
    ],
    [
      'apology',
      {
        ...common,
        kind: 'apology',
        reason: 'Cần xác minh thêm với Ủy ban nhân dân phường',
        originalDueAt: new Date('2026-03-05T10:00:00Z'),
        newDueAt: new Date('2026-03-09T10:00:00Z'),
      },
      ['PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ', 'xin lỗi Ông/Bà', 'ngày 09/03/2026', 'ngày 05/03/2026'],
    ],
    [
      'control',
      {
        ...common,
        kind: 'control',
        handovers: [
          {
            step: 'Tiếp nhận hồ sơ',
            to: 'Phòng Đăng ký kinh doanh',
            at: new Date('2026-03-02T07:05:00Z'),
            onTime: true,
          },
          {
            step: 'Thẩm định',
            from: 'Chuyên viên',
            to: 'Lãnh đạo phòng',
            at: new Date('2026-03-04T02:00:00Z'),
            dueAt: new Date('2026-03-03T10:00:00Z'),
            onTime: false,
            note: 'Chờ xác minh',
          },
          { step: 'Phê duyệt', at: new Date('2026-03-04T03:00:00Z'), onTime: null },
        ],
      },
      [
        'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ',
        'Thẩm định',
        'Quá hạn / Late',
        'Đúng hạn / On time',
        'Chờ xác minh',
      ],
    ],
  ] as [string, SlipContent, string[]][])('renders the %s slip with its own content', async (_kind, slip, expected) => {
    const pdf = await renderSlip(slip);
    const text = pdftotext(pdf);
    for (const e of [...expected, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', common.dossierCode]) expect(text).toContain(e);
    expect(renderPage1(pdf, slip.kind).darkShare).toBeGreaterThan(0.01);
  });

  it('wraps a long reason and flows many documents onto a second page', async () => {
    const long = 'Hồ sơ cần được đối chiếu với dữ liệu đăng ký kinh doanh quốc gia và xác minh địa chỉ trụ sở. '.repeat(
      12,
    );
    const many: SlipContent = {
      ...receipt,
      documents: Array.from({ length: 60 }, (_, i) => ({ name: `Tài liệu số ${i + 1}: ${long.slice(0, 80)}` })),
    };
    const pdf = await renderSlip(many);
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBeGreaterThanOrEqual(2);
    const text = pdftotext(pdf);
    expect(text).toContain('Tài liệu số 1:');
    expect(text).toContain('Tài liệu số 60:');
    expect(text).toContain('Trang 2/');

    const refusal = await renderSlip({ ...common, kind: 'refusal', reason: long });
    const lines = layoutText(refusal).split('\n');
    // Wrapped: no line runs past the page (pdftotext -layout keeps a line a line).
    expect(lines.filter((l) => l.includes('đối chiếu')).length).toBeGreaterThan(5);
    expect(Math.max(...lines.map((l) => l.trim().length))).toBeLessThan(140);
  });
});
