import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the agency issues, kept by processing (ADR 0010): result files uploaded ahead of their
 * issue_result, the issued result files (stamped and signed PDFs, or images as uploaded) and the
 * one-stop slips. The bytes live in processing's object storage under their SHA-256; these rows
 * are what make a SHA-256 servable (GET /internal/files/:sha256).
 */
export class ResultFilesAndSlips1764340000000 implements MigrationInterface {
  name = 'ResultFilesAndSlips1764340000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`
      CREATE TABLE processing.result_uploads (
        id             uuid PRIMARY KEY,
        dossier_code   text NOT NULL REFERENCES processing.cases (dossier_code),
        name           text NOT NULL,
        content_type   text NOT NULL,
        size           integer NOT NULL CHECK (size > 0),
        sha256         char(64) NOT NULL,
        storage_key    text NOT NULL,
        uploaded_by    text NOT NULL,
        uploaded_at    timestamptz NOT NULL,
        issued_file_id uuid
      )`);
    await qr.query(
      'CREATE INDEX result_uploads_pending ON processing.result_uploads (uploaded_at) WHERE issued_file_id IS NULL',
    );
    await qr.query(`
      CREATE TABLE processing.result_files (
        file_id           uuid PRIMARY KEY,
        dossier_code      text NOT NULL REFERENCES processing.cases (dossier_code),
        result_id         text NOT NULL,
        position          integer NOT NULL,
        name              text NOT NULL,
        content_type      text NOT NULL,
        size              integer NOT NULL,
        sha256            char(64) NOT NULL,
        storage_key       text NOT NULL,
        signed            boolean NOT NULL,
        verification_code text NOT NULL,
        signed_by         text,
        issued_by         text NOT NULL,
        issued_at         timestamptz NOT NULL,
        UNIQUE (result_id, position)
      )`);
    await qr.query('CREATE INDEX result_files_dossier ON processing.result_files (dossier_code)');
    await qr.query('CREATE INDEX result_files_sha256 ON processing.result_files (sha256)');
    await qr.query('CREATE INDEX result_files_verification ON processing.result_files (verification_code)');
    await qr.query(`
      CREATE TABLE processing.slips (
        id           uuid PRIMARY KEY,
        dossier_code text NOT NULL REFERENCES processing.cases (dossier_code),
        kind         text NOT NULL CHECK (kind IN ('receipt', 'supplement-request', 'refusal', 'apology')),
        name         text NOT NULL,
        content_type text NOT NULL,
        size         integer NOT NULL,
        sha256       char(64) NOT NULL,
        storage_key  text NOT NULL,
        signed       boolean NOT NULL,
        signed_by    text,
        issued_by    text NOT NULL,
        issued_at    timestamptz NOT NULL
      )`);
    await qr.query('CREATE INDEX slips_dossier_kind ON processing.slips (dossier_code, kind, issued_at DESC)');
    await qr.query('CREATE INDEX slips_sha256 ON processing.slips (sha256)');
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query('DROP TABLE processing.slips');
    await qr.query('DROP TABLE processing.result_files');
    await qr.query('DROP TABLE processing.result_uploads');
  }
}
