import type { Channel } from 'amqplib';
import { EXCHANGES, namespaced, parkingQueueName, retryQueueName } from '@dvc/contracts';

export interface ServiceTopology {
  namespace: string;
  /** Logical queue name from contracts (QUEUES[service]); namespaced here. */
  queue: string;
  /** Routing keys (topic patterns allowed) the queue is bound to. */
  bindings: readonly string[];
  retryDelaysMs: readonly number[];
  deliveryLimit: number;
}

export interface DeclaredTopology {
  exchange: string;
  queue: string;
  parkingQueue: string;
  retryQueues: string[];
}

/** The events exchange: durable topic exchange every service publishes to. */
export async function declareEventsExchange(channel: Channel, namespace: string): Promise<string> {
  const exchange = namespaced(EXCHANGES.EVENTS, namespace);
  await channel.assertExchange(exchange, 'topic', { durable: true });
  return exchange;
}

/**
 * Declares one service's part of the bus. Every call is idempotent (assert* with the same
 * arguments), so each replica runs it on every (re)connect and the broker converges.
 *
 * - main queue: durable quorum queue bound to the service's routing keys; a consumer that
 *   crashes on a message again and again (delivery-limit) dead-letters it to parking;
 * - retry tiers: one queue per delay (a per-queue TTL, never per-message, so a long delay
 *   never holds up a short one); expired messages dead-letter straight back to the main queue;
 * - parking queue: poison messages wait there, with the reason in headers, for a human.
 */
export async function declareServiceTopology(channel: Channel, t: ServiceTopology): Promise<DeclaredTopology> {
  const exchange = await declareEventsExchange(channel, t.namespace);
  const declared = await declareConsumedQueue(channel, {
    queue: namespaced(t.queue, t.namespace),
    retryDelaysMs: t.retryDelaysMs,
    deliveryLimit: t.deliveryLimit,
  });
  for (const key of t.bindings) await channel.bindQueue(declared.queue, exchange, key);
  return { exchange, ...declared };
}

export interface ConsumedQueue {
  /** Full queue name (already namespaced). */
  queue: string;
  retryDelaysMs: readonly number[];
  deliveryLimit: number;
}

/**
 * A consumed queue with its parking queue and one retry tier per delay (see
 * declareServiceTopology), bound to nothing: the caller binds it or sends to it directly.
 */
export async function declareConsumedQueue(
  channel: Channel,
  q: ConsumedQueue,
): Promise<Omit<DeclaredTopology, 'exchange'>> {
  const { queue } = q;
  const parkingQueue = parkingQueueName(queue);
  await channel.assertQueue(parkingQueue, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
  await channel.assertQueue(queue, {
    durable: true,
    arguments: {
      'x-queue-type': 'quorum',
      'x-delivery-limit': q.deliveryLimit,
      'x-dead-letter-exchange': '',
      'x-dead-letter-routing-key': parkingQueue,
    },
  });
  const retryQueues: string[] = [];
  for (const delay of new Set(q.retryDelaysMs)) {
    const name = retryQueueName(queue, delay);
    await channel.assertQueue(name, {
      durable: true,
      arguments: {
        'x-message-ttl': delay,
        'x-dead-letter-exchange': '',
        'x-dead-letter-routing-key': queue,
      },
    });
    retryQueues.push(name);
  }
  return { queue, parkingQueue, retryQueues };
}
