import request from 'supertest';
import { BrokerProbe } from '../../tools/harness/broker-probe';
import { GatewaySimulatorProcess } from '../../tools/gateway-simulator.process';
import { E2E_RETRY_DELAYS, serviceEnv, ServiceKey, ServiceProcess } from '../../tools/harness/service-process';
import { createPortalKey, officerToken } from '../../tools/harness/portal-client';
import { invoiceDossier } from '../../tools/journeys/dossiers';
import { submitInvoiceDossier } from '../support/portal-client';
import { uniqueNamespace } from '../../tools/harness/test-env.config';
import { waitFor } from '../../tools/harness/wait';

let RECEPTION: string;
let ADMIN: string;
// Signed before the tests: jose signs asynchronously.
beforeAll(async () => {
  RECEPTION = `Bearer ${await officerToken(['reception'], 'mot-cua-1')}`;
  ADMIN = `Bearer ${await officerToken(['admin'], 'quan-tri-1')}`;
});

/**
 * The compiled services as real processes and the gateway simulator as its own: a citizen files
 * online with online payment, the desk accepts (fee.assessed), the portal fetches the payment URL
 * from payment with its key, pays on the simulator's page, the IPN confirms, processing records
 * the fee as paid, the portal reads the receipt; then the day's settlement file reconciles.
 */
describe('payment end to end: intake -> processing -> payment -> gateway simulator -> processing', () => {
  const namespace = uniqueNamespace('e2epay');
  const services = {} as Record<ServiceKey, ServiceProcess>;
  let sim: GatewaySimulatorProcess;
  let apiKey: string;

  beforeAll(async () => {
    const names: ServiceKey[] = ['intake', 'processing', 'payment'];
    const envs = Object.fromEntries(
      await Promise.all(names.map(async (n) => [n, await serviceEnv(n, namespace)] as const)),
    );
    const paymentUrl = `http://127.0.0.1:${envs.payment.port}`;
    sim = new GatewaySimulatorProcess({
      SIM_IPN_URL: `${paymentUrl}/v1/payments/vnpay/ipn`,
      SIM_WEBHOOK_URL: `${paymentUrl}/v1/payments/webhooks/hub`,
    });
    await sim.start();
    Object.assign(envs.payment.env, {
      VNPAY_PAYMENT_URL: `${sim.url}/paymentv2/vpcpay.html`,
      VNPAY_API_URL: `${sim.url}/merchant_webapi/api/transaction`,
      VNPAY_RETURN_URL: `${paymentUrl}/v1/payments/vnpay/return`,
    });
    for (const n of names) services[n] = new ServiceProcess(n, envs[n].port, envs[n].env);
    for (const s of Object.values(services)) s.start();
    await Promise.all(Object.values(services).map((s) => s.ready()));
    ({ apiKey } = await createPortalKey(services.intake.url));
  });

  afterAll(async () => {
    for (const s of Object.values(services)) await s.stop('SIGKILL');
    await sim?.stop();
    const broker = await BrokerProbe.open();
    await broker.deleteNamespace(namespace, ['intake', 'processing', 'payment'], E2E_RETRY_DELAYS);
    await broker.close();
  });

  it('pays a level-4 fee online and processing sees it paid; the receipt and the reconciliation agree', async () => {
    const body = invoiceDossier({ paymentMethod: 'online', deliveryMethod: 'office', deliveryAddress: undefined });
    const { code } = (await submitInvoiceDossier(services.intake.url, apiKey, body).expect(202)).body;
    await waitFor(
      'case opened',
      async () =>
        (await request(services.processing.url).get(`/v1/cases/${code}`).set('Authorization', RECEPTION)).status ===
        200,
    );
    await request(services.processing.url).post(`/v1/cases/${code}/accept`).set('Authorization', RECEPTION).expect(201);

    const [order] = await waitFor('payment order with a payment URL', async () => {
      const r = await request(services.payment.url)
        .get('/v1/payments')
        .query({ dossier: code })
        .set('X-Api-Key', apiKey);
      return r.status === 200 && r.body.length ? r.body : undefined;
    });
    expect(order).toMatchObject({
      dossierCode: code,
      feeId: `${code}:fee`,
      amount: 50000,
      level: 4,
      method: 'online',
      status: 'pending',
      online: { allowed: true },
    });

    // The citizen's browser opens the payment page (the simulator checks the signature like VNPay) and pays.
    const page = await fetch(order.online.paymentUrl);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(order.reference);
    const paid = (await (await fetch(`${order.online.paymentUrl}&outcome=success`)).json()) as {
      ipn: unknown;
      returnUrl: string;
    };
    expect(paid.ipn).toEqual([{ status: 200, body: { RspCode: '00', Message: 'Confirm Success' } }]);
    const back = await fetch(paid.returnUrl);
    expect(await back.json()).toMatchObject({ valid: true, orderStatus: 'paid', dossierCode: code });

    await waitFor(
      'processing records the fee as paid',
      async () =>
        (await request(services.processing.url).get(`/v1/cases/${code}`).set('Authorization', RECEPTION)).body.fee
          ?.paid === true,
    );

    const [after] = (
      await request(services.payment.url)
        .get('/v1/payments')
        .query({ dossier: code })
        .set('X-Api-Key', apiKey)
        .expect(200)
    ).body;
    const receipt = (
      await request(services.payment.url)
        .get(`/v1/payments/receipts/${after.receiptNumber}`)
        .set('X-Api-Key', apiKey)
        .expect(200)
    ).body;
    expect(receipt).toMatchObject({
      dossierCode: code,
      amount: 50000,
      method: 'online',
      payer: { name: 'Ban Quản lý dự án Đầu tư xây dựng' },
      items: [expect.objectContaining({ amount: 50000 })],
    });

    const csv = await sim.settlementCsv();
    const report = (
      await request(services.payment.url)
        .post('/v1/payments/reconciliation')
        .set('Authorization', ADMIN)
        .attach('file', Buffer.from(csv), 'vnpay.csv')
        .expect(201)
    ).body;
    // The simulator saw this one payment; other suites' payments of the day share the database, so
    // only this order is asserted on: matched, and in no list of discrepancies.
    expect(report.summary).toMatchObject({ matched: 1, missingOnOurSide: 0, amountMismatches: 0 });
    expect(report.matched).toEqual([
      expect.objectContaining({ reference: order.reference, type: 'payment', amount: 50000 }),
    ]);
    expect(report.missingOnTheirSide.map((m: { reference: string }) => m.reference)).not.toContain(order.reference);

    // No secret reaches the logs.
    const logs = services.payment.output.join('\n');
    expect(logs).not.toContain('LOCALONLYVNPAYSECRETDVC0000000001');
    expect(logs).not.toContain(apiKey);
  });
});
