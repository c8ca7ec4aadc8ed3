import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

@Injectable()
export class SiteStatsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Upserts the sessions in one statement; a session seen for the first time counts as a new visit. */
  async recordSessions(ids: string[], seen: Date[]): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const [{ inserted }] = await em.query(
        `WITH upsert AS (
           INSERT INTO intake.site_sessions (session_id, first_seen, last_seen)
           SELECT id, at, at FROM unnest($1::text[], $2::timestamptz[]) AS b(id, at)
           ON CONFLICT (session_id) DO UPDATE SET last_seen = greatest(site_sessions.last_seen, EXCLUDED.last_seen)
           RETURNING (xmax = 0) AS is_new)
         SELECT count(*) FILTER (WHERE is_new)::int AS inserted FROM upsert`,
        [ids, seen],
      );
      if (inserted > 0)
        await em.query(`UPDATE intake.site_counters SET value = value + $1 WHERE name = 'total_visits'`, [inserted]);
    });
  }

  /** Sessions seen in the last `windowMinutes`, and every visit ever counted. */
  async read(windowMinutes: number): Promise<{ online: number; total: number }> {
    const [row] = await this.dataSource.query(
      `SELECT (SELECT count(*)::int FROM intake.site_sessions WHERE last_seen > now() - make_interval(mins => $1)) AS online,
              (SELECT value FROM intake.site_counters WHERE name = 'total_visits') AS total`,
      [windowMinutes],
    );
    return { online: row.online, total: Number(row.total) };
  }
}
