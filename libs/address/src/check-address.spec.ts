import { checkAddress, checkProvince, normalizeProvinceName } from './check-address';
import { PROVINCES_2025 } from './provinces';

/** The whole table of the 2025 provinces (docs/data-sources.md): unit, kind, former units merged into it. */
const TABLE: [string, 'city' | 'province', string[]][] = [
  ['Hà Nội', 'city', []],
  ['Huế', 'city', ['Thừa Thiên Huế']],
  ['Lai Châu', 'province', []],
  ['Điện Biên', 'province', []],
  ['Sơn La', 'province', []],
  ['Lạng Sơn', 'province', []],
  ['Quảng Ninh', 'province', []],
  ['Thanh Hóa', 'province', []],
  ['Nghệ An', 'province', []],
  ['Hà Tĩnh', 'province', []],
  ['Cao Bằng', 'province', []],
  ['Tuyên Quang', 'province', ['Tuyên Quang', 'Hà Giang']],
  ['Lào Cai', 'province', ['Lào Cai', 'Yên Bái']],
  ['Thái Nguyên', 'province', ['Thái Nguyên', 'Bắc Kạn']],
  ['Phú Thọ', 'province', ['Phú Thọ', 'Vĩnh Phúc', 'Hòa Bình']],
  ['Bắc Ninh', 'province', ['Bắc Ninh', 'Bắc Giang']],
  ['Hưng Yên', 'province', ['Hưng Yên', 'Thái Bình']],
  ['Hải Phòng', 'city', ['Hải Phòng', 'Hải Dương']],
  ['Ninh Bình', 'province', ['Ninh Bình', 'Hà Nam', 'Nam Định']],
  ['Quảng Trị', 'province', ['Quảng Trị', 'Quảng Bình']],
  ['Đà Nẵng', 'city', ['Đà Nẵng', 'Quảng Nam']],
  ['Quảng Ngãi', 'province', ['Quảng Ngãi', 'Kon Tum']],
  ['Gia Lai', 'province', ['Gia Lai', 'Bình Định']],
  ['Khánh Hòa', 'province', ['Khánh Hòa', 'Ninh Thuận']],
  ['Lâm Đồng', 'province', ['Lâm Đồng', 'Đắk Nông', 'Bình Thuận']],
  ['Đắk Lắk', 'province', ['Đắk Lắk', 'Phú Yên']],
  ['Hồ Chí Minh City', 'city', ['Hồ Chí Minh City', 'Bình Dương', 'Bà Rịa - Vũng Tàu']],
  ['Đồng Nai', 'province', ['Đồng Nai', 'Bình Phước']],
  ['Tây Ninh', 'province', ['Tây Ninh', 'Long An']],
  ['Cần Thơ', 'city', ['Cần Thơ', 'Sóc Trăng', 'Hậu Giang']],
  ['Vĩnh Long', 'province', ['Vĩnh Long', 'Bến Tre', 'Trà Vinh']],
  ['Đồng Tháp', 'province', ['Đồng Tháp', 'Tiền Giang']],
  ['Cà Mau', 'province', ['Cà Mau', 'Bạc Liêu']],
  ['An Giang', 'province', ['An Giang', 'Kiên Giang']],
];

const stripDiacritics = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
const formerOf = TABLE.flatMap(([unit, , former]) => former.filter((f) => f !== unit).map((f) => [f, unit] as const));

