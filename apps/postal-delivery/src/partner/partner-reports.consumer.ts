import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { connect as amqpConnect } from 'amqplib';
import type { ConfirmChannel, ConsumeMessage } from 'amqplib';
import { AmqpConnectionManager, ChannelWrapper, connect } from 'amqp-connection-manager';
import { POSTAL_PARTNER_HEADERS } from '@dvc/contracts';
import { DomainError } from '@dvc/kernel';
import { PostalDeliveryConfig } from '../config/postal-delivery.config';
import { PartnerReportService } from './partner-report.service';
import { declarePartnerTopology, partnerTopologyNames } from './partner-topology';

const PREFETCH = 16;
/** A report that could not be handled for a reason of ours (database down) is retried after this. */
const REQUEUE_AFTER_MS = 2000;

/**
 * The partner's reports over AMQP, from the queue behind the reports exchange it may only write
 * to. Same checks as the webhook (signature in headers, event id against replay) except the
 * 300 s clock window: a report may wait in the durable queue while we are down. A refused report
 * is acknowledged (it is stored for audit with its reason; redelivering it would not change it).
 * Also declares the partner topology, at start-up and at every reconnect, so that the outbox
 * relay always finds the feed exchange.
 */
@Injectable()
export class PartnerReportsConsumer implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(PartnerReportsConsumer.name);
  private connection?: AmqpConnectionManager;
  private channel?: ChannelWrapper;

  constructor(
    private readonly config: PostalDeliveryConfig,
    private readonly reports: PartnerReportService,
  ) {}

  /** Before the relay starts: the feed exchange must exist for the first delivery request. */
  async onModuleInit(): Promise<void> {
    try {
      const connection = await amqpConnect(this.config.AMQP_URL);
      try {
        await declarePartnerTopology(await connection.createChannel(), this.config.BUS_NAMESPACE, this.config.BUS_DELIVERY_LIMIT);
      } finally {
        await connection.close().catch(() => undefined);
      }
    } catch (err) {
      // The broker is down at boot: the consumer declares it when it connects.
      this.logger.warn({ msg: 'partner topology not declared yet', error: (err as Error).message });
    }
  }

  onApplicationBootstrap(): void {
    const { reportsQueue } = partnerTopologyNames(this.config.BUS_NAMESPACE);
    this.connection = connect([this.config.AMQP_URL], { heartbeatIntervalInSeconds: 10, reconnectTimeInSeconds: 1 });
    this.connection.on('disconnect', ({ err }) => this.logger.warn({ msg: 'partner reports consumer disconnected; reconnecting', error: err?.message }));
    this.channel = this.connection.createChannel({
      json: false,
      setup: async (ch: ConfirmChannel) => {
        await declarePartnerTopology(ch, this.config.BUS_NAMESPACE, this.config.BUS_DELIVERY_LIMIT);
        if (!this.config.POSTAL_PARTNER_QUEUE_ENABLED) return;
        await ch.prefetch(PREFETCH);
        await ch.consume(reportsQueue, (msg) => void this.handle(ch, msg), { noAck: false });
      },
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.channel?.close().catch(() => undefined);
    await this.connection?.close().catch(() => undefined);
  }

  private async handle(ch: ConfirmChannel, msg: ConsumeMessage | null): Promise<void> {
    if (!msg) return;
    const h = msg.properties.headers ?? {};
    const text = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : Buffer.isBuffer(v) ? v.toString('utf8') : undefined);
    try {
      const receipt = await this.reports.receive({
        channel: 'amqp',
        partnerId: text(h[POSTAL_PARTNER_HEADERS.PARTNER]),
        timestamp: text(h[POSTAL_PARTNER_HEADERS.TIMESTAMP]),
        signature: text(h[POSTAL_PARTNER_HEADERS.SIGNATURE]),
        rawBody: msg.content,
      });
      this.logger.log({ msg: 'partner report over AMQP', outcome: receipt.outcome, eventId: receipt.eventId, status: receipt.reported });
      this.settle(() => ch.ack(msg));
    } catch (err) {
      if (err instanceof DomainError) return this.settle(() => ch.ack(msg));
      this.logger.warn({ msg: 'partner report could not be handled now; requeued', error: (err as Error).message });
      setTimeout(() => this.settle(() => ch.nack(msg, false, true)), REQUEUE_AFTER_MS);
    }
  }

  /** An ack or nack on a channel that has closed throws; the broker redelivers anyway. */
  private settle(fn: () => void): void {
    try {
      fn();
    } catch {
      // channel closed
    }
  }
}
