import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The return date an apology promises (return_due_at), beside the legal due_at that statistics
 * keep measuring against; and the details a history row carries beyond its note (the apology's
 * previous and new dates). The waiting for a fee due before processing reuses clock_paused_at.
 */
export class CasePaymentWaitAndApology1764330000000 implements MigrationInterface {
  name = 'CasePaymentWaitAndApology1764330000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query('ALTER TABLE processing.cases ADD COLUMN return_due_at timestamptz');
    // Adding a column rewrites no row, so the append-only trigger stays silent.
    await qr.query(`ALTER TABLE processing.case_transitions ADD COLUMN details jsonb NOT NULL DEFAULT '{}'`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query('ALTER TABLE processing.case_transitions DROP COLUMN details');
    await qr.query('ALTER TABLE processing.cases DROP COLUMN return_due_at');
  }
}
