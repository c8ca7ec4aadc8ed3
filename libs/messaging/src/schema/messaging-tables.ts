import type { QueryRunner } from 'typeorm';

/**
 * The outbox and inbox tables, created inside a service's schema by that service's first
 * migration. Frozen once landed: a change to these tables is a new function (V2) called by a
 * new migration, never an edit here (it would rewrite history for databases already migrated).
 */
export const messagingTablesV1 = {
  async up(qr: QueryRunner, schema: string): Promise<void> {
    await qr.query(`
      CREATE TABLE "${schema}".outbox (
        seq             bigserial PRIMARY KEY,
        id              uuid NOT NULL UNIQUE,
        exchange        text NOT NULL,
        routing_key     text NOT NULL,
        envelope        jsonb NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now(),
        attempts        integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error      text,
        sent_at         timestamptz
      )`);
    // The relay only ever scans unsent rows; the partial index stays small however old the table.
    await qr.query(`CREATE INDEX outbox_unsent_idx ON "${schema}".outbox (seq) WHERE sent_at IS NULL`);
    await qr.query(`
      CREATE TABLE "${schema}".inbox (
        message_id  uuid NOT NULL,
        consumer    text NOT NULL,
        event_type  text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (message_id, consumer)
      )`);
  },
  async down(qr: QueryRunner, schema: string): Promise<void> {
    await qr.query(`DROP TABLE IF EXISTS "${schema}".inbox`);
    await qr.query(`DROP TABLE IF EXISTS "${schema}".outbox`);
  },
};

/** The NOTIFY channel a schema's outbox writer signals and its relay listens on. */
export function outboxChannel(schema: string): string {
  return `outbox_${schema.replace(/[^a-z0-9_]/gi, '_')}`;
}
