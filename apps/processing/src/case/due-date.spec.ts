import { addWorkingDaysSkippingWeekends } from './due-date';

describe('addWorkingDaysSkippingWeekends (walking-skeleton deadline)', () => {
  it('skips Saturday and Sunday in Vietnam time', () => {
    // Friday 27 Nov 2026, 10:00 in Hanoi (03:00 UTC) + 1 working day = Monday 30 Nov.
    expect(addWorkingDaysSkippingWeekends(new Date('2026-11-27T03:00:00Z'), 1).toISOString()).toBe('2026-11-30T03:00:00.000Z');
    // Saturday 28 Nov + 3 working days = Wednesday 2 Dec.
    expect(addWorkingDaysSkippingWeekends(new Date('2026-11-28T05:00:00Z'), 3).toISOString()).toBe('2026-12-02T05:00:00.000Z');
  });

  it('uses the Vietnamese date, not UTC: Friday 23:30 in Hanoi is still Friday', () => {
    // 16:30 UTC Friday = 23:30 Friday in Hanoi; +1 working day = Monday 23:30 Hanoi.
    expect(addWorkingDaysSkippingWeekends(new Date('2026-11-27T16:30:00Z'), 1).toISOString()).toBe('2026-11-30T16:30:00.000Z');
  });
});
