import type { EntityManager } from 'typeorm';

/**
 * Records that `consumer` has handled message `messageId`, in the caller's transaction.
 * Returns false when it was already recorded: the caller must then do nothing.
 * A concurrent duplicate waits on the primary key until the first transaction ends, so two
 * copies handled at the same moment still take effect once.
 */
export async function claimInbox(
  manager: EntityManager,
  schema: string,
  messageId: string,
  consumer: string,
  eventType: string,
): Promise<boolean> {
  const rows: unknown[] = await manager.query(
    `INSERT INTO "${schema}".inbox (message_id, consumer, event_type) VALUES ($1, $2, $3)
     ON CONFLICT DO NOTHING RETURNING 1`,
    [messageId, consumer, eventType],
  );
  return rows.length === 1;
}
