import { MigrationInterface, QueryRunner } from 'typeorm';

/** The paused legal clock, the assigned specialist, the fee's payment and the case's end. */
export class CaseClockAndFee1764320400000 implements MigrationInterface {
  name = 'CaseClockAndFee1764320400000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`
      ALTER TABLE processing.cases
        ADD COLUMN clock_paused_at       timestamptz,
        ADD COLUMN supplement_requests   integer NOT NULL DEFAULT 0,
        ADD COLUMN assignee_id           text,
        ADD COLUMN fee_paid_at           timestamptz,
        ADD COLUMN completed_at          timestamptz,
        ADD COLUMN timeliness            text CHECK (timeliness IN ('early', 'on_time', 'late'))`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`
      ALTER TABLE processing.cases
        DROP COLUMN timeliness, DROP COLUMN completed_at, DROP COLUMN fee_paid_at,
        DROP COLUMN assignee_id, DROP COLUMN supplement_requests, DROP COLUMN clock_paused_at`);
  }
}
