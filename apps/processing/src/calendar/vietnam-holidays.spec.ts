import { julianDayNumber, parseIsoDate } from './calendar-date';
import { PUBLISHED_YEAR_OVERRIDES, compensatoryDaysOff, statutoryHolidays, yearDaysOff } from './vietnam-holidays';

describe('statutory holidays (Labour Code 2019, Art. 112)', () => {
  it('lists the 11 days of 2026 with their names', () => {
    const days = statutoryHolidays(2026);
    expect(days.map((h) => h.iso)).toEqual([
      '2026-01-01',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-04-26',
      '2026-04-30',
      '2026-05-01',
      '2026-09-01',
      '2026-09-02',
    ]);
    expect(days.every((h) => h.kind === 'statutory')).toBe(true);
    expect(days[1]).toMatchObject({
      nameVi: 'Tết Nguyên đán Bính Ngọ (29 tháng Chạp)',
      nameEn: 'Lunar New Year (Bính Ngọ): last day of the lunar year',
    });
    expect(days[2]).toMatchObject({
      nameVi: 'Tết Nguyên đán Bính Ngọ (mùng 1)',
      nameEn: 'Lunar New Year (Bính Ngọ): day 1',
    });
    expect(days[6]).toMatchObject({ nameVi: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)' });
  });

  it('calls the eve "30 Tết" when the last lunar month has 30 days', () => {
    // Lunar year Quý Mão (2023) ended on 30/12: Friday 9 Feb 2024.
    const eve = statutoryHolidays(2024)[1];
    expect(eve.iso).toBe('2024-02-09');
    expect(eve.nameVi).toBe('Tết Nguyên đán Giáp Thìn (30 tháng Chạp)');
  });

  it("lets the caller pick 3 September as National Day's adjacent day", () => {
    const september = statutoryHolidays(2024, 3)
      .filter((h) => h.date.month === 9)
      .map((h) => h.iso);
    expect(september).toEqual(['2024-09-02', '2024-09-03']);
  });

  it('refuses years before the Labour Code 2019 took effect', () => {
    expect(() => statutoryHolidays(2020)).toThrow(RangeError);
  });
});

describe('compensatory days (Art. 112(3))', () => {
  it("moves Hùng Kings' day 2026 (a Sunday) to Monday 27 April", () => {
    expect(compensatoryDaysOff(statutoryHolidays(2026)).map((h) => h.iso)).toEqual(['2026-04-27']);
  });

  it('pushes the weekend days of Tết 2027 past the remaining Tết days', () => {
    // Tết 2027: Fri 5 - Tue 9 Feb; Sat 6 and Sun 7 are compensated on Wed 10 and Thu 11. Sat 1 May too.
    expect(compensatoryDaysOff(statutoryHolidays(2027)).map((h) => h.iso)).toEqual([
      '2027-02-10',
      '2027-02-11',
      '2027-05-03',
    ]);
  });
});

describe('year days off with the published notices', () => {
  const days2026 = yearDaysOff(2026, PUBLISHED_YEAR_OVERRIDES[2026]);
  const off = new Set(days2026.daysOff.map((h) => h.iso));

  it('has Tết 2026 from Sat 14 to Sun 22 Feb, and the computed Tết days inside it', () => {
    const february = days2026.daysOff.filter((h) => h.date.month === 2).map((h) => h.iso);
    expect(february).toEqual([
      '2026-02-14',
      '2026-02-15',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-02-21',
      '2026-02-22',
    ]);
    const spanFrom = julianDayNumber(parseIsoDate('2026-02-14'));
    const spanTo = julianDayNumber(parseIsoDate('2026-02-22'));
    const computedTet = statutoryHolidays(2026).filter((h) => h.nameEn.startsWith('Lunar New Year'));
    expect(computedTet).toHaveLength(5);
    for (const h of computedTet) {
      expect(julianDayNumber(h.date)).toBeGreaterThanOrEqual(spanFrom);
      expect(julianDayNumber(h.date)).toBeLessThanOrEqual(spanTo);
    }
  });

  it('has New Year 2026 from Thu 1 to Sun 4 Jan, made up on Sat 10 Jan', () => {
    expect(days2026.daysOff.filter((h) => h.date.month === 1).map((h) => h.iso)).toEqual([
      '2026-01-01',
      '2026-01-02',
      '2026-01-03',
      '2026-01-04',
    ]);
    expect(days2026.daysOff.find((h) => h.iso === '2026-01-02')?.kind).toBe('notice');
    expect(days2026.extraWorkingDays.map((w) => w.date)).toEqual(['2026-01-10']);
  });

  it('keeps the statutory name where a notice span covers a statutory day', () => {
    expect(days2026.daysOff.find((h) => h.iso === '2026-02-17')).toMatchObject({
      kind: 'statutory',
      nameEn: 'Lunar New Year (Bính Ngọ): day 1',
    });
    expect(days2026.daysOff.find((h) => h.iso === '2026-02-21')).toMatchObject({
      kind: 'notice',
      nameVi: 'Nghỉ Tết Nguyên đán Bính Ngọ',
    });
    expect(off.has('2026-02-13')).toBe(false);
    expect(off.has('2026-02-23')).toBe(false);
  });

  it('gives no computed compensation to statutory days inside a published span', () => {
    // A notice that closes Thu 4 - Wed 10 Feb 2027 already includes its compensation: 11 Feb is worked.
    const days = yearDaysOff(2027, {
      extraDaysOff: [{ from: '2027-02-04', to: '2027-02-10', nameVi: 'Nghỉ Tết', nameEn: 'Tết break' }],
    });
    const february = days.daysOff.filter((h) => h.date.month === 2).map((h) => h.iso);
    expect(february).toEqual([
      '2027-02-04',
      '2027-02-05',
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
      '2027-02-09',
      '2027-02-10',
    ]);
  });

  it('rejects notices that contradict themselves or name another year', () => {
    expect(() =>
      yearDaysOff(2026, {
        extraDaysOff: [{ from: '2026-01-02', nameVi: 'x', nameEn: 'x' }],
        extraWorkingDays: [{ date: '2026-01-02', nameVi: 'x', nameEn: 'x' }],
      }),
    ).toThrow(RangeError);
    expect(() =>
      yearDaysOff(2026, { extraDaysOff: [{ from: '2025-12-31', to: '2026-01-01', nameVi: 'x', nameEn: 'x' }] }),
    ).toThrow(RangeError);
    expect(() =>
      yearDaysOff(2026, { extraDaysOff: [{ from: '2026-01-04', to: '2026-01-01', nameVi: 'x', nameEn: 'x' }] }),
    ).toThrow(RangeError);
  });
});
