import { Injectable, Logger, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import type { ConfirmChannel, ConsumeMessage } from 'amqplib';
import { AmqpConnectionManager, ChannelWrapper, connect } from 'amqp-connection-manager';
import { namespaced, parkingQueueName, PORTAL_QUEUES, PortalSubmissionReply } from '@dvc/contracts';
import { isDatabaseUnavailable } from '@dvc/persistence';
import { DomainError, toProblemDetails } from '@dvc/kernel';
import { PortalAuthenticator } from '@dvc/auth';
import { IntakeConfig } from '../config/intake.config';
import { DossierSubmissionService } from '../dossier/dossier-submission.service';

/** Submissions handled at once; each holds a database connection while it commits. */
const PREFETCH = 8;
/** A database outage is waited out with the message still unacknowledged, then retried. */
const REQUEUE_AFTER_MS = 2000;

/**
 * Portals may file by AMQP: same validation, same idempotency (the message id is the key), same
 * answer, sent to the portal's reply queue. The message is acknowledged only after the reply is
 * confirmed by the broker; if intake dies in between, the redelivery replays the stored answer.
 */
@Injectable()
export class SubmissionQueueConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(SubmissionQueueConsumer.name);
  private connection?: AmqpConnectionManager;
  private channel?: ChannelWrapper;
  readonly queue: string;

  constructor(
    private readonly config: IntakeConfig,
    private readonly submissions: DossierSubmissionService,
    private readonly portals: PortalAuthenticator,
  ) {
    this.queue = namespaced(PORTAL_QUEUES.SUBMISSIONS, config.BUS_NAMESPACE);
  }

  onApplicationBootstrap(): void {
    if (!this.config.SUBMISSION_QUEUE_ENABLED) return;
    this.connection = connect([this.config.AMQP_URL], { heartbeatIntervalInSeconds: 10, reconnectTimeInSeconds: 1 });
    this.connection.on('disconnect', ({ err }) => this.logger.warn({ msg: 'submission queue disconnected; reconnecting', error: err?.message }));
    this.channel = this.connection.createChannel({
      json: false,
      setup: async (ch: ConfirmChannel) => {
        const parking = parkingQueueName(this.queue);
        await ch.assertQueue(parking, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
        await ch.assertQueue(this.queue, {
          durable: true,
          arguments: { 'x-queue-type': 'quorum', 'x-delivery-limit': this.config.BUS_DELIVERY_LIMIT, 'x-dead-letter-exchange': '', 'x-dead-letter-routing-key': parking },
        });
        await ch.prefetch(PREFETCH);
        await ch.consume(this.queue, (msg) => void this.handle(ch, msg), { noAck: false });
      },
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.channel?.close().catch(() => undefined);
    await this.connection?.close().catch(() => undefined);
  }

  private async handle(ch: ConfirmChannel, msg: ConsumeMessage | null): Promise<void> {
    if (!msg) return;
    const { messageId, replyTo, headers } = msg.properties;
    let reply: PortalSubmissionReply;
    try {
      const portal = await this.portals.authenticate(typeof headers?.['x-api-key'] === 'string' ? headers['x-api-key'] : undefined);
      let body: unknown;
      try {
        body = JSON.parse(msg.content.toString('utf8'));
      } catch {
        throw new DomainError('REQUEST.BAD', { vi: 'Nội dung tin nhắn không phải JSON hợp lệ.', en: 'The message body is not valid JSON.' }, { status: 400 });
      }
      const result = await this.submissions.submit(portal, messageId, body);
      reply = { outcome: 'accepted', status: result.status, receipt: result.body as unknown as Record<string, unknown> };
    } catch (err) {
      if (isDatabaseUnavailable(err) || !(err instanceof DomainError)) {
        // Not the portal's fault: keep the message and try again shortly.
        this.logger.warn({ msg: 'submission could not be handled now; requeued', messageId, error: (err as Error).message });
        setTimeout(() => this.settle(() => ch.nack(msg, false, true)), REQUEUE_AFTER_MS);
        return;
      }
      reply = { outcome: 'rejected', status: err.status, problem: { ...toProblemDetails(err) } };
    }
    try {
      if (replyTo) {
        await new Promise<void>((resolve, reject) =>
          ch.sendToQueue(replyTo, Buffer.from(JSON.stringify(reply)), { persistent: true, correlationId: messageId, contentType: 'application/json' }, (e: unknown) =>
            e ? reject(e instanceof Error ? e : new Error('reply not confirmed')) : resolve(),
          ),
        );
      }
      this.settle(() => ch.ack(msg));
    } catch (err) {
      this.logger.warn({ msg: 'reply could not be sent; the submission will be redelivered', messageId, error: (err as Error).message });
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
