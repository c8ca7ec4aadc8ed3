import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency keys are now claimed with a transaction-scoped advisory lock and stored only with
 * their answer, so the in-flight state is gone; the table keeps answers (for replays) only.
 */
export class IdempotencyAnswersOnly1764320200000 implements MigrationInterface {
  name = 'IdempotencyAnswersOnly1764320200000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`DELETE FROM intake.idempotency_keys WHERE state <> 'done'`);
    await qr.query('ALTER TABLE intake.idempotency_keys DROP COLUMN state');
    await qr.query(
      'ALTER TABLE intake.idempotency_keys ALTER COLUMN response_status SET NOT NULL, ALTER COLUMN response_body SET NOT NULL',
    );
    await qr.query('CREATE INDEX idempotency_keys_created_idx ON intake.idempotency_keys (created_at)');
    await qr.query(
      'CREATE INDEX attachments_unattached_idx ON intake.attachments (created_at) WHERE dossier_id IS NULL',
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query('DROP INDEX intake.attachments_unattached_idx');
    await qr.query('DROP INDEX intake.idempotency_keys_created_idx');
    await qr.query(
      'ALTER TABLE intake.idempotency_keys ALTER COLUMN response_status DROP NOT NULL, ALTER COLUMN response_body DROP NOT NULL',
    );
    await qr.query(
      `ALTER TABLE intake.idempotency_keys ADD COLUMN state text NOT NULL DEFAULT 'done' CHECK (state IN ('in_flight', 'done'))`,
    );
  }
}
