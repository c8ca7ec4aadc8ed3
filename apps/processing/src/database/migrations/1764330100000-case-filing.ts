import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The dossier as filed, kept per case for the officers who read it: the declaration (labelled
 * entries), every document filed with it or with a supplement (by reference: intake keeps the
 * bytes, ADR 0010), and the supplement requests with what they asked for.
 */
export class CaseFiling1764330100000 implements MigrationInterface {
  name = 'CaseFiling1764330100000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`
      CREATE TABLE processing.case_filings (
        dossier_code text PRIMARY KEY REFERENCES processing.cases (dossier_code),
        declaration  jsonb NOT NULL,
        filed_at     timestamptz NOT NULL
      )`);
    await qr.query(`
      CREATE TABLE processing.case_filed_documents (
        dossier_code          text NOT NULL REFERENCES processing.cases (dossier_code),
        attachment_id         text NOT NULL,
        document_code         text NOT NULL,
        document_name         text NOT NULL,
        filename              text NOT NULL,
        content_type          text NOT NULL,
        size                  bigint NOT NULL CHECK (size >= 0),
        sha256                char(64) NOT NULL,
        supplement_request_id text,
        position              integer NOT NULL,
        filed_at              timestamptz NOT NULL,
        PRIMARY KEY (dossier_code, attachment_id)
      )`);
    await qr.query(`
      CREATE TABLE processing.case_supplement_requests (
        request_id   text PRIMARY KEY,
        dossier_code text NOT NULL REFERENCES processing.cases (dossier_code),
        reason       text NOT NULL,
        items        jsonb NOT NULL,
        requested_at timestamptz NOT NULL
      )`);
    await qr.query('CREATE INDEX case_supplement_requests_code ON processing.case_supplement_requests (dossier_code)');
    await qr.query('CREATE INDEX case_supplements_code ON processing.case_supplements (dossier_code)');
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query('DROP INDEX processing.case_supplements_code');
    await qr.query('DROP TABLE processing.case_supplement_requests');
    await qr.query('DROP TABLE processing.case_filed_documents');
    await qr.query('DROP TABLE processing.case_filings');
  }
}
