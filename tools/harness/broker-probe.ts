import { ChannelModel, connect, GetMessage } from 'amqplib';
import {
  EXCHANGES,
  namespaced,
  parkingQueueName,
  PORTAL_QUEUES,
  POSTAL_PARTNER,
  QUEUES,
  retryQueueName,
  ServiceName,
} from '@dvc/contracts';
import { declareServiceTopology, QUEUE_OUTAGE_RETRY_MS, retryTiers } from '@dvc/messaging';
import { testConfig } from './test-env.config';

/** A plain amqplib connection for looking at queues the way an operator would. */
export class BrokerProbe {
  private constructor(private readonly connection: ChannelModel) {}

  static async open(): Promise<BrokerProbe> {
    return new BrokerProbe(await connect(testConfig.AMQP_URL));
  }

  async messageCount(queue: string): Promise<number> {
    const ch = await this.connection.createChannel();
    try {
      return (await ch.checkQueue(queue)).messageCount;
    } finally {
      await ch.close().catch(() => undefined);
    }
  }

  /** Takes every message currently in `queue` (acknowledging them). */
  async drain(queue: string): Promise<GetMessage[]> {
    const ch = await this.connection.createChannel();
    const out: GetMessage[] = [];
    try {
      for (;;) {
        const m = await ch.get(queue, { noAck: false });
        if (!m) break;
        out.push(m);
        ch.ack(m);
      }
    } finally {
      await ch.close().catch(() => undefined);
    }
    return out;
  }

  /** Publishes raw bytes to the events exchange, as a misbehaving producer would. */
  async publishRaw(namespace: string, routingKey: string, body: Buffer, messageId: string): Promise<void> {
    const ch = await this.connection.createConfirmChannel();
    try {
      ch.publish(namespaced(EXCHANGES.EVENTS, namespace), routingKey, body, {
        persistent: true,
        messageId,
        contentType: 'application/json',
      });
      await ch.waitForConfirms();
    } finally {
      await ch.close().catch(() => undefined);
    }
  }

  /** Declares a service's queues the way its consumer would, without consuming. */
  async declareService(
    namespace: string,
    service: ServiceName,
    bindings: readonly string[],
    retryDelaysMs: number[],
  ): Promise<void> {
    const ch = await this.connection.createChannel();
    try {
      await declareServiceTopology(ch, {
        namespace,
        queue: QUEUES[service],
        bindings,
        retryDelaysMs,
        deliveryLimit: 10,
      });
    } finally {
      await ch.close().catch(() => undefined);
    }
  }

  /** Publishes many messages to the events exchange with confirms, in windows of 500. */
  async publishMany(namespace: string, routingKey: string, messages: { id: string; body: Buffer }[]): Promise<void> {
    const ch = await this.connection.createConfirmChannel();
    try {
      for (let i = 0; i < messages.length; i += 500) {
        for (const m of messages.slice(i, i + 500)) {
          ch.publish(namespaced(EXCHANGES.EVENTS, namespace), routingKey, m.body, {
            persistent: true,
            messageId: m.id,
            contentType: 'application/json',
          });
        }
        await ch.waitForConfirms();
      }
    } finally {
      await ch.close().catch(() => undefined);
    }
  }

  /** Sends `body` to `queue` with a reply queue of its own and waits for the reply, as a portal would. */
  async request(
    queue: string,
    body: Buffer,
    props: { messageId: string; headers?: Record<string, unknown> },
    timeoutMs = 15000,
  ): Promise<{ correlationId?: string; body: any }> {
    const ch = await this.connection.createConfirmChannel();
    try {
      const { queue: replyTo } = await ch.assertQueue('', { exclusive: true, autoDelete: true });
      const reply = new Promise<{ correlationId?: string; body: any }>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no reply to ${props.messageId} within ${timeoutMs} ms`)),
          timeoutMs,
        );
        void ch.consume(
          replyTo,
          (m) => {
            if (!m) return;
            clearTimeout(timer);
            resolve({ correlationId: m.properties.correlationId, body: JSON.parse(m.content.toString('utf8')) });
          },
          { noAck: true },
        );
      });
      ch.sendToQueue(queue, body, {
        persistent: true,
        messageId: props.messageId,
        replyTo,
        headers: props.headers,
        contentType: 'application/json',
      });
      await ch.waitForConfirms();
      return await reply;
    } finally {
      await ch.close().catch(() => undefined);
    }
  }

  /** Deletes a test namespace's exchange and queues. */
  async deleteNamespace(namespace: string, services: ServiceName[], retryDelaysMs: number[]): Promise<void> {
    const ch = await this.connection.createChannel();
    ch.on('error', () => undefined);
    for (const s of services) {
      const q = namespaced(QUEUES[s], namespace);
      // intake also declares the portals' submissions queue.
      const extra =
        s === 'intake'
          ? [
              namespaced(PORTAL_QUEUES.SUBMISSIONS, namespace),
              parkingQueueName(namespaced(PORTAL_QUEUES.SUBMISSIONS, namespace)),
            ]
          : [];
      // postal-delivery also declares the postal partner's feed and reports queues.
      if (s === 'postal-delivery') {
        const reports = namespaced(POSTAL_PARTNER.REPORTS_QUEUE, namespace);
        extra.push(namespaced(POSTAL_PARTNER.FEED_QUEUE, namespace), reports, parkingQueueName(reports));
      }
      // The portals' and the partner's queues are QueueConsumers' queues: their retry tiers too.
      const tiers = retryTiers({ retryDelaysMs, maxRetries: 0, outageDelayMs: QUEUE_OUTAGE_RETRY_MS });
      const extraTiers = extra.flatMap((e) => tiers.map((d) => retryQueueName(e, d)));
      for (const name of [
        q,
        parkingQueueName(q),
        ...retryDelaysMs.map((d) => retryQueueName(q, d)),
        ...extra,
        ...extraTiers,
      ]) {
        await ch.deleteQueue(name).catch(() => undefined);
      }
    }
    await ch.deleteExchange(namespaced(EXCHANGES.EVENTS, namespace)).catch(() => undefined);
    if (services.includes('postal-delivery')) {
      for (const x of [POSTAL_PARTNER.FEED_EXCHANGE, POSTAL_PARTNER.REPORTS_EXCHANGE])
        await ch.deleteExchange(namespaced(x, namespace)).catch(() => undefined);
    }
    await ch.close().catch(() => undefined);
  }

  async close(): Promise<void> {
    await this.connection.close().catch(() => undefined);
  }
}
