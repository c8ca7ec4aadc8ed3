import { Injectable } from '@nestjs/common';
import { CalendarService } from '../../calendar/calendar.service';
import type { CaseActor } from '../case-actor';
import { CaseRepository } from '../case.repository';
import { toCaseView } from '../views/case-view';
import { availableActions, CASE_STATES, CaseState, movesCase } from '../workflow/case-workflow';

/**
 * An officer's queue: open cases in which one of the officer's roles can act now, most urgent
 * first; a specialist sees the cases assigned to them. Flags: overdue (the clock ran past the
 * due date) and due soon (due within the next two working days).
 */
@Injectable()
export class CaseQueueService {
  constructor(
    private readonly cases: CaseRepository,
    private readonly calendars: CalendarService,
  ) {}

  async queue(officer: CaseActor, limit = 200) {
    // Work is an action that moves the case on; an apology, open in every running state, is not.
    const states = (Object.keys(CASE_STATES) as CaseState[]).filter((st) =>
      availableActions(st, officer.roles).some(movesCase),
    );
    if (states.length === 0) return [];
    const onlyAssigned =
      officer.roles.includes('specialist') && !officer.roles.some((r) => r === 'leader' || r === 'reception');
    const cases = await this.cases.queue({ states, assignedTo: onlyAssigned ? officer.id : null, limit });
    const now = new Date();
    const soon = this.calendars.calendar.addWorkingDays(now, 2);
    return cases.map((c) => {
      const running = c.dueAt !== null && c.clockPausedAt === null;
      const overdue = running && c.dueAt! < now;
      return {
        ...toCaseView(c),
        actions: availableActions(c.status, officer.roles),
        overdue,
        dueSoon: running && !overdue && c.dueAt! <= soon,
      };
    });
  }
}
