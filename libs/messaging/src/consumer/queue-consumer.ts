import { Logger } from '@nestjs/common';
import type { ConfirmChannel, ConsumeMessage, Options } from 'amqplib';
import { AmqpConnectionManager, ChannelWrapper, connect } from 'amqp-connection-manager';
import type { DataSource, EntityManager } from 'typeorm';
import { parkingQueueName, retryQueueName } from '@dvc/contracts';
import { declareConsumedQueue } from '../topology/declare-topology';
import { attemptOf, DeliveryPolicy, judgeDelivery, parkHeaders, retryHeaders, retryTiers } from './delivery-policy';
import {
  BoundedTransaction,
  DEFAULT_HANDLER_TIMEOUT_MS,
  DEFAULT_STATEMENT_TIMEOUT_MS,
  HandlerTimeoutError,
  withHandlerTimeout,
} from './handler-timeout';
import { copyWithHeaders, sendConfirmed } from './send-confirmed';

const RECONNECT_AFTER_MS = 1000;
/**
 * While our database is down a delivery waits this long before it is tried again, whatever the
 * retry tiers: those who publish to these queues wait for an answer (a portal) or a report to land.
 */
export const QUEUE_OUTAGE_RETRY_MS = 2000;

export interface QueueConsumerOptions extends DeliveryPolicy {
  /** Names the consumer in logs, in its broker connection and in parking headers. */
  name: string;
  amqpUrl: string;
  /** Full queue name (already namespaced). */
  queue: string;
  prefetch: number;
  /** The queue's x-delivery-limit: a consumer that dies on a message again and again parks it. */
  deliveryLimit: number;
  /** Declares the rest of what this consumer's service owns on the broker, at every (re)connect. */
  declare?: (channel: ConfirmChannel) => Promise<unknown>;
  /** false: declare at every connect but take no deliveries. */
  consume?: boolean;
  /** BUS_HANDLER_TIMEOUT_MS: a handler still running after this is given up (HANDLER.TIMEOUT). */
  handlerTimeoutMs?: number;
  /** The service's database, for `delivery.transaction` (a transaction the timeout can end). */
  dataSource?: DataSource;
  /** DATABASE_STATEMENT_TIMEOUT_MS: SET LOCAL statement_timeout of `delivery.transaction` (0: none). */
  statementTimeoutMs?: number;
}

export interface QueueDelivery {
  readonly message: ConsumeMessage;
  /**
   * Sends on the delivery's channel (persistent unless said) and resolves once the broker
   * confirmed it: an answer sent this way is out before the delivery is acknowledged.
   */
  send(queue: string, content: Buffer, options?: Options.Publish): Promise<void>;
  /**
   * Aborted when the handler timeout gave the delivery up (reason: HandlerTimeoutError): work
   * started after that is for nothing, and `send` and `transaction` refuse it.
   */
  readonly signal: AbortSignal;
  /**
   * Runs `work` in a transaction with the consumer's statement timeout, committed when it
   * resolves; if the handler times out first, the transaction's session is ended (rolled back,
   * its locks and a statement it waits on with it) and its commit never happens. Needs
   * `dataSource` in the options.
   */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T>;
}

/** Resolves: the delivery is acknowledged. Throws: the delivery policy retries or parks it. */
export type QueueHandler = (delivery: QueueDelivery) => Promise<void>;

/**
 * A consumer of one durable queue of ours, outside the event bus (portals' submissions, the
 * postal partner's reports). It reconnects by itself (amqp-connection-manager) and declares its
 * queue, parking queue and retry tiers at every connect. A handler that fails is not requeued
 * in place (a requeue counts against the quorum queue's delivery limit, so a database outage
 * would park messages): the message is copied to a retry tier with its attempt count and
 * acknowledged, and after the policy's last retry it is copied to the parking queue with the
 * reason. Acks and nacks on a channel that closed meanwhile are dropped: the broker redelivers.
 */
export class QueueConsumer {
  private readonly log: Logger;
  private readonly parkingQueue: string;
  private connection?: AmqpConnectionManager;
  private channel?: ChannelWrapper;
  private consumingOn?: ConfirmChannel;
  /** Counts since start, for logs and tests. */
  readonly stats = { acked: 0, retried: 0, parked: 0 };

  private readonly options: QueueConsumerOptions;

  constructor(
    options: QueueConsumerOptions,
    private readonly handler: QueueHandler,
  ) {
    this.options = {
      ...options,
      outageDelayMs: options.outageDelayMs ?? QUEUE_OUTAGE_RETRY_MS,
      handlerTimeoutMs: options.handlerTimeoutMs ?? DEFAULT_HANDLER_TIMEOUT_MS,
      statementTimeoutMs: options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS,
    };
    this.log = new Logger(`QueueConsumer:${options.name}`);
    this.parkingQueue = parkingQueueName(options.queue);
  }

  /** True while a channel is open and subscribed to the queue. */
  get consuming(): boolean {
    return this.consumingOn !== undefined;
  }

  start(): void {
    if (this.connection) return;
    const { amqpUrl, name } = this.options;
    this.connection = connect([amqpUrl], {
      heartbeatIntervalInSeconds: 10,
      reconnectTimeInSeconds: RECONNECT_AFTER_MS / 1000,
      connectionOptions: { clientProperties: { connection_name: name } },
    });
    this.connection.on('disconnect', ({ err }) =>
      this.log.warn({ msg: 'disconnected; reconnecting', queue: this.options.queue, error: err?.message }),
    );
    this.channel = this.connection.createChannel({ json: false, setup: (ch: ConfirmChannel) => this.setup(ch) });
  }

