import { Channel, ChannelModel, connect } from 'amqplib';
import { once } from 'node:events';
import {
  EXCHANGES,
  namespaced,
  POSTAL_PARTNER,
  POSTAL_PARTNER_ROUTING_KEYS,
  QUEUES,
  ROUTING_KEYS,
  SUBSCRIPTIONS,
} from '@dvc/contracts';
import { declarePartnerTopology } from '../../../apps/postal-delivery/src';
import { BrokerProbe } from '../../../tools/harness/broker-probe';
import { createPartnerUser, deletePartnerUser } from '../../../tools/partner-simulator.process';
import { testConfig, uniqueNamespace } from '../../../tools/harness/test-env.config';
import { waitFor } from '../../../tools/harness/wait';

const RETRY = [200];

/**
 * The partner's broker user, made by infra/rabbitmq/postal-partner-user.sh with rabbitmqctl,
 * checked against the real broker: it reads its feed and writes its reports, and nothing else.
 */
describe('postal partner broker user (real RabbitMQ, real rabbitmqctl)', () => {
  const namespace = uniqueNamespace('pu');
  const n = (name: string) => namespaced(name, namespace);
  let probe: BrokerProbe;
  let admin: ChannelModel;
  let partner: ChannelModel;
  let user: string;

  beforeAll(async () => {
    probe = await BrokerProbe.open();
    // The internal bus and the partner's side, as the services declare them.
    await probe.declareService(namespace, 'postal-delivery', SUBSCRIPTIONS['postal-delivery'], RETRY);
    await probe.declareService(namespace, 'processing', SUBSCRIPTIONS.processing, RETRY);
    admin = await connect(testConfig.AMQP_URL);
    const ch = await admin.createConfirmChannel();
    await declarePartnerTopology(ch, namespace, 10);
    ch.publish(
      n(POSTAL_PARTNER.FEED_EXCHANGE),
      POSTAL_PARTNER_ROUTING_KEYS.DELIVERY_REQUESTED_V1,
      Buffer.from('{"type":"delivery.requested"}'),
      { persistent: true },
    );
    ch.publish(n(EXCHANGES.EVENTS), ROUTING_KEYS.RESULT_ISSUED_V1, Buffer.from('{"internal":true}'), {
      persistent: true,
    });
    await ch.waitForConfirms();
    await ch.close();
    const created = await createPartnerUser(namespace, testConfig);
    user = created.user;
    partner = await connect(created.amqpUrl);
    partner.on('error', () => undefined);
  });

  afterAll(async () => {
    await partner?.close().catch(() => undefined);
    await admin?.close().catch(() => undefined);
    await deletePartnerUser(user, testConfig);
    await probe.deleteNamespace(namespace, ['postal-delivery', 'processing'], RETRY);
    await probe.close();
  });

  /** Runs `op` on a fresh channel of the partner's connection and expects the broker to refuse it. */
  async function refused(op: (ch: Channel) => Promise<unknown> | void): Promise<string> {
    const ch = await partner.createChannel();
    const closed = once(ch, 'error').then(([err]) => (err as Error).message);
    const result = Promise.resolve()
      .then(() => op(ch))
      .then(
        () => 'allowed',
        (err: Error) => err.message,
      );
    const message = await Promise.race([closed, result.then((r) => (r === 'allowed' ? closed : r))]);
    await ch.close().catch(() => undefined);
    return message;
  }

  it('consumes its own feed queue', async () => {
    const ch = await partner.createChannel();
    const got: string[] = [];
    await ch.consume(n(POSTAL_PARTNER.FEED_QUEUE), (m) => {
      if (!m) return;
      got.push(m.content.toString('utf8'));
      ch.ack(m);
    });
    await waitFor('the feed message', () => got.length === 1);
    expect(got).toEqual(['{"type":"delivery.requested"}']);
    await ch.close();
  });

  it("publishes status reports to the reports exchange, which reach postal-delivery's queue", async () => {
    const ch = await partner.createConfirmChannel();
    ch.publish(
      n(POSTAL_PARTNER.REPORTS_EXCHANGE),
      POSTAL_PARTNER_ROUTING_KEYS.STATUS_REPORTED_V1,
      Buffer.from('{"status":"picked_up"}'),
      { persistent: true },
    );
    await ch.waitForConfirms();
    await ch.close();
    expect(await probe.messageCount(n(POSTAL_PARTNER.REPORTS_QUEUE))).toBe(1);
  });

  it.each([
    ['a service queue on the internal bus', () => n(QUEUES['postal-delivery'])],
    ["another service's queue", () => n(QUEUES.processing)],
    ['the reports queue it writes to', () => n(POSTAL_PARTNER.REPORTS_QUEUE)],
  ])('cannot consume %s', async (_what, queue) => {
    expect(await refused((ch) => ch.consume(queue(), () => undefined))).toMatch(/ACCESS_REFUSED/);
    expect(await refused((ch) => ch.get(queue()))).toMatch(/ACCESS_REFUSED/);
  });

  it('cannot bind its feed queue (or any queue) to the internal exchange', async () => {
    expect(await refused((ch) => ch.bindQueue(n(POSTAL_PARTNER.FEED_QUEUE), n(EXCHANGES.EVENTS), '#'))).toMatch(
      /ACCESS_REFUSED/,
    );
    expect(
      await refused((ch) => ch.bindQueue(n(POSTAL_PARTNER.FEED_QUEUE), n(POSTAL_PARTNER.FEED_EXCHANGE), '#')),
    ).toMatch(/ACCESS_REFUSED/);
  });

  it('cannot declare a queue of its own to tap the bus, nor delete anything', async () => {
    expect(await refused((ch) => ch.assertQueue(n('partner.tap'), { durable: false }))).toMatch(/ACCESS_REFUSED/);
    expect(await refused((ch) => ch.assertQueue('', { exclusive: true }))).toMatch(/ACCESS_REFUSED/);
    expect(await refused((ch) => ch.deleteQueue(n(POSTAL_PARTNER.FEED_QUEUE)))).toMatch(/ACCESS_REFUSED/);
  });

  it('cannot publish to the internal exchange or to its own feed', async () => {
    for (const exchange of [EXCHANGES.EVENTS, POSTAL_PARTNER.FEED_EXCHANGE]) {
      const message = await refused((ch) => {
        ch.publish(n(exchange), ROUTING_KEYS.DELIVERY_DELIVERED_V1, Buffer.from('{"forged":true}'));
      });
      expect(message).toMatch(/ACCESS_REFUSED/);
    }
    // The internal queue holds only what the platform put there.
    expect(await probe.messageCount(n(QUEUES['postal-delivery']))).toBe(1);
  });
});
