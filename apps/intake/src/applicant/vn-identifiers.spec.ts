import { validateSync } from 'class-validator';
import { checkCitizenId, checkTaxCode, CITIZEN_ID_PROVINCES, IsVnCitizenId, IsVnTaxCode } from './vn-identifiers';

// A fixed clock keeps the future-birth-year cases stable.
const NOW = new Date('2025-06-15T03:00:00Z');

describe('checkCitizenId', () => {
  it('accepts a Hà Nội ID of a man born in 2003 and reads what it encodes', () => {
    expect(checkCitizenId('001203004567', NOW)).toEqual({
      ok: true,
      normalised: '001203004567',
      provinceCode: '001',
      provinceName: 'Hà Nội',
      birthYear: 2003,
      sex: 'male',
    });
  });

  it('accepts a Hồ Chí Minh ID of a man born in 1990', () => {
    expect(checkCitizenId('079090001234', NOW)).toMatchObject({
      ok: true,
      provinceName: 'Hồ Chí Minh',
      birthYear: 1990,
      sex: 'male',
    });
  });

  it('reads odd sex/century digits as female', () => {
    expect(checkCitizenId('096185000001', NOW)).toMatchObject({
      ok: true,
      provinceName: 'Cà Mau',
      birthYear: 1985,
      sex: 'female',
    });
    expect(checkCitizenId('048310000001', NOW)).toMatchObject({
      ok: true,
      provinceName: 'Đà Nẵng',
      birthYear: 2010,
      sex: 'female',
    });
  });

  it('knows the 63 provinces of Circular 59/2021', () => {
    expect(Object.keys(CITIZEN_ID_PROVINCES)).toHaveLength(63);
  });

  it.each(['00120300456', '0012030045678', '00120300456a', ' 001203004567', '001 203 004 567', ''])(
    'refuses %p: not exactly 12 digits',
    (id) => {
      expect(checkCitizenId(id, NOW)).toEqual({
        ok: false,
        code: 'APPLICANT.CITIZEN_ID_INVALID',
        rule: 'format',
        reason: {
          vi: 'Số định danh cá nhân phải gồm đúng 12 chữ số.',
          en: 'The citizen ID must have exactly 12 digits.',
        },
      });
    },
  );

  // 003 and 097 fall in gaps of the list; 000 and 999 are outside it.
  it.each(['000203004567', '003203004567', '097203004567', '999203004567'])(
    'refuses %p: unknown province code',
    (id) => {
      expect(checkCitizenId(id, NOW)).toMatchObject({
        ok: false,
        code: 'APPLICANT.CITIZEN_ID_INVALID',
        rule: 'province',
      });
    },
  );

  it('refuses a birth year after the current year', () => {
    expect(checkCitizenId('001226004567', NOW)).toMatchObject({ ok: false, rule: 'birth-year' });
    expect(checkCitizenId('001225004567', NOW)).toMatchObject({ ok: true, birthYear: 2025 });
  });

  it('refuses any 22nd-century code today', () => {
    expect(checkCitizenId('001400004567', NOW)).toMatchObject({ ok: false, rule: 'birth-year' });
    expect(checkCitizenId('001900004567', NOW)).toMatchObject({ ok: false, rule: 'birth-year' });
  });

  it('takes the year in Vietnam: 31 Dec 17:30 UTC is already New Year in Hà Nội', () => {
    const newYearInVietnam = new Date('2025-12-31T17:30:00Z');
    expect(checkCitizenId('001226004567', newYearInVietnam)).toMatchObject({ ok: true, birthYear: 2026 });
    expect(checkCitizenId('001226004567', new Date('2025-12-31T16:30:00Z'))).toMatchObject({
      ok: false,
      rule: 'birth-year',
    });
  });
});

/** The rule written out again, independently of the code under test. */
function referenceCheckDigit(nine: string): number {
  const weights = [31, 29, 23, 19, 17, 13, 7, 5, 3];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(nine[i]), 0);
  return 10 - (sum % 11);
}

