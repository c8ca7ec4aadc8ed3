import { CalendarDate, addDays, dayOfWeek, formatIsoDate } from './calendar-date';
import { lunarNewYear, lunarToSolar, lunarYearName, solarToLunar } from './lunar-calendar';

const iso = (d: CalendarDate) => formatIsoDate(d);
const CHINA_TIME_ZONE = 8;

function leapMonthsOf(year: number): number[] {
  const months: number[] = [];
  for (let month = 1; month <= 12; month++) {
    try {
      lunarToSolar({ year, month, day: 1, leap: true });
      months.push(month);
    } catch {
      // not the leap month of that year
    }
  }
  return months;
}

describe('Vietnamese lunar calendar (Hồ Ngọc Đức, UTC+7)', () => {
  it('places Tết on the known dates', () => {
    expect(iso(lunarNewYear(2024))).toBe('2024-02-10');
    expect(iso(lunarNewYear(2025))).toBe('2025-01-29');
    expect(iso(lunarNewYear(2026))).toBe('2026-02-17');
    expect(iso(lunarNewYear(2027))).toBe('2027-02-06');
    expect(dayOfWeek(lunarNewYear(2026))).toBe(2); // Tuesday, as in procedures.md
    expect(dayOfWeek(lunarNewYear(2027))).toBe(6); // Saturday
    expect(solarToLunar({ year: 2026, month: 2, day: 17 })).toEqual({ year: 2026, month: 1, day: 1, leap: false });
    // 2025's last lunar month has 29 days: the eve of Tết Bính Ngọ is "29 Tết".
    expect(solarToLunar({ year: 2026, month: 2, day: 16 })).toEqual({ year: 2025, month: 12, day: 29, leap: false });
  });

  it('gives the whole 2020-2030 series', () => {
    const series = Array.from({ length: 11 }, (_, i) => iso(lunarNewYear(2020 + i)));
    expect(series).toEqual([
      '2020-01-25',
      '2021-02-12',
      '2022-02-01',
      '2023-01-22',
      '2024-02-10',
      '2025-01-29',
      '2026-02-17',
      '2027-02-06',
      '2028-01-26',
      '2029-02-13',
      '2030-02-02',
    ]);
  });

  it('differs from the Chinese calendar (UTC+8) where the meridian matters', () => {
    // 1985: the month-11 shift gives Vietnam a Tết a whole month earlier.
    expect(iso(lunarNewYear(1985))).toBe('1985-01-21');
    expect(iso(lunarNewYear(1985, CHINA_TIME_ZONE))).toBe('1985-02-20');
    expect(iso(lunarNewYear(2007))).toBe('2007-02-17');
    expect(iso(lunarNewYear(2007, CHINA_TIME_ZONE))).toBe('2007-02-18');
    // 1968: North Vietnam had just moved to UTC+7; Tết fell a day before the Chinese New Year.
    expect(iso(lunarNewYear(1968))).toBe('1968-01-29');
    expect(iso(lunarNewYear(1968, CHINA_TIME_ZONE))).toBe('1968-01-30');
    // 2030: new moon at 23:07 Hanoi time on 2 Feb, 00:07 Beijing time on 3 Feb.
    expect(iso(lunarNewYear(2030, CHINA_TIME_ZONE))).toBe('2030-02-03');
  });

  it("puts Hùng Kings' day (lunar 10/3) on the observed dates", () => {
    expect(iso(lunarToSolar({ year: 2024, month: 3, day: 10 }))).toBe('2024-04-18');
    expect(iso(lunarToSolar({ year: 2025, month: 3, day: 10 }))).toBe('2025-04-07');
    expect(dayOfWeek(lunarToSolar({ year: 2025, month: 3, day: 10 }))).toBe(1); // Monday 7 Apr 2025
    // 2023 had a leap 2nd month before it: a wrong leap rule would give 30 Mar.
    expect(iso(lunarToSolar({ year: 2023, month: 3, day: 10 }))).toBe('2023-04-29');
    expect(iso(lunarToSolar({ year: 2026, month: 3, day: 10 }))).toBe('2026-04-26');
    expect(dayOfWeek(lunarToSolar({ year: 2026, month: 3, day: 10 }))).toBe(0); // Sunday
    expect(solarToLunar({ year: 2025, month: 4, day: 7 })).toEqual({ year: 2025, month: 3, day: 10, leap: false });
  });

  it('finds the leap months', () => {
    expect(leapMonthsOf(2020)).toEqual([4]);
    expect(leapMonthsOf(2023)).toEqual([2]);
    expect(leapMonthsOf(2024)).toEqual([]);
    expect(leapMonthsOf(2025)).toEqual([6]);
    expect(leapMonthsOf(2026)).toEqual([]);
    expect(leapMonthsOf(2028)).toEqual([5]);
    expect(leapMonthsOf(2033)).toEqual([11]);

    expect(solarToLunar({ year: 2023, month: 3, day: 21 })).toEqual({ year: 2023, month: 2, day: 30, leap: false });
    expect(solarToLunar({ year: 2023, month: 3, day: 22 })).toEqual({ year: 2023, month: 2, day: 1, leap: true });
    expect(iso(lunarToSolar({ year: 2023, month: 2, day: 1, leap: true }))).toBe('2023-03-22');
    expect(iso(lunarToSolar({ year: 2025, month: 6, day: 1 }))).toBe('2025-06-25');
    expect(iso(lunarToSolar({ year: 2025, month: 6, day: 1, leap: true }))).toBe('2025-07-25');
    expect(iso(lunarToSolar({ year: 2025, month: 7, day: 1 }))).toBe('2025-08-23');
    // Mid-Autumn 2025 (lunar 15/8) was Monday 6 Oct 2025.
    expect(iso(lunarToSolar({ year: 2025, month: 8, day: 15 }))).toBe('2025-10-06');
    // A leap 11th month sits across the Gregorian new year and keeps the earlier lunar year.
    expect(solarToLunar({ year: 2033, month: 12, day: 22 })).toEqual({ year: 2033, month: 11, day: 1, leap: true });
  });

  it('rejects lunar dates that do not exist', () => {
    expect(() => lunarToSolar({ year: 2023, month: 3, day: 1, leap: true })).toThrow(RangeError);
    expect(() => lunarToSolar({ year: 2024, month: 2, day: 1, leap: true })).toThrow(RangeError);
    expect(() => lunarToSolar({ year: 2025, month: 12, day: 30 })).toThrow(RangeError);
    expect(() => lunarToSolar({ year: 2025, month: 13, day: 1 })).toThrow(RangeError);
    expect(() => solarToLunar({ year: 2025, month: 2, day: 29 })).toThrow(RangeError);
  });

  it('round-trips and counts days consistently over 5000 consecutive days', () => {
    let date: CalendarDate = { year: 2018, month: 1, day: 1 };
    let previous = solarToLunar(date);
    expect(lunarToSolar(previous)).toEqual(date);
    let newYears = 0;
    for (let i = 1; i < 5000; i++) {
      date = addDays(date, 1);
      const lunar = solarToLunar(date);
      expect(lunarToSolar(lunar)).toEqual(date);
      if (lunar.day === 1) {
        expect([29, 30]).toContain(previous.day);
        if (lunar.month === 1 && !lunar.leap) {
          expect(lunar.year).toBe(previous.year + 1);
          newYears++;
        } else {
          expect(lunar.year).toBe(previous.year);
          // Either the next month, or the leap month repeating the one just ended.
          expect(lunar.leap ? lunar.month : lunar.month - 1).toBe(previous.month);
        }
      } else {
        expect(lunar).toEqual({ ...previous, day: previous.day + 1 });
      }
      previous = lunar;
    }
    expect(newYears).toBe(14); // Tết 2018 through Tết 2031 fall inside 1 Jan 2018 + 5000 days
  });

  it('names the lunar years', () => {
    expect(lunarYearName(2024)).toBe('Giáp Thìn');
    expect(lunarYearName(2025)).toBe('Ất Tỵ');
    expect(lunarYearName(2026)).toBe('Bính Ngọ');
    expect(lunarYearName(2027)).toBe('Đinh Mùi');
  });
});
