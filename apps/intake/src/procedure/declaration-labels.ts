import type { DeclarationEntry } from '@dvc/contracts';

/**
 * English for the catalog's declaration properties, by property name. Only names whose every
 * title in the catalog means one thing are here (declaration-labels.spec.ts checks that against
 * catalog.v1.json); a name such as `lyDo` or `tenDonVi`, titled differently by each procedure,
 * gets no English rather than a vague one. `vi` lists the titles the English was written for: a
 * procedure added later that reuses a name under another title gets no English from here.
 */
export const DECLARATION_GLOSSARY: Record<string, { en: string; vi: readonly string[] }> = {
  soLuong: { en: 'Quantity', vi: ['Số lượng'] },
  diaChi: { en: 'Address', vi: ['Địa chỉ'] },
  soDienThoai: { en: 'Phone number', vi: ['Số điện thoại'] },
  maSoThue: { en: 'Tax code', vi: ['Mã số thuế'] },
  maSoDoanhNghiep: { en: 'Enterprise code', vi: ['Mã số doanh nghiệp'] },
  tenDoanhNghiep: { en: 'Enterprise name', vi: ['Tên doanh nghiệp'] },
  donViTinh: { en: 'Unit of measure', vi: ['Đơn vị tính'] },
  nguyenGia: { en: 'Original cost (VND)', vi: ['Nguyên giá (đồng)'] },
  giaTriConLai: { en: 'Residual value (VND)', vi: ['Giá trị còn lại (đồng)'] },
  soTien: { en: 'Amount (VND)', vi: ['Số tiền (đồng)'] },
  namTaiChinh: { en: 'Fiscal year', vi: ['Năm tài chính'] },
  tongTaiSan: { en: 'Total assets (VND)', vi: ['Tổng tài sản (đồng)'] },
  tenHangHoa: { en: 'Name of the goods or service', vi: ['Tên hàng hóa, dịch vụ'] },
  tinhTrang: { en: 'Condition of the asset', vi: ['Tình trạng tài sản'] },
  thoiGianThue: { en: 'Lease term (months)', vi: ['Thời gian thuê (tháng)'] },
  giaThueDuKien: { en: 'Expected rent (VND per month)', vi: ['Giá thuê dự kiến (đồng/tháng)'] },
  giaMuaDuKien: { en: 'Expected purchase price (VND)', vi: ['Dự kiến giá mua (đồng)'] },
  giaBanDeNghi: { en: 'Proposed sale price (VND)', vi: ['Giá bán đề nghị (đồng)'] },
  namBatDau: { en: 'First year of the plan', vi: ['Năm bắt đầu kế hoạch'] },
  namKetThuc: { en: 'Last year of the plan', vi: ['Năm kết thúc kế hoạch'] },
  ngayXayRa: { en: 'Date of the incident', vi: ['Ngày xảy ra sự việc'] },
  soHoaDon: { en: 'Number of single invoices requested', vi: ['Số hóa đơn lẻ đề nghị mua'] },
  soQuyen: { en: 'Number of invoice books requested', vi: ['Số quyển hóa đơn đề nghị mua'] },
  nguoiNhan: { en: 'Full name of the invoice recipient', vi: ['Họ và tên người nhận hóa đơn'] },
  tongVonDauTu: { en: 'Expected total investment (VND)', vi: ['Tổng vốn đầu tư dự kiến (đồng)'] },
  tongMucDauTu: { en: 'Approved total investment (VND)', vi: ['Tổng mức đầu tư được duyệt (đồng)'] },
};

/** Between the titles along a value's path, as an officer reads it: "Danh sách tài sản › 1 › Tên tài sản". */
export const LABEL_SEPARATOR = ' › ';

type Schema = Record<string, unknown>;
type Leaf = DeclarationEntry['value'];
interface Segment {
  key: string;
  vi: string;
  en?: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const asSchema = (v: unknown): Schema | undefined => (isObject(v) ? v : undefined);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/** The label of one property: its schema title (else its name); English from x-title-en, else the glossary. */
function propertySegment(key: string, schema: Schema | undefined): Segment {
  const title = text(schema?.title);
  const glossary = DECLARATION_GLOSSARY[key];
  const fromGlossary = glossary && (title === undefined || glossary.vi.includes(title)) ? glossary.en : undefined;
  return { key, vi: title ?? key, en: text(schema?.['x-title-en']) ?? fromGlossary };
}

/**
 * The declaration as a list of its leaves, in the form's order (the schema's properties first,
 * then whatever else the value holds), each labelled by the titles along its path. Array items
 * are numbered from 1 in the labels (0 in the path, as JSON pointers count). `labelEn` is given
 * only when every step of the path has English: half a translation misleads more than none.
 */
export function labelDeclaration(schema: Schema | null, declaration: Record<string, unknown>): DeclarationEntry[] {
  const entries: DeclarationEntry[] = [];
  walk(declaration, schema ?? undefined, [], entries);
  return entries;
}

function walk(value: unknown, schema: Schema | undefined, path: Segment[], out: DeclarationEntry[]): void {
  if (Array.isArray(value)) {
    const items = asSchema(schema?.items);
    value.forEach((item, i) =>
      walk(item, items, [...path, { key: String(i), vi: String(i + 1), en: String(i + 1) }], out),
    );
    return;
  }
  if (isObject(value)) {
    const properties = asSchema(schema?.properties) ?? {};
    const keys = [
      ...Object.keys(properties).filter((k) => k in value),
      ...Object.keys(value).filter((k) => !(k in properties)),
    ];
    for (const key of keys)
      walk(value[key], asSchema(properties[key]), [...path, propertySegment(key, asSchema(properties[key]))], out);
    return;
  }
  if (path.length === 0) return;
  out.push(entryOf(path, leafOf(value)));
}

function leafOf(value: unknown): Leaf {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return value;
  return value === undefined ? null : String(value);
}

function entryOf(path: Segment[], value: Leaf): DeclarationEntry {
  const en = path.every((s) => s.en !== undefined) ? path.map((s) => s.en).join(LABEL_SEPARATOR) : undefined;
  return {
    path: path.map((s) => s.key).join('.'),
    labelVi: path.map((s) => s.vi).join(LABEL_SEPARATOR),
    ...(en !== undefined ? { labelEn: en } : {}),
    value,
  };
}
