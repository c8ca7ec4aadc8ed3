import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CASE_STATES, CaseState } from '../case/workflow/case-workflow';
import { StatsQuery } from './dto/stats.query';

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
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async stats(q: StatsQuery) {
    // The period's bounds as instants (Vietnam midnight to midnight after the last day), so each row
    // is compared as stored instead of converted: the difference is seconds over a million cases.
    const start = new Date(`${q.from}T00:00:00+07:00`);
    const end = new Date(new Date(`${q.to}T00:00:00+07:00`).getTime() + 24 * 3600 * 1000);
    const params = [start, end, q.field ?? null, FINAL];
    const period = (column: string) => `${column} >= $1 AND ${column} < $2 AND ($3::text IS NULL OR field_code = $3)`;
    const [counts] = await this.dataSource.query(
      `SELECT
         count(*) FILTER (WHERE ${period('received_at')})::int AS received,
         count(*) FILTER (WHERE ${period('accepted_at')})::int AS accepted,
         count(*) FILTER (WHERE ${period('received_at')} AND NOT (status = ANY($4)))::int AS in_process,
         count(*) FILTER (WHERE ${period('completed_at')} AND timeliness = 'early')::int AS early,
         count(*) FILTER (WHERE ${period('completed_at')} AND timeliness = 'on_time')::int AS on_time,
         count(*) FILTER (WHERE ${period('completed_at')} AND timeliness = 'late')::int AS late,
         count(*) FILTER (WHERE ($3::text IS NULL OR field_code = $3) AND NOT (status = ANY($4))
                            AND clock_paused_at IS NULL AND due_at < now())::int AS overdue_now,
         avg(working_hours) FILTER (WHERE ${period('completed_at')}) AS average_hours
       FROM processing.cases`,
      params,
    );
    const finished = counts.early + counts.on_time + counts.late;
    return {
      period: { from: q.from, to: q.to, field: q.field ?? null },
      received: counts.received,
      accepted: counts.accepted,
      inProcess: counts.in_process,
      finished: { total: finished, early: counts.early, onTime: counts.on_time, late: counts.late },
      onTimeRate: finished === 0 ? null : Number(((counts.early + counts.on_time) / finished).toFixed(4)),
      averageWorkingDays: counts.average_hours === null ? null : Number((Number(counts.average_hours) / WORKING_DAY_HOURS).toFixed(2)),
      overdueNow: counts.overdue_now,
    };
  }
}
