import { registerDecorator, ValidationOptions } from 'class-validator';
import type { BilingualMessage } from '@dvc/kernel';

export const CITIZEN_ID_INVALID = 'APPLICANT.CITIZEN_ID_INVALID';
export const TAX_CODE_INVALID = 'APPLICANT.TAX_CODE_INVALID';

/** Why an identifier was refused: `rule` for code, `reason` for the person who typed it. */
export interface IdentifierFailure<C extends string, R extends string> {
  ok: false;
  code: C;
  rule: R;
  reason: BilingualMessage;
}

export type CitizenIdRule = 'format' | 'province' | 'birth-year';
export type TaxCodeRule = 'format' | 'check-digit' | 'branch';

export type CitizenIdCheck =
  | {
      ok: true;
      normalised: string;
      provinceCode: string;
      provinceName: string;
      birthYear: number;
      sex: 'male' | 'female';
    }
  | IdentifierFailure<typeof CITIZEN_ID_INVALID, CitizenIdRule>;

export type TaxCodeCheck =
  | {
      ok: true;
      /** 10 digits, or 13 without the hyphen for a dependent unit. */
      normalised: string;
      /** The 10-digit code of the taxpayer itself (the head office for a branch). */
      parent: string;
      branch?: string;
    }
  | IdentifierFailure<typeof TAX_CODE_INVALID, TaxCodeRule>;

/** Birth-registration province codes of Circular 59/2021/TT-BCA (the 63 pre-2025 provinces). */
export const CITIZEN_ID_PROVINCES: Readonly<Record<string, string>> = Object.freeze({
  '001': 'Hà Nội',
  '002': 'Hà Giang',
  '004': 'Cao Bằng',
  '006': 'Bắc Kạn',
  '008': 'Tuyên Quang',
  '010': 'Lào Cai',
  '011': 'Điện Biên',
  '012': 'Lai Châu',
  '014': 'Sơn La',
  '015': 'Yên Bái',
  '017': 'Hòa Bình',
  '019': 'Thái Nguyên',
  '020': 'Lạng Sơn',
  '022': 'Quảng Ninh',
  '024': 'Bắc Giang',
  '025': 'Phú Thọ',
  '026': 'Vĩnh Phúc',
  '027': 'Bắc Ninh',
  '030': 'Hải Dương',
  '031': 'Hải Phòng',
  '033': 'Hưng Yên',
  '034': 'Thái Bình',
  '035': 'Hà Nam',
  '036': 'Nam Định',
  '037': 'Ninh Bình',
  '038': 'Thanh Hóa',
  '040': 'Nghệ An',
  '042': 'Hà Tĩnh',
  '044': 'Quảng Bình',
  '045': 'Quảng Trị',
  '046': 'Thừa Thiên Huế',
  '048': 'Đà Nẵng',
  '049': 'Quảng Nam',
  '051': 'Quảng Ngãi',
  '052': 'Bình Định',
  '054': 'Phú Yên',
  '056': 'Khánh Hòa',
  '058': 'Ninh Thuận',
  '060': 'Bình Thuận',
  '062': 'Kon Tum',
  '064': 'Gia Lai',
  '066': 'Đắk Lắk',
  '067': 'Đắk Nông',
  '068': 'Lâm Đồng',
  '070': 'Bình Phước',
  '072': 'Tây Ninh',
  '074': 'Bình Dương',
  '075': 'Đồng Nai',
  '077': 'Bà Rịa - Vũng Tàu',
  '079': 'Hồ Chí Minh',
  '080': 'Long An',
  '082': 'Tiền Giang',
  '083': 'Bến Tre',
  '084': 'Trà Vinh',
  '086': 'Vĩnh Long',
  '087': 'Đồng Tháp',
  '089': 'An Giang',
  '091': 'Kiên Giang',
  '092': 'Cần Thơ',
  '093': 'Hậu Giang',
  '094': 'Sóc Trăng',
  '095': 'Bạc Liêu',
  '096': 'Cà Mau',
});

// Reasons never quote the number: it is personal data and ends up in responses and logs.
const CITIZEN_ID_REASONS: Record<CitizenIdRule, BilingualMessage> = {
  format: {
    vi: 'Số định danh cá nhân phải gồm đúng 12 chữ số.',
    en: 'The citizen ID must have exactly 12 digits.',
  },
  province: {
    vi: 'Ba chữ số đầu của số định danh cá nhân không phải là mã tỉnh, thành phố nơi đăng ký khai sinh.',
    en: 'The first three digits of the citizen ID are not a province code of birth registration.',
  },
  'birth-year': {
    vi: 'Năm sinh thể hiện trong số định danh cá nhân (chữ số thứ 4 đến thứ 6) là năm trong tương lai.',
    en: 'The birth year encoded in the citizen ID (digits 4 to 6) is in the future.',
  },
};

