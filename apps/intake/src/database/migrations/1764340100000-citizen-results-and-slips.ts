import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The references of what processing issued to the applicant (ADR 0010): one row per result file
 * (result.issued) and per slip (slip.issued). The bytes stay with processing; intake keeps what it
 * needs to list them to the citizen, to fetch and check them (sha256, size) and to answer the
 * public verification (verification code, who signed).
 */
export class CitizenResultsAndSlips1764340100000 implements MigrationInterface {
  name = 'CitizenResultsAndSlips1764340100000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`
      CREATE TABLE intake.result_files (
        file_id           text PRIMARY KEY,
        dossier_code      text NOT NULL,
        result_id         text NOT NULL,
        name              text NOT NULL,
        content_type      text NOT NULL,
        size_bytes        bigint NOT NULL CHECK (size_bytes >= 0),
        sha256            char(64) NOT NULL,
        signed            boolean NOT NULL,
        verification_code text,
        signed_by         text,
        issued_at         timestamptz NOT NULL
      )`);
    await qr.query('CREATE INDEX result_files_dossier_idx ON intake.result_files (dossier_code, issued_at)');
    await qr.query(
      'CREATE INDEX result_files_verification_idx ON intake.result_files (verification_code) WHERE verification_code IS NOT NULL',
    );
    await qr.query('CREATE INDEX result_files_sha256_idx ON intake.result_files (sha256)');
    await qr.query(`
      CREATE TABLE intake.slips (
        file_id      text PRIMARY KEY,
        dossier_code text NOT NULL,
        kind         text NOT NULL CHECK (kind IN ('receipt', 'supplement-request', 'refusal', 'apology')),
        name         text NOT NULL,
        content_type text NOT NULL,
        size_bytes   bigint NOT NULL CHECK (size_bytes >= 0),
        sha256       char(64) NOT NULL,
        issued_at    timestamptz NOT NULL
      )`);
    await qr.query('CREATE INDEX slips_dossier_kind_idx ON intake.slips (dossier_code, kind, issued_at)');
    // The internal file endpoint serves a sha256 only if an attachment bound to a dossier has it.
    await qr.query(
      'CREATE INDEX attachments_bound_sha256_idx ON intake.attachments (sha256) WHERE dossier_id IS NOT NULL',
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query('DROP INDEX intake.attachments_bound_sha256_idx');
    await qr.query('DROP TABLE intake.slips');
    await qr.query('DROP TABLE intake.result_files');
  }
}
