import { DataSource } from 'typeorm';
import { namespaced, QUEUES } from '@dvc/contracts';
import { EventBusServer, OutboxRelay } from '@dvc/messaging';
import { INestApplication } from '@nestjs/common';
import { BrokerProbe } from '../../../tools/harness/broker-probe';
import * as bus from '../../../tools/harness/bus-fixture';
import { uniqueNamespace } from '../../../tools/harness/test-env.config';
import { sleep, waitFor } from '../../../tools/harness/wait';

describe('transactional outbox and relay (real PostgreSQL and RabbitMQ)', () => {
  let ds: DataSource;
  let schema: string;
  let namespace: string;
  let broker: BrokerProbe;
  const relays: OutboxRelay[] = [];
  const consumers: { app: INestApplication; server: EventBusServer }[] = [];

  beforeEach(async () => {
    ({ ds, schema } = await bus.createMessagingSchema());
    namespace = uniqueNamespace();
    broker = await BrokerProbe.open();
  });

  afterEach(async () => {
    await Promise.all(relays.splice(0).map((r) => r.stop()));
    await Promise.all(consumers.splice(0).map((c) => c.app.close()));
    await broker.deleteNamespace(namespace, ['processing'], bus.TEST_RETRY_DELAYS);
    await broker.close();
    await bus.dropMessagingSchema(ds, schema);
  });

  it('commits the business row and its event together, or neither', async () => {
    await bus.produce(ds, schema, [bus.withdrawnEvent(1)]);
    await expect(bus.produce(ds, schema, [bus.withdrawnEvent(2)], { failAfterWrite: true })).rejects.toThrow(
      'business rule failed',
    );

    const business = await ds.query(`SELECT count(*)::int AS n FROM "${schema}".business`);
    const outbox = await ds.query(`SELECT envelope->'data'->>'dossierCode' AS code FROM "${schema}".outbox`);
    expect(business[0].n).toBe(1);
    expect(outbox.map((r: { code: string }) => r.code)).toEqual(['T.EST-261128-000001']);
  });

  it('refuses to write an event outside a transaction', async () => {
    const { OutboxWriter } = await import('@dvc/messaging');
    await expect(new OutboxWriter(schema).add(ds.manager, bus.withdrawnEvent(1))).rejects.toThrow(
      /inside a transaction/,
    );
  });

  it('publishes persistent messages with messageId = event id and marks them sent only once confirmed', async () => {
    // The queue exists but nobody consumes it, so the messages can be inspected there.
    await broker.declareService(namespace, 'processing', ['dossier.withdrawn.v1'], bus.TEST_RETRY_DELAYS);
    const events = [bus.withdrawnEvent(1), bus.withdrawnEvent(2), bus.withdrawnEvent(3)];
    await bus.produce(ds, schema, events);
    relays.push(bus.startRelay(ds, schema, namespace));

    const queue = namespaced(QUEUES.processing, namespace);
    await waitFor('3 messages in the queue', async () => (await broker.messageCount(queue)) === 3);
    expect(await bus.unsentCount(ds, schema)).toBe(0);
    const messages = await broker.drain(queue);
    expect(messages.map((m) => m.properties.messageId).sort()).toEqual(events.map((e) => e.id).sort());
    for (const m of messages) {
      expect(m.properties.deliveryMode).toBe(2);
      expect(m.fields.routingKey).toBe('dossier.withdrawn.v1');
      const body = JSON.parse(m.content.toString('utf8'));
      expect(body.id).toBe(m.properties.messageId);
      expect(body.correlationId).toBe(body.data.dossierCode);
      expect(m.properties.correlationId).toBe(body.correlationId);
    }
  });

  it('keeps an unroutable event in the outbox with the reason, and still sends the others', async () => {
    consumers.push(await bus.startConsumer({ ds, schema, namespace }));
    const routed = bus.withdrawnEvent(1);
    const unroutable = {
      ...bus.withdrawnEvent(2),
      type: 'dossier.supplemented' as const,
      data: {
        dossierCode: 'T.EST-261128-000002',
        requestId: 'r1',
        documents: [],
        supplementedAt: new Date().toISOString(),
      },
    };
    await bus.produce(ds, schema, [routed, unroutable as never]);
    relays.push(bus.startRelay(ds, schema, namespace));

    await waitFor('the routed event consumed', async () => (await bus.countEffects(ds, schema)).total === 1);
    const [row] = await waitFor('the unroutable row marked', () =>
      ds
        .query(`SELECT sent_at, attempts, last_error FROM "${schema}".outbox WHERE id = $1 AND attempts > 0`, [
          unroutable.id,
        ])
        .then((r) => (r.length ? r : undefined)),
    );
    expect(row.sent_at).toBeNull();
    expect(row.last_error).toBe('unroutable: no queue is bound to dossier.supplemented.v1');
  });

  it('is woken by NOTIFY on commit rather than waiting for its next poll', async () => {
    consumers.push(await bus.startConsumer({ ds, schema, namespace }));
    // A poll interval far longer than the wait below: only NOTIFY can deliver in time.
    relays.push(bus.startRelay(ds, schema, namespace, { pollIntervalMs: 60_000 }));
    await waitFor('relay connected', () => relays[0].brokerConnected);
    await sleep(500); // let the relay go idle
    await bus.produce(ds, schema, [bus.withdrawnEvent(7)]);
    await waitFor('event consumed', async () => (await bus.countEffects(ds, schema)).total === 1, 15_000);
  });

  it('a relay crash between publish and mark-sent yields a duplicate that the inbox absorbs', async () => {
    consumers.push(await bus.startConsumer({ ds, schema, namespace }));
    const event = bus.withdrawnEvent(42);
    await bus.produce(ds, schema, [event]);
    let crashes = 0;
    relays.push(
      bus.startRelay(ds, schema, namespace, {
        afterPublish: () => {
          // The broker has confirmed; dying now leaves the row unsent (its transaction rolls back).
          if (crashes++ === 0) throw new Error('relay crashed after publish');
        },
      }),
    );

    await waitFor('row finally marked sent', async () => (await bus.unsentCount(ds, schema)) === 0);
    const { server } = consumers[0];
    await waitFor('both copies reached the consumer', () => server.stats.applied + server.stats.duplicates === 2);
    expect(crashes).toBe(2);
    expect(server.stats).toMatchObject({ applied: 1, duplicates: 1, parked: 0 });
    expect(await bus.countEffects(ds, schema)).toEqual({ total: 1, distinct: 1 });
  });
});