const TAX_CODE_REASONS: Record<TaxCodeRule, BilingualMessage> = {
  format: {
    vi: 'Mã số thuế phải gồm 10 chữ số, hoặc 13 chữ số đối với đơn vị phụ thuộc (có thể viết dạng 0123456789-001).',
    en: 'The tax code must have 10 digits, or 13 digits for a dependent unit (it may be written as 0123456789-001).',
  },
  'check-digit': {
    vi: 'Mã số thuế không hợp lệ: chữ số kiểm tra (chữ số thứ 10) không đúng.',
    en: 'The tax code is not valid: its check digit (the 10th digit) is wrong.',
  },
  branch: {
    vi: 'Ba chữ số cuối của mã số thuế đơn vị phụ thuộc không được là 000.',
    en: 'The last three digits of a dependent unit’s tax code cannot be 000.',
  },
};

const citizenIdFailure = (rule: CitizenIdRule): CitizenIdCheck => ({
  ok: false,
  code: CITIZEN_ID_INVALID,
  rule,
  reason: CITIZEN_ID_REASONS[rule],
});

const taxCodeFailure = (rule: TaxCodeRule): TaxCodeCheck => ({
  ok: false,
  code: TAX_CODE_INVALID,
  rule,
  reason: TAX_CODE_REASONS[rule],
});

const VIETNAM_UTC_OFFSET_MS = 7 * 60 * 60 * 1000;

/**
 * The 12-digit citizen identity number (CCCD / số định danh cá nhân): province of birth
 * registration, a digit for sex and century, the last two digits of the birth year, then a
 * random sequence. It carries no check digit, so a typo inside the sequence cannot be caught.
 */
export function checkCitizenId(id: string, now: Date = new Date()): CitizenIdCheck {
  if (!/^\d{12}$/.test(id)) return citizenIdFailure('format');

  const provinceCode = id.slice(0, 3);
  const provinceName = CITIZEN_ID_PROVINCES[provinceCode];
  if (provinceName === undefined) return citizenIdFailure('province');

  // 0/1 = 20th century male/female, 2/3 = 21st, ... 8/9 = 24th.
  const sexCentury = Number(id[3]);
  const birthYear = 1900 + Math.floor(sexCentury / 2) * 100 + Number(id.slice(4, 6));
  // The year in Vietnam, not the server's zone: a baby born just after midnight on 1 January
  // (Vietnam time) would otherwise be refused by a server running in UTC.
  const currentYear = new Date(now.getTime() + VIETNAM_UTC_OFFSET_MS).getUTCFullYear();
  if (birthYear > currentYear) return citizenIdFailure('birth-year');

  return {
    ok: true,
    normalised: id,
    provinceCode,
    provinceName,
    birthYear,
    sex: sexCentury % 2 === 0 ? 'male' : 'female',
  };
}

const TAX_CODE_WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3] as const;

/** The check digit for nine digits, or undefined when no digit can make a valid code. */
function taxCodeCheckDigit(nineDigits: string): number | undefined {
  const sum = TAX_CODE_WEIGHTS.reduce((acc, weight, i) => acc + weight * Number(nineDigits[i]), 0);
  const check = 10 - (sum % 11);
  return check === 10 ? undefined : check;
}

/**
 * Vietnamese tax code (mã số thuế): 10 digits whose 10th is a check digit, plus a 3-digit suffix
 * (never 000) for a dependent unit. The hyphenated form printed on invoices is accepted and
 * normalised away, so callers should store `normalised`, not the input.
 */
export function checkTaxCode(code: string): TaxCodeCheck {
  const match = /^(\d{10})(?:-?(\d{3}))?$/.exec(code);
  if (!match) return taxCodeFailure('format');
  const [, parent, branch] = match;

  if (taxCodeCheckDigit(parent.slice(0, 9)) !== Number(parent[9])) return taxCodeFailure('check-digit');
  if (branch === '000') return taxCodeFailure('branch');

  return branch === undefined
    ? { ok: true, normalised: parent, parent }
    : { ok: true, normalised: parent + branch, parent, branch };
}

/** A class-validator message is one string, so both languages share it: "vi / en". */
const bilingual = (reason: BilingualMessage): string => `${reason.vi} / ${reason.en}`;

function identifierDecorator(
  name: string,
  check: (value: string) => CitizenIdCheck | TaxCodeCheck,
  options?: ValidationOptions,
): PropertyDecorator {
  // A non-string fails like a malformed one: '' never passes the format rule.
  const run = (value: unknown) => check(typeof value === 'string' ? value : '');
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => run(value).ok,
        defaultMessage: (args) => {
          const result = run(args?.value);
          return result.ok ? '' : bilingual(result.reason);
        },
      },
    });
}

/** The property is a valid 12-digit citizen ID; the message names the rule it breaks. */
export function IsVnCitizenId(options?: ValidationOptions): PropertyDecorator {
  return identifierDecorator('isVnCitizenId', (value) => checkCitizenId(value), options);
}

/** The property is a valid 10- or 13-digit tax code (hyphenated branch form accepted). */
export function IsVnTaxCode(options?: ValidationOptions): PropertyDecorator {
  return identifierDecorator('isVnTaxCode', checkTaxCode, options);
}
