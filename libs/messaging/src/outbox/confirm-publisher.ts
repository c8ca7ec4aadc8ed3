import { Logger } from '@nestjs/common';
import { ChannelModel, ConfirmChannel, connect } from 'amqplib';
import { once } from 'node:events';
import { namespaced } from '@dvc/contracts';
import { declareEventsExchange } from '../topology/declare-topology';

export interface OutgoingMessage {
  id: string;
  /** Logical exchange name (contracts); namespaced at publish time. */
  exchange: string;
  routingKey: string;
  body: Buffer;
  type: string;
  correlationId: string;
}

/** confirmed: the broker took it and routed it; unroutable: no queue is bound for it. */
export type PublishOutcome = 'confirmed' | 'unroutable';

/**
 * Publishes with amqplib on a confirm channel: persistent, mandatory, messageId = event id.
 * Nest's client is not used here because it sets no `mandatory`, so an event nobody is bound
 * to would vanish silently; here it comes back (basic.return) and is reported as unroutable.
 * The connection is reopened on demand after the broker goes away.
 */
export class ConfirmPublisher {
  private readonly logger = new Logger(ConfirmPublisher.name);
  private connection?: ChannelModel;
  private channel?: ConfirmChannel;
  private opening?: Promise<ConfirmChannel>;
  private readonly returned = new Set<string>();

  constructor(
    private readonly url: string,
    private readonly namespace: string,
    private readonly connectionName: string,
  ) {}

  get connected(): boolean {
    return this.channel !== undefined;
  }

  ensureChannel(): Promise<ConfirmChannel> {
    if (this.channel) return Promise.resolve(this.channel);
    this.opening ??= this.open().finally(() => (this.opening = undefined));
    return this.opening;
  }

  private async open(): Promise<ConfirmChannel> {
    const connection = await connect(this.url, { clientProperties: { connection_name: this.connectionName } });
    connection.on('error', (err: Error) => this.logger.warn({ msg: 'broker connection error', error: err.message }));
    connection.on('close', () => {
      if (this.connection === connection) {
        this.connection = undefined;
        this.channel = undefined;
        this.logger.warn('broker connection closed; outbox rows wait in Postgres until it is back');
      }
    });
    try {
      const channel = await connection.createConfirmChannel();
      channel.on('error', (err: Error) => this.logger.warn({ msg: 'publish channel error', error: err.message }));
      channel.on('close', () => {
        if (this.channel === channel) this.channel = undefined;
      });
      // The broker sends basic.return before the confirm of the same message, so the id is
      // in this set by the time its confirm callback runs.
      channel.on('return', (msg: { properties: { messageId?: string } }) => {
        if (msg.properties.messageId) this.returned.add(msg.properties.messageId);
      });
      await declareEventsExchange(channel, this.namespace);
      this.connection = connection;
      this.channel = channel;
      return channel;
    } catch (err) {
      await connection.close().catch(() => undefined);
      throw err;
    }
  }

  /**
   * Publishes every message and waits for all confirms. Rejects if any message is nacked or
   * the channel closes first: the caller then leaves every row unsent and tries again later
   * (a message that did reach the broker is then sent twice, which the consumer's inbox absorbs).
   */
  async publishBatch(messages: OutgoingMessage[]): Promise<Map<string, PublishOutcome>> {
    const channel = await this.ensureChannel();
    const confirms: Promise<[string, PublishOutcome]>[] = [];
    for (const m of messages) {
      let flowing = true;
      confirms.push(
        new Promise((resolve, reject) => {
          flowing = channel.publish(
            namespaced(m.exchange, this.namespace),
            m.routingKey,
            m.body,
            {
              persistent: true,
              mandatory: true,
              messageId: m.id,
              type: m.type,
              correlationId: m.correlationId,
              contentType: 'application/json',
              contentEncoding: 'utf-8',
              timestamp: Math.floor(Date.now() / 1000),
            },
            (err: unknown) => {
              if (err) return reject(err instanceof Error ? err : new Error(`broker did not confirm ${m.id}`));
              resolve([m.id, this.returned.delete(m.id) ? 'unroutable' : 'confirmed']);
            },
          );
        }),
      );
      // Respect the socket's back-pressure instead of buffering a whole batch in memory.
      if (!flowing) await once(channel, 'drain');
    }
    return new Map(await Promise.all(confirms));
  }

  async close(): Promise<void> {
    const connection = this.connection;
    this.connection = undefined;
    this.channel = undefined;
    await connection?.close().catch(() => undefined);
  }
}
