import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Working hours from acceptance to completion, computed once when a case finishes (the calendar
 * lives in the application), so statistics average a column instead of walking the calendar for
 * every finished case on every request.
 */
export class CaseWorkingHours1764320600000 implements MigrationInterface {
  name = 'CaseWorkingHours1764320600000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query('ALTER TABLE processing.cases ADD COLUMN working_hours numeric(10, 2)');
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query('ALTER TABLE processing.cases DROP COLUMN working_hours');
  }
}
