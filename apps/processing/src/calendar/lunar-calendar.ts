import { CalendarDate, assertValidCalendarDate, fromJulianDayNumber, julianDayNumber } from './calendar-date';

/**
 * Vietnamese lunar calendar, computed with the algorithm of Hồ Ngọc Đức ("Computing the
 * Vietnamese lunar calendar"): months start on the day of the astronomical new moon, month 11
 * holds the winter solstice, and in a year of 13 months the first month without a major solar
 * term is the leap month. Everything is evaluated at a meridian: Vietnam uses UTC+7, China UTC+8,
 * which is why Tết differs from the Chinese New Year in some years (1985, 2007). The series are
 * accurate for roughly 1800-2199, far wider than any legal deadline needs.
 */

/** Hours east of UTC of the meridian the official Vietnamese calendar is computed at. */
export const VIETNAM_TIME_ZONE = 7;

export interface LunarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly leap: boolean;
}

export interface LunarDateInput {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly leap?: boolean;
}

const SYNODIC_MONTH = 29.530588853;
/** Julian date of the new moon of 1 Jan 1900, k = 0 in the new-moon series. */
const NEW_MOON_EPOCH = 2415021.076998695;
const RAD = Math.PI / 180;

/** Julian date (UT) of the k-th new moon after 1 Jan 1900 (Meeus' series, as used by Hồ Ngọc Đức). */
function newMoon(k: number): number {
  const T = k / 1236.85;
  const T2 = T * T;
  const T3 = T2 * T;
  let jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  jd1 += 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * RAD);
  const M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3;
  const Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3;
  const F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3;
  let c1 = (0.1734 - 0.000393 * T) * Math.sin(M * RAD) + 0.0021 * Math.sin(2 * RAD * M);
  c1 = c1 - 0.4068 * Math.sin(Mpr * RAD) + 0.0161 * Math.sin(RAD * 2 * Mpr);
  c1 = c1 - 0.0004 * Math.sin(RAD * 3 * Mpr);
  c1 = c1 + 0.0104 * Math.sin(RAD * 2 * F) - 0.0051 * Math.sin(RAD * (M + Mpr));
  c1 = c1 - 0.0074 * Math.sin(RAD * (M - Mpr)) + 0.0004 * Math.sin(RAD * (2 * F + M));
  c1 = c1 - 0.0004 * Math.sin(RAD * (2 * F - M)) - 0.0006 * Math.sin(RAD * (2 * F + Mpr));
  c1 = c1 + 0.001 * Math.sin(RAD * (2 * F - Mpr)) + 0.0005 * Math.sin(RAD * (2 * Mpr + M));
  // ΔT (terrestrial minus universal time), in days.
  const deltaT =
    T < -11
      ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3
      : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return jd1 + c1 - deltaT;
}

/** Day number (local civil day at the meridian) on which the k-th new moon falls. */
function newMoonDay(k: number, timeZone: number): number {
  return Math.floor(newMoon(k) + 0.5 + timeZone / 24);
}

/** Apparent ecliptic longitude of the sun, radians in [0, 2π), at Julian date jd. */
function sunLongitude(jd: number): number {
  const T = (jd - 2451545.0) / 36525;
  const T2 = T * T;
  const M = 357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2;
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2;
  let DL = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(RAD * M);
  DL += (0.019993 - 0.000101 * T) * Math.sin(RAD * 2 * M) + 0.00029 * Math.sin(RAD * 3 * M);
  const L = (L0 + DL) * RAD;
  return L - 2 * Math.PI * Math.floor(L / (2 * Math.PI));
}

/** Which 30° sector (0-11) the sun is in at the local midnight starting the given day. */
function sunLongitudeSector(dayNumber: number, timeZone: number): number {
  return Math.floor((sunLongitude(dayNumber - 0.5 - timeZone / 24) / Math.PI) * 6);
}

/** Day number of the first day of the lunar month 11 holding the winter solstice of `year`. */
function lunarMonth11(year: number, timeZone: number): number {
  const off = julianDayNumber({ year, month: 12, day: 31 }) - 2415021;
  const k = Math.floor(off / SYNODIC_MONTH);
  const nm = newMoonDay(k, timeZone);
  // The sun past 270° at that new moon means the solstice came before it: month 11 is the previous one.
  return sunLongitudeSector(nm, timeZone) >= 9 ? newMoonDay(k - 1, timeZone) : nm;
}