describe('checkTaxCode', () => {
  // Worked by hand: Viettel 0100109106 -> 29·1 + 17·1 + 7·9 + 5·1 = 114; 114 mod 11 = 4; 10 - 4 = 6.
  // Petrolimex 0100107370: weighted sum 131, mod 11 = 10, so the check digit is 0.
  it.each([
    ['0100109106', 'Viettel'],
    ['0300588569', 'Vinamilk'],
    ['0101248141', 'FPT'],
    ['0100112437', 'Vietcombank'],
    ['0100107518', 'Vietnam Airlines'],
    ['0100107370', 'Petrolimex'],
  ])('accepts %s (%s)', (code) => {
    expect(checkTaxCode(code)).toEqual({ ok: true, normalised: code, parent: code });
    expect(referenceCheckDigit(code.slice(0, 9))).toBe(Number(code[9]));
  });

  it('accepts a code built by the rule', () => {
    const nine = '031234567';
    const check = referenceCheckDigit(nine);
    expect(check).toBe(3);
    expect(checkTaxCode(`${nine}${check}`)).toMatchObject({ ok: true, normalised: '0312345673' });
  });

  it('accepts a 13-digit dependent unit and names its parent', () => {
    expect(checkTaxCode('0100109106001')).toEqual({
      ok: true,
      normalised: '0100109106001',
      parent: '0100109106',
      branch: '001',
    });
  });

  it('accepts the hyphenated form and returns 13 digits', () => {
    expect(checkTaxCode('0100109106-012')).toEqual({
      ok: true,
      normalised: '0100109106012',
      parent: '0100109106',
      branch: '012',
    });
  });

  it('refuses a wrong check digit, also behind a branch suffix', () => {
    expect(checkTaxCode('0100109107')).toEqual({
      ok: false,
      code: 'APPLICANT.TAX_CODE_INVALID',
      rule: 'check-digit',
      reason: {
        vi: 'Mã số thuế không hợp lệ: chữ số kiểm tra (chữ số thứ 10) không đúng.',
        en: 'The tax code is not valid: its check digit (the 10th digit) is wrong.',
      },
    });
    expect(checkTaxCode('0312345678-001')).toMatchObject({ ok: false, rule: 'check-digit' });
  });

  it('refuses every code whose nine digits leave no possible check digit', () => {
    // 29·1 + 3·5 = 44, a multiple of 11: the rule gives 10, which is not a digit.
    expect(referenceCheckDigit('010000005')).toBe(10);
    for (let d = 0; d <= 9; d++)
      expect(checkTaxCode(`010000005${d}`)).toMatchObject({ ok: false, rule: 'check-digit' });
  });

  it('refuses the branch suffix 000', () => {
    expect(checkTaxCode('0100109106000')).toMatchObject({
      ok: false,
      code: 'APPLICANT.TAX_CODE_INVALID',
      rule: 'branch',
    });
    expect(checkTaxCode('0100109106-000')).toMatchObject({ ok: false, rule: 'branch' });
  });

  it.each([
    '01001O9106',
    'MST0100109106',
    '010010910',
    '01001091061',
    '010010910600',
    '0100109106-01',
    '0100109106_001',
    '0100109106-',
    '',
  ])('refuses %p: wrong length or not digits', (code) => {
    expect(checkTaxCode(code)).toMatchObject({ ok: false, code: 'APPLICANT.TAX_CODE_INVALID', rule: 'format' });
  });
});

describe('IsVnCitizenId / IsVnTaxCode', () => {
  class Applicant {
    @IsVnCitizenId() citizenId: unknown;
    @IsVnTaxCode() taxCode: unknown;
  }

  const messages = (citizenId: unknown, taxCode: unknown) => {
    const a = Object.assign(new Applicant(), { citizenId, taxCode });
    return Object.fromEntries(validateSync(a).map((e) => [e.property, e.constraints]));
  };

  it('passes valid values', () => {
    expect(messages('001203004567', '0100109106-001')).toEqual({});
  });

  it('explains the rule broken, Vietnamese first', () => {
    expect(messages('12345', '0100109106000')).toEqual({
      citizenId: {
        isVnCitizenId: 'Số định danh cá nhân phải gồm đúng 12 chữ số. / The citizen ID must have exactly 12 digits.',
      },
      taxCode: {
        isVnTaxCode:
          'Ba chữ số cuối của mã số thuế đơn vị phụ thuộc không được là 000. / The last three digits of a dependent unit’s tax code cannot be 000.',
      },
    });
    expect(messages('098203004567', '0100109107').citizenId?.isVnCitizenId).toMatch(
      /^Ba chữ số đầu .* \/ The first three digits/,
    );
  });

  it('treats a non-string as malformed', () => {
    expect(messages(1203004567, null)).toEqual({
      citizenId: {
        isVnCitizenId: 'Số định danh cá nhân phải gồm đúng 12 chữ số. / The citizen ID must have exactly 12 digits.',
      },
      taxCode: {
        isVnTaxCode: expect.stringMatching(/^Mã số thuế phải gồm 10 chữ số.* \/ The tax code must have 10 digits/),
      },
    });
  });

  it('lets the caller override the message', () => {
    class Custom {
      @IsVnTaxCode({ message: 'taxCode is wrong' }) taxCode = '0100109107';
    }
    expect(validateSync(new Custom())[0].constraints).toEqual({ isVnTaxCode: 'taxCode is wrong' });
  });
});
