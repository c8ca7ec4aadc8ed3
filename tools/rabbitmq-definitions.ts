/**
 * Prints the RabbitMQ definitions of the platform's bus (empty BUS_NAMESPACE), built from the
 * constants the services use. Why: an operator can pre-create the topology before any service
 * runs (rabbitmqctl import_definitions, or at boot via infra/rabbitmq/rabbitmq.conf), and the
 * broker then holds exactly what each service asserts at start-up (declareServiceTopology): a
 * queue with other arguments would make that service fail with PRECONDITION_FAILED.
 * tools/rabbitmq-definitions.spec.ts keeps infra/rabbitmq/definitions.json equal to this output.
 *
 * Regenerate: npm run build && node dist/tools/rabbitmq-definitions.js > infra/rabbitmq/definitions.json
 *
 * No users or permissions: credentials are the deployment's own and do not belong in a
 * committed file (docker-compose.yml adds a demo user beside this file).
 */
import { ServiceConfig } from '@dvc/config';
import {
  EXCHANGES,
  POSTAL_PARTNER,
  POSTAL_PARTNER_FEED_BINDINGS,
  POSTAL_PARTNER_ROUTING_KEYS,
  QUEUES,
  SERVICES,
  SUBSCRIPTIONS,
  parkingQueueName,
  retryQueueName,
} from '@dvc/contracts';

/** The broker the file is written for (docker-compose.yml's image). */
const RABBIT_VERSION = '3.10.0';
const VHOST = '/';

/**
 * BUS_RETRY_DELAYS_MS and BUS_DELIVERY_LIMIT as every service defaults them. A deployment that
 * overrides either must regenerate its definitions with the same values.
 */
class BusDefaults extends ServiceConfig {}

type Arguments = Record<string, string | number>;

export interface RabbitQueue {
  name: string;
  vhost: string;
  durable: boolean;
  auto_delete: boolean;
  arguments: Arguments;
}

export interface RabbitDefinitions {
  rabbit_version: string;
  users: unknown[];
  vhosts: { name: string }[];
  permissions: unknown[];
  exchanges: {
    name: string;
    vhost: string;
    type: string;
    durable: boolean;
    auto_delete: boolean;
    internal: boolean;
    arguments: Arguments;
  }[];
  queues: RabbitQueue[];
  bindings: {
    source: string;
    vhost: string;
    destination: string;
    destination_type: 'queue';
    routing_key: string;
    arguments: Arguments;
  }[];
}

const queue = (name: string, args: Arguments): RabbitQueue => ({
  name,
  vhost: VHOST,
  durable: true,
  auto_delete: false,
  arguments: args,
});

export function buildRabbitDefinitions(): RabbitDefinitions {
  const { BUS_RETRY_DELAYS_MS, BUS_DELIVERY_LIMIT } = new BusDefaults();
  const exchange = EXCHANGES.EVENTS;

  // Same queues and arguments as declareServiceTopology, service by service.
  const queues = SERVICES.flatMap((service) => {
    const main = QUEUES[service];
    const parking = parkingQueueName(main);
    return [
      queue(parking, { 'x-queue-type': 'quorum' }),
      queue(main, {
        'x-queue-type': 'quorum',
        'x-delivery-limit': BUS_DELIVERY_LIMIT,
        'x-dead-letter-exchange': '',
        'x-dead-letter-routing-key': parking,
      }),
      ...[...new Set(BUS_RETRY_DELAYS_MS)].map((delay) =>
        queue(retryQueueName(main, delay), {
          'x-message-ttl': delay,
          'x-dead-letter-exchange': '',
          'x-dead-letter-routing-key': main,
        }),
      ),
    ];
  });

  const bindings: RabbitDefinitions['bindings'] = SERVICES.flatMap((service) =>
    SUBSCRIPTIONS[service].map((key) => ({
      source: exchange,
      vhost: VHOST,
      destination: QUEUES[service],
      destination_type: 'queue' as const,
      routing_key: key,
      arguments: {},
    })),
  );

  // The postal partner's own exchanges and queues, as postal-delivery declares them
  // (declarePartnerTopology): never bound to dvc.events. Its broker user and permissions come
  // from infra/rabbitmq/postal-partner-user.sh, not from this file.
  const reportsParking = parkingQueueName(POSTAL_PARTNER.REPORTS_QUEUE);
  const partnerExchanges = [POSTAL_PARTNER.FEED_EXCHANGE, POSTAL_PARTNER.REPORTS_EXCHANGE];
  queues.push(
    queue(POSTAL_PARTNER.FEED_QUEUE, { 'x-queue-type': 'quorum' }),
    queue(reportsParking, { 'x-queue-type': 'quorum' }),
    queue(POSTAL_PARTNER.REPORTS_QUEUE, {
      'x-queue-type': 'quorum',
      'x-delivery-limit': BUS_DELIVERY_LIMIT,
      'x-dead-letter-exchange': '',
      'x-dead-letter-routing-key': reportsParking,
    }),
  );
  const binding = (source: string, destination: string, routing_key: string) => ({
    source,
    vhost: VHOST,
    destination,
    destination_type: 'queue' as const,
    routing_key,
    arguments: {},
  });
  bindings.push(
    ...POSTAL_PARTNER_FEED_BINDINGS.map((key) => binding(POSTAL_PARTNER.FEED_EXCHANGE, POSTAL_PARTNER.FEED_QUEUE, key)),
    binding(
      POSTAL_PARTNER.REPORTS_EXCHANGE,
      POSTAL_PARTNER.REPORTS_QUEUE,
      POSTAL_PARTNER_ROUTING_KEYS.STATUS_REPORTED_V1,
    ),
  );

  return {
    rabbit_version: RABBIT_VERSION,
    users: [],
    vhosts: [{ name: VHOST }],
    permissions: [],
    exchanges: [exchange, ...partnerExchanges].map((name) => ({
      name,
      vhost: VHOST,
      type: 'topic',
      durable: true,
      auto_delete: false,
      internal: false,
      arguments: {},
    })),
    queues,
    bindings,
  };
}

if (require.main === module) {
  process.stdout.write(`${JSON.stringify(buildRabbitDefinitions(), null, 2)}\n`);
}
