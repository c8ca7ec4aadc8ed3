import {
  CalendarDate,
  UNIX_EPOCH_JULIAN_DAY,
  fromJulianDayNumber,
  julianDayNumber,
  parseIsoDate,
} from './calendar-date';
import { Holiday, YearOverrides, yearDaysOff } from './vietnam-holidays';
import { VIETNAM_UTC_OFFSET_MS } from '@dvc/kernel';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

const OFFSET_MS = VIETNAM_UTC_OFFSET_MS;

/** Office hours of state agencies, Vietnam time: a morning and an afternoon session. */
export const OFFICE_PERIODS: readonly { readonly start: number; readonly end: number }[] = [
  { start: 8, end: 12 },
  { start: 13, end: 17 },
];
export const OFFICE_CLOSING_HOUR = 17;

interface ResolvedYear {
  readonly daysOff: readonly Holiday[];
  readonly off: ReadonlySet<number>;
  readonly worked: ReadonlySet<number>;
}

function assertInstant(date: Date, name: string): number {
  const ms = date instanceof Date ? date.getTime() : NaN;
  if (Number.isNaN(ms)) throw new RangeError(`${name} is not a valid Date`);
  return ms;
}

/** Julian day number of the Vietnamese calendar day containing the instant. */
function localDayNumber(ms: number): number {
  return Math.floor((ms + OFFSET_MS) / DAY_MS) + UNIX_EPOCH_JULIAN_DAY;
}

/** The instant of 00:00 Vietnam time on the given day. */
function localMidnight(dayNumber: number): number {
  return (dayNumber - UNIX_EPOCH_JULIAN_DAY) * DAY_MS - OFFSET_MS;
}

/**
 * Working days and working time of Vietnamese state agencies: Monday to Friday, 08:00-12:00 and
 * 13:00-17:00 Vietnam time, minus the public holidays and compensatory days of the Labour Code,
 * adjusted by each year's notice (`overrides`, keyed by Gregorian year). Takes and returns
 * instants (Date); days are always Vietnamese calendar days, whatever the host's time zone.
 */
export class WorkingCalendar {
  private readonly years = new Map<number, ResolvedYear>();

  constructor(private readonly overrides: Readonly<Record<number, YearOverrides>>) {
    // A typo in a notice must fail at start-up, not on the first dossier of that year.
    for (const key of Object.keys(overrides)) {
      const year = Number(key);
      if (!Number.isInteger(year)) throw new RangeError(`Overrides keyed by a non-year: ${key}`);
      this.resolve(year);
    }
  }

  /** Whether the Vietnamese calendar day (of the instant, or the given date) is a working day. */
  isWorkingDay(date: Date | CalendarDate): boolean {
    const dayNumber = date instanceof Date ? localDayNumber(assertInstant(date, 'date')) : julianDayNumber(date);
    return this.isWorkingDayNumber(dayNumber);
  }

  /** Days off of a Gregorian year beyond the weekends: statutory, compensatory and notice days. */
  daysOff(year: number): readonly Holiday[] {
    return this.resolve(year).daysOff;
  }

  /**
   * Deadline of `days` working days from acceptance at `start`. The day of acceptance does not
   * count, whatever the hour; day 1 is the next working day (so acceptance on a Saturday counts
   * from Monday). The deadline is the end of the office day, 17:00 Vietnam time, of day N.
   */
  addWorkingDays(start: Date, days: number): Date {
    const startMs = assertInstant(start, 'start');
    if (!Number.isInteger(days) || days < 1)
      throw new RangeError(`Working days must be a whole number >= 1, not ${days}`);
    let dayNumber = localDayNumber(startMs);
    for (let counted = 0; counted < days;) {
      dayNumber++;
      if (this.isWorkingDayNumber(dayNumber)) counted++;
    }
    return new Date(localMidnight(dayNumber) + OFFICE_CLOSING_HOUR * HOUR_MS);
  }

