import { BeforeApplicationShutdown, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { ConsumeMessage } from 'amqplib';
import { namespaced, PORTAL_QUEUES, PortalSubmissionReply } from '@dvc/contracts';
import { QueueConsumer, QueueDelivery } from '@dvc/messaging';
import { isDatabaseUnavailable } from '@dvc/persistence';
import { DomainError, toProblemDetails } from '@dvc/kernel';
import { PortalAuthenticator } from '@dvc/auth';
import { IntakeConfig } from '../config/intake.config';
import { DossierSubmissionService } from '../dossier/dossier-submission.service';
import { SubmissionQueueErrors } from './submission-queue.errors';

/** Submissions handled at once; each holds a database connection while it commits. */
const PREFETCH = 8;
/**
 * Portals may file by AMQP: same validation, same idempotency (the message id is the key), same
 * answer, sent to the portal's reply queue. The message is acknowledged only after the reply is
 * confirmed by the broker; if intake dies in between, the redelivery replays the stored answer.
 * A failure that is not the portal's fault is thrown to the consumer's retry policy.
 */
@Injectable()
export class SubmissionQueueConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly queue: string;
  private readonly consumer: QueueConsumer;

  constructor(
    private readonly config: IntakeConfig,
    private readonly submissions: DossierSubmissionService,
    private readonly portals: PortalAuthenticator,
  ) {
    this.queue = namespaced(PORTAL_QUEUES.SUBMISSIONS, config.BUS_NAMESPACE);
    this.consumer = new QueueConsumer(
      {
        name: 'intake:portal-submissions',
        amqpUrl: config.AMQP_URL,
        queue: this.queue,
        prefetch: PREFETCH,
        deliveryLimit: config.BUS_DELIVERY_LIMIT,
        retryDelaysMs: config.BUS_RETRY_DELAYS_MS,
        maxRetries: config.BUS_MAX_RETRIES,
      },
      (delivery) => this.handle(delivery),
    );
  }

  onApplicationBootstrap(): void {
    if (this.config.SUBMISSION_QUEUE_ENABLED) this.consumer.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
  }

  private async handle({ message, send }: QueueDelivery): Promise<void> {
    const { messageId, replyTo } = message.properties;
    const reply = await this.answer(message);
    if (replyTo)
      await send(replyTo, Buffer.from(JSON.stringify(reply)), {
        correlationId: messageId,
        contentType: 'application/json',
      });
  }

  private async answer(msg: ConsumeMessage): Promise<PortalSubmissionReply> {
    const { messageId, headers } = msg.properties;
    try {
      const portal = await this.portals.authenticate(
        typeof headers?.['x-api-key'] === 'string' ? headers['x-api-key'] : undefined,
      );
      const result = await this.submissions.submit(portal, messageId, parseJson(msg.content));
      return { outcome: 'accepted', status: result.status, receipt: result.body as unknown as Record<string, unknown> };
    } catch (err) {
      if (isDatabaseUnavailable(err) || !(err instanceof DomainError)) throw err;
      return { outcome: 'rejected', status: err.status, problem: { ...toProblemDetails(err) } };
    }
  }
}

function parseJson(content: Buffer): unknown {
  try {
    return JSON.parse(content.toString('utf8'));
  } catch {
    throw SubmissionQueueErrors.notJson();
  }
}
