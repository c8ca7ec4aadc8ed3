import { MigrationInterface, QueryRunner } from 'typeorm';

/** What the national portal's export needs from the submission: applicant, procedure name, field, channel. */
export class CaseApplicantAndProcedure1764320500000 implements MigrationInterface {
  name = 'CaseApplicantAndProcedure1764320500000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`
      ALTER TABLE processing.cases
        ADD COLUMN applicant      jsonb,
        ADD COLUMN procedure_name text,
        ADD COLUMN field_code     text,
        ADD COLUMN channel        smallint NOT NULL DEFAULT 2`);
    await qr.query('CREATE INDEX cases_received_idx ON processing.cases (received_at)');
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query('DROP INDEX processing.cases_received_idx');
    await qr.query(
      'ALTER TABLE processing.cases DROP COLUMN channel, DROP COLUMN field_code, DROP COLUMN procedure_name, DROP COLUMN applicant',
    );
  }
}
