import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Channel } from 'amqplib';
import { ServiceConfig } from '@dvc/config';
import { EXCHANGES, POSTAL_PARTNER, QUEUES, SERVICES, SUBSCRIPTIONS } from '@dvc/contracts';
import { declareServiceTopology } from '@dvc/messaging';
import { declarePartnerTopology } from '../../apps/postal-delivery/src';
import { buildRabbitDefinitions, RabbitDefinitions } from '../../tools/rabbitmq-definitions';
import { repoRoot } from '../../tools/repo-root';

const committed = (): RabbitDefinitions =>
  JSON.parse(readFileSync(join(repoRoot(), 'infra', 'rabbitmq', 'definitions.json'), 'utf8'));
const defaults = new (class extends ServiceConfig {})();
const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

/** A channel that only records what declareServiceTopology asserts. */
function recordingChannel() {
  const asserted = {
    exchanges: new Map<string, { type: string; durable?: boolean }>(),
    queues: [] as { name: string; durable?: boolean; arguments: unknown }[],
    bindings: [] as { source: string; destination: string; routing_key: string }[],
  };
  const channel = {
    assertExchange: async (name: string, type: string, options: { durable?: boolean }) => {
      asserted.exchanges.set(name, { type, durable: options.durable });
      return { exchange: name };
    },
    assertQueue: async (name: string, options: { durable?: boolean; arguments?: unknown }) => {
      asserted.queues.push({ name, durable: options.durable, arguments: options.arguments ?? {} });
      return { queue: name, messageCount: 0, consumerCount: 0 };
    },
    bindQueue: async (destination: string, source: string, routing_key: string) => {
      asserted.bindings.push({ source, destination, routing_key });
      return {};
    },
  };
  return { channel: channel as unknown as Channel, asserted };
}

describe('infra/rabbitmq/definitions.json', () => {
  it('is the output of tools/rabbitmq-definitions.ts (regenerate it if this fails)', () => {
    expect(committed()).toEqual(buildRabbitDefinitions());
  });

  it.each(SERVICES)('binds the %s queue to every key it subscribes to, with the default delivery limit', (service) => {
    const defs = committed();
    const queue = defs.queues.find((q) => q.name === QUEUES[service]);
    expect(queue?.arguments['x-delivery-limit']).toBe(defaults.BUS_DELIVERY_LIMIT);
    const keys = defs.bindings
      .filter((b) => b.source === EXCHANGES.EVENTS && b.destination === QUEUES[service])
      .map((b) => b.routing_key);
    expect(keys.sort()).toEqual([...SUBSCRIPTIONS[service]].sort());
  });

  it("declares exactly what the services assert at start-up (declareServiceTopology, and postal-delivery's partner topology)", async () => {
    const { channel, asserted } = recordingChannel();
    for (const service of SERVICES) {
      await declareServiceTopology(channel, {
        namespace: '',
        queue: QUEUES[service],
        bindings: SUBSCRIPTIONS[service],
        retryDelaysMs: defaults.BUS_RETRY_DELAYS_MS,
        deliveryLimit: defaults.BUS_DELIVERY_LIMIT,
      });
    }
    await declarePartnerTopology(channel, '', defaults.BUS_DELIVERY_LIMIT);
    const defs = buildRabbitDefinitions();

    expect(defs.exchanges.map(({ name, type, durable }) => [name, { type, durable }])).toEqual([...asserted.exchanges]);
    expect(
      defs.queues.map(({ name, durable, arguments: args }) => ({ name, durable, arguments: args })).sort(byName),
    ).toEqual([...asserted.queues].sort(byName));
    expect(defs.bindings.map(({ source, destination, routing_key }) => ({ source, destination, routing_key }))).toEqual(
      asserted.bindings,
    );
  });

  it('keeps the postal partner apart from the internal bus: its exchanges feed only its queues', () => {
    const defs = committed();
    const partnerExchanges = [POSTAL_PARTNER.FEED_EXCHANGE, POSTAL_PARTNER.REPORTS_EXCHANGE];
    expect(defs.exchanges.map((e) => e.name)).toEqual([EXCHANGES.EVENTS, ...partnerExchanges]);
    expect(defs.bindings.filter((b) => b.source === EXCHANGES.EVENTS).map((b) => b.destination)).not.toContain(
      POSTAL_PARTNER.FEED_QUEUE,
    );
    expect(
      new Set(defs.bindings.filter((b) => partnerExchanges.includes(b.source as never)).map((b) => b.destination)),
    ).toEqual(new Set([POSTAL_PARTNER.FEED_QUEUE, POSTAL_PARTNER.REPORTS_QUEUE]));
    expect(defs.users).toEqual([]);
    expect(defs.permissions).toEqual([]);
  });
});
