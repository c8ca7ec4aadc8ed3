import type { Channel } from 'amqplib';
import {
  namespaced,
  parkingQueueName,
  POSTAL_PARTNER,
  POSTAL_PARTNER_FEED_BINDINGS,
  POSTAL_PARTNER_ROUTING_KEYS,
} from '@dvc/contracts';

export interface PartnerTopologyNames {
  feedExchange: string;
  feedQueue: string;
  reportsExchange: string;
  reportsQueue: string;
  reportsParking: string;
}

export function partnerTopologyNames(namespace: string): PartnerTopologyNames {
  const reportsQueue = namespaced(POSTAL_PARTNER.REPORTS_QUEUE, namespace);
  return {
    feedExchange: namespaced(POSTAL_PARTNER.FEED_EXCHANGE, namespace),
    feedQueue: namespaced(POSTAL_PARTNER.FEED_QUEUE, namespace),
    reportsExchange: namespaced(POSTAL_PARTNER.REPORTS_EXCHANGE, namespace),
    reportsQueue,
    reportsParking: parkingQueueName(reportsQueue),
  };
}

/**
 * The partner's side of the broker, declared by postal-delivery at every connect (idempotent, the
 * same arguments as infra/rabbitmq/definitions.json): the feed exchange and the partner's durable
 * feed queue, the reports exchange the partner writes to and our queue behind it. The partner's
 * broker user gets no configure permission, so it can declare nothing itself.
 */
export async function declarePartnerTopology(
  channel: Channel,
  namespace: string,
  deliveryLimit: number,
): Promise<PartnerTopologyNames> {
  const n = partnerTopologyNames(namespace);
  await channel.assertExchange(n.feedExchange, 'topic', { durable: true });
  await channel.assertQueue(n.feedQueue, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
  for (const key of POSTAL_PARTNER_FEED_BINDINGS) await channel.bindQueue(n.feedQueue, n.feedExchange, key);
  await channel.assertExchange(n.reportsExchange, 'topic', { durable: true });
  await channel.assertQueue(n.reportsParking, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
  await channel.assertQueue(n.reportsQueue, {
    durable: true,
    arguments: {
      'x-queue-type': 'quorum',
      'x-delivery-limit': deliveryLimit,
      'x-dead-letter-exchange': '',
      'x-dead-letter-routing-key': n.reportsParking,
    },
  });
  await channel.bindQueue(n.reportsQueue, n.reportsExchange, POSTAL_PARTNER_ROUTING_KEYS.STATUS_REPORTED_V1);
  return n;
}
