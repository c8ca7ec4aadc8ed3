import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { outboxChannel } from '../schema/messaging-tables';
import { ConfirmPublisher, PublishOutcome } from './confirm-publisher';

export interface OutboxRelayOptions {
  dataSource: DataSource;
  schema: string;
  amqpUrl: string;
  namespace: string;
  batchSize: number;
  pollIntervalMs: number;
  /** Shown in the broker's connection list and in logs. */
  name: string;
  /** Test seam: runs after the broker confirmed a batch and before the rows are marked sent. */
  afterPublish?: (ids: string[]) => Promise<void> | void;
}

interface OutboxRow {
  seq: string;
  id: string;
  exchange: string;
  routing_key: string;
  body: string;
  correlation_id: string;
  type: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Moves committed outbox rows to the broker. Rows are claimed with FOR UPDATE SKIP LOCKED inside
 * a transaction that stays open until the broker has confirmed them, so several relays (replicas)
 * share the work without sending a row twice, and a relay that dies releases its rows at once.
 * A crash after the broker confirmed but before the commit sends those rows again: consumers'
 * inboxes absorb the duplicate. Woken by LISTEN/NOTIFY; polls as a fallback.
 */
export class OutboxRelay {
  private readonly logger: Logger;
  private readonly publisher: ConfirmPublisher;
  private listener?: Client;
  private running?: Promise<void>;
  private stopping = false;
  private pendingWake = false;
  private wake?: () => void;
  private listenRetry?: NodeJS.Timeout;
  /** Counts since start, for logs and tests. */
  readonly stats = { published: 0, unroutable: 0, failedBatches: 0 };

  constructor(private readonly options: OutboxRelayOptions) {
    this.logger = new Logger(`OutboxRelay:${options.schema}`);
    this.publisher = new ConfirmPublisher(options.amqpUrl, options.namespace, options.name);
  }

  get brokerConnected(): boolean {
    return this.publisher.connected;
  }

  start(): void {
    if (this.running) return;
    this.stopping = false;
    void this.listen();
    this.running = this.loop();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    clearTimeout(this.listenRetry);
    await this.running;
    this.running = undefined;
    await this.listener?.end().catch(() => undefined);
    this.listener = undefined;
    await this.publisher.close();
  }

  /** Publishes one batch; returns how many rows it claimed. */
  async relayOnce(): Promise<number> {
    const { schema, batchSize } = this.options;
    return this.options.dataSource.transaction(async (em) => {
      const rows: OutboxRow[] = await em.query(
        `SELECT seq, id, exchange, routing_key, envelope::text AS body,
                envelope->>'correlationId' AS correlation_id, envelope->>'type' AS type
           FROM "${schema}".outbox
          WHERE sent_at IS NULL AND next_attempt_at <= now()
          ORDER BY seq
          LIMIT $1
            FOR UPDATE SKIP LOCKED`,
        [batchSize],
      );
      if (rows.length === 0) return 0;
      const outcomes = await this.publisher.publishBatch(
        rows.map((r) => ({
          id: r.id,
          exchange: r.exchange,
          routingKey: r.routing_key,
          body: Buffer.from(r.body, 'utf8'),
          type: r.type,
          correlationId: r.correlation_id,
        })),
      );
      await this.options.afterPublish?.(rows.map((r) => r.id));
      const bySeq = (want: PublishOutcome) => rows.filter((r) => outcomes.get(r.id) === want).map((r) => r.seq);
      const sent = bySeq('confirmed');
      const unroutable = rows.filter((r) => outcomes.get(r.id) === 'unroutable');
      if (sent.length) {
        await em.query(`UPDATE "${schema}".outbox SET sent_at = now(), attempts = attempts + 1 WHERE seq = ANY($1)`, [
          sent,
        ]);
      }
      this.stats.published += sent.length;
      this.stats.unroutable += unroutable.length;
      if (unroutable.length) {
        // No queue is bound to this routing key: a topology mistake, not a transient fault.
        // Keep the row, back off exponentially (cap 5 min), and say so loudly.
        await em.query(
          `UPDATE "${schema}".outbox
              SET attempts = attempts + 1,
                  last_error = 'unroutable: no queue is bound to ' || routing_key,
                  next_attempt_at = now() + least(interval '1 second' * power(2, attempts), interval '5 minutes')
            WHERE seq = ANY($1)`,
          [unroutable.map((r) => r.seq)],
        );
        for (const r of unroutable) {
          this.logger.error({
            msg: 'event is unroutable; kept in the outbox',
            eventId: r.id,
            routingKey: r.routing_key,
            correlationId: r.correlation_id,
          });
        }
      }
      return rows.length;
    });
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      this.pendingWake = false;
      try {
        // Reconnect even when idle, so readiness reports the broker truthfully.
        await this.publisher.ensureChannel();
        const claimed = await this.relayOnce();
        if (failures > 0) this.logger.log('outbox relay recovered');
        failures = 0;
        if (claimed >= this.options.batchSize) continue;
      } catch (err) {
        failures++;
        this.stats.failedBatches++;
        if (failures === 1 || failures % 20 === 0) {
          this.logger.warn({
            msg: 'outbox relay cannot publish yet; rows stay in Postgres',
            error: (err as Error).message,
            failures,
          });
        }
        await sleep(Math.min(100 * 2 ** Math.min(failures, 6), 5000));
        continue;
      }
      await this.idle();
    }
  }

  private idle(): Promise<void> {
    if (this.pendingWake || this.stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, this.options.pollIntervalMs);
      this.wake = done;
    });
  }

  private async listen(): Promise<void> {
    if (this.stopping) return;
    const client = new Client({
      connectionString:
        this.options.dataSource.options.type === 'postgres'
          ? (this.options.dataSource.options.url as string)
          : undefined,
    });
    let retried = false;
    const retry = () => {
      if (retried) return;
      retried = true;
      if (this.listener === client) this.listener = undefined;
      client.end().catch(() => undefined);
      if (!this.stopping) this.listenRetry = setTimeout(() => void this.listen(), 1000);
    };
    client.on('error', retry);
    client.on('end', retry);
    client.on('notification', () => {
      this.pendingWake = true;
      this.wake?.();
    });
    try {
      await client.connect();
      await client.query(`LISTEN "${outboxChannel(this.options.schema)}"`);
      this.listener = client;
      // Rows committed while we were not listening are picked up now rather than at the next poll.
      this.pendingWake = true;
      this.wake?.();
    } catch {
      retry();
    }
  }
}
