import { ROUTING_KEYS } from '@dvc/contracts';
import { DataSource } from 'typeorm';
import { EventBusServer, safeRmqOptions } from './event-bus.server';

describe('safeRmqOptions', () => {
  it('overrides every Nest RMQ default that loses messages', () => {
    const o = safeRmqOptions({ amqpUrl: 'amqp://x', namespace: 'ns', queue: 'dvc.processing', prefetch: 32 });
    expect(o.noAck).toBe(false); // Nest default: true (auto-ack loses in-flight messages on a crash)
    expect(o.persistent).toBe(true); // Nest default: false
    expect(o.prefetchCount).toBe(32); // Nest default: 0 = unlimited
    expect(o.queueOptions).toMatchObject({ durable: true, arguments: { 'x-queue-type': 'quorum' } });
    expect(o.exchangeType).toBe('topic');
    expect(o.wildcards).toBe(true);
    expect(o.queue).toBe('ns.dvc.processing');
    expect(o.exchange).toBe('ns.dvc.events');
  });
});

describe('EventBusServer start-up check', () => {
  it('fails before touching the broker when a subscribed routing key has no handler', async () => {
    const server = new EventBusServer({
      amqpUrl: 'amqp://127.0.0.1:1', // never contacted
      namespace: 'unit',
      consumer: 'payment',
      queue: 'dvc.payment',
      bindings: [ROUTING_KEYS.FEE_ASSESSED_V1],
      prefetch: 1,
      retryDelaysMs: [1000],
      maxRetries: 1,
      deliveryLimit: 5,
      dataSource: {} as DataSource,
      schema: 'payment',
      shutdownGraceMs: 0,
    });
    const err = await new Promise<unknown>((resolve) => void server.listen(resolve));
    expect(String(err)).toContain('payment consumes fee.assessed.v1 but has no @EventPattern handler for it');
  });
});
