import {
  addDays,
  dayOfWeek,
  formatIsoDate,
  fromJulianDayNumber,
  julianDayNumber,
  parseIsoDate,
  UNIX_EPOCH_JULIAN_DAY,
} from './calendar-date';

describe('calendar dates and Julian day numbers', () => {
  it('gives the reference Julian day numbers', () => {
    expect(julianDayNumber({ year: 2000, month: 1, day: 1 })).toBe(2451545);
    expect(julianDayNumber({ year: 1970, month: 1, day: 1 })).toBe(UNIX_EPOCH_JULIAN_DAY);
    expect(julianDayNumber({ year: 1900, month: 1, day: 1 })).toBe(2415021);
  });

  it('converts back and forth across leap days and century years', () => {
    expect(fromJulianDayNumber(2451545)).toEqual({ year: 2000, month: 1, day: 1 });
    expect(addDays({ year: 2024, month: 2, day: 28 }, 1)).toEqual({ year: 2024, month: 2, day: 29 });
    expect(addDays({ year: 2100, month: 2, day: 28 }, 1)).toEqual({ year: 2100, month: 3, day: 1 });
    expect(addDays({ year: 2025, month: 12, day: 31 }, 1)).toEqual({ year: 2026, month: 1, day: 1 });
    const start = julianDayNumber({ year: 1999, month: 1, day: 1 });
    for (let jd = start; jd < start + 20000; jd++) {
      expect(julianDayNumber(fromJulianDayNumber(jd))).toBe(jd);
    }
  });

  it('agrees with Date.getUTCDay on the day of the week', () => {
    expect(dayOfWeek({ year: 2026, month: 2, day: 17 })).toBe(2); // Tuesday
    for (let jd = 2460000; jd < 2460000 + 800; jd++) {
      const d = fromJulianDayNumber(jd);
      expect(dayOfWeek(d)).toBe(new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay());
    }
  });

  it('formats and parses ISO dates and rejects impossible ones', () => {
    expect(formatIsoDate({ year: 2026, month: 2, day: 7 })).toBe('2026-02-07');
    expect(parseIsoDate('2026-02-07')).toEqual({ year: 2026, month: 2, day: 7 });
    expect(() => parseIsoDate('2026-02-29')).toThrow(RangeError);
    expect(() => parseIsoDate('2026-2-7')).toThrow(RangeError);
    expect(() => julianDayNumber({ year: 2026, month: 13, day: 1 })).toThrow(RangeError);
  });
});
