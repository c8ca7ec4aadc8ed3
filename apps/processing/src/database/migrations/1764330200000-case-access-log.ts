import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who read which personal data of a case, and when (Decree 13/2023/NĐ-CP: the controller records
 * and keeps a log of the processing of personal data). Append-only like the case history: the
 * trigger refuses updates and deletes, even by the service's own role.
 */
export class CaseAccessLog1764330200000 implements MigrationInterface {
  name = 'CaseAccessLog1764330200000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`
      CREATE TABLE processing.case_access_log (
        id            bigserial PRIMARY KEY,
        dossier_code  text NOT NULL,
        officer_id    text NOT NULL,
        officer_roles text[] NOT NULL,
        what          text NOT NULL CHECK (what IN ('filing', 'document', 'result', 'slip')),
        document_id   text,
        client_ip     text,
        at            timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await qr.query('CREATE INDEX case_access_log_code ON processing.case_access_log (dossier_code, id DESC)');
    await qr.query(`
      CREATE FUNCTION processing.refuse_access_log_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'case_access_log is append-only';
      END $$`);
    await qr.query(`
      CREATE TRIGGER case_access_log_append_only BEFORE UPDATE OR DELETE ON processing.case_access_log
      FOR EACH ROW EXECUTE FUNCTION processing.refuse_access_log_rewrite()`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query('DROP TABLE processing.case_access_log');
    await qr.query('DROP FUNCTION processing.refuse_access_log_rewrite()');
  }
}
