import { createHash } from 'node:crypto';
import request from 'supertest';
import { BrokerProbe } from '../../tools/harness/broker-probe';
import { E2E_RETRY_DELAYS, ServiceKey, ServiceProcess } from '../../tools/harness/service-process';
import { startPlatform } from '../support/platform-fixture';
import { createPortalKey, officerToken } from '../../tools/harness/portal-client';
import { invoiceDossier } from '../../tools/journeys/dossiers';
import { submitInvoiceDossier } from '../support/portal-client';
import { waitFor } from '../../tools/harness/wait';
import { resultPdf } from '../../tools/journeys/result-pdf';

const CODE = /^000\.00\.12\.H30-\d{6}-\d{4}$/;
const postalDossier = invoiceDossier(); // M.QLCS.22: 50,000 VND per invoice, one invoice, COD, by post

let OFFICER: string;
let RECEPTION: string;
let LEADER: string;
// Signed before the tests: jose signs asynchronously.
beforeAll(async () => {
  OFFICER = `Bearer ${await officerToken(['specialist'])}`;
  RECEPTION = `Bearer ${await officerToken(['reception'], 'reception-1')}`;
  LEADER = `Bearer ${await officerToken(['leader'], 'leader-1')}`;
});

describe('walking skeleton: a dossier crosses the four real services over the real bus', () => {
  let services: Record<ServiceKey, ServiceProcess>;
  let namespace: string;
  let apiKey: string;
  const url = (s: ServiceKey) => services[s].url;
  const secrets = new Map<string, string>();
  const intakeView = (code: string) =>
    request(url('intake')).get(`/v1/dossiers/${code}`).set('X-Lookup-Secret', secrets.get(code)!);

  beforeAll(async () => {
    ({ services, namespace } = await startPlatform());
    ({ apiKey } = await createPortalKey(url('intake')));
  });

  afterAll(async () => {
    for (const s of Object.values(services ?? {})) await s.stop('SIGKILL');
    const broker = await BrokerProbe.open();
    await broker.deleteNamespace(namespace, ['intake', 'processing', 'payment', 'postal-delivery'], E2E_RETRY_DELAYS);
    await broker.close();
  });

  it('each service is live and ready (database and broker reachable)', async () => {
    for (const name of Object.keys(services) as ServiceKey[]) {
      await request(url(name)).get('/health/live').expect(200, { status: 'ok' });
      const ready = await request(url(name)).get('/health/ready').expect(200);
      expect(ready.body.info).toMatchObject({
        database: { status: 'up' },
        broker: { status: 'up', consumer: true, relay: true },
      });
    }
  });

  it('submitted -> case opened -> status mirrored -> fee assessed -> payment order -> result issued -> shipment', async () => {
    const submitted = await submitInvoiceDossier(url('intake'), apiKey)
      .set('X-Correlation-Id', 'e2e-skeleton-1')
      .expect(202);
    const code: string = submitted.body.code;
    secrets.set(code, submitted.body.lookupSecret);
    expect(code).toMatch(CODE);
    expect(submitted.body).toMatchObject({
      status: 'submitted',
      nationalStatusCode: 1,
      procedureCode: 'M.QLCS.22',
      procedureVersion: 1,
      fee: { amount: 50000 },
    });

    // processing opened a case from dossier.submitted ...
    const opened = await waitFor('case opened', async () => {
      const r = await request(url('processing')).get(`/v1/cases/${code}`).set('Authorization', OFFICER);
      return r.status === 200 ? r.body : undefined;
    });
    expect(opened).toMatchObject({ dossierCode: code, status: 'received', nationalStatusCode: 1, acceptedAt: null });
    // ... and intake shows the citizen processing's status (dossier.status_changed).
    await waitFor('intake mirrors "received"', async () => (await intakeView(code)).body.status === 'received');

    // Acceptance assesses the fee: payment opens exactly one order.
    const accepted = await request(url('processing'))
      .post(`/v1/cases/${code}/accept`)
      .set('Authorization', RECEPTION)
      .expect(201);
    expect(accepted.body).toMatchObject({ status: 'accepted', nationalStatusCode: 2 });
    expect(Date.parse(accepted.body.dueAt)).toBeGreaterThan(Date.parse(accepted.body.acceptedAt));
    const orders = await waitFor('payment order', async () => {
      const r = await request(url('payment'))
        .get('/v1/payments')
        .query({ dossier: code })
        .set('X-Api-Key', apiKey)
        .expect(200);
      return r.body.length ? r.body : undefined;
    });
    expect(orders).toEqual([
      expect.objectContaining({
        dossierCode: code,
        feeId: `${code}:fee`,
        amount: 50000,
        currency: 'VND',
        method: 'postal_cod',
        status: 'pending',
      }),
    ]);

    // The result goes by post: postal-delivery opens one shipment with the COD amount.
    const result = Buffer.from(await resultPdf());
    await request(url('processing'))
      .post(`/v1/cases/${code}/issue-result`)
      .set('Authorization', LEADER)
      .attach('files', result, 'quyet-dinh.pdf')
      .expect(200);
    const shipments = await waitFor('shipment', async () => {
      const r = await request(url('postal-delivery'))
        .get('/v1/shipments')
        .query({ dossier: code })
        .set('Authorization', RECEPTION)
        .expect(200);
      return r.body.length ? r.body : undefined;
    });
    expect(shipments).toEqual([
      expect.objectContaining({
        dossierCode: code,
        resultId: `${code}:result`,
        codAmount: 50000,
        status: 'created',
        receiver: { ...postalDossier.deliveryAddress, province: 'Hồ Chí Minh City' },
      }),
    ]);
    await waitFor('intake mirrors "result_issued"', async () => {
      const b = (await intakeView(code)).body;
      return b.status === 'result_issued' && b.nationalStatusCode === 9;
    });

    // Every step is in the case's append-only history, with who took it.
    const history = (
      await request(url('processing')).get(`/v1/cases/${code}/history`).set('Authorization', OFFICER).expect(200)
    ).body;
    expect(history.map((h: { action: string; from: string | null; to: string }) => [h.action, h.from, h.to])).toEqual([
      ['open', null, 'received'],
      ['accept', 'received', 'accepted'],
      ['issue_result', 'accepted', 'result_issued'],
    ]);
    expect(history[1].actor).toEqual({ id: 'reception-1', roles: ['reception'] });
    // The result is the signed file: its SHA-256 is not the upload's.
    const uploaded = createHash('sha256').update(result).digest('hex');
    expect(history[2].documents).toEqual([{ name: 'quyet-dinh.pdf', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
    expect(history[2].documents[0].sha256).not.toBe(uploaded);
    const again = await request(url('processing'))
      .post(`/v1/cases/${code}/issue-result`)
      .set('Authorization', LEADER)
      .attach('files', result, 'x.pdf')
      .expect(409);
    expect(again.body).toMatchObject({
      code: 'CASE.ACTION_NOT_ALLOWED',
      errors: { status: 'result_issued', allowedFrom: ['accepted', 'approved'] },
    });

    // The HTTP log line carries the correlation id the portal sent.
    const line = services.intake
      .logs()
      .find((l) => l.correlationId === 'e2e-skeleton-1' && (l.req as { method?: string })?.method === 'POST');
    expect(line).toMatchObject({ service: 'intake', correlationId: 'e2e-skeleton-1' });
  });

  it('refuses bad input with problem+json in Vietnamese and English', async () => {
    const bad = await request(url('intake'))
      .post('/v1/dossiers')
      .set('X-Api-Key', apiKey)
      .set('Idempotency-Key', 'skeleton-bad-input-1')
      .send({
        ...postalDossier,
        applicant: { kind: 'individual', name: 'A', citizenId: '12345' },
        deliveryAddress: undefined,
      })
      .expect(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(bad.body).toMatchObject({ status: 400, code: 'REQUEST.VALIDATION_FAILED', instance: '/v1/dossiers' });
    expect(bad.body.message.vi).toContain('applicant.citizenId');
    expect(bad.body.message.en).toContain('deliveryAddress');
    expect(bad.body.errors.fields).toEqual(
      expect.arrayContaining([
        {
          field: 'applicant.citizenId',
          code: 'FIELD.IS_VN_CITIZEN_ID',
          vi: 'Số định danh cá nhân phải gồm đúng 12 chữ số.',
          en: 'The citizen ID must have exactly 12 digits.',
        },
        {
          field: 'deliveryAddress',
          code: 'FIELD.IS_DEFINED',
          vi: 'Cần địa chỉ nhận kết quả khi chọn nhận qua bưu chính.',
          en: 'deliveryAddress is required when the result is sent by post.',
        },
      ]),
    );

    const missing = await request(url('processing'))
      .post('/v1/cases/000.00.12.H30-200101-9999/accept')
      .set('Authorization', RECEPTION)
      .expect(404);
    expect(missing.body).toMatchObject({ code: 'CASE.NOT_FOUND' });

    // Officers act only with a valid token and within their role.
    expect(
      (await request(url('processing')).post('/v1/cases/000.00.12.H30-200101-9999/accept').expect(401)).body.code,
    ).toBe('AUTH.UNAUTHENTICATED');
    const forged = `Bearer ${await officerToken(['reception'])}x`;
    expect(
      (
        await request(url('processing'))
          .post('/v1/cases/000.00.12.H30-200101-9999/accept')
          .set('Authorization', forged)
          .expect(401)
      ).body.code,
    ).toBe('AUTH.UNAUTHENTICATED');
    const wrongRole = await request(url('processing'))
      .post('/v1/cases/000.00.12.H30-200101-9999/accept')
      .set('Authorization', LEADER)
      .expect(403);
    expect(wrongRole.body).toMatchObject({
      code: 'CASE.ACTION_NOT_YOUR_ROLE',
      errors: { action: 'accept', roles: ['reception'] },
    });
  });

  it('stops gracefully on SIGTERM (exit code 0)', async () => {
    for (const name of ['postal-delivery', 'payment'] as ServiceKey[]) {
      expect(await services[name].stop('SIGTERM')).toBe(0);
    }
  });
});
