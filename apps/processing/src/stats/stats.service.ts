import { Injectable } from '@nestjs/common';
import { CASE_STATES, CaseState } from '../case/workflow/case-workflow';
import { StatsQuery } from './dto/stats.query';
import { StatsRepository } from './stats.repository';

const FINAL = (Object.keys(CASE_STATES) as CaseState[]).filter((s) => CASE_STATES[s].final);
const WORKING_DAY_HOURS = 8;

/**
 * The figures the national portal scores provinces on, for a period (Vietnam dates) and a field:
 * received, accepted, still in process, finished early / on time / late, the on-time rate
 * ((early + on time) / finished), the average working days from acceptance to completion, and the
 * cases overdue right now.
 */
@Injectable()
export class StatsService {
  constructor(private readonly repository: StatsRepository) {}

  async stats(q: StatsQuery) {
    // The period's bounds as instants (Vietnam midnight to midnight after the last day), so each row
    // is compared as stored instead of converted: the difference is seconds over a million cases.
    const start = new Date(`${q.from}T00:00:00+07:00`);
    const end = new Date(new Date(`${q.to}T00:00:00+07:00`).getTime() + 24 * 3600 * 1000);
    const counts = await this.repository.periodCounts({ start, end, field: q.field ?? null, finalStates: FINAL });
    const finished = counts.early + counts.onTime + counts.late;
    return {
      period: { from: q.from, to: q.to, field: q.field ?? null },
      received: counts.received,
      accepted: counts.accepted,
      inProcess: counts.inProcess,
      finished: { total: finished, early: counts.early, onTime: counts.onTime, late: counts.late },
      onTimeRate: finished === 0 ? null : Number(((counts.early + counts.onTime) / finished).toFixed(4)),
      averageWorkingDays:
        counts.averageHours === null ? null : Number((counts.averageHours / WORKING_DAY_HOURS).toFixed(2)),
      overdueNow: counts.overdueNow,
    };
  }
}
