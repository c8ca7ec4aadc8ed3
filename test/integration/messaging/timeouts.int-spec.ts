import { randomUUID } from 'node:crypto';
import { ChannelModel, connect } from 'amqplib';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { HEADERS, namespaced, parkingQueueName, QUEUES, retryQueueName, ROUTING_KEYS } from '@dvc/contracts';
import { QueueConsumer, QueueConsumerOptions } from '@dvc/messaging';
import { BrokerProbe } from '../../../tools/harness/broker-probe';
import * as bus from '../../../tools/harness/bus-fixture';
import { testConfig, uniqueNamespace } from '../../../tools/harness/test-env.config';
import { sleep, waitFor } from '../../../tools/harness/wait';

/**
 * A handler that hangs (in JavaScript, in pg_sleep, behind a row lock) must not hold its delivery
 * nor its channel: it is given up after the handler timeout or its statement after the statement
 * timeout, retried through the tiers and parked, while the messages behind it are applied and
 * acknowledged.
 */
describe('event consumer: handler and statement timeouts (real PostgreSQL and RabbitMQ)', () => {
  let ds: DataSource;
  let schema: string;
  let namespace: string;
  let broker: BrokerProbe;
  let consumer: Awaited<ReturnType<typeof bus.startConsumer>> | undefined;
  let lockHolder: QueryRunner | undefined;
  const queue = () => namespaced(QUEUES.processing, namespace);
  const parking = () => parkingQueueName(queue());
  const json = (v: unknown) => Buffer.from(JSON.stringify(v), 'utf8');
  const rk = ROUTING_KEYS.DOSSIER_WITHDRAWN_V1;

  beforeEach(async () => {
    ({ ds, schema } = await bus.createMessagingSchema());
    namespace = uniqueNamespace();
    broker = await BrokerProbe.open();
  });

  afterEach(async () => {
    if (lockHolder) {
      await lockHolder.rollbackTransaction().catch(() => undefined);
      await lockHolder.release();
      lockHolder = undefined;
    }
    await consumer?.app.close();
    consumer = undefined;
    await broker.deleteNamespace(namespace, ['processing'], bus.TEST_RETRY_DELAYS);
    await broker.close();
    await bus.dropMessagingSchema(ds, schema);
  });

  async function publish(...events: ReturnType<typeof bus.withdrawnEvent>[]): Promise<void> {
    for (const e of events) await broker.publishRaw(namespace, rk, json(e), e.id);
  }

  async function effectsOf(eventId: string): Promise<number> {
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM "${schema}".effects WHERE event_id = $1`, [eventId]);
    return n;
  }

  async function inboxRowsOf(eventId: string): Promise<number> {
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM "${schema}".inbox WHERE message_id = $1`, [eventId]);
    return n;
  }

  /** Stops the consumer and counts what is left in its queue: a delivery never acknowledged comes back. */
  async function leftUnacknowledged(): Promise<number> {
    await consumer!.app.close();
    consumer = undefined;
    return broker.messageCount(queue());
  }

  it.each([1, 16])(
    'gives up a handler that never resolves (prefetch %i): retried, parked with HANDLER.TIMEOUT; the messages behind it are applied and acknowledged',
    async (prefetch) => {
      consumer = await bus.startConsumer({ ds, schema, namespace, prefetch, maxRetries: 2, handlerTimeoutMs: 700 });
      const hung = bus.withdrawnEvent(1, 'hang');
      const goods = [2, 3, 4, 5].map((n) => bus.withdrawnEvent(n));
      await publish(hung, ...goods);

      await waitFor('the 4 good messages applied', async () => (await bus.countEffects(ds, schema)).total === 4);
      await waitFor('the hung message parked', async () => (await broker.messageCount(parking())) === 1);
      const [parked] = await broker.drain(parking());
      expect(parked.properties.messageId).toBe(hung.id);
      expect(parked.properties.headers?.[HEADERS.PARK_CODE]).toBe('HANDLER.TIMEOUT');
      expect(parked.properties.headers?.[HEADERS.ATTEMPT]).toBe(2);
      expect(String(parked.properties.headers?.[HEADERS.PARK_REASON])).toMatch(/HANDLER\.TIMEOUT: .*700 ms/);
      expect(consumer.server.stats).toMatchObject({ applied: 4, retried: 2, parked: 1 });
      // Every attempt was rolled back: the effect it wrote before hanging and its inbox row are gone.
      expect(await effectsOf(hung.id)).toBe(0);
      expect(await inboxRowsOf(hung.id)).toBe(0);
      for (const g of goods) expect(await effectsOf(g.id)).toBe(1);

      // The channel still flows, and everything it got was acknowledged.
      const late = bus.withdrawnEvent(6);
      await publish(late);
      await waitFor('a later message applied', async () => (await effectsOf(late.id)) === 1);
      expect(await leftUnacknowledged()).toBe(0);
    },
  );

  it('gives up a handler waiting in pg_sleep: its statement is ended, it is parked with HANDLER.TIMEOUT, the others flow', async () => {
    // No statement timeout: only the handler timeout can end the wait.
    consumer = await bus.startConsumer({
      ds,
      schema,
      namespace,
      prefetch: 4,
      maxRetries: 1,
      handlerTimeoutMs: 700,
      statementTimeoutMs: 0,
    });
    const sleeping = bus.withdrawnEvent(1, 'sleep');
    const goods = [2, 3, 4].map((n) => bus.withdrawnEvent(n));
    await publish(sleeping, ...goods);

    await waitFor('the 3 good messages applied', async () => (await bus.countEffects(ds, schema)).total === 3);
    await waitFor('the sleeping message parked', async () => (await broker.messageCount(parking())) === 1);
    const [parked] = await broker.drain(parking());
    expect(parked.properties.messageId).toBe(sleeping.id);
    expect(parked.properties.headers?.[HEADERS.PARK_CODE]).toBe('HANDLER.TIMEOUT');
    expect(parked.properties.headers?.[HEADERS.ATTEMPT]).toBe(1);
    expect(await effectsOf(sleeping.id)).toBe(0);
    // No session is left sleeping in PostgreSQL on the consumer's behalf.
    await waitFor('no pg_sleep left running', async () => {
      const rows = await ds.query(
        `SELECT pid FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(3600)%' AND pid <> pg_backend_pid()`,
      );
      return rows.length === 0;
    });
    expect(await leftUnacknowledged()).toBe(0);
  });

  it('ends a statement blocked by a row lock with 57014 (statement timeout) and retries the delivery; the others flow', async () => {
    lockHolder = ds.createQueryRunner();
    await lockHolder.connect();
    await lockHolder.startTransaction();
    await lockHolder.query(`SELECT name FROM "${schema}".locks WHERE name = 'held' FOR UPDATE`);

    consumer = await bus.startConsumer({
      ds,
      schema,
      namespace,
      prefetch: 1,
      maxRetries: 2,
      handlerTimeoutMs: 30000,
      statementTimeoutMs: 300,
    });
    const blocked = bus.withdrawnEvent(1, 'lock');
    const goods = [2, 3, 4].map((n) => bus.withdrawnEvent(n));
    await publish(blocked, ...goods);

    await waitFor('the 3 good messages applied', async () => (await bus.countEffects(ds, schema)).total === 3);
    await waitFor('the blocked message parked', async () => (await broker.messageCount(parking())) === 1);
    const [parked] = await broker.drain(parking());
    expect(parked.properties.messageId).toBe(blocked.id);
    // Each attempt failed on PostgreSQL's statement timeout, counted as an attempt (not an outage).
    expect(parked.properties.headers?.[HEADERS.PARK_CODE]).toBe('HANDLER.RETRIES_EXHAUSTED');
    expect(parked.properties.headers?.[HEADERS.ATTEMPT]).toBe(2);
    expect(String(parked.properties.headers?.[HEADERS.PARK_REASON])).toMatch(
      /^57014: canceling statement due to statement timeout/,
    );
    expect(consumer.server.stats).toMatchObject({ applied: 3, retried: 2, parked: 1 });
    expect(await effectsOf(blocked.id)).toBe(0);
    expect(await leftUnacknowledged()).toBe(0);
  });

  it('retries a statement blocked by a lock until the lock is gone, then applies it once', async () => {
    lockHolder = ds.createQueryRunner();
    await lockHolder.connect();
    await lockHolder.startTransaction();
    await lockHolder.query(`SELECT name FROM "${schema}".locks WHERE name = 'held' FOR UPDATE`);

    consumer = await bus.startConsumer({ ds, schema, namespace, prefetch: 1, maxRetries: 20, statementTimeoutMs: 300 });
    const blocked = bus.withdrawnEvent(1, 'lock');
    await publish(blocked);
    await waitFor('a first retry', () => consumer!.server.stats.retried >= 1);
    await lockHolder.commitTransaction();
    await lockHolder.release();
    lockHolder = undefined;

    await waitFor('applied', async () => (await effectsOf(blocked.id)) === 1);
    expect(await broker.messageCount(parking())).toBe(0);
    expect(await leftUnacknowledged()).toBe(0);
  });

  it('lets a handler that finishes after its timeout neither commit nor acknowledge anything', async () => {
    consumer = await bus.startConsumer({ ds, schema, namespace, prefetch: 4, maxRetries: 1, handlerTimeoutMs: 300 });
    const late = bus.withdrawnEvent(1, 'late');
    const good = bus.withdrawnEvent(2);
    await publish(late, good);

    await waitFor('the late message parked', async () => (await broker.messageCount(parking())) === 1);
    await waitFor('the good message applied', async () => (await effectsOf(good.id)) === 1);
    // Let both late handlers finish what they were doing when they were given up.
    await sleep(bus.LATE_HANDLER_MS + 1000);
    const [parked] = await broker.drain(parking());
    expect(parked.properties.headers?.[HEADERS.PARK_CODE]).toBe('HANDLER.TIMEOUT');
    expect(await effectsOf(late.id)).toBe(0);
    expect(await inboxRowsOf(late.id)).toBe(0);
    expect(consumer.server.stats).toMatchObject({ applied: 1, retried: 1, parked: 1 });
    expect(await broker.messageCount(parking())).toBe(0);
    expect(await leftUnacknowledged()).toBe(0);
  });
});

