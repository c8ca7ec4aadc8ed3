import { CalendarDate, addDays, formatIsoDate, isWeekend, julianDayNumber, parseIsoDate } from './calendar-date';
import { lunarNewYear, lunarToSolar, lunarYearName, solarToLunar } from './lunar-calendar';

/**
 * Statutory public holidays of the Labour Code 2019 (Bộ luật Lao động 2019), Art. 112, and the
 * per-year notices of the Prime Minister that state agencies follow.
 *
 * Tết: the Code grants 5 days and lets the Prime Minister place them. The rule below uses the
 * common official pattern, the last day of the lunar year (29 or 30 Tết) plus lunar 1/1 to 1/4;
 * the published notice of a year (YearOverrides) supersedes it where it differs.
 */

/** The Labour Code 2019 took effect on 1 Jan 2021; earlier years had other rules (one National Day). */
export const LABOUR_CODE_2019_FIRST_YEAR = 2021;

export type HolidayKind =
  /** A day of Art. 112(1). */
  | 'statutory'
  /** Art. 112(3): a statutory day on a weekly day off moves to the next working day. */
  | 'compensatory'
  /** A day off declared by the year's notice: swapped days, a published Tết span. */
  | 'notice';

export interface Holiday {
  readonly date: CalendarDate;
  /** YYYY-MM-DD, handy as a key and in logs. */
  readonly iso: string;
  readonly nameVi: string;
  readonly nameEn: string;
  readonly kind: HolidayKind;
}

/** Days off declared by a notice, written as notices are ("from ... to the end of ..."). */
export interface DayOffSpan {
  /** YYYY-MM-DD */
  readonly from: string;
  /** YYYY-MM-DD, inclusive; omitted for a single day. */
  readonly to?: string;
  readonly nameVi: string;
  readonly nameEn: string;
}

/** A weekly day off worked instead, to make up a swapped day. */
export interface ExtraWorkingDay {
  /** YYYY-MM-DD */
  readonly date: string;
  readonly nameVi: string;
  readonly nameEn: string;
}

/**
 * What the Prime Minister's notice for state agencies decides for one year. Every date lies in
 * that year (a make-up day in January for a December swap belongs to the next year's entry).
 *
 * A statutory holiday that falls inside an `extraDaysOff` span gets no computed compensatory
 * day: a published span already contains whatever compensation the notice grants. A day that
 * the rules make a day off but the notice makes a working day goes in `extraWorkingDays`.
 */
export interface YearOverrides {
  /** Day of September added to National Day (2/9); the Prime Minister picks 1 or 3. Default 1. */
  readonly nationalDayAdjacent?: 1 | 3;
  readonly extraDaysOff?: readonly DayOffSpan[];
  readonly extraWorkingDays?: readonly ExtraWorkingDay[];
}

/** Days off and extra working days of one year, everything resolved. */
export interface YearDaysOff {
  readonly year: number;
  /** Sorted by date, one entry per day (a statutory name wins over a notice's). */
  readonly daysOff: readonly Holiday[];
  readonly extraWorkingDays: readonly ExtraWorkingDay[];
}

/** Notices published for state agencies (see docs/data-sources.md, "Public holidays"). */
export const PUBLISHED_YEAR_OVERRIDES: Readonly<Record<number, YearOverrides>> = {
  2026: {
    extraDaysOff: [
      {
        from: '2026-01-01',
        to: '2026-01-04',
        nameVi: 'Nghỉ Tết Dương lịch (nghỉ thứ Sáu 2/1, làm bù thứ Bảy 10/1)',
        nameEn: 'New Year break (Fri 2 Jan off, made up on Sat 10 Jan)',
      },
      {
        from: '2026-02-14',
        to: '2026-02-22',
        nameVi: 'Nghỉ Tết Nguyên đán Bính Ngọ',
        nameEn: 'Lunar New Year (Bính Ngọ) break',
      },
    ],
    extraWorkingDays: [
      { date: '2026-01-10', nameVi: 'Làm bù cho thứ Sáu 2/1', nameEn: 'Make-up working day for Fri 2 Jan' },
    ],
  },
};

function holiday(date: CalendarDate, nameVi: string, nameEn: string, kind: HolidayKind): Holiday {
  return { date, iso: formatIsoDate(date), nameVi, nameEn, kind };
}

function byDate(a: Holiday, b: Holiday): number {
  return julianDayNumber(a.date) - julianDayNumber(b.date);
}

function assertSupportedYear(year: number): void {
  if (!Number.isInteger(year) || year < LABOUR_CODE_2019_FIRST_YEAR) {
    throw new RangeError(
      `Holidays are modelled from ${LABOUR_CODE_2019_FIRST_YEAR} (Labour Code 2019), not for ${year}`,
    );
  }
}

