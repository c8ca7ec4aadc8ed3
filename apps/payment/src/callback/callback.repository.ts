import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';

/** A raw callback as received: kept before it is judged. */
export interface RawCallbackRow {
  gateway: string;
  channel: 'ipn' | 'return' | 'webhook';
  httpMethod: string;
  query: string;
  body: string | null;
  headers: Record<string, string | undefined>;
  remoteAddr: string | null;
}

/** A judged callback, as officers see it with its order. */
export interface CallbackSummary {
  id: string;
  gateway: string;
  channel: string;
  receivedAt: string;
  verdictCode: string | null;
  verdict: Record<string, unknown> | null;
}

/** Every query of gateway callbacks, their verdicts and the webhook replay keys. */
@Injectable()
export class CallbackRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** In its own committed statement, so that a callback whose judgement fails is on record. */
  async record(c: RawCallbackRow): Promise<{ id: string; receivedAt: Date }> {
    const id = randomUUID();
    const [row] = await this.dataSource.query(
      `INSERT INTO payment.gateway_callbacks (id, gateway, channel, http_method, query, body, headers, remote_addr)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8) RETURNING received_at`,
      [id, c.gateway, c.channel, c.httpMethod, c.query, c.body, JSON.stringify(c.headers), c.remoteAddr],
    );
    return { id, receivedAt: row.received_at };
  }

  /** In the judging transaction when there is one, else on its own. */
  async verdict(
    id: string,
    code: string,
    verdict: Record<string, unknown>,
    orderId?: string,
    em?: EntityManager,
  ): Promise<void> {
    await (em ?? this.dataSource).query(
      'UPDATE payment.gateway_callbacks SET verdict_code = $2, verdict = $3::jsonb, order_id = $4, judged_at = clock_timestamp() WHERE id = $1',
      [id, code, JSON.stringify(verdict), orderId ?? null],
    );
  }

  /** False when the provider's event id was seen before (a replay). */
  async claimWebhookEvent(em: EntityManager, provider: string, eventId: string, callbackId: string): Promise<boolean> {
    const fresh = await em.query(
      'INSERT INTO payment.webhook_events (provider, event_id, callback_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1',
      [provider, eventId, callbackId],
    );
    return fresh.length > 0;
  }

  async forOrder(orderId: string): Promise<CallbackSummary[]> {
    const rows = await this.dataSource.query(
      'SELECT id, gateway, channel, received_at, verdict_code, verdict FROM payment.gateway_callbacks WHERE order_id = $1 ORDER BY received_at',
      [orderId],
    );
    return rows.map((c: any) => ({
      id: c.id,
      gateway: c.gateway,
      channel: c.channel,
      receivedAt: c.received_at.toISOString(),
      verdictCode: c.verdict_code,
      verdict: c.verdict,
    }));
  }
}
