import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { HEADERS, namespaced, parkingQueueName, QUEUES, ROUTING_KEYS } from '@dvc/contracts';
import { BrokerProbe } from '../../../tools/harness/broker-probe';
import {
  countEffects,
  createMessagingSchema,
  dropMessagingSchema,
  startConsumer,
  TEST_RETRY_DELAYS,
  withdrawnEvent,
} from '../../../tools/harness/bus-fixture';
import { uniqueNamespace } from '../../../tools/harness/test-env.config';
import { waitFor } from '../../../tools/harness/wait';

describe('event consumer: inbox, retries and parking (real PostgreSQL and RabbitMQ)', () => {
  let ds: DataSource;
  let schema: string;
  let namespace: string;
  let broker: BrokerProbe;
  let consumer: Awaited<ReturnType<typeof startConsumer>> | undefined;
  const queue = () => namespaced(QUEUES.processing, namespace);
  const json = (v: unknown) => Buffer.from(JSON.stringify(v), 'utf8');

  beforeEach(async () => {
    ({ ds, schema } = await createMessagingSchema());
    namespace = uniqueNamespace();
    broker = await BrokerProbe.open();
  });

  afterEach(async () => {
    await consumer?.app.close();
    consumer = undefined;
    await broker.deleteNamespace(namespace, ['processing'], TEST_RETRY_DELAYS);
    await broker.close();
    await dropMessagingSchema(ds, schema);
  });

  it('applies an event delivered 3 times exactly once, and acknowledges all 3', async () => {
    consumer = await startConsumer({ ds, schema, namespace });
    const event = withdrawnEvent(1);
    for (let i = 0; i < 3; i++)
      await broker.publishRaw(namespace, ROUTING_KEYS.DOSSIER_WITHDRAWN_V1, json(event), event.id);

    const server = consumer.server;
    await waitFor('3 deliveries handled', () => server.stats.applied + server.stats.duplicates === 3);
    expect(server.stats).toMatchObject({ applied: 1, duplicates: 2, retried: 0, parked: 0 });
    expect(await countEffects(ds, schema)).toEqual({ total: 1, distinct: 1 });
    const inbox = await ds.query(`SELECT consumer, event_type FROM "${schema}".inbox WHERE message_id = $1`, [
      event.id,
    ]);
    expect(inbox).toEqual([{ consumer: 'processing', event_type: 'dossier.withdrawn.v1' }]);
    expect(await broker.messageCount(queue())).toBe(0);
  });

  it('parks malformed messages with the reason in headers and keeps the good ones flowing', async () => {
    consumer = await startConsumer({ ds, schema, namespace });
    const good1 = withdrawnEvent(1);
    const good2 = withdrawnEvent(2);
    const unknownType = { ...withdrawnEvent(3), type: 'dossier.teleported' };
    const badPayload = {
      ...withdrawnEvent(4),
      data: { dossierCode: 'not a code', reason: '', withdrawnAt: 'yesterday' },
    };
    const rk = ROUTING_KEYS.DOSSIER_WITHDRAWN_V1;
    await broker.publishRaw(namespace, rk, json(good1), good1.id);
    await broker.publishRaw(namespace, rk, Buffer.from('{"id": not json', 'utf8'), randomUUID());
    await broker.publishRaw(namespace, rk, json(unknownType), unknownType.id);
    await broker.publishRaw(namespace, rk, json(badPayload), badPayload.id);
    await broker.publishRaw(namespace, rk, json(good2), good2.id);

    const parking = parkingQueueName(queue());
    await waitFor('3 parked', async () => (await broker.messageCount(parking)) === 3);
    await waitFor('2 applied', async () => (await countEffects(ds, schema)).total === 2);
    const parked = await broker.drain(parking);
    const byCode = Object.fromEntries(parked.map((m) => [m.properties.headers?.[HEADERS.PARK_CODE], m]));
    expect(Object.keys(byCode).sort()).toEqual(['EVENT.INVALID_PAYLOAD', 'EVENT.MALFORMED', 'EVENT.UNKNOWN_TYPE']);
    expect(byCode['EVENT.MALFORMED'].properties.headers?.[HEADERS.PARK_REASON]).toBe('body is not valid JSON');
    expect(byCode['EVENT.UNKNOWN_TYPE'].properties.headers?.[HEADERS.PARK_REASON]).toBe(
      'unknown event dossier.teleported v1',
    );
    expect(String(byCode['EVENT.INVALID_PAYLOAD'].properties.headers?.[HEADERS.PARK_REASON])).toMatch(
      /dossierCode must look like/,
    );
    for (const m of parked) expect(m.properties.headers?.[HEADERS.PARKED_BY]).toBe('processing');
    // The parked copy is the original message, byte for byte, for a human to inspect or replay.
    expect(byCode['EVENT.UNKNOWN_TYPE'].content.toString()).toBe(JSON.stringify(unknownType));
    expect(await broker.messageCount(queue())).toBe(0);
  });

  it('retries a throwing handler with backoff, then parks it; good messages are not held up', async () => {
    consumer = await startConsumer({ ds, schema, namespace, maxRetries: 2, prefetch: 1 });
    const failing = withdrawnEvent(1, 'throw');
    const rk = ROUTING_KEYS.DOSSIER_WITHDRAWN_V1;
    await broker.publishRaw(namespace, rk, json(failing), failing.id);
    const goods = [2, 3, 4, 5].map((n) => withdrawnEvent(n));
    for (const g of goods) await broker.publishRaw(namespace, rk, json(g), g.id);

    // With a prefetch of 1, the good messages can only get through if the failing one leaves
    // the window while it waits for its retry.
    await waitFor('the 4 good messages applied', async () => (await countEffects(ds, schema)).total === 4);
    const parking = parkingQueueName(queue());
    await waitFor('the failing message parked', async () => (await broker.messageCount(parking)) === 1);
    const [parked] = await broker.drain(parking);
    expect(parked.properties.messageId).toBe(failing.id);
    expect(parked.properties.headers?.[HEADERS.PARK_CODE]).toBe('HANDLER.RETRIES_EXHAUSTED');
    expect(parked.properties.headers?.[HEADERS.ATTEMPT]).toBe(2);
    expect(parked.properties.headers?.[HEADERS.PARK_REASON]).toBe('simulated transient failure');
    expect(consumer.server.stats).toMatchObject({ applied: 4, retried: 2, parked: 1 });
    // The failed attempts rolled back with their transaction: no effect, no inbox row.
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM "${schema}".inbox WHERE message_id = $1`, [
      failing.id,
    ]);
    expect(n).toBe(0);
    expect((await countEffects(ds, schema)).total).toBe(4);
  });

  it('parks at once when the handler says retrying cannot help', async () => {
    consumer = await startConsumer({ ds, schema, namespace, maxRetries: 5 });
    const event = withdrawnEvent(1, 'permanent');
    await broker.publishRaw(namespace, ROUTING_KEYS.DOSSIER_WITHDRAWN_V1, json(event), event.id);
    const parking = parkingQueueName(queue());
    await waitFor('parked', async () => (await broker.messageCount(parking)) === 1);
    const [parked] = await broker.drain(parking);
    expect(parked.properties.headers?.[HEADERS.PARK_CODE]).toBe('TEST.PERMANENT');
    expect(parked.properties.headers?.[HEADERS.PARK_REASON]).toBe('TEST.PERMANENT: simulated permanent failure');
    expect(consumer.server.stats.retried).toBe(0);
  });

  it('runs the application lifecycle hooks once although the consumer starts after the application', async () => {
    consumer = await startConsumer({ ds, schema, namespace });
    expect(consumer.hooks).toEqual({ moduleInit: 1, applicationBootstrap: 1 });
  });

  it('refuses to start when a subscribed event has no handler', async () => {
    await expect(
      startConsumer({
        ds,
        schema,
        namespace,
        bindings: [ROUTING_KEYS.DOSSIER_WITHDRAWN_V1, ROUTING_KEYS.FEE_ASSESSED_V1],
      }),
    ).rejects.toThrow('processing consumes fee.assessed.v1 but has no @EventPattern handler for it');
  });
});