/** Index, counted from month 11 (= 0), of the leap month in a 13-month year starting at a11. */
function leapMonthOffset(a11: number, timeZone: number): number {
  const k = Math.floor((a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH + 0.5);
  let i = 1;
  let arc = sunLongitudeSector(newMoonDay(k + i, timeZone), timeZone);
  let last: number;
  // Same sector at the start of two consecutive months: the first has no major solar term.
  do {
    last = arc;
    i++;
    arc = sunLongitudeSector(newMoonDay(k + i, timeZone), timeZone);
  } while (arc !== last && i < 14);
  return i - 1;
}

export function solarToLunar(date: CalendarDate, timeZone: number = VIETNAM_TIME_ZONE): LunarDate {
  assertValidCalendarDate(date);
  const dayNumber = julianDayNumber(date);
  const k = Math.floor((dayNumber - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  let monthStart = newMoonDay(k + 1, timeZone);
  if (monthStart > dayNumber) monthStart = newMoonDay(k, timeZone);

  let a11 = lunarMonth11(date.year, timeZone);
  let b11 = a11;
  let year: number;
  if (a11 >= monthStart) {
    year = date.year;
    a11 = lunarMonth11(date.year - 1, timeZone);
  } else {
    year = date.year + 1;
    b11 = lunarMonth11(date.year + 1, timeZone);
  }

  const day = dayNumber - monthStart + 1;
  const diff = Math.floor((monthStart - a11) / 29);
  let leap = false;
  let month = diff + 11;
  if (b11 - a11 > 365) {
    const leapDiff = leapMonthOffset(a11, timeZone);
    if (diff >= leapDiff) {
      month = diff + 10;
      leap = diff === leapDiff;
    }
  }
  if (month > 12) month -= 12;
  // Months 11 and 12 before Tết belong to the lunar year that started the previous January/February.
  if (month >= 11 && diff < 4) year -= 1;
  return { year, month, day, leap };
}

export function lunarToSolar(lunar: LunarDateInput, timeZone: number = VIETNAM_TIME_ZONE): CalendarDate {
  const { year, month, day } = lunar;
  const leap = lunar.leap ?? false;
  if (![year, month, day].every(Number.isInteger) || month < 1 || month > 12 || day < 1 || day > 30) {
    throw new RangeError(`Not a lunar date: ${JSON.stringify(lunar)}`);
  }
  let a11: number;
  let b11: number;
  if (month < 11) {
    a11 = lunarMonth11(year - 1, timeZone);
    b11 = lunarMonth11(year, timeZone);
  } else {
    a11 = lunarMonth11(year, timeZone);
    b11 = lunarMonth11(year + 1, timeZone);
  }
  let off = month - 11;
  if (off < 0) off += 12;
  if (b11 - a11 > 365) {
    const leapOff = leapMonthOffset(a11, timeZone);
    let leapMonth = leapOff - 2;
    if (leapMonth < 0) leapMonth += 12;
    if (leap && month !== leapMonth) {
      throw new RangeError(`Lunar year ${year} has no leap month ${month} (its leap month is ${leapMonth})`);
    }
    if (leap || off >= leapOff) off += 1;
  } else if (leap) {
    throw new RangeError(`Lunar year ${year} has no leap month`);
  }
  const k = Math.floor(0.5 + (a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  const solar = fromJulianDayNumber(newMoonDay(k + off, timeZone) + day - 1);
  // Day 30 of a 29-day month would silently land on the next month's first day.
  const back = solarToLunar(solar, timeZone);
  if (back.month !== month || back.day !== day || back.leap !== leap) {
    throw new RangeError(`Lunar month ${month}${leap ? ' (leap)' : ''} of ${year} has no day ${day}`);
  }
  return solar;
}

/** Gregorian date of the first day (mùng 1 Tết) of the lunar year that begins in `year`. */
export function lunarNewYear(year: number, timeZone: number = VIETNAM_TIME_ZONE): CalendarDate {
  return lunarToSolar({ year, month: 1, day: 1 }, timeZone);
}

const STEMS = ['Giáp', 'Ất', 'Bính', 'Đinh', 'Mậu', 'Kỷ', 'Canh', 'Tân', 'Nhâm', 'Quý'];
const BRANCHES = ['Tý', 'Sửu', 'Dần', 'Mão', 'Thìn', 'Tỵ', 'Ngọ', 'Mùi', 'Thân', 'Dậu', 'Tuất', 'Hợi'];

/** Sexagenary name of a lunar year as used in Vietnam ("Bính Ngọ" for 2026), for holiday names. */
export function lunarYearName(year: number): string {
  const mod = (n: number, m: number) => ((n % m) + m) % m;
  return `${STEMS[mod(year + 6, 10)]} ${BRANCHES[mod(year + 8, 12)]}`;
}