  /**
   * The earliest instant by which `hours` of office time have elapsed since `start`, skipping
   * nights, lunch and days off. Time ending exactly at 12:00 or 17:00 returns that instant, not
   * the next opening; zero hours returns `start` unchanged.
   */
  addWorkingHours(start: Date, hours: number): Date {
    const startMs = assertInstant(start, 'start');
    if (!Number.isFinite(hours) || hours < 0) throw new RangeError(`Working hours must be >= 0, not ${hours}`);
    return new Date(this.addWorkingMs(startMs, Math.round(hours * HOUR_MS)));
  }

  /** Office time, in hours, between two instants; negative when `b` is before `a`. */
  workingTimeBetween(a: Date, b: Date): number {
    const aMs = assertInstant(a, 'a');
    const bMs = assertInstant(b, 'b');
    return bMs >= aMs ? this.workingMsBetween(aMs, bMs) / HOUR_MS : -this.workingMsBetween(bMs, aMs) / HOUR_MS;
  }

  /**
   * New due date after the clock stopped from `pausedFrom` to `pausedUntil` (a supplement
   * request): the time the applicant had does not count against the agency, so the due date
   * moves by the office time of the pause, not by its calendar length.
   */
  resumeAfterPause(due: Date, pausedFrom: Date, pausedUntil: Date): Date {
    const dueMs = assertInstant(due, 'due');
    const fromMs = assertInstant(pausedFrom, 'pausedFrom');
    const untilMs = assertInstant(pausedUntil, 'pausedUntil');
    if (untilMs < fromMs) throw new RangeError('A pause cannot end before it starts');
    // Milliseconds end to end, so the extension equals the pause exactly (no rounding via hours).
    return new Date(this.addWorkingMs(dueMs, this.workingMsBetween(fromMs, untilMs)));
  }

  private addWorkingMs(startMs: number, ms: number): number {
    if (ms === 0) return startMs;
    let left = ms;
    for (let dayNumber = localDayNumber(startMs); ; dayNumber++) {
      if (!this.isWorkingDayNumber(dayNumber)) continue;
      const midnight = localMidnight(dayNumber);
      for (const period of OFFICE_PERIODS) {
        const from = Math.max(startMs, midnight + period.start * HOUR_MS);
        const to = midnight + period.end * HOUR_MS;
        if (from >= to) continue;
        if (left <= to - from) return from + left;
        left -= to - from;
      }
    }
  }

  private workingMsBetween(aMs: number, bMs: number): number {
    let total = 0;
    for (let dayNumber = localDayNumber(aMs); dayNumber <= localDayNumber(bMs); dayNumber++) {
      if (!this.isWorkingDayNumber(dayNumber)) continue;
      const midnight = localMidnight(dayNumber);
      for (const period of OFFICE_PERIODS) {
        const from = Math.max(aMs, midnight + period.start * HOUR_MS);
        const to = Math.min(bMs, midnight + period.end * HOUR_MS);
        if (to > from) total += to - from;
      }
    }
    return total;
  }

  private isWorkingDayNumber(dayNumber: number): boolean {
    const resolved = this.resolve(fromJulianDayNumber(dayNumber).year);
    if (resolved.worked.has(dayNumber)) return true;
    const weekday = (dayNumber + 1) % 7;
    if (weekday === 0 || weekday === 6) return false;
    return !resolved.off.has(dayNumber);
  }

  private resolve(year: number): ResolvedYear {
    let resolved = this.years.get(year);
    if (!resolved) {
      const { daysOff, extraWorkingDays } = yearDaysOff(year, this.overrides[year]);
      resolved = {
        daysOff,
        off: new Set(daysOff.map((h) => julianDayNumber(h.date))),
        worked: new Set(extraWorkingDays.map((w) => julianDayNumber(parseIsoDate(w.date)))),
      };
      this.years.set(year, resolved);
    }
    return resolved;
  }
}
