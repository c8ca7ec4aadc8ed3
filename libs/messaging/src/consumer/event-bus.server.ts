import { Logger } from '@nestjs/common';
import { MessageHandler, RmqOptions, ServerRMQ } from '@nestjs/microservices';
import type { Channel, ConfirmChannel, ConsumeMessage } from 'amqplib';
import { lastValueFrom } from 'rxjs';
import { DataSource } from 'typeorm';
import { EventEnvelope, EXCHANGES, namespaced, retryQueueName, routingKeyOf, validateEvent } from '@dvc/contracts';
import { claimInbox } from '../inbox/inbox';
import { declareServiceTopology, DeclaredTopology } from '../topology/declare-topology';
import { AckWindow } from './ack-window';
import { BusContext } from './bus-context';
import {
  attemptOf,
  DeliveryPolicy,
  judgeFailure,
  parkHeaders,
  ParkVerdict,
  retryHeaders,
  RetryVerdict,
} from './delivery-policy';
import {
  BoundedTransaction,
  DEFAULT_HANDLER_TIMEOUT_MS,
  DEFAULT_STATEMENT_TIMEOUT_MS,
  withHandlerTimeout,
} from './handler-timeout';
import { copyWithHeaders } from './send-confirmed';

export interface EventBusServerOptions {
  amqpUrl: string;
  namespace: string;
  /** Name recorded in the inbox and in parking headers (the service name). */
  consumer: string;
  /** Logical queue name from contracts. */
  queue: string;
  bindings: readonly string[];
  prefetch: number;
  retryDelaysMs: readonly number[];
  maxRetries: number;
  deliveryLimit: number;
  dataSource: DataSource;
  schema: string;
  shutdownGraceMs: number;
  /** BUS_HANDLER_TIMEOUT_MS: a handler still running after this is given up (HANDLER.TIMEOUT). */
  handlerTimeoutMs?: number;
  /** DATABASE_STATEMENT_TIMEOUT_MS: SET LOCAL statement_timeout of every batch transaction (0: none). */
  statementTimeoutMs?: number;
}

/**
 * The options handed to Nest's RMQ transport. Every default that loses messages is overridden:
 * manual acknowledgement (ack only after the handler's transaction committed), persistent
 * messages, a bounded prefetch, a durable quorum queue and a topic exchange with wildcards.
 */
export function safeRmqOptions(
  o: Pick<EventBusServerOptions, 'amqpUrl' | 'namespace' | 'queue' | 'prefetch'>,
): Required<RmqOptions>['options'] {
  return {
    urls: [o.amqpUrl],
    queue: namespaced(o.queue, o.namespace),
    noAck: false,
    prefetchCount: o.prefetch,
    isGlobalPrefetchCount: false,
    persistent: true,
    // The topology (queue arguments, retry tiers, parking) is declared by declareServiceTopology.
    noAssert: true,
    queueOptions: { durable: true, arguments: { 'x-queue-type': 'quorum' } },
    exchange: namespaced(EXCHANGES.EVENTS, o.namespace),
    exchangeType: 'topic',
    wildcards: true,
    socketOptions: { heartbeatIntervalInSeconds: 10, reconnectTimeInSeconds: 1 },
  };
}

/** Batches of deliveries being handled at once (each holds one database connection). */
const MAX_CONCURRENT_BATCHES = 4;

interface Delivery {
  msg: ConsumeMessage;
  channel: ConfirmChannel;
  event: EventEnvelope;
  routingKey: string;
  handler: MessageHandler;
}

/**
 * Nest's RMQ transport, made safe. Each delivery is validated against the contracts, then run
 * inside one database transaction that first claims the inbox row (duplicates are acknowledged
 * and do nothing) and then calls the handler with that transaction (BusContext). The message is
 * acknowledged only after the commit. A failing handler is re-queued through a delay tier and
 * parked after `maxRetries`; a malformed or unknown message is parked at once with the reason
 * in its headers. The prefetch window is never blocked: every delivery ends acked.
 */
export class EventBusServer extends ServerRMQ {
  private readonly log: Logger;
  private topology?: DeclaredTopology;
  private consumerTag?: string;
  private activeChannel?: Channel;
  private inFlight = 0;
  private drained?: () => void;
  private closing = false;
  private pending: Delivery[] = [];
  private activeBatches = 0;
  private pumpScheduled = false;
  /** Delivery tags are per channel; a reconnect starts a new window. */
  private readonly ackWindows = new WeakMap<Channel, AckWindow>();
  /** Counts since start, for logs and tests. */
  readonly stats = { applied: 0, duplicates: 0, retried: 0, parked: 0 };

  private readonly policy: DeliveryPolicy;
  private readonly handlerTimeoutMs: number;
  private readonly statementTimeoutMs: number;

  constructor(private readonly bus: EventBusServerOptions) {
    super(safeRmqOptions(bus));
    this.log = new Logger(`EventBus:${bus.consumer}`);
    this.policy = { retryDelaysMs: bus.retryDelaysMs, maxRetries: bus.maxRetries };
    this.handlerTimeoutMs = bus.handlerTimeoutMs ?? DEFAULT_HANDLER_TIMEOUT_MS;
    this.statementTimeoutMs = bus.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS;
  }

