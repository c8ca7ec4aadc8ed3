import { MigrationInterface, QueryRunner } from 'typeorm';

/** What the applicant sends after filing: withdrawals, and the documents answering a supplement request. */
export class CaseWithdrawalsSupplements1764320000000 implements MigrationInterface {
  name = 'CaseWithdrawalsSupplements1764320000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query('ALTER TABLE processing.cases ADD COLUMN withdrawn_at timestamptz');
    await qr.query(`
      CREATE TABLE processing.case_supplements (
        request_id      text PRIMARY KEY,
        dossier_code    text NOT NULL REFERENCES processing.cases (dossier_code),
        documents       jsonb NOT NULL,
        supplemented_at timestamptz NOT NULL
      )`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query('DROP TABLE processing.case_supplements');
    await qr.query('ALTER TABLE processing.cases DROP COLUMN withdrawn_at');
  }
}
