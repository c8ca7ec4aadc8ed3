import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { connect as amqpConnect } from 'amqplib';
import { POSTAL_PARTNER_HEADERS } from '@dvc/contracts';
import { QueueConsumer, QueueDelivery } from '@dvc/messaging';
import { DomainError } from '@dvc/kernel';
import { PostalDeliveryConfig } from '../config/postal-delivery.config';
import { PartnerReportService } from './partner-report.service';
import { declarePartnerTopology, partnerTopologyNames } from './partner-topology';

const PREFETCH = 16;
/**
 * The partner's reports over AMQP, from the queue behind the reports exchange it may only write
 * to. Same checks as the webhook (signature in headers, event id against replay) except the
 * 300 s clock window: a report may wait in the durable queue while we are down. A refused report
 * is acknowledged (it is stored for audit with its reason; redelivering it would not change it);
 * any other failure is thrown to the consumer's retry policy. Also declares the partner
 * topology, at start-up and at every reconnect, so that the outbox relay always finds the feed
 * exchange.
 */
@Injectable()
export class PartnerReportsConsumer implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(PartnerReportsConsumer.name);
  private readonly consumer: QueueConsumer;

  constructor(
    private readonly config: PostalDeliveryConfig,
    private readonly reports: PartnerReportService,
  ) {
    this.consumer = new QueueConsumer(
      {
        name: 'postal-delivery:partner-reports',
        amqpUrl: config.AMQP_URL,
        queue: partnerTopologyNames(config.BUS_NAMESPACE).reportsQueue,
        prefetch: PREFETCH,
        deliveryLimit: config.BUS_DELIVERY_LIMIT,
        retryDelaysMs: config.BUS_RETRY_DELAYS_MS,
        maxRetries: config.BUS_MAX_RETRIES,
        declare: (ch) => declarePartnerTopology(ch, config.BUS_NAMESPACE, config.BUS_DELIVERY_LIMIT),
        consume: config.POSTAL_PARTNER_QUEUE_ENABLED,
      },
      (delivery) => this.handle(delivery),
    );
  }

  /** Before the relay starts: the feed exchange must exist for the first delivery request. */
  async onModuleInit(): Promise<void> {
    try {
      const connection = await amqpConnect(this.config.AMQP_URL);
      try {
        await declarePartnerTopology(
          await connection.createChannel(),
          this.config.BUS_NAMESPACE,
          this.config.BUS_DELIVERY_LIMIT,
        );
      } finally {
        await connection.close().catch(() => undefined);
      }
    } catch (err) {
      // The broker is down at boot: the consumer declares it when it connects.
      this.logger.warn({ msg: 'partner topology not declared yet', error: (err as Error).message });
    }
  }

  onApplicationBootstrap(): void {
    this.consumer.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
  }

  private async handle({ message }: QueueDelivery): Promise<void> {
    const h = message.properties.headers ?? {};
    const text = (v: unknown) =>
      typeof v === 'string'
        ? v
        : typeof v === 'number'
          ? String(v)
          : Buffer.isBuffer(v)
            ? v.toString('utf8')
            : undefined;
    try {
      const receipt = await this.reports.receive({
        channel: 'amqp',
        partnerId: text(h[POSTAL_PARTNER_HEADERS.PARTNER]),
        timestamp: text(h[POSTAL_PARTNER_HEADERS.TIMESTAMP]),
        signature: text(h[POSTAL_PARTNER_HEADERS.SIGNATURE]),
        rawBody: message.content,
      });
      this.logger.log({
        msg: 'partner report over AMQP',
        outcome: receipt.outcome,
        eventId: receipt.eventId,
        status: receipt.reported,
      });
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
    }
  }
}