  get connected(): boolean {
    return !this.closing && (this.server?.isConnected() ?? false) && this.activeChannel !== undefined;
  }

  override async listen(callback: (err?: unknown, ...optionalParams: unknown[]) => void): Promise<void> {
    const missing = this.bus.bindings.filter((key) => !this.getHandlerByPattern(key));
    if (missing.length > 0) {
      // A binding without a handler would park every such message: refuse to start instead.
      return callback(
        new Error(`${this.bus.consumer} consumes ${missing.join(', ')} but has no @EventPattern handler for it`),
      );
    }
    return super.listen(callback);
  }

  override async setupChannel(channel: Channel, callback: () => void): Promise<void> {
    this.topology = await declareServiceTopology(channel, {
      namespace: this.bus.namespace,
      queue: this.bus.queue,
      bindings: this.bus.bindings,
      retryDelaysMs: this.bus.retryDelaysMs,
      deliveryLimit: this.bus.deliveryLimit,
    });
    this.initializeWildcardHandlersIfExist();
    await channel.prefetch(this.bus.prefetch, false);
    channel.on('close', () => {
      if (this.activeChannel === channel) this.activeChannel = undefined;
    });
    const { consumerTag } = await channel.consume(
      this.topology.queue,
      (msg) => void this.handleMessage(msg, channel as ConfirmChannel),
      { noAck: false },
    );
    this.consumerTag = consumerTag;
    this.activeChannel = channel;
    this.log.log({
      msg: 'consuming',
      queue: this.topology.queue,
      bindings: this.bus.bindings,
      prefetch: this.bus.prefetch,
    });
    callback();
  }

  /** Stop taking deliveries, let the ones in hand finish (up to the grace period), then close. */
  override async close(): Promise<void> {
    this.closing = true;
    if (this.activeChannel && this.consumerTag) {
      await this.activeChannel.cancel(this.consumerTag).catch(() => undefined);
    }
    if (this.inFlight > 0) {
      await Promise.race([
        new Promise<void>((resolve) => (this.drained = resolve)),
        new Promise((resolve) => setTimeout(resolve, this.bus.shutdownGraceMs)),
      ]);
    }
    await super.close();
  }

  override async handleMessage(delivery: Record<string, any> | null, channel: ConfirmChannel): Promise<void> {
    if (!delivery) return; // the broker cancelled the consumer; amqp-connection-manager re-subscribes
    const msg = delivery as ConsumeMessage;
    this.ackWindow(channel).delivered(msg);
    this.inFlight++;
    let admitted: Delivery | undefined;
    try {
      admitted = await this.admit(msg, channel);
    } catch (err) {
      this.settleFailure(err);
    }
    if (!admitted) return this.settled(1);
    this.pending.push(admitted);
    // Deliveries that arrive in the same socket read join one batch.
    if (!this.pumpScheduled) {
      this.pumpScheduled = true;
      setImmediate(() => {
        this.pumpScheduled = false;
        this.pump();
      });
    }
  }

  /** Checks a delivery against the contracts; parks it (and returns nothing) when it cannot be handled. */
  private async admit(msg: ConsumeMessage, channel: ConfirmChannel): Promise<Delivery | undefined> {
    let raw: unknown;
    try {
      raw = JSON.parse(msg.content.toString('utf8'));
    } catch {
      await this.park(channel, msg, { action: 'park', code: 'EVENT.MALFORMED', reason: 'body is not valid JSON' });
      return undefined;
    }
    const checked = validateEvent(raw);
    if (!checked.ok) {
      await this.park(channel, msg, { action: 'park', code: checked.code, reason: checked.reason });
      return undefined;
    }
    const event = checked.envelope;
    const routingKey = routingKeyOf(event.type, event.version);
    const handler = this.getHandlerByPattern(routingKey);
    if (!handler) {
      await this.park(channel, msg, {
        action: 'park',
        code: 'EVENT.NO_HANDLER',
        reason: `${this.bus.consumer} has no handler for ${routingKey}`,
      });
      return undefined;
    }
    return { msg, channel, event, routingKey, handler };
  }

  /**
   * Starts batches while fewer than MAX_CONCURRENT_BATCHES run. Under light load every delivery
   * is its own batch (no added latency); under load deliveries queue up while the batches in
   * flight commit, and the next batch takes them all in one transaction.
   */
  private pump(): void {
    while (this.pending.length > 0 && this.activeBatches < MAX_CONCURRENT_BATCHES) {
      const batch = this.pending.splice(0, this.bus.prefetch);
      this.activeBatches++;
      void this.runBatch(batch)
        .catch((err) => this.settleFailure(err))
        .finally(() => {
          this.activeBatches--;
          this.settled(batch.length);
          this.pump();
        });
    }
  }

