import { MigrationInterface, QueryRunner } from 'typeorm';
import { loadConfig } from '@dvc/config';
import { AnswerKeyConfig } from '../../idempotency/answer-key.config';
import { answerAad, AnswerKey, isSealed } from '../../idempotency/answer-seal';

/**
 * Idempotent answers are now stored sealed (they hold the lookup secret; ADR 0011). The answers
 * stored in clear before, at most RETENTION_HOURS old, are sealed here with the key the service
 * uses (IDEMPOTENCY_ANSWER_KEY, same environment), so a portal retrying across the upgrade still
 * gets its first answer. PostgreSQL keeps the old row versions until VACUUM reclaims them.
 */
export class SealIdempotencyAnswers1764350000000 implements MigrationInterface {
  name = 'SealIdempotencyAnswers1764350000000';

  async up(qr: QueryRunner): Promise<void> {
    const key = new AnswerKey(loadConfig(AnswerKeyConfig).IDEMPOTENCY_ANSWER_KEY);
    const rows: { portal_id: string; key: string; response_body: unknown }[] = await qr.query(
      'SELECT portal_id, key, response_body FROM intake.idempotency_keys FOR UPDATE',
    );
    for (const row of rows) {
      if (isSealed(row.response_body)) continue;
      await qr.query('UPDATE intake.idempotency_keys SET response_body = $3 WHERE portal_id = $1 AND key = $2', [
        row.portal_id,
        row.key,
        JSON.stringify(key.seal(row.response_body, answerAad(row.portal_id, row.key))),
      ]);
    }
  }

  async down(qr: QueryRunner): Promise<void> {
    const key = new AnswerKey(loadConfig(AnswerKeyConfig).IDEMPOTENCY_ANSWER_KEY);
    const rows: { portal_id: string; key: string; response_body: unknown }[] = await qr.query(
      'SELECT portal_id, key, response_body FROM intake.idempotency_keys FOR UPDATE',
    );
    for (const row of rows) {
      if (!isSealed(row.response_body)) continue;
      await qr.query('UPDATE intake.idempotency_keys SET response_body = $3 WHERE portal_id = $1 AND key = $2', [
        row.portal_id,
        row.key,
        JSON.stringify(key.open(row.response_body, answerAad(row.portal_id, row.key))),
      ]);
    }
  }
}
