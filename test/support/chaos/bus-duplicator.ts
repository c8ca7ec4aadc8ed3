import { Channel, ChannelModel, connect } from 'amqplib';
import { EXCHANGES, namespaced } from '@dvc/contracts';

/**
 * Fault injection: a tap on the events exchange that publishes a copy of about `rate` of the
 * events again, with the same messageId and body, as a relay that crashed between publishing
 * and marking its row sent would. Every consumer must absorb the copy (inbox). Each event is
 * copied at most once (the copy comes back through the tap too). Survives broker restarts.
 */
export class BusDuplicator {
  private connection?: ChannelModel;
  private stopped = false;
  private readonly copied = new Set<string>();
  duplicated = 0;
  seen = 0;

  constructor(
    private readonly amqpUrl: string,
    private readonly namespace: string,
    private readonly rate = 0.05,
  ) {}

  async start(): Promise<void> {
    await this.connectOnce();
  }

  private async connectOnce(): Promise<void> {
    const conn = await connect(this.amqpUrl);
    this.connection = conn;
    conn.on('error', () => undefined);
    conn.on('close', () => {
      if (!this.stopped) void this.reconnect();
    });
    const ch: Channel = await conn.createChannel();
    const exchange = namespaced(EXCHANGES.EVENTS, this.namespace);
    await ch.assertExchange(exchange, 'topic', { durable: true });
    const { queue } = await ch.assertQueue('', { exclusive: true, autoDelete: true });
    await ch.bindQueue(queue, exchange, '#');
    await ch.consume(
      queue,
      (m) => {
        if (!m) return;
        const id = m.properties.messageId as string | undefined;
        this.seen++;
        if (id && !this.copied.has(id) && Math.random() < this.rate) {
          this.copied.add(id);
          this.duplicated++;
          ch.publish(exchange, m.fields.routingKey, m.content, {
            ...m.properties,
            persistent: true,
            headers: m.properties.headers ?? {},
          });
        }
      },
      { noAck: true },
    );
  }

  private async reconnect(): Promise<void> {
    while (!this.stopped) {
      await new Promise((r) => setTimeout(r, 1000));
      try {
        await this.connectOnce();
        return;
      } catch {
        // the broker is still down
      }
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.connection?.close().catch(() => undefined);
  }
}
