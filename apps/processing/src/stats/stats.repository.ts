import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { CaseState } from '../case/workflow/case-workflow';

/** The case counts of a period, as the statistics need them. */
export interface PeriodCounts {
  received: number;
  accepted: number;
  inProcess: number;
  early: number;
  onTime: number;
  late: number;
  overdueNow: number;
  /** Average office hours from acceptance to completion of the cases finished in the period. */
  averageHours: number | null;
}

/** The statistics' reads of processing.cases. */
@Injectable()
export class StatsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Counts over [start, end) for a field (all fields when null); `finalStates` are the states a case ends in. */
  async periodCounts(q: {
    start: Date;
    end: Date;
    field: string | null;
    finalStates: readonly CaseState[];
  }): Promise<PeriodCounts> {
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
      [q.start, q.end, q.field, q.finalStates],
    );
    return {
      received: counts.received,
      accepted: counts.accepted,
      inProcess: counts.in_process,
      early: counts.early,
      onTime: counts.on_time,
      late: counts.late,
      overdueNow: counts.overdue_now,
      // numeric comes back from pg as a string
      averageHours: counts.average_hours === null ? null : Number(counts.average_hours),
    };
  }
}
