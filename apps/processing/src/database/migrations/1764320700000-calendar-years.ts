import { MigrationInterface, QueryRunner } from 'typeorm';

/** The yearly notices (swapped days, compensatory days, the National Day pick) an administrator enters. */
export class CalendarYears1764320700000 implements MigrationInterface {
  name = 'CalendarYears1764320700000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`
      CREATE TABLE processing.calendar_years (
        year       integer PRIMARY KEY CHECK (year >= 2021),
        overrides  jsonb NOT NULL,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query('DROP TABLE processing.calendar_years');
  }
}
