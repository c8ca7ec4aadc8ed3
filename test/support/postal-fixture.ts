import { randomBytes } from 'node:crypto';
import { Channel, ChannelModel, connect } from 'amqplib';
import { testConfig } from '../../tools/harness/test-env.config';

let reportSeq = 0;
/** A status report body (v1); `occurredAt` strictly increases across calls unless given. */
export function statusReport(
  shipmentId: string,
  status: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  reportSeq++;
  return {
    version: 1,
    eventId: `test-${process.pid}-${Date.now()}-${reportSeq}`,
    shipmentId,
    status,
    occurredAt: new Date(Date.now() + reportSeq).toISOString(),
    ...extra,
  };
}

let dossierSeq = 0;
/** A dossier code no other test uses. */
export function uniqueDossierCode(): string {
  const seq = `${process.pid % 1000}${String(Date.now() % 100000).padStart(5, '0')}${++dossierSeq}`;
  return `000.00.12.H30-260511-${seq}`;
}

/**
 * Collects what arrives on a queue bound to an exchange of the test namespace (delivery.* on the
 * internal bus, or the partner's feed), parsed, with routing key and properties.
 */
export class QueueTap {
  readonly messages: { routingKey: string; messageId?: string; type?: string; body: any }[] = [];
  private constructor(
    private readonly connection: ChannelModel,
    private readonly queue: string,
    private readonly temporary: boolean,
  ) {}

  /** A new queue bound to `exchange` with `patterns`; deleted by close(). */
  static async bind(exchange: string, patterns: string[]): Promise<QueueTap> {
    const connection = await connect(testConfig.AMQP_URL);
    const ch = await connection.createChannel();
    const { queue } = await ch.assertQueue(`${exchange}.tap.${randomBytes(4).toString('hex')}`, {
      durable: false,
      autoDelete: false,
    });
    for (const p of patterns) await ch.bindQueue(queue, exchange, p);
    const tap = new QueueTap(connection, queue, true);
    await tap.consume(ch);
    return tap;
  }

  /** Consumes an existing queue (e.g. the partner's feed, as guest). */
  static async consume(queue: string): Promise<QueueTap> {
    const connection = await connect(testConfig.AMQP_URL);
    const tap = new QueueTap(connection, queue, false);
    await tap.consume(await connection.createChannel());
    return tap;
  }

  private async consume(ch: Channel): Promise<void> {
    await ch.consume(this.queue, (m) => {
      if (!m) return;
      let body: unknown;
      try {
        body = JSON.parse(m.content.toString('utf8'));
      } catch {
        body = m.content.toString('utf8');
      }
      this.messages.push({
        routingKey: m.fields.routingKey,
        messageId: m.properties.messageId,
        type: m.properties.type,
        body,
      });
      ch.ack(m);
    });
  }

  of(routingKey: string, predicate: (body: any) => boolean = () => true) {
    return this.messages.filter((m) => m.routingKey === routingKey && predicate(m.body));
  }

  async close(): Promise<void> {
    if (this.temporary) {
      const ch = await this.connection.createChannel();
      await ch.deleteQueue(this.queue).catch(() => undefined);
    }
    await this.connection.close().catch(() => undefined);
  }
}