  /**
   * One transaction for the batch: claim the inbox rows, run each new event's handler in order,
   * commit, then acknowledge. If anything fails, the batch rolls back as a whole and each
   * delivery is retried alone, so one bad message never takes its neighbours with it.
   * Each statement has the transaction's statement_timeout and each handler handlerTimeoutMs: a
   * handler still running then is given up (its session ended, so its transaction, its locks and
   * a statement it waits on go with it), judged as a failed attempt (HANDLER.TIMEOUT), and the
   * rest of the batch runs again without it. Its copy to a retry tier or parking settles its tag,
   * so the channel's ack window moves on; whatever the handler does afterwards reaches nothing.
   */
  private async runBatch(batch: Delivery[]): Promise<void> {
    let applied: boolean[];
    let tx: BoundedTransaction | undefined;
    let hung: Delivery | undefined;
    try {
      tx = await BoundedTransaction.begin(this.bus.dataSource, { statementTimeoutMs: this.statementTimeoutMs });
      const manager = tx.manager;
      const fresh = await claimInbox(
        manager,
        this.bus.schema,
        this.bus.consumer,
        batch.map((d) => ({ id: d.event.id, type: d.routingKey })),
      );
      const results: boolean[] = [];
      for (const d of batch) {
        // delete(): a second copy of the same message in this batch is a duplicate too.
        const isNew = fresh.delete(d.event.id);
        if (isNew) {
          const ctx = new BusContext([d.msg, d.channel, d.routingKey], manager, d.event);
          const handled = (async () =>
            lastValueFrom(this.transformToObservable(await d.handler(d.event, ctx)), { defaultValue: undefined }))();
          await withHandlerTimeout(handled, this.handlerTimeoutMs, () => (hung = d));
        }
        results.push(isNew);
      }
      await tx.commit();
      applied = results;
    } catch (err) {
      if (hung) await tx!.abandon();
      else await tx?.rollback();
      if (hung && batch.length > 1) {
        // The guilty one is known: it is judged now, and the others run again without it.
        await this.judge(hung, err);
        await this.runBatch(batch.filter((d) => d !== hung));
        return;
      }
      if (batch.length > 1) {
        for (const d of batch) await this.runBatch([d]);
        return;
      }
      return this.judge(batch[0], err);
    }
    batch.forEach((d, i) => {
      // If the channel has closed since, the broker redelivers and the inbox absorbs the copy.
      this.ackWindow(d.channel).settle(d.msg);
      const fields = { eventId: d.event.id, type: d.routingKey, correlationId: d.event.correlationId };
      if (applied[i]) {
        this.stats.applied++;
        this.log.debug({ msg: 'event handled', ...fields });
      } else {
        this.stats.duplicates++;
        this.log.log({ msg: 'duplicate event ignored (already in inbox)', ...fields });
      }
    });
  }

  /** A delivery whose handler failed (or hung) alone: retried through a tier, or parked. */
  private async judge(d: Delivery, err: unknown): Promise<void> {
    const verdict = judgeFailure(err, attemptOf(d.msg), this.policy);
    this.log.warn({
      msg: verdict.action === 'park' ? 'handler failed; parking' : 'handler failed; will retry',
      eventId: d.event.id,
      type: d.routingKey,
      correlationId: d.event.correlationId,
      ...verdict,
    });
    if (verdict.action === 'park') return this.park(d.channel, d.msg, verdict);
    return this.retry(d.channel, d.msg, verdict);
  }

  private ackWindow(channel: ConfirmChannel): AckWindow {
    let w = this.ackWindows.get(channel);
    if (!w) this.ackWindows.set(channel, (w = new AckWindow(channel)));
    return w;
  }

  private settled(n: number): void {
    this.inFlight -= n;
    if (this.inFlight === 0) this.drained?.();
  }

  /** Only a broker failure (a copy refused, a channel gone) lands here; the message comes back. */
  private settleFailure(err: unknown): void {
    this.log.warn({ msg: 'could not settle a delivery; the broker will redeliver it', error: (err as Error)?.message });
  }

  private async retry(channel: ConfirmChannel, msg: ConsumeMessage, v: RetryVerdict): Promise<void> {
    const queue = retryQueueName(this.topology!.queue, v.delayMs);
    this.stats.retried++;
    await this.republish(channel, msg, queue, retryHeaders(v));
  }

  private async park(channel: ConfirmChannel, msg: ConsumeMessage, v: ParkVerdict): Promise<void> {
    this.stats.parked++;
    this.log.error({
      msg: 'message parked',
      code: v.code,
      reason: v.reason,
      messageId: msg.properties.messageId,
      correlationId: msg.properties.correlationId,
    });
    await this.republish(channel, msg, this.topology!.parkingQueue, parkHeaders(v, this.bus.consumer));
  }

  /**
   * Copies the message to `queue` with extra headers and acks it once the broker confirmed the
   * copy; if the copy is refused, the message goes back to the broker to be delivered again.
   */
  private async republish(
    channel: ConfirmChannel,
    msg: ConsumeMessage,
    queue: string,
    headers: Record<string, unknown>,
  ): Promise<void> {
    try {
      await copyWithHeaders(channel, msg, queue, headers);
    } catch (err) {
      this.settleFailure(err);
      this.ackWindow(channel).release(msg);
      return;
    }
    this.ackWindow(channel).settle(msg);
  }
}