/** The 11 days of Art. 112(1) falling in Gregorian `year`, sorted. */
export function statutoryHolidays(year: number, nationalDayAdjacent: 1 | 3 = 1): Holiday[] {
  assertSupportedYear(year);
  if (nationalDayAdjacent !== 1 && nationalDayAdjacent !== 3) {
    throw new RangeError(`National Day's adjacent day is 1 or 3 September, not ${String(nationalDayAdjacent)}`);
  }
  const tet = lunarNewYear(year);
  const yearName = lunarYearName(year);
  const eve = addDays(tet, -1);
  // 29 or 30 depending on the length of the last lunar month: people call the day "29 Tết" or "30 Tết".
  const eveLunarDay = solarToLunar(eve).day;
  const days: Holiday[] = [
    holiday({ year, month: 1, day: 1 }, 'Tết Dương lịch', "New Year's Day", 'statutory'),
    holiday(
      eve,
      `Tết Nguyên đán ${yearName} (${eveLunarDay} tháng Chạp)`,
      `Lunar New Year (${yearName}): last day of the lunar year`,
      'statutory',
    ),
  ];
  for (let n = 1; n <= 4; n++) {
    days.push(
      holiday(
        addDays(tet, n - 1),
        `Tết Nguyên đán ${yearName} (mùng ${n})`,
        `Lunar New Year (${yearName}): day ${n}`,
        'statutory',
      ),
    );
  }
  days.push(
    holiday(
      lunarToSolar({ year, month: 3, day: 10 }),
      'Giỗ Tổ Hùng Vương (10/3 âm lịch)',
      "Hùng Kings' Commemoration Day (10th day of the 3rd lunar month)",
      'statutory',
    ),
    holiday({ year, month: 4, day: 30 }, 'Ngày Chiến thắng (30/4)', 'Victory Day (Reunification Day)', 'statutory'),
    holiday({ year, month: 5, day: 1 }, 'Ngày Quốc tế Lao động (1/5)', 'International Labour Day', 'statutory'),
    holiday({ year, month: 9, day: 2 }, 'Quốc khánh (2/9)', 'National Day', 'statutory'),
    holiday(
      { year, month: 9, day: nationalDayAdjacent },
      `Quốc khánh (ngày liền kề, ${nationalDayAdjacent}/9)`,
      `National Day (adjacent day, ${nationalDayAdjacent} September)`,
      'statutory',
    ),
  );
  return days.sort(byDate);
}

/**
 * Art. 112(3): each statutory day on a Saturday or Sunday (the weekly days off of state agencies)
 * gives a day off on the next weekday that is neither a holiday nor already a compensatory day.
 * `exempt` lists the statutory days whose compensation the notice has already decided.
 */
export function compensatoryDaysOff(holidays: readonly Holiday[], exempt: ReadonlySet<string> = new Set()): Holiday[] {
  const taken = new Set(holidays.map((h) => h.iso));
  const result: Holiday[] = [];
  const seen = new Set<string>();
  for (const h of [...holidays].sort(byDate)) {
    // Two holidays on one date give one day off, hence one compensation at most.
    if (seen.has(h.iso) || !isWeekend(h.date) || exempt.has(h.iso)) continue;
    seen.add(h.iso);
    let day = addDays(h.date, 1);
    while (isWeekend(day) || taken.has(formatIsoDate(day))) day = addDays(day, 1);
    taken.add(formatIsoDate(day));
    result.push(holiday(day, `Nghỉ bù ${h.nameVi}`, `Compensatory day off for ${h.nameEn}`, 'compensatory'));
  }
  return result;
}

function expandSpan(span: DayOffSpan): CalendarDate[] {
  const from = parseIsoDate(span.from);
  const to = parseIsoDate(span.to ?? span.from);
  const last = julianDayNumber(to);
  if (last < julianDayNumber(from))
    throw new RangeError(`Day-off span ends before it starts: ${span.from} - ${span.to}`);
  const days: CalendarDate[] = [];
  for (let d = from; julianDayNumber(d) <= last; d = addDays(d, 1)) days.push(d);
  return days;
}

/** Statutory days, compensatory days and the notice of `year`, resolved into one list of days off. */
export function yearDaysOff(year: number, overrides: YearOverrides = {}): YearDaysOff {
  const statutory = statutoryHolidays(year, overrides.nationalDayAdjacent ?? 1);

  const noticeDays: Holiday[] = [];
  for (const span of overrides.extraDaysOff ?? []) {
    for (const date of expandSpan(span)) {
      if (date.year !== year)
        throw new RangeError(`Override for ${year} lists a day of another year: ${formatIsoDate(date)}`);
      noticeDays.push(holiday(date, span.nameVi, span.nameEn, 'notice'));
    }
  }
  const noticeIsos = new Set(noticeDays.map((h) => h.iso));
  const exempt = new Set(statutory.filter((h) => noticeIsos.has(h.iso)).map((h) => h.iso));

  const byIso = new Map<string, Holiday>();
  // Statutory first so that its precise name wins when a notice span covers the same day.
  for (const h of [...statutory, ...compensatoryDaysOff(statutory, exempt), ...noticeDays]) {
    if (!byIso.has(h.iso)) byIso.set(h.iso, h);
  }

  const extraWorkingDays = overrides.extraWorkingDays ?? [];
  for (const w of extraWorkingDays) {
    const date = parseIsoDate(w.date);
    if (date.year !== year) throw new RangeError(`Override for ${year} lists a day of another year: ${w.date}`);
    if (noticeIsos.has(w.date))
      throw new RangeError(`Override for ${year} makes ${w.date} both a day off and a working day`);
  }
  return { year, daysOff: [...byIso.values()].sort(byDate), extraWorkingDays };
}
