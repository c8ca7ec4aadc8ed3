import { AnyEventEnvelope, EXCHANGES, EventEnvelope } from '@dvc/contracts';
import type { EntityManager } from 'typeorm';
import { outboxChannel } from '../schema/messaging-tables';

/** What the relay needs of a row's body: it reads `type` and `correlationId` for the AMQP properties. */
export interface OutboxMessage {
  id: string;
  type: string;
  version: number;
  correlationId: string;
}

/**
 * Writes events into the service's outbox inside the caller's transaction, so the business
 * change and its events commit or roll back together. The NOTIFY is delivered by Postgres only
 * on commit, and wakes the relay at once instead of at its next poll.
 */
export class OutboxWriter {
  constructor(private readonly schema: string) {}

  async add(manager: EntityManager, ...events: (EventEnvelope | AnyEventEnvelope)[]): Promise<void> {
    return this.addTo(manager, EXCHANGES.EVENTS, ...events);
  }

  /**
   * The same to another exchange (e.g. a partner's own, which the service declares itself): the
   * row's body is the message as given, routing key `<type>.v<version>`.
   */
  async addTo(manager: EntityManager, exchange: string, ...events: OutboxMessage[]): Promise<void> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error("OutboxWriter.add must run inside a transaction (pass the transaction's EntityManager)");
    }
    if (events.length === 0) return;
    const values: unknown[] = [];
    const rows = events.map((e, i) => {
      values.push(e.id, exchange, `${e.type}.v${e.version}`, JSON.stringify(e));
      const b = i * 4;
      return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}::jsonb)`;
    });
    values.push(outboxChannel(this.schema));
    // One round trip: the insert and the wake-up call travel as one statement.
    await manager.query(
      `WITH written AS (INSERT INTO "${this.schema}".outbox (id, exchange, routing_key, envelope) VALUES ${rows.join(', ')} RETURNING 1)
       SELECT pg_notify($${values.length}, '') FROM (SELECT 1 FROM written LIMIT 1) w`,
      values,
    );
  }
}
