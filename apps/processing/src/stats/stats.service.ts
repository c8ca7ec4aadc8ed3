import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { WorkingCalendar } from '../calendar/working-calendar';
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
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendar: WorkingCalendar,
  ) {}

  async stats(q: StatsQuery) {
    const params = [q.from, q.to, q.field ?? null, FINAL];
    const period = (column: string) =>
      `(${column} AT TIME ZONE 'Asia/Ho_Chi_Minh')::date BETWEEN $1::date AND $2::date AND ($3::text IS NULL OR field_code = $3)`;
    const [counts] = await this.dataSource.query(
      `SELECT
         count(*) FILTER (WHERE ${period('received_at')})::int AS received,
         count(*) FILTER (WHERE ${period('accepted_at')})::int AS accepted,
         count(*) FILTER (WHERE ${period('received_at')} AND NOT (status = ANY($4)))::int AS in_process,
         count(*) FILTER (WHERE ${period('completed_at')} AND timeliness = 'early')::int AS early,
         count(*) FILTER (WHERE ${period('completed_at')} AND timeliness = 'on_time')::int AS on_time,
         count(*) FILTER (WHERE ${period('completed_at')} AND timeliness = 'late')::int AS late,
         count(*) FILTER (WHERE ($3::text IS NULL OR field_code = $3) AND NOT (status = ANY($4))
                            AND clock_paused_at IS NULL AND due_at < now())::int AS overdue_now
       FROM processing.cases`,
      params,
    );
    const durations: { accepted_at: Date; completed_at: Date }[] = await this.dataSource.query(
      `SELECT accepted_at, completed_at FROM processing.cases WHERE ${period('completed_at')} AND accepted_at IS NOT NULL`,
      params.slice(0, 3),
    );
    const finished = counts.early + counts.on_time + counts.late;
    const workingDays = durations.map((d) => this.calendar.workingTimeBetween(d.accepted_at, d.completed_at) / WORKING_DAY_HOURS);
    return {
      period: { from: q.from, to: q.to, field: q.field ?? null },
      received: counts.received,
      accepted: counts.accepted,
      inProcess: counts.in_process,
      finished: { total: finished, early: counts.early, onTime: counts.on_time, late: counts.late },
      onTimeRate: finished === 0 ? null : Number(((counts.early + counts.on_time) / finished).toFixed(4)),
      averageWorkingDays: workingDays.length === 0 ? null : Number((workingDays.reduce((a, b) => a + b, 0) / workingDays.length).toFixed(2)),
      overdueNow: counts.overdue_now,
    };
  }
}