  /** Deliveries still in hand are redelivered by the broker to another consumer or the next start. */
  async stop(): Promise<void> {
    const { channel, connection } = this;
    this.channel = undefined;
    this.connection = undefined;
    this.consumingOn = undefined;
    await channel?.close().catch(() => undefined);
    await connection?.close().catch(() => undefined);
  }

  private async setup(ch: ConfirmChannel): Promise<void> {
    const { queue, deliveryLimit, prefetch } = this.options;
    // amqp-connection-manager reopens a channel only when its connection comes back: after the
    // broker closed this channel alone (a channel error), reconnect to get a new one, after a
    // pause so that an error at every setup (a queue declared with other arguments) cannot spin.
    ch.on('error', (err: Error) => {
      this.log.warn({ msg: 'channel closed by the broker; reconnecting', queue, error: err.message });
      const connection = this.connection;
      setTimeout(() => {
        if (this.connection === connection) connection?.reconnect();
      }, RECONNECT_AFTER_MS).unref();
    });
    await this.options.declare?.(ch);
    await declareConsumedQueue(ch, { queue, deliveryLimit, retryDelaysMs: retryTiers(this.options) });
    if (this.options.consume === false) return;
    await ch.prefetch(prefetch);
    ch.on('close', () => {
      if (this.consumingOn === ch) this.consumingOn = undefined;
    });
    await ch.consume(queue, (msg) => void this.handle(ch, msg), { noAck: false });
    this.consumingOn = ch;
    this.log.log({ msg: 'consuming', queue, prefetch });
  }

  private async handle(ch: ConfirmChannel, msg: ConsumeMessage | null): Promise<void> {
    if (!msg) return; // the broker cancelled the consumer; amqp-connection-manager re-subscribes
    let failure: { error: unknown } | undefined;
    // A handler still running after its timeout is given up: the delivery is judged as a failed
    // attempt now (so it leaves the prefetch window), and what the handler does later reaches
    // neither the broker (send refuses) nor the database (its transaction's session is ended).
    const timeoutMs = this.options.handlerTimeoutMs!;
    const giveUp = new AbortController();
    const refuseIfGivenUp = () => {
      if (giveUp.signal.aborted) throw giveUp.signal.reason;
    };
    try {
      const handled = this.handler({
        message: msg,
        signal: giveUp.signal,
        send: async (queue, content, options) => {
          refuseIfGivenUp();
          return sendConfirmed(ch, queue, content, { persistent: true, ...options });
        },
        transaction: (work) => this.transaction(giveUp.signal, work),
      });
      await withHandlerTimeout(handled, timeoutMs, () => giveUp.abort(new HandlerTimeoutError(timeoutMs)));
    } catch (error) {
      failure = { error };
    }
    const verdict = judgeDelivery(
      failure ? (failure.error ?? new Error('handler failed')) : undefined,
      attemptOf(msg),
      this.options,
    );
    const { messageId, correlationId } = msg.properties;
    switch (verdict.action) {
      case 'ack':
        this.stats.acked++;
        return this.settle(() => ch.ack(msg));
      case 'retry':
        this.stats.retried++;
        this.log.warn({ msg: 'handler failed; will retry', messageId, correlationId, ...verdict });
        return this.republish(ch, msg, retryQueueName(this.options.queue, verdict.delayMs), retryHeaders(verdict));
      case 'park':
        this.stats.parked++;
        this.log.error({ msg: 'message parked', messageId, correlationId, code: verdict.code, reason: verdict.reason });
        return this.republish(ch, msg, this.parkingQueue, parkHeaders(verdict, this.options.name));
    }
  }

  private async transaction<T>(signal: AbortSignal, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const { dataSource, statementTimeoutMs } = this.options;
    if (!dataSource) throw new Error(`${this.options.name}: delivery.transaction needs the consumer's dataSource`);
    if (signal.aborted) throw signal.reason;
    const tx = await BoundedTransaction.begin(dataSource, { statementTimeoutMs: statementTimeoutMs! });
    const abandon = () => void tx.abandon();
    signal.addEventListener('abort', abandon, { once: true });
    if (signal.aborted) abandon(); // given up while the transaction began
    try {
      const result = await work(tx.manager);
      await tx.commit();
      return result;
    } catch (err) {
      await tx.rollback();
      throw err;
    } finally {
      signal.removeEventListener('abort', abandon);
    }
  }

  /** Copies the message with extra headers, then acks it; if the copy is refused, the broker keeps the original. */
  private async republish(
    ch: ConfirmChannel,
    msg: ConsumeMessage,
    queue: string,
    headers: Record<string, unknown>,
  ): Promise<void> {
    try {
      await copyWithHeaders(ch, msg, queue, headers);
    } catch (err) {
      this.log.warn({
        msg: 'could not settle a delivery; the broker will redeliver it',
        messageId: msg.properties.messageId,
        error: (err as Error).message,
      });
      return this.settle(() => ch.nack(msg, false, true));
    }
    this.settle(() => ch.ack(msg));
  }

  /** An ack or nack on a channel that has closed throws; the broker redelivers the message anyway. */
  private settle(fn: () => void): void {
    try {
      fn();
    } catch {
      // channel closed
    }
  }
}
