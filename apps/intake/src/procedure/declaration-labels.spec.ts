import catalog from '../database/migrations/data/catalog.v1.json';
import { DECLARATION_GLOSSARY, labelDeclaration } from './declaration-labels';

type Schema = Record<string, unknown>;
const schemaOf = (code: string): Schema =>
  (catalog.procedures as { code: string; declarationSchema: Schema | null }[]).find((p) => p.code === code)!
    .declarationSchema!;

/** Every title the catalog gives each property name, wherever it appears. */
function catalogTitles(): Map<string, Set<string>> {
  const titles = new Map<string, Set<string>>();
  const walk = (s: Schema | undefined) => {
    if (!s) return;
    for (const [name, sub] of Object.entries((s.properties as Record<string, Schema>) ?? {})) {
      if (typeof sub.title === 'string') titles.set(name, (titles.get(name) ?? new Set()).add(sub.title));
      walk(sub);
    }
    walk(s.items as Schema | undefined);
  };
  for (const p of catalog.procedures as { declarationSchema: Schema | null }[]) walk(p.declarationSchema ?? undefined);
  return titles;
}

describe('labelDeclaration', () => {
  it("labels a lease request's leaves with the form's titles, array items numbered from 1", () => {
    const entries = labelDeclaration(schemaOf('1.005417'), {
      tenDonVi: 'Trường Trung học phổ thông Chu Văn An',
      danhSachTaiSan: [
        { tenTaiSan: 'Máy photocopy Ricoh', soLuong: 2, giaThueDuKien: 3500000 },
        { tenTaiSan: 'Xe ô tô 16 chỗ', soLuong: 1, giaThueDuKien: 25000000 },
      ],
      thoiGianThue: 12,
      nguonKinhPhi: 'Ngân sách nhà nước cấp',
      lyDo: 'Phục vụ kỳ thi tốt nghiệp trung học phổ thông năm 2026',
    });
    expect(entries).toEqual([
      { path: 'tenDonVi', labelVi: 'Tên cơ quan, tổ chức, đơn vị', value: 'Trường Trung học phổ thông Chu Văn An' },
      {
        path: 'danhSachTaiSan.0.tenTaiSan',
        labelVi: 'Danh sách tài sản đề nghị thuê › 1 › Tên tài sản',
        value: 'Máy photocopy Ricoh',
      },
      { path: 'danhSachTaiSan.0.soLuong', labelVi: 'Danh sách tài sản đề nghị thuê › 1 › Số lượng', value: 2 },
      {
        path: 'danhSachTaiSan.0.giaThueDuKien',
        labelVi: 'Danh sách tài sản đề nghị thuê › 1 › Giá thuê dự kiến (đồng/tháng)',
        value: 3500000,
      },
      {
        path: 'danhSachTaiSan.1.tenTaiSan',
        labelVi: 'Danh sách tài sản đề nghị thuê › 2 › Tên tài sản',
        value: 'Xe ô tô 16 chỗ',
      },
      { path: 'danhSachTaiSan.1.soLuong', labelVi: 'Danh sách tài sản đề nghị thuê › 2 › Số lượng', value: 1 },
      {
        path: 'danhSachTaiSan.1.giaThueDuKien',
        labelVi: 'Danh sách tài sản đề nghị thuê › 2 › Giá thuê dự kiến (đồng/tháng)',
        value: 25000000,
      },
      { path: 'thoiGianThue', labelVi: 'Thời gian thuê (tháng)', labelEn: 'Lease term (months)', value: 12 },
      { path: 'nguonKinhPhi', labelVi: 'Nguồn kinh phí thuê tài sản', value: 'Ngân sách nhà nước cấp' },
      {
        path: 'lyDo',
        labelVi: 'Lý do thuê tài sản',
        value: 'Phục vụ kỳ thi tốt nghiệp trung học phổ thông năm 2026',
      },
    ]);
  });

  it('gives English from x-title-en first, then the glossary, and only when every step of the path has it', () => {
    const schema = {
      type: 'object',
      properties: {
        danhSach: {
          type: 'array',
          title: 'Danh sách tài sản',
          'x-title-en': 'Assets',
          items: { type: 'object', properties: { soLuong: { type: 'integer', title: 'Số lượng' } } },
        },
        soLuong: { type: 'integer', title: 'Số lượng', 'x-title-en': 'Number of items' },
        ghiChu: { type: 'string', title: 'Ghi chú' },
      },
    };
    expect(labelDeclaration(schema, { ghiChu: 'Không', soLuong: 3, danhSach: [{ soLuong: 4 }] })).toEqual([
      {
        path: 'danhSach.0.soLuong',
        labelVi: 'Danh sách tài sản › 1 › Số lượng',
        labelEn: 'Assets › 1 › Quantity',
        value: 4,
      },
      { path: 'soLuong', labelVi: 'Số lượng', labelEn: 'Number of items', value: 3 },
      { path: 'ghiChu', labelVi: 'Ghi chú', value: 'Không' },
    ]);
  });

  it('does not use the glossary for a property the schema titles otherwise, and keeps values the schema does not name', () => {
    const schema = { type: 'object', properties: { soLuong: { type: 'integer', title: 'Số lượng bản sao' } } };
    expect(labelDeclaration(schema, { soLuong: 2, ngoaiForm: true, rong: null })).toEqual([
      { path: 'soLuong', labelVi: 'Số lượng bản sao', value: 2 },
      { path: 'ngoaiForm', labelVi: 'ngoaiForm', value: true },
      { path: 'rong', labelVi: 'rong', value: null },
    ]);
    expect(labelDeclaration(null, { soLuong: 1 })).toEqual([
      { path: 'soLuong', labelVi: 'soLuong', labelEn: 'Quantity', value: 1 },
    ]);
  });

  it('keeps the glossary honest: every name is in the catalog, and it was written for every title the catalog gives it', () => {
    const titles = catalogTitles();
    for (const [name, entry] of Object.entries(DECLARATION_GLOSSARY)) {
      expect({ name, titles: [...(titles.get(name) ?? [])].sort() }).toEqual({ name, titles: [...entry.vi].sort() });
    }
  });
});
