const VN_OFFSET_MS = 7 * 3600 * 1000;

/**
 * Walking-skeleton deadline: `days` working days after `from`, skipping Saturdays and Sundays in
 * Vietnam's time zone. Public holidays, Tết, compensatory days and working hours arrive with the
 * working-day calendar of the processing issue, which replaces this function.
 */
export function addWorkingDaysSkippingWeekends(from: Date, days: number): Date {
  const t = new Date(from.getTime());
  let left = days;
  while (left > 0) {
    t.setTime(t.getTime() + 24 * 3600 * 1000);
    const weekday = new Date(t.getTime() + VN_OFFSET_MS).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return t;
}
