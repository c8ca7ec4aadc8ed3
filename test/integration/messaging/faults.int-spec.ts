import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { namespaced, QUEUES } from '@dvc/contracts';
import { EventBusServer, OutboxRelay } from '@dvc/messaging';
import { BrokerProbe } from '../../../tools/harness/broker-probe';
import { startBroker, stopBroker } from '../../support/faults';
import * as bus from '../../../tools/harness/bus-fixture';
import { uniqueNamespace } from '../../../tools/harness/test-env.config';
import { sleep, waitFor } from '../../../tools/harness/wait';

/** Commits `total` events in transactions of `perTx`, pausing between them: a steady stream. */
async function stream(
  ds: DataSource,
  schema: string,
  total: number,
  perTx: number,
  pauseMs: number,
  onProgress?: (n: number) => void,
) {
  for (let n = 0; n < total; n += perTx) {
    const batch = Array.from({ length: Math.min(perTx, total - n) }, (_, i) => bus.withdrawnEvent(n + i + 1));
    await bus.produce(ds, schema, batch);
    onProgress?.(n + batch.length);
    if (pauseMs) await sleep(pauseMs);
  }
}

describe('faults: broker restart, competing relays and consumers (real PostgreSQL and RabbitMQ)', () => {
  let ds: DataSource;
  let schema: string;
  let namespace: string;
  let broker: BrokerProbe | undefined;
  const relays: OutboxRelay[] = [];
  const consumers: { app: INestApplication; server: EventBusServer }[] = [];

  beforeEach(async () => {
    ({ ds, schema } = await bus.createMessagingSchema());
    namespace = uniqueNamespace();
  });

  afterEach(async () => {
    await Promise.all(relays.splice(0).map((r) => r.stop()));
    await Promise.all(consumers.splice(0).map((c) => c.app.close()));
    broker = await BrokerProbe.open();
    await broker.deleteNamespace(namespace, ['processing'], bus.TEST_RETRY_DELAYS);
    await broker.close();
    await bus.dropMessagingSchema(ds, schema);
  });

  it('loses nothing and applies nothing twice when RabbitMQ stops and starts while 1,000 events flow', async () => {
    consumers.push(await bus.startConsumer({ ds, schema, namespace, prefetch: 16 }));
    relays.push(bus.startRelay(ds, schema, namespace));

    let produced = 0;
    const producing = stream(ds, schema, 1000, 10, 15, (n) => (produced = n));
    await waitFor(
      'a first part of the stream consumed',
      async () => (await bus.countEffects(ds, schema)).total >= 150,
      60_000,
    );

    await stopBroker();
    try {
      const producedWhileDown = produced;
      await sleep(2000);
      // The producers' transactions do not depend on the broker: rows pile up in the outbox.
      expect(produced).toBeGreaterThan(producedWhileDown);
      expect(relays[0].brokerConnected).toBe(false);
    } finally {
      await startBroker();
    }
    await producing;

    await waitFor(
      'all 1,000 events applied',
      async () => (await bus.countEffects(ds, schema)).distinct === 1000,
      120_000,
      250,
    );
    await waitFor('outbox drained', async () => (await bus.unsentCount(ds, schema)) === 0, 60_000);
    broker = await BrokerProbe.open();
    await waitFor(
      'queue empty',
      async () => (await broker!.messageCount(namespaced(QUEUES.processing, namespace))) === 0,
      60_000,
    );
    await broker.close();
    expect(await bus.countEffects(ds, schema)).toEqual({ total: 1000, distinct: 1000 });
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM "${schema}".inbox`);
    expect(n).toBe(1000);
    expect(consumers[0].server.stats.parked).toBe(0);
  });

  it('two relays and two consumers of one service share the work: no loss, no double effect', async () => {
    await stream(ds, schema, 2000, 50, 0); // a backlog both relays start on at once
    consumers.push(await bus.startConsumer({ ds, schema, namespace, name: 'c1' }));
    consumers.push(await bus.startConsumer({ ds, schema, namespace, name: 'c2' }));
    relays.push(bus.startRelay(ds, schema, namespace, { name: 'relay-1', batchSize: 50 }));
    relays.push(bus.startRelay(ds, schema, namespace, { name: 'relay-2', batchSize: 50 }));
    const producing = stream(ds, schema, 500, 5, 5); // and a live stream on top

    await producing;
    await waitFor(
      '2,500 events applied',
      async () => (await bus.countEffects(ds, schema)).distinct === 2500,
      120_000,
      250,
    );
    await waitFor('outbox drained', async () => (await bus.unsentCount(ds, schema)) === 0);

    // Every row was published once: no consumer saw a duplicate.
    const [c1, c2] = consumers.map((c) => c.server.stats);
    expect(c1.applied + c2.applied).toBe(2500);
    expect(c1.duplicates + c2.duplicates).toBe(0);
    expect(relays[0].stats.published + relays[1].stats.published).toBe(2500);
    // Both relays and both consumers took part.
    expect(relays[0].stats.published).toBeGreaterThan(0);
    expect(relays[1].stats.published).toBeGreaterThan(0);
    expect(c1.applied).toBeGreaterThan(0);
    expect(c2.applied).toBeGreaterThan(0);
    // The effects table has no unique key: the equality below is the exactly-once check.
    expect(await bus.countEffects(ds, schema)).toEqual({ total: 2500, distinct: 2500 });
    const perConsumer = await ds.query(
      `SELECT consumer_tag, count(*)::int AS n FROM "${schema}".effects GROUP BY 1 ORDER BY 1`,
    );
    expect(perConsumer.map((r: { consumer_tag: string }) => r.consumer_tag)).toEqual(['c1', 'c2']);
  });
});
