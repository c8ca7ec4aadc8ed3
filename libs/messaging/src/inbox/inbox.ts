import type { EntityManager } from 'typeorm';

/**
 * Records, in the caller's transaction, that `consumer` has handled these messages, and returns
 * the ids that were not recorded before: only those may take effect. One statement per batch.
 * A concurrent duplicate waits on the primary key until the first transaction ends, so two
 * copies handled at the same moment still take effect once.
 */
export async function claimInbox(
  manager: EntityManager,
  schema: string,
  consumer: string,
  messages: { id: string; type: string }[],
): Promise<Set<string>> {
  const rows: { message_id: string }[] = await manager.query(
    `INSERT INTO "${schema}".inbox (message_id, consumer, event_type)
     SELECT id, $2, type FROM unnest($1::uuid[], $3::text[]) AS m(id, type)
     ON CONFLICT DO NOTHING RETURNING message_id`,
    [messages.map((m) => m.id), consumer, messages.map((m) => m.type)],
  );
  return new Set(rows.map((r) => r.message_id));
}
