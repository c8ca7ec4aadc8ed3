import { randomUUID } from 'node:crypto';
import { ChannelModel, connect } from 'amqplib';
import { HEADERS, parkingQueueName, retryQueueName } from '@dvc/contracts';
import { QueueConsumer, QueueConsumerOptions, QueueDelivery, QueueHandler } from '@dvc/messaging';
import { BrokerProbe } from '../../../tools/harness/broker-probe';
import { testConfig, uniqueNamespace } from '../../../tools/harness/test-env.config';
import { sleep, waitFor } from '../../../tools/harness/wait';

const RETRY_DELAYS = [100, 200];

describe('queue consumer: bounded retries, parking, safe settling (real RabbitMQ)', () => {
  let queue: string;
  let broker: BrokerProbe;
  let publisher: ChannelModel;
  let consumer: QueueConsumer | undefined;
  /** Every delivery the handler saw, in order. */
  let seen: QueueDelivery['message'][];

  beforeEach(async () => {
    queue = `${uniqueNamespace()}.dvc.test.queue-consumer`;
    broker = await BrokerProbe.open();
    publisher = await connect(testConfig.AMQP_URL);
    seen = [];
  });

  afterEach(async () => {
    await consumer?.stop();
    consumer = undefined;
    const ch = await publisher.createChannel();
    for (const q of [queue, parkingQueueName(queue), ...RETRY_DELAYS.map((d) => retryQueueName(queue, d))])
      await ch.deleteQueue(q).catch(() => undefined);
    await publisher.close().catch(() => undefined);
    await broker.close();
  });

  async function start(handler: QueueHandler, options: Partial<QueueConsumerOptions> = {}): Promise<QueueConsumer> {
    consumer = new QueueConsumer(
      {
        name: 'queue-consumer-test',
        amqpUrl: testConfig.AMQP_URL,
        queue,
        prefetch: 4,
        deliveryLimit: 5,
        retryDelaysMs: RETRY_DELAYS,
        maxRetries: 2,
        ...options,
      },
      async (delivery) => {
        seen.push(delivery.message);
        await handler(delivery);
      },
    );
    consumer.start();
    await waitFor('consuming', () => consumer!.consuming);
    return consumer;
  }

  async function send(body: string, messageId = randomUUID()): Promise<string> {
    const ch = await publisher.createConfirmChannel();
    ch.sendToQueue(queue, Buffer.from(body), { persistent: true, messageId, headers: { 'x-origin': 'test' } });
    await ch.waitForConfirms();
    await ch.close();
    return messageId;
  }

  it('acknowledges a success once', async () => {
    const c = await start(async () => undefined);
    const id = await send('{"ok":true}');
    await waitFor('handled', () => c.stats.acked === 1);
    await sleep(500);
    expect(seen.map((m) => m.properties.messageId)).toEqual([id]);
    expect(c.stats).toEqual({ acked: 1, retried: 0, parked: 0 });
    expect(await broker.messageCount(queue)).toBe(0);
    expect(await broker.messageCount(parkingQueueName(queue))).toBe(0);
  });

  it('retries a failing handler through the delay tiers, then parks the original with the reason', async () => {
    const c = await start(async () => {
      throw Object.assign(new Error('downstream said no'), { code: 'TEST.FLAKY' });
    });
    const id = await send('{"n":1}');
    await waitFor('parked', async () => (await broker.messageCount(parkingQueueName(queue))) === 1);
    const [parked] = await broker.drain(parkingQueueName(queue));

    // The first delivery and maxRetries retries, each one carrying its attempt count.
    expect(seen.map((m) => m.properties.headers?.[HEADERS.ATTEMPT])).toEqual([undefined, 1, 2]);
    expect(seen.every((m) => m.properties.messageId === id)).toBe(true);
    expect(parked.content.toString()).toBe('{"n":1}');
    expect(parked.properties.messageId).toBe(id);
    expect(parked.properties.headers).toMatchObject({
      'x-origin': 'test',
      [HEADERS.ATTEMPT]: 2,
      [HEADERS.PARK_CODE]: 'HANDLER.RETRIES_EXHAUSTED',
      [HEADERS.PARK_REASON]: 'TEST.FLAKY: downstream said no',
      [HEADERS.PARKED_BY]: 'queue-consumer-test',
    });
    expect(c.stats).toEqual({ acked: 0, retried: 2, parked: 1 });
    expect(await broker.messageCount(queue)).toBe(0);
  });

  it('succeeds on a retry after failing, and is then acknowledged once', async () => {
    const c = await start(async () => {
      if (seen.length <= 2) throw new Error('not yet');
    });
    await send('{"n":2}');
    await waitFor('handled', () => c.stats.acked === 1);
    await sleep(500);
    expect(seen).toHaveLength(3);
    expect(c.stats).toEqual({ acked: 1, retried: 2, parked: 0 });
    expect(await broker.messageCount(parkingQueueName(queue))).toBe(0);
  });

  it('parks at once an error that says retrying cannot help', async () => {
    const c = await start(async () => {
      throw Object.assign(new Error('never valid'), { code: 'TEST.PERMANENT', retryable: false });
    });
    await send('{"n":3}');
    await waitFor('parked', async () => (await broker.messageCount(parkingQueueName(queue))) === 1);
    const [parked] = await broker.drain(parkingQueueName(queue));
    expect(parked.properties.headers?.[HEADERS.PARK_CODE]).toBe('TEST.PERMANENT');
    expect(seen).toHaveLength(1);
    expect(c.stats).toMatchObject({ retried: 0, parked: 1 });
  });

  it('survives its channel closing under a delivery: the broker redelivers it and it is handled then', async () => {
    let closed = false;
    const c = await start(async ({ send: reply }) => {
      if (closed) return;
      closed = true;
      // An invalid expiration makes the broker close the channel (PRECONDITION_FAILED): the
      // handler then succeeds on a channel that is gone, and its ack cannot reach the broker.
      await reply(queue, Buffer.from('never sent'), { expiration: 'soon' }).catch(() => undefined);
    });
    const id = await send('{"n":4}');
    await waitFor('redelivered and handled', () => c.stats.acked === 2 && seen.length === 2);
    await sleep(500);
    expect(seen.map((m) => [m.properties.messageId, m.fields.redelivered])).toEqual([
      [id, false],
      [id, true],
    ]);
    expect(await broker.messageCount(queue)).toBe(0);
    expect(await broker.messageCount(parkingQueueName(queue))).toBe(0);

    // The consumer took its channel back: a new message flows.
    await waitFor('consuming again', () => c.consuming);
    await send('{"n":5}');
    await waitFor('next message handled', () => c.stats.acked === 3);
  });
});