describe('queue consumer: handler and statement timeouts (real PostgreSQL and RabbitMQ)', () => {
  const RETRY_DELAYS = [100, 200];
  let ds: DataSource;
  let schema: string;
  let queue: string;
  let replies: string;
  let broker: BrokerProbe;
  let publisher: ChannelModel;
  let consumer: QueueConsumer | undefined;
  let lockHolder: QueryRunner | undefined;
  const parking = () => parkingQueueName(queue);

  beforeEach(async () => {
    ({ ds, schema } = await bus.createMessagingSchema());
    queue = `${uniqueNamespace()}.dvc.test.queue-timeouts`;
    replies = `${queue}.replies`;
    broker = await BrokerProbe.open();
    publisher = await connect(testConfig.AMQP_URL);
    const ch = await publisher.createChannel();
    await ch.assertQueue(replies, { durable: true });
    await ch.close();
  });

  afterEach(async () => {
    if (lockHolder) {
      await lockHolder.rollbackTransaction().catch(() => undefined);
      await lockHolder.release();
      lockHolder = undefined;
    }
    await consumer?.stop();
    consumer = undefined;
    const ch = await publisher.createChannel();
    for (const q of [queue, replies, parking(), ...RETRY_DELAYS.map((d) => retryQueueName(queue, d))])
      await ch.deleteQueue(q).catch(() => undefined);
    await publisher.close().catch(() => undefined);
    await broker.close();
    await bus.dropMessagingSchema(ds, schema);
  });

  /** Bodies say what the handler does: {"n":…, "do":"ok"|"hang"|"sleep"|"lock"|"late"}. */
  async function start(options: Partial<QueueConsumerOptions> = {}): Promise<QueueConsumer> {
    consumer = new QueueConsumer(
      {
        name: 'queue-timeouts-test',
        amqpUrl: testConfig.AMQP_URL,
        queue,
        prefetch: 4,
        deliveryLimit: 5,
        retryDelaysMs: RETRY_DELAYS,
        maxRetries: 2,
        dataSource: ds,
        handlerTimeoutMs: 700,
        statementTimeoutMs: 0,
        ...options,
      },
      async (delivery) => {
        const body = JSON.parse(delivery.message.content.toString('utf8')) as { n: number; do: string };
        const effect = (m: EntityManager, tag = 'c1') =>
          m.query(`INSERT INTO "${schema}".effects (event_id, dossier_code, consumer_tag) VALUES ($1, $2, $3)`, [
            delivery.message.properties.messageId,
            String(body.n),
            tag,
          ]);
        if (body.do === 'hang') await new Promise<never>(() => undefined);
        if (body.do === 'late') {
          await new Promise((resolve) => setTimeout(resolve, bus.LATE_HANDLER_MS));
          await delivery.send(replies, Buffer.from('late answer'));
        }
        await delivery.transaction(async (m) => {
          await effect(m);
          if (body.do === 'sleep') await m.query('SELECT pg_sleep(3600)');
          if (body.do === 'lock') await m.query(`SELECT name FROM "${schema}".locks WHERE name = 'held' FOR UPDATE`);
          if (body.do === 'late-commit') {
            await new Promise((resolve) => setTimeout(resolve, bus.LATE_HANDLER_MS));
            await effect(m, 'c1:late');
          }
        });
        await delivery.send(replies, Buffer.from(String(body.n)));
      },
    );
    consumer.start();
    await waitFor('consuming', () => consumer!.consuming);
    return consumer;
  }

  async function send(n: number, what: string): Promise<string> {
    const messageId = randomUUID();
    const ch = await publisher.createConfirmChannel();
    ch.sendToQueue(queue, Buffer.from(JSON.stringify({ n, do: what })), { persistent: true, messageId });
    await ch.waitForConfirms();
    await ch.close();
    return messageId;
  }

  async function effectsOf(messageId: string): Promise<number> {
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM "${schema}".effects WHERE event_id = $1`, [
      messageId,
    ]);
    return n;
  }

  /** Stops the consumer and counts what is left in its queue: a delivery never acknowledged comes back. */
  async function leftUnacknowledged(): Promise<number> {
    await consumer!.stop();
    consumer = undefined;
    return broker.messageCount(queue);
  }

  it.each([1, 4])(
    'gives up a handler that never resolves (prefetch %i): retried, parked with HANDLER.TIMEOUT; the messages behind it are handled and acknowledged',
    async (prefetch) => {
      const c = await start({ prefetch });
      const hung = await send(1, 'hang');
      const goods = [];
      for (const n of [2, 3, 4]) goods.push(await send(n, 'ok'));

      await waitFor('the 3 good messages handled', () => c.stats.acked === 3);
      await waitFor('the hung message parked', async () => (await broker.messageCount(parking())) === 1);
      const [parked] = await broker.drain(parking());
      expect(parked.properties.messageId).toBe(hung);
      expect(parked.properties.headers?.[HEADERS.PARK_CODE]).toBe('HANDLER.TIMEOUT');
      expect(parked.properties.headers?.[HEADERS.ATTEMPT]).toBe(2);
      expect(c.stats).toEqual({ acked: 3, retried: 2, parked: 1 });
      for (const g of goods) expect(await effectsOf(g)).toBe(1);
      expect((await broker.drain(replies)).map((m) => m.content.toString()).sort()).toEqual(['2', '3', '4']);
      expect(await leftUnacknowledged()).toBe(0);
    },
  );

  it('ends the transaction of a handler waiting in pg_sleep when it is given up; it is parked with HANDLER.TIMEOUT', async () => {
    const c = await start({ maxRetries: 1 });
    const sleeping = await send(1, 'sleep');
    const good = await send(2, 'ok');
    await waitFor('the good message handled', () => c.stats.acked === 1);
    await waitFor('the sleeping message parked', async () => (await broker.messageCount(parking())) === 1);
    const [parked] = await broker.drain(parking());
    expect(parked.properties.messageId).toBe(sleeping);
    expect(parked.properties.headers?.[HEADERS.PARK_CODE]).toBe('HANDLER.TIMEOUT');
    expect(await effectsOf(sleeping)).toBe(0);
    expect(await effectsOf(good)).toBe(1);
    await waitFor('no pg_sleep left running', async () => {
      const rows = await ds.query(
        `SELECT pid FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(3600)%' AND pid <> pg_backend_pid()`,
      );
      return rows.length === 0;
    });
    expect(await leftUnacknowledged()).toBe(0);
  });

  it('ends a statement blocked by a row lock with 57014 and retries the delivery; the others flow', async () => {
    lockHolder = ds.createQueryRunner();
    await lockHolder.connect();
    await lockHolder.startTransaction();
    await lockHolder.query(`SELECT name FROM "${schema}".locks WHERE name = 'held' FOR UPDATE`);
    const c = await start({ prefetch: 1, handlerTimeoutMs: 30000, statementTimeoutMs: 300 });
    const blocked = await send(1, 'lock');
    const good = await send(2, 'ok');

    await waitFor('the good message handled', () => c.stats.acked === 1);
    await waitFor('the blocked message parked', async () => (await broker.messageCount(parking())) === 1);
    const [parked] = await broker.drain(parking());
    expect(parked.properties.messageId).toBe(blocked);
    expect(parked.properties.headers?.[HEADERS.PARK_CODE]).toBe('HANDLER.RETRIES_EXHAUSTED');
    expect(parked.properties.headers?.[HEADERS.ATTEMPT]).toBe(2);
    expect(String(parked.properties.headers?.[HEADERS.PARK_REASON])).toMatch(
      /^57014: canceling statement due to statement timeout/,
    );
    expect(c.stats).toEqual({ acked: 1, retried: 2, parked: 1 });
    expect(await effectsOf(blocked)).toBe(0);
    expect(await effectsOf(good)).toBe(1);
    expect(await leftUnacknowledged()).toBe(0);
  });

  it('lets a handler that finishes after its timeout neither send, commit nor acknowledge anything', async () => {
    const c = await start({ maxRetries: 1, handlerTimeoutMs: 300 });
    const lateSend = await send(1, 'late');
    const lateCommit = await send(2, 'late-commit');
    await waitFor('both parked', async () => (await broker.messageCount(parking())) === 2);
    // Let the late handlers finish what they were doing when they were given up.
    await sleep(bus.LATE_HANDLER_MS + 1000);
    const parked = await broker.drain(parking());
    expect(parked.map((m) => m.properties.messageId).sort()).toEqual([lateSend, lateCommit].sort());
    expect(parked.map((m) => m.properties.headers?.[HEADERS.PARK_CODE])).toEqual([
      'HANDLER.TIMEOUT',
      'HANDLER.TIMEOUT',
    ]);
    expect(await broker.messageCount(replies)).toBe(0);
    expect(await effectsOf(lateSend)).toBe(0);
    expect(await effectsOf(lateCommit)).toBe(0);
    expect(c.stats).toEqual({ acked: 0, retried: 2, parked: 2 });
    expect(await leftUnacknowledged()).toBe(0);
  });
});
