import type { DeliveryMethod, PaymentMethod } from '@dvc/contracts';

/** Fields (lĩnh vực) of the Department's procedures. */
export const FIELDS = {
  QLCS: { vi: 'Quản lý công sản', en: 'Public asset management' },
  TCDN: { vi: 'Tài chính doanh nghiệp', en: 'Enterprise finance' },
  QLG: { vi: 'Quản lý giá', en: 'Price management' },
  QLNS: { vi: 'Quản lý ngân sách', en: 'Budget management' },
  THTK: { vi: 'Tin học - Thống kê', en: 'Informatics and statistics' },
} as const;
export type FieldCode = keyof typeof FIELDS;
export const FIELD_CODES = Object.keys(FIELDS) as FieldCode[];

export const FILE_TYPES = ['pdf', 'jpg', 'png', 'docx', 'xlsx'] as const;
export type FileType = (typeof FILE_TYPES)[number];

export interface FeeRule {
  code: string;
  name: string;
  /** VND per dossier, or per item when unit is per_item. */
  amount: number;
  unit: 'per_dossier' | 'per_item';
  /** per_item: the declaration property holding the number of items. */
  quantityField?: string;
}

export interface RequiredDocument {
  code: string;
  name: string;
  mandatory: boolean;
  form: 'original' | 'copy';
  copies: number;
  fileTypes: FileType[];
}

/** A procedure as the catalog data file and the admin API describe it. */
export interface ProcedureDefinition {
  code: string;
  name: string;
  fieldCode: FieldCode;
  level: 1 | 2 | 3 | 4;
  processingTime: number;
  processingTimeUnit: 'working_days' | 'working_hours';
  fees: FeeRule[];
  requiredDocuments: RequiredDocument[];
  declarationSchema: Record<string, unknown> | null;
  result: string;
  source: 'public' | 'modeled';
  sourceNote: string;
}

/**
 * Decree 42/2022 labels beside the old levels: level 4 is "toàn trình" (fully online), level 3
 * "một phần" (partly online); levels 1-2 only inform (forms to download at level 2), so the
 * dossier is filed on paper.
 */
export function decree42Label(level: number): {
  code: 'toan_trinh' | 'mot_phan' | 'thong_tin';
  vi: string;
  en: string;
} {
  if (level >= 4)
    return { code: 'toan_trinh', vi: 'Dịch vụ công trực tuyến toàn trình', en: 'Fully online public service' };
  if (level === 3)
    return { code: 'mot_phan', vi: 'Dịch vụ công trực tuyến một phần', en: 'Partly online public service' };
  return {
    code: 'thong_tin',
    vi: 'Cung cấp thông tin trực tuyến (nộp hồ sơ giấy)',
    en: 'Information only online (file on paper)',
  };
}

/** What the level allows the applicant to choose. "none" is for procedures without a fee. */
export function allowedMethods(level: number): { payment: PaymentMethod[]; delivery: DeliveryMethod[] } {
  if (level >= 4) return { payment: ['online', 'postal_cod', 'office'], delivery: ['office', 'postal'] };
  if (level === 3) return { payment: ['office'], delivery: ['office'] };
  return { payment: [], delivery: [] };
}