describe('the 34 provincial units since 1 July 2025', () => {
  it('are the 34 of the table, 6 cities and 28 provinces, and the 63 former units all map somewhere', () => {
    expect(PROVINCES_2025.map((u) => [u.name, u.kind])).toEqual(TABLE.map(([n, k]) => [n, k]));
    expect(PROVINCES_2025.filter((u) => u.kind === 'city')).toHaveLength(6);
    const formerUnits = new Set(TABLE.flatMap(([unit, , former]) => (former.length ? former : [unit])));
    expect(formerUnits.size).toBe(63);
    for (const name of formerUnits) expect(checkProvince(name).ok).toBe(true);
  });

  it.each(TABLE.map(([unit, kind]) => [unit, kind]))(
    '%s is accepted as written, without diacritics, in capitals and with its prefix',
    (unit, kind) => {
      const prefix = kind === 'city' ? 'Thành phố' : 'Tỉnh';
      for (const written of [
        unit,
        stripDiacritics(unit),
        stripDiacritics(unit).toLowerCase(),
        unit.toUpperCase(),
        `${prefix} ${unit}`,
        ` ${unit} `,
      ]) {
        expect(checkProvince(written)).toEqual({ ok: true, province: unit, kind, input: written });
      }
    },
  );

  it.each(formerOf)('former %s maps to %s with a warning, with or without diacritics', (former, unit) => {
    for (const written of [former, stripDiacritics(former), stripDiacritics(former).toLowerCase(), `Tỉnh ${former}`]) {
      const result = checkProvince(written);
      expect(result).toMatchObject({
        ok: true,
        province: unit,
        formerName: former,
        warning: { code: 'ADDRESS.PROVINCE_MERGED' },
      });
      if (result.ok && result.warning) {
        expect(result.warning.vi).toContain(`${former} đã được hợp nhất vào ${unit}`);
        expect(result.warning.en).toContain(`${former} was merged into ${unit}`);
      }
    }
  });

  it('maps "Bình Dương" and "binh duong" to Hồ Chí Minh City with a warning', () => {
    expect(checkProvince('Bình Dương')).toMatchObject({
      ok: true,
      province: 'Hồ Chí Minh City',
      kind: 'city',
      formerName: 'Bình Dương',
    });
    expect(checkProvince('binh duong')).toMatchObject({
      ok: true,
      province: 'Hồ Chí Minh City',
      formerName: 'Bình Dương',
      warning: { code: 'ADDRESS.PROVINCE_MERGED' },
    });
  });

  it('knows the usual ways of writing a few units', () => {
    for (const written of [
      'TP. Hồ Chí Minh',
      'TP HCM',
      'TPHCM',
      'Thành phố Hồ Chí Minh',
      'Ho Chi Minh City',
      'Sài Gòn',
    ]) {
      expect(checkProvince(written)).toEqual({ ok: true, province: 'Hồ Chí Minh City', kind: 'city', input: written });
    }
    expect(checkProvince('Thanh Hoá')).toEqual({
      ok: true,
      province: 'Thanh Hóa',
      kind: 'province',
      input: 'Thanh Hoá',
    });
    expect(checkProvince('Bà Rịa Vũng Tàu')).toMatchObject({
      ok: true,
      province: 'Hồ Chí Minh City',
      formerName: 'Bà Rịa - Vũng Tàu',
    });
    expect(checkProvince('Hoà Bình')).toMatchObject({ ok: true, province: 'Phú Thọ', formerName: 'Hòa Bình' });
  });

  it.each(['Atlantis', '', 'Hà', 'Bình', 'Quận 1', 'Sài Gòn Gia Định xyz'])(
    'refuses the unknown province "%s" with a clear error',
    (written) => {
      const result = checkProvince(written);
      expect(result).toMatchObject({ ok: false, input: written, error: { code: 'ADDRESS.PROVINCE_UNKNOWN' } });
      if (!result.ok) expect(result.error.vi).toContain('34 đơn vị hành chính cấp tỉnh');
    },
  );

  it('keeps names apart once diacritics are gone (no two units or former units collide)', () => {
    const names = TABLE.flatMap(([unit, , former]) => [unit, ...former.filter((f) => f !== unit)]);
    expect(new Set(names.map(normalizeProvinceName)).size).toBe(names.length);
  });
});

describe('checkAddress', () => {
  it('returns the official province name and the warning for a former province', () => {
    expect(checkAddress({ street: '1 Đại lộ Bình Dương', ward: 'Phường Thủ Dầu Một', province: 'binh duong' })).toEqual(
      {
        ok: true,
        address: { street: '1 Đại lộ Bình Dương', ward: 'Phường Thủ Dầu Một', province: 'Hồ Chí Minh City' },
        warnings: [expect.objectContaining({ code: 'ADDRESS.PROVINCE_MERGED' })],
      },
    );
  });

  it('lists every problem on its field', () => {
    const result = checkAddress({ street: ' ', ward: '', province: 'Nowhere' });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.errors.map((e) => [e.field, e.code])).toEqual([
        ['street', 'ADDRESS.STREET_MISSING'],
        ['ward', 'ADDRESS.WARD_MISSING'],
        ['province', 'ADDRESS.PROVINCE_UNKNOWN'],
      ]);
  });
});
