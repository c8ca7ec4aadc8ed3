/**
 * A day of the (proleptic) Gregorian calendar, with no time and no time zone: holidays and the
 * lunar calendar are about days, and a JS Date would drag the host's time zone into them.
 */
export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** Julian day number of 1970-01-01, to move between day numbers and Unix epoch days. */
export const UNIX_EPOCH_JULIAN_DAY = 2440588;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

export function isValidCalendarDate(date: CalendarDate): boolean {
  const { year, month, day } = date;
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

export function assertValidCalendarDate(date: CalendarDate): void {
  if (!isValidCalendarDate(date)) {
    throw new RangeError(`Not a Gregorian date: ${JSON.stringify(date)}`);
  }
}

/**
 * Julian day number (days since 1 Jan 4713 BC, Julian calendar), Gregorian rules throughout:
 * the calendar only serves modern dates, so the Julian-calendar branch before 1582 is left out.
 */
export function julianDayNumber(date: CalendarDate): number {
  assertValidCalendarDate(date);
  const a = Math.floor((14 - date.month) / 12);
  const y = date.year + 4800 - a;
  const m = date.month + 12 * a - 3;
  return (
    date.day +
    Math.floor((153 * m + 2) / 5) +
    365 * y +
    Math.floor(y / 4) -
    Math.floor(y / 100) +
    Math.floor(y / 400) -
    32045
  );
}

export function fromJulianDayNumber(jd: number): CalendarDate {
  if (!Number.isInteger(jd)) throw new RangeError(`Not a Julian day number: ${jd}`);
  const a = jd + 32044;
  const b = Math.floor((4 * a + 3) / 146097);
  const c = a - Math.floor((146097 * b) / 4);
  const d = Math.floor((4 * c + 3) / 1461);
  const e = c - Math.floor((1461 * d) / 4);
  const m = Math.floor((5 * e + 2) / 153);
  return {
    year: 100 * b + d - 4800 + Math.floor(m / 10),
    month: m + 3 - 12 * Math.floor(m / 10),
    day: e - Math.floor((153 * m + 2) / 5) + 1,
  };
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return fromJulianDayNumber(julianDayNumber(date) + days);
}

/** 0 = Sunday ... 6 = Saturday, like Date.prototype.getUTCDay. */
export function dayOfWeek(date: CalendarDate): number {
  return (julianDayNumber(date) + 1) % 7;
}

export function isWeekend(date: CalendarDate): boolean {
  const weekday = dayOfWeek(date);
  return weekday === 0 || weekday === 6;
}

export function formatIsoDate(date: CalendarDate): string {
  assertValidCalendarDate(date);
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

export function parseIsoDate(text: string): CalendarDate {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const date = match ? { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) } : undefined;
  if (!date || !isValidCalendarDate(date)) throw new RangeError(`Not an ISO date (YYYY-MM-DD): ${text}`);
  return date;
}

export function sameDate(a: CalendarDate, b: CalendarDate): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day;
}
