import request from 'supertest';
import { EXCHANGES, namespaced, ROUTING_KEYS } from '@dvc/contracts';
import { BrokerProbe } from '../../tools/harness/broker-probe';
import {
  createPartnerUser,
  deletePartnerUser,
  postalResultIssued,
  SimulatorProcess,
  TEST_PARTNER,
} from '../../tools/partner-simulator.process';
import { QueueTap, uniqueDossierCode } from '../support/postal-fixture';
import { E2E_RETRY_DELAYS, ServiceProcess } from '../../tools/harness/service-process';
import { startPlatform } from '../support/platform-fixture';
import { officerToken } from '../../tools/harness/portal-client';
import { testConfig } from '../../tools/harness/test-env.config';
import { waitFor } from '../../tools/harness/wait';

let OFFICER: string;
// Signed before the tests: jose signs asynchronously.
beforeAll(async () => {
  OFFICER = `Bearer ${await officerToken(['specialist'])}`;
});

/**
 * The partner simulator, a separate process with the partner's restricted broker user, carries
 * three parcels through their whole journey, reporting back signed over HTTP, then one over AMQP.
 */
describe('postal partner journey: the simulator consumes the feed with its own credentials and reports back (real processes)', () => {
  let postal: ServiceProcess;
  let namespace: string;
  let probe: BrokerProbe;
  let events: QueueTap;
  let partner: { user: string; amqpUrl: string };
  const simulators: SimulatorProcess[] = [];

  beforeAll(async () => {
    let services;
    ({ services, namespace } = await startPlatform(['postal-delivery']));
    postal = services['postal-delivery'];
    probe = await BrokerProbe.open();
    events = await QueueTap.bind(namespaced(EXCHANGES.EVENTS, namespace), ['delivery.#']);
    partner = await createPartnerUser(namespace, testConfig);
  });

  afterAll(async () => {
    for (const s of simulators) await s.stop();
    await postal?.stop('SIGKILL');
    await events?.close();
    await deletePartnerUser(partner.user, testConfig);
    await probe.deleteNamespace(namespace, ['postal-delivery'], E2E_RETRY_DELAYS);
    await probe.close();
  });

  function startSimulator(scenarios: string, channel: 'http' | 'amqp'): SimulatorProcess {
    const sim = new SimulatorProcess({
      PARTNER_AMQP_URL: partner.amqpUrl,
      BUS_NAMESPACE: namespace,
      POSTAL_URL: postal.url,
      PARTNER_ID: TEST_PARTNER.id,
      PARTNER_KEY: TEST_PARTNER.key,
      SIMULATOR_SCENARIOS: scenarios,
      SIMULATOR_CHANNEL: channel,
      SIMULATOR_STEP_DELAY_MS: '10',
    });
    sim.start();
    simulators.push(sim);
    return sim;
  }

  async function ship(codAmount: number): Promise<{ code: string; id: string }> {
    const code = uniqueDossierCode();
    const event = postalResultIssued(code, { codAmount });
    await probe.publishRaw(namespace, ROUTING_KEYS.RESULT_ISSUED_V1, Buffer.from(JSON.stringify(event)), event.id);
    const [s] = await waitFor('shipment', async () => {
      const r = await request(postal.url)
        .get('/v1/shipments')
        .query({ dossier: code })
        .set('Authorization', OFFICER)
        .expect(200);
      return r.body.length ? r.body : undefined;
    });
    return { code, id: s.id };
  }
  const statusOf = async (id: string) =>
    (await request(postal.url).get(`/v1/shipments/${id}`).set('Authorization', OFFICER).expect(200)).body;
  const finalStatus = (id: string, status: string) =>
    waitFor(`${id} ${status}`, async () => ((await statusOf(id)).status === status ? statusOf(id) : undefined), 60000);

  it('normal delivery with COD, failure then success, failed twice then returned: all over the signed webhook', async () => {
    const sim = startSimulator('normal,fail_then_deliver,fail_twice_return', 'http');
    await waitFor('simulator consuming', () => sim.lines().some((l) => l.msg === 'partner simulator consuming'));
    // One parcel at a time, so that the simulator's scenarios (taken in turn) fall on known parcels.
    const normal = await ship(50000);
    const normalDone = await finalStatus(normal.id, 'delivered');
    const retried = await ship(0);
    const retriedDone = await finalStatus(retried.id, 'delivered');
    const returned = await ship(30000);
    const returnedDone = await finalStatus(returned.id, 'returned_to_sender');

    expect(normalDone).toMatchObject({
      recipientName: 'Trần Văn Bình',
      cod: { amount: 50000, collected: 50000, mismatch: false },
    });
    expect(retriedDone).toMatchObject({ failedAttempts: 1, cod: { collected: 0 } });
    expect(returnedDone).toMatchObject({ failedAttempts: 2, cod: { collected: null } });

    const delivered = await waitFor('delivered events', () => {
      const d = events.of(ROUTING_KEYS.DELIVERY_DELIVERED_V1, (b) =>
        [normal.id, retried.id].includes(b.data.shipmentId),
      );
      return d.length === 2 ? d : undefined;
    });
    expect(delivered.find((m) => m.body.data.shipmentId === normal.id)!.body.data).toMatchObject({
      dossierCode: normal.code,
      codCollected: 50000,
      recipientName: 'Trần Văn Bình',
    });
    await waitFor(
      'delivery.returned',
      () => events.of(ROUTING_KEYS.DELIVERY_RETURNED_V1, (b) => b.data.shipmentId === returned.id).length === 1,
    );
    expect(
      events
        .of(ROUTING_KEYS.DELIVERY_FAILED_V1, (b) => b.data.shipmentId === returned.id)
        .map((m) => m.body.data.attempt),
    ).toEqual([1, 2]);
    const history = (
      await request(postal.url).get(`/v1/shipments/${returned.id}/history`).set('Authorization', OFFICER).expect(200)
    ).body;
    expect(history.map((h: { to: string }) => h.to)).toEqual([
      'created',
      'accepted_by_post_office',
      'picked_up',
      'in_transit',
      'out_for_delivery',
      'delivery_failed',
      'out_for_delivery',
      'delivery_failed',
      'returning',
      'returned_to_sender',
    ]);
    // Every report the simulator sent was taken: nothing refused.
    const reports = sim.lines().filter((l) => l.msg === 'report');
    expect(reports).toHaveLength(5 + 7 + 9);
    expect(new Set(reports.map((l) => l.http))).toEqual(new Set([200]));
    expect(new Set(reports.map((l) => l.outcome))).toEqual(new Set(['applied']));
    await sim.stop();
  });

  it('reports over AMQP with the same user (write-only on the reports exchange)', async () => {
    startSimulator('normal', 'amqp');
    const parcel = await ship(20000);
    expect(await finalStatus(parcel.id, 'delivered')).toMatchObject({ cod: { amount: 20000, collected: 20000 } });
    const audit = (
      await request(postal.url).get(`/v1/shipments/${parcel.id}/reports`).set('Authorization', OFFICER).expect(200)
    ).body;
    expect(audit.map((r: { channel: string; outcome: string }) => `${r.channel}:${r.outcome}`)).toEqual(
      Array(5).fill('amqp:applied'),
    );
  });
});
