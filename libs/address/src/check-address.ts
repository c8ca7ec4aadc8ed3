import { FORMER_ALIASES, PROVINCE_ALIASES, PROVINCES_2025, ProvinceUnit } from './provinces';

export interface AddressMessage {
  code: string;
  vi: string;
  en: string;
}

export type ProvinceCheck =
  /** A unit in force since 2025-07-01; `province` is its official spelling. */
  | {
      ok: true;
      province: string;
      kind: ProvinceUnit['kind'];
      input: string;
      formerName?: undefined;
      warning?: undefined;
    }
  /** A former unit, mapped to its successor: the address is usable, but say so. */
  | {
      ok: true;
      province: string;
      kind: ProvinceUnit['kind'];
      input: string;
      formerName: string;
      warning: AddressMessage;
    }
  | { ok: false; input: string; error: AddressMessage };

/**
 * Lower case, no diacritics (đ -> d), no "tỉnh / thành phố / TP." prefix or "city / province"
 * suffix, punctuation as spaces: "Tỉnh Bình Dương", "binh duong" and "BÌNH-DƯƠNG" compare equal.
 */
export function normalizeProvinceName(input: string): string {
  return input
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/^(tinh|thanh pho|tp|province of|city of)\s+/, '')
    .replace(/\s+(city|province)$/, '')
    .replace(/\s+/g, '');
}

type Entry = { unit: ProvinceUnit; formerName?: string };

const INDEX: ReadonlyMap<string, Entry> = (() => {
  const byName = new Map(PROVINCES_2025.map((u) => [u.name, u]));
  const index = new Map<string, Entry>();
  const put = (name: string, entry: Entry) => {
    const key = normalizeProvinceName(name);
    const existing = index.get(key);
    // Two units that only differ by diacritics would make matching without them ambiguous.
    if (existing && (existing.unit !== entry.unit || existing.formerName !== entry.formerName))
      throw new Error(`province names collide without diacritics: ${name}`);
    index.set(key, entry);
  };
  for (const unit of PROVINCES_2025) {
    put(unit.name, { unit });
    for (const former of unit.formerNames) put(former, { unit, formerName: former });
  }
  for (const [alias, name] of Object.entries(PROVINCE_ALIASES)) put(alias, { unit: byName.get(name)! });
  for (const [alias, former] of Object.entries(FORMER_ALIASES)) {
    const unit = PROVINCES_2025.find((u) => u.formerNames.includes(former))!;
    put(alias, { unit, formerName: former });
  }
  return index;
})();

/**
 * Checks a province against the 34 units in force since 1 July 2025. A former province is mapped
 * to its successor with a warning (the post still delivers there); an unknown one is an error.
 * Pure: intake calls it at submission time, postal-delivery when it opens a shipment.
 */
export function checkProvince(input: string): ProvinceCheck {
  const entry = INDEX.get(normalizeProvinceName(input ?? ''));
  if (!entry) {
    return {
      ok: false,
      input,
      error: {
        code: 'ADDRESS.PROVINCE_UNKNOWN',
        vi: `Không có tỉnh, thành phố "${input}" trong danh mục 34 đơn vị hành chính cấp tỉnh từ ngày 01/7/2025.`,
        en: `"${input}" is not one of the 34 provinces and cities in force since 1 July 2025.`,
      },
    };
  }
  const { unit, formerName } = entry;
  if (!formerName) return { ok: true, province: unit.name, kind: unit.kind, input };
  return {
    ok: true,
    province: unit.name,
    kind: unit.kind,
    input,
    formerName,
    warning: {
      code: 'ADDRESS.PROVINCE_MERGED',
      vi: `Tỉnh ${formerName} đã được hợp nhất vào ${unit.name} từ ngày 01/7/2025; địa chỉ được ghi theo tên mới.`,
      en: `${formerName} was merged into ${unit.name} on 1 July 2025; the address uses the new name.`,
    },
  };
}

export interface AddressInput {
  street: string;
  ward: string;
  province: string;
}

export type AddressCheck =
  | { ok: true; address: AddressInput; warnings: AddressMessage[] }
  | { ok: false; address: AddressInput; errors: (AddressMessage & { field: string })[]; warnings: AddressMessage[] };

/**
 * An address since 2025 is street, ward/commune, province (no district). The province is checked
 * against the list and returned in its official spelling; street and ward must be present.
 */
export function checkAddress(address: AddressInput): AddressCheck {
  const errors: (AddressMessage & { field: string })[] = [];
  const warnings: AddressMessage[] = [];
  const blank = (v: unknown) => typeof v !== 'string' || v.trim() === '';
  if (blank(address.street))
    errors.push({
      field: 'street',
      code: 'ADDRESS.STREET_MISSING',
      vi: 'Thiếu số nhà, đường.',
      en: 'The street address is missing.',
    });
  if (blank(address.ward))
    errors.push({
      field: 'ward',
      code: 'ADDRESS.WARD_MISSING',
      vi: 'Thiếu phường, xã, đặc khu.',
      en: 'The ward or commune is missing.',
    });
  const province = checkProvince(address.province);
  if (!province.ok) errors.push({ field: 'province', ...province.error });
  else if (province.warning) warnings.push(province.warning);
  const normalized = province.ok ? { ...address, province: province.province } : address;
  return errors.length
    ? { ok: false, address: normalized, errors, warnings }
    : { ok: true, address: normalized, warnings };
}
