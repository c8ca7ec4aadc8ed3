import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every transition of a case, append-only: the audit trail. A trigger refuses updates and
 * deletes, so not even the service's own role can rewrite history.
 */
export class CaseTransitions1764320300000 implements MigrationInterface {
  name = 'CaseTransitions1764320300000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`
      CREATE TABLE processing.case_transitions (
        id           bigserial PRIMARY KEY,
        dossier_code text NOT NULL REFERENCES processing.cases (dossier_code),
        action       text NOT NULL,
        from_state   text,
        to_state     text NOT NULL,
        actor_id     text NOT NULL,
        actor_roles  text[] NOT NULL,
        note         text,
        documents    jsonb NOT NULL DEFAULT '[]',
        at           timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await qr.query('CREATE INDEX case_transitions_code_idx ON processing.case_transitions (dossier_code, id)');
    await qr.query(`
      CREATE FUNCTION processing.refuse_history_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'case_transitions is append-only';
      END $$`);
    await qr.query(`
      CREATE TRIGGER case_transitions_append_only BEFORE UPDATE OR DELETE ON processing.case_transitions
      FOR EACH ROW EXECUTE FUNCTION processing.refuse_history_rewrite()`);
    // Cases opened before this migration start their history with their opening.
    await qr.query(`
      INSERT INTO processing.case_transitions (dossier_code, action, from_state, to_state, actor_id, actor_roles, at)
      SELECT dossier_code, 'open', NULL, 'received', 'system', '{system}', received_at FROM processing.cases`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query('DROP TABLE processing.case_transitions');
    await qr.query('DROP FUNCTION processing.refuse_history_rewrite()');
  }
}
