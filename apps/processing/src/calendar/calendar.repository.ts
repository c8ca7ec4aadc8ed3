import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { YearOverrides } from './vietnam-holidays';

/** The yearly notices administrators entered (processing.calendar_years). */
@Injectable()
export class CalendarRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async enteredYears(): Promise<Record<number, YearOverrides>> {
    const rows: { year: number; overrides: YearOverrides }[] = await this.dataSource.query(
      'SELECT year, overrides FROM processing.calendar_years',
    );
    return Object.fromEntries(rows.map((r) => [r.year, r.overrides]));
  }

  /** Enters or replaces a year's notice. */
  async saveYear(year: number, overrides: YearOverrides, updatedBy: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO processing.calendar_years (year, overrides, updated_by) VALUES ($1, $2, $3)
       ON CONFLICT (year) DO UPDATE SET overrides = EXCLUDED.overrides, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [year, JSON.stringify(overrides), updatedBy],
    );
  }
}
