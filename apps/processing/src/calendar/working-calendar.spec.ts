import { PUBLISHED_YEAR_OVERRIDES } from './vietnam-holidays';
import { WorkingCalendar } from './working-calendar';

/** An instant given as Vietnam wall-clock time, so that tests read like the office's clock. */
const vn = (local: string) => new Date(`${local}+07:00`);

describe('WorkingCalendar', () => {
  const calendar = new WorkingCalendar(PUBLISHED_YEAR_OVERRIDES);

  describe('isWorkingDay', () => {
    it('follows the 2026 notice around New Year', () => {
      expect(calendar.isWorkingDay({ year: 2026, month: 1, day: 1 })).toBe(false);
      expect(calendar.isWorkingDay({ year: 2026, month: 1, day: 2 })).toBe(false); // swapped Friday
      expect(calendar.isWorkingDay({ year: 2026, month: 1, day: 5 })).toBe(true);
      expect(calendar.isWorkingDay({ year: 2026, month: 1, day: 10 })).toBe(true); // make-up Saturday
      expect(calendar.isWorkingDay({ year: 2026, month: 1, day: 11 })).toBe(false);
    });

    it('closes from 14 to 22 Feb 2026 and opens on both sides', () => {
      const february = Array.from({ length: 12 }, (_, i) =>
        calendar.isWorkingDay({ year: 2026, month: 2, day: 12 + i }),
      );
      // 12 Thu, 13 Fri, 14-22 off, 23 Mon.
      expect(february).toEqual([true, true, false, false, false, false, false, false, false, false, false, true]);
    });

    it("applies Art. 112(3) without a notice: Mon 27 Apr 2026 compensates Hùng Kings' Sunday", () => {
      expect(calendar.isWorkingDay({ year: 2026, month: 4, day: 27 })).toBe(false);
      expect(calendar.isWorkingDay({ year: 2026, month: 4, day: 28 })).toBe(true);
    });

    it('takes the Vietnamese date of an instant, not the UTC one', () => {
      // 17:30 UTC on Friday 13 Feb 2026 is 00:30 on Saturday 14 Feb in Hanoi.
      expect(calendar.isWorkingDay(new Date('2026-02-13T16:59:59Z'))).toBe(true);
      expect(calendar.isWorkingDay(new Date('2026-02-13T17:30:00Z'))).toBe(false);
    });

    it('uses the National Day choice of the overrides', () => {
      const thirdSeptember = new WorkingCalendar({ 2026: { nationalDayAdjacent: 3 } });
      expect(thirdSeptember.isWorkingDay({ year: 2026, month: 9, day: 1 })).toBe(true);
      expect(thirdSeptember.isWorkingDay({ year: 2026, month: 9, day: 3 })).toBe(false);
      expect(calendar.isWorkingDay({ year: 2026, month: 9, day: 1 })).toBe(false);
      expect(calendar.isWorkingDay({ year: 2026, month: 9, day: 3 })).toBe(true);
    });

    it('fails at construction on a malformed notice', () => {
      expect(
        () => new WorkingCalendar({ 2026: { extraWorkingDays: [{ date: '2026-02-30', nameVi: 'x', nameEn: 'x' }] } }),
      ).toThrow(RangeError);
    });
  });

  describe('addWorkingDays', () => {
    it('counts from the next working day and ends at 17:00 of day N, across a weekend', () => {
      // Friday 27 Nov 2026: day 1 is Monday 30 Nov.
      expect(calendar.addWorkingDays(vn('2026-11-27T10:00:00'), 1).toISOString()).toBe('2026-11-30T10:00:00.000Z');
      expect(calendar.addWorkingDays(vn('2026-11-27T10:00:00'), 3).toISOString()).toBe('2026-12-02T10:00:00.000Z');
    });

    it('counts acceptance on a Saturday from Monday', () => {
      expect(calendar.addWorkingDays(vn('2026-11-28T09:00:00'), 3)).toEqual(vn('2026-12-02T17:00:00'));
    });

    it('uses the Vietnamese day of acceptance: Friday 23:30 in Hanoi is still Friday', () => {
      expect(calendar.addWorkingDays(new Date('2026-11-27T16:30:00Z'), 1)).toEqual(vn('2026-11-30T17:00:00'));
    });

    it('jumps over Tết 2026', () => {
      // Accepted Thu 12 Feb: Fri 13 is day 1, then 14-22 closed, Mon 23 day 2, Tue 24 day 3.
      expect(calendar.addWorkingDays(vn('2026-02-12T10:00:00'), 3)).toEqual(vn('2026-02-24T17:00:00'));
      // Accepted during Tết: day 1 is Mon 23 Feb.
      expect(calendar.addWorkingDays(vn('2026-02-17T09:00:00'), 1)).toEqual(vn('2026-02-23T17:00:00'));
    });

    it('jumps over Tết 2027 computed from the lunar calendar, with the compensatory days (no notice yet)', () => {
      // Lunar New Year is Sat 6 Feb 2027: days off Fri 5 - Tue 9; Sat 6 and Sun 7 are statutory days on
      // a weekly day off, so Wed 10 and Thu 11 compensate. Accepted Thu 4 Feb: day 1 is Fri 12 Feb.
      expect(calendar.addWorkingDays(vn('2027-02-04T10:00:00'), 1)).toEqual(vn('2027-02-12T17:00:00'));
      expect(calendar.addWorkingDays(vn('2027-02-04T10:00:00'), 2)).toEqual(vn('2027-02-15T17:00:00'));
    });

    it('counts the make-up Saturday 10 Jan 2026 and skips the swapped Friday 2 Jan', () => {
      expect(calendar.addWorkingDays(vn('2025-12-31T15:00:00'), 2)).toEqual(vn('2026-01-06T17:00:00'));
      expect(calendar.addWorkingDays(vn('2026-01-09T15:00:00'), 1)).toEqual(vn('2026-01-10T17:00:00'));
    });

    it('rejects counts that are not whole positive numbers', () => {
      expect(() => calendar.addWorkingDays(vn('2026-11-27T10:00:00'), 0)).toThrow(RangeError);
      expect(() => calendar.addWorkingDays(vn('2026-11-27T10:00:00'), 1.5)).toThrow(RangeError);
    });
  });

  describe('addWorkingHours', () => {
    it('skips lunch', () => {
      expect(calendar.addWorkingHours(vn('2026-03-02T11:00:00'), 2)).toEqual(vn('2026-03-02T14:00:00'));
      expect(calendar.addWorkingHours(vn('2026-03-02T12:30:00'), 1)).toEqual(vn('2026-03-02T14:00:00'));
    });

    it('skips the night and starts before opening at 08:00', () => {
      expect(calendar.addWorkingHours(vn('2026-03-02T16:00:00'), 3)).toEqual(vn('2026-03-03T10:00:00'));
      expect(calendar.addWorkingHours(vn('2026-03-03T06:00:00'), 1.5)).toEqual(vn('2026-03-03T09:30:00'));
    });

    it('skips a weekend and Tết', () => {
      expect(calendar.addWorkingHours(vn('2026-03-06T16:00:00'), 2)).toEqual(vn('2026-03-09T09:00:00'));
      expect(calendar.addWorkingHours(vn('2026-02-13T16:00:00'), 2)).toEqual(vn('2026-02-23T09:00:00'));
    });

    it('ends at closing time rather than at the next opening', () => {
      expect(calendar.addWorkingHours(vn('2026-03-02T08:00:00'), 4)).toEqual(vn('2026-03-02T12:00:00'));
      expect(calendar.addWorkingHours(vn('2026-03-02T08:00:00'), 8)).toEqual(vn('2026-03-02T17:00:00'));
    });
  });

  describe('workingTimeBetween', () => {
    it('counts office hours only', () => {
      expect(calendar.workingTimeBetween(vn('2026-03-02T10:00:00'), vn('2026-03-03T10:00:00'))).toBe(8);
      expect(calendar.workingTimeBetween(vn('2026-03-02T11:30:00'), vn('2026-03-02T13:30:00'))).toBe(1);
      expect(calendar.workingTimeBetween(vn('2026-03-06T17:00:00'), vn('2026-03-09T08:00:00'))).toBe(0);
      expect(calendar.workingTimeBetween(vn('2026-03-03T10:00:00'), vn('2026-03-02T10:00:00'))).toBe(-8);
    });

    it('ignores Tết', () => {
      // Thu 12 Feb 16:00 to Tue 24 Feb 09:00: 1 + 8 (Fri 13) + 8 (Mon 23) + 1 hours.
      expect(calendar.workingTimeBetween(vn('2026-02-12T16:00:00'), vn('2026-02-24T09:00:00'))).toBe(18);
    });
  });

  describe('resumeAfterPause', () => {
    it('extends the due date by exactly the working time the supplement request paused', () => {
      const due = calendar.addWorkingDays(vn('2026-03-02T09:00:00'), 5); // Mon 9 Mar 17:00
      expect(due).toEqual(vn('2026-03-09T17:00:00'));
      const pausedFrom = vn('2026-03-03T15:00:00');
      const pausedUntil = vn('2026-03-05T10:00:00');
      expect(calendar.workingTimeBetween(pausedFrom, pausedUntil)).toBe(12); // 2 + 8 + 2

      const resumed = calendar.resumeAfterPause(due, pausedFrom, pausedUntil);
      // Mon 17:00 + 12 h: Tue 10 Mar 08:00-17:00 is 8 h, Wed 11 Mar 08:00-12:00 is 4 h.
      expect(resumed).toEqual(vn('2026-03-11T12:00:00'));
      expect(calendar.workingTimeBetween(due, resumed)).toBe(12);
    });

    it('adds nothing for a pause outside office hours, and the Tết days of a pause do not count', () => {
      const due = vn('2026-03-09T17:00:00');
      expect(calendar.resumeAfterPause(due, vn('2026-03-06T17:30:00'), vn('2026-03-09T07:45:00'))).toEqual(due);
      // Paused Fri 13 Feb 16:00 to Mon 23 Feb 09:00: 2 working hours despite ten calendar days.
      expect(calendar.resumeAfterPause(due, vn('2026-02-13T16:00:00'), vn('2026-02-23T09:00:00'))).toEqual(
        vn('2026-03-10T10:00:00'),
      );
    });

    it('refuses a pause that ends before it starts', () => {
      expect(() =>
        calendar.resumeAfterPause(vn('2026-03-09T17:00:00'), vn('2026-03-05T10:00:00'), vn('2026-03-03T15:00:00')),
      ).toThrow(RangeError);
    });
  });
});
