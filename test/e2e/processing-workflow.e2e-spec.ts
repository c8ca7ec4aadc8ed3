import request from 'supertest';
import { createEvent, ROUTING_KEYS } from '@dvc/contracts';
import { PUBLISHED_YEAR_OVERRIDES, WorkingCalendar } from '../../apps/processing/src';
import { BrokerProbe } from '../../tools/harness/broker-probe';
import { E2E_RETRY_DELAYS, ServiceKey, ServiceProcess } from '../../tools/harness/service-process';
import { startPlatform } from '../support/platform-fixture';
import { createPortalKey, officerToken } from '../../tools/harness/portal-client';
import { invoiceDossier, liquidationDossier } from '../../tools/journeys/dossiers';
import { pdf, submitInvoiceDossier, submitLiquidationDossier } from '../support/portal-client';
import { adminTestDbUrl } from '../../tools/harness/test-env.config';
import { waitFor } from '../../tools/harness/wait';
import { resultPdf } from '../../tools/journeys/result-pdf';
import { DataSource } from 'typeorm';

let RECEPTION: string;
let SPECIALIST: string;
let LEADER: string;
// Signed before the tests: jose signs asynchronously.
beforeAll(async () => {
  RECEPTION = `Bearer ${await officerToken(['reception'], 'mot-cua-1')}`;
  SPECIALIST = `Bearer ${await officerToken(['specialist'], 'chuyen-vien-1')}`;
  LEADER = `Bearer ${await officerToken(['leader'], 'lanh-dao-1')}`;
});
const SHA = 'a'.repeat(64);

describe("processing: the officers' workflow across intake and processing (real processes, PostgreSQL, RabbitMQ)", () => {
  let services: Record<ServiceKey, ServiceProcess>;
  let namespace: string;
  let apiKey: string;
  const processing = () => request(services.processing.url);
  const act = (code: string, action: string, token: string, body: Record<string, unknown> = {}) =>
    processing().post(`/v1/cases/${code}/actions/${action}`).set('Authorization', token).send(body);
  /** issue_result with its file, a real PDF (processing signs it). */
  let resultFile: Buffer;
  const issue = (code: string, name: string) =>
    processing()
      .post(`/v1/cases/${code}/actions/issue_result`)
      .set('Authorization', LEADER)
      .attach('files', resultFile, name);
  const caseOf = async (code: string) =>
    (await processing().get(`/v1/cases/${code}`).set('Authorization', RECEPTION)).body;
  const opened = (code: string) =>
    waitFor(
      'case opened',
      async () => (await processing().get(`/v1/cases/${code}`).set('Authorization', RECEPTION)).status === 200,
    );
  const lookup = (code: string, secret: string) =>
    request(services.intake.url).get(`/v1/dossiers/${code}`).set('X-Lookup-Secret', secret);

  beforeAll(async () => {
    resultFile = Buffer.from(await resultPdf());
    ({ services, namespace } = await startPlatform(['intake', 'processing']));
    ({ apiKey } = await createPortalKey(services.intake.url));
  });

  afterAll(async () => {
    for (const s of Object.values(services ?? {})) await s.stop('SIGKILL');
    const broker = await BrokerProbe.open();
    await broker.deleteNamespace(namespace, ['intake', 'processing'], E2E_RETRY_DELAYS);
    await broker.close();
  });

  it('supplement requested, supplied, due date extended by the paused working time, then approved and handed over', async () => {
    const { code, lookupSecret } = (await submitLiquidationDossier(services.intake.url, apiKey).expect(202)).body;
    await opened(code);
    const accepted = (await act(code, 'accept', RECEPTION).expect(200)).body;
    expect(accepted).toMatchObject({ status: 'accepted', nationalStatusCode: 2, clockPaused: false });

    expect(
      (await act(code, 'request_supplement', RECEPTION, { note: 'Thiếu biên bản kiểm kê' }).expect(400)).body.code,
    ).toBe('CASE.ACTION_INPUT_MISSING');
    const paused = (
      await act(code, 'request_supplement', RECEPTION, {
        note: 'Thiếu biên bản kiểm kê',
        items: ['Biên bản kiểm kê tài sản'],
      }).expect(200)
    ).body;
    expect(paused).toMatchObject({ status: 'supplement_requested', nationalStatusCode: 5, clockPaused: true });

    // The citizen sees the request in intake's lookup and answers it through the portal.
    const requestId = `${code}:supplement:1`;
    await waitFor(
      'request visible to the citizen',
      async () => (await lookup(code, lookupSecret)).body.supplementRequests?.[0]?.requestId === requestId,
    );
    expect((await lookup(code, lookupSecret)).body).toMatchObject({
      status: 'supplement_requested',
      nationalStatusCode: 5,
    });
    await request(services.intake.url)
      .post(`/v1/dossiers/${code}/supplements`)
      .set('X-Api-Key', apiKey)
      .set('X-Lookup-Secret', lookupSecret)
      .field('supplement', JSON.stringify({ requestId }))
      .attach('TP5', pdf('biên bản kiểm kê'), 'bien-ban-kiem-ke.pdf')
      .expect(202);
    const resumed = await waitFor('clock resumed', async () => {
      const c = await caseOf(code);
      return c.status === 'in_review' ? c : undefined;
    });
    expect(resumed).toMatchObject({ clockPaused: false, nationalStatusCode: 4 });

    // The due date moved by exactly the working time the clock stood still.
    const history = (await processing().get(`/v1/cases/${code}/history`).set('Authorization', SPECIALIST).expect(200))
      .body as { action: string; at: string }[];
    const pausedAt = new Date(history.find((h) => h.action === 'request_supplement')!.at);
    const resumedAt = new Date(history.find((h) => h.action === 'supplement_received')!.at);
    const calendar = new WorkingCalendar(PUBLISHED_YEAR_OVERRIDES);
    expect(resumed.dueAt).toBe(calendar.resumeAfterPause(new Date(accepted.dueAt), pausedAt, resumedAt).toISOString());

    expect(
      (await act(code, 'propose_result', RECEPTION, { documents: [{ name: 'du-thao.pdf', sha256: SHA }] }).expect(403))
        .body.code,
    ).toBe('CASE.ACTION_NOT_YOUR_ROLE');
    await act(code, 'propose_result', SPECIALIST, { documents: [{ name: 'du-thao.pdf', sha256: SHA }] }).expect(200);
    expect((await act(code, 'send_back', LEADER).expect(400)).body.code).toBe('CASE.ACTION_INPUT_MISSING');
    await act(code, 'approve', LEADER).expect(200);
    await issue(code, 'quyet-dinh.pdf').expect(200);
    const done = (await act(code, 'hand_over', RECEPTION).expect(200)).body;
    expect(done).toMatchObject({ status: 'completed', nationalStatusCode: 10, timeliness: 'early' });
    const late = (await act(code, 'stop', LEADER, { note: 'x' }).expect(409)).body;
    expect(late).toMatchObject({
      code: 'CASE.ACTION_NOT_ALLOWED',
      errors: { status: 'completed', allowedActions: [] },
    });

    const trail = (
      await processing().get(`/v1/cases/${code}/history`).set('Authorization', LEADER).expect(200)
    ).body.map((h: { action: string }) => h.action);
    expect(trail).toEqual([
      'open',
      'accept',
      'request_supplement',
      'supplement_received',
      'propose_result',
      'approve',
      'issue_result',
      'hand_over',
    ]);
    await waitFor(
      'the citizen sees the result returned',
      async () => (await lookup(code, lookupSecret)).body.nationalStatusCode === 10,
    );
  });

  it('two officers accepting one case at once: exactly one wins, the other is told what is open now', async () => {
    const { code } = (await submitLiquidationDossier(services.intake.url, apiKey).expect(202)).body;
    await opened(code);
    const other = `Bearer ${await officerToken(['reception'], 'mot-cua-2')}`;
    const results = await Promise.all([act(code, 'accept', RECEPTION), act(code, 'accept', other)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const loser = results.find((r) => r.status === 409)!.body;
    expect(loser).toMatchObject({
      code: 'CASE.ACTION_NOT_ALLOWED',
      errors: { status: 'accepted', allowedActions: ['assign', 'request_supplement', 'apologize'] },
    });
    const accepts = (await processing().get(`/v1/cases/${code}/history`).set('Authorization', RECEPTION)).body.filter(
      (h: { action: string }) => h.action === 'accept',
    );
    expect(accepts).toHaveLength(1);
  });

  it('assigned, sent back, then rejected after review; another stopped: each with its reason and national code', async () => {
    const a = (await submitLiquidationDossier(services.intake.url, apiKey).expect(202)).body;
    const b = (await submitLiquidationDossier(services.intake.url, apiKey).expect(202)).body;
    for (const code of [a.code, b.code]) {
      await opened(code);
      await act(code, 'accept', RECEPTION).expect(200);
    }
    expect((await act(a.code, 'assign', RECEPTION).expect(400)).body.code).toBe('CASE.ACTION_INPUT_MISSING');
    expect((await act(a.code, 'assign', RECEPTION, { assigneeId: 'chuyen-vien-1' }).expect(200)).body).toMatchObject({
      status: 'in_review',
      nationalStatusCode: 4,
      assigneeId: 'chuyen-vien-1',
    });
    await act(a.code, 'propose_result', SPECIALIST, { documents: [{ name: 'du-thao.pdf', sha256: SHA }] }).expect(200);
    expect((await act(a.code, 'send_back', LEADER, { note: 'Bổ sung căn cứ pháp lý' }).expect(200)).body.status).toBe(
      'in_review',
    );
    expect(
      (await act(a.code, 'reject', LEADER, { note: 'Tài sản không thuộc diện thanh lý' }).expect(200)).body,
    ).toMatchObject({ status: 'rejected', nationalStatusCode: 9 });
    await waitFor(
      'citizen sees the rejection',
      async () => (await lookup(a.code, a.lookupSecret)).body.status === 'rejected',
    );
    expect((await act(b.code, 'stop', LEADER).expect(400)).body.code).toBe('CASE.ACTION_INPUT_MISSING');
    expect((await act(b.code, 'stop', LEADER, { note: 'Đơn vị đề nghị dừng' }).expect(200)).body).toMatchObject({
      status: 'stopped',
      nationalStatusCode: 8,
    });
    const trail = (await processing().get(`/v1/cases/${a.code}/history`).set('Authorization', LEADER)).body as {
      action: string;
      note: string | null;
    }[];
    expect(trail.map((h) => h.action)).toEqual(['open', 'accept', 'assign', 'propose_result', 'send_back', 'reject']);
    expect(trail.find((h) => h.action === 'reject')!.note).toBe('Tài sản không thuộc diện thanh lý');
  });

  it('refused at acceptance with a reason: national code 3 for the citizen', async () => {
    const { code, lookupSecret } = (await submitLiquidationDossier(services.intake.url, apiKey).expect(202)).body;
    await opened(code);
    expect((await act(code, 'refuse', RECEPTION).expect(400)).body.code).toBe('CASE.ACTION_INPUT_MISSING');
    expect(
      (await act(code, 'refuse', RECEPTION, { note: 'Hồ sơ không thuộc thẩm quyền của Sở' }).expect(200)).body,
    ).toMatchObject({ status: 'refused', nationalStatusCode: 3 });
    await waitFor('lookup shows refused', async () => (await lookup(code, lookupSecret)).body.nationalStatusCode === 3);
    expect((await act(code, 'nonsense', RECEPTION).expect(404)).body.code).toBe('CASE.UNKNOWN_ACTION');
  });

  it('a fee due first: accepted into awaiting_payment (code 6, clock stopped), processed once payment reports it paid', async () => {
    const body = invoiceDossier({ paymentMethod: 'office', deliveryMethod: 'office', deliveryAddress: undefined });
    const { code, lookupSecret } = (await submitInvoiceDossier(services.intake.url, apiKey, body).expect(202)).body;
    await opened(code);
    const waiting = (await act(code, 'accept', RECEPTION).expect(200)).body;
    expect(waiting).toMatchObject({ status: 'awaiting_payment', nationalStatusCode: 6, clockPaused: true });
    const early = await issue(code, 'hoa-don.pdf');
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'CASE.ACTION_NOT_ALLOWED', errors: { allowedActions: ['stop'] } });
    await waitFor(
      'the citizen sees code 6',
      async () => (await lookup(code, lookupSecret)).body.nationalStatusCode === 6,
    );
    const national = (await processing().get(`/v1/cases/${code}/national-record`).set('Authorization', RECEPTION)).body;
    expect(national).toMatchObject({ TrangThaiHoSo: 6 });

    // Payment reports the fee paid (published here as the payment service will).
    const paid = createEvent(
      'payment.succeeded',
      {
        dossierCode: code,
        paymentOrderId: 'po-1',
        feeId: `${code}:fee`,
        amount: 50000,
        method: 'office',
        paidAt: new Date().toISOString(),
        receiptNumber: 'BL-0001',
      },
      { source: 'payment', correlationId: code },
    );
    const broker = await BrokerProbe.open();
    await broker.publishRaw(namespace, ROUTING_KEYS.PAYMENT_SUCCEEDED_V1, Buffer.from(JSON.stringify(paid)), paid.id);
    await broker.close();
    await waitFor('fee recorded as paid', async () => (await caseOf(code)).fee.paid === true);
    // Paid: accepted, the clock runs, the due date moved later by the working time spent waiting.
    const accepted = await caseOf(code);
    expect(accepted).toMatchObject({ status: 'accepted', nationalStatusCode: 2, clockPaused: false });
    expect(Date.parse(accepted.dueAt)).toBeGreaterThanOrEqual(Date.parse(waiting.dueAt));
    await waitFor(
      'the citizen sees accepted',
      async () => (await lookup(code, lookupSecret)).body.nationalStatusCode === 2,
    );
    const trail = (await processing().get(`/v1/cases/${code}/history`).set('Authorization', RECEPTION)).body;
    expect(trail.map((h: { action: string; to: string }) => [h.action, h.to])).toEqual([
      ['open', 'received'],
      ['accept', 'awaiting_payment'],
      ['payment_received', 'accepted'],
    ]);
    await issue(code, 'hoa-don.pdf').expect(200);
    expect((await act(code, 'hand_over', RECEPTION).expect(200)).body).toMatchObject({
      status: 'completed',
      nationalStatusCode: 10,
    });
  });

  it('statistics over a seeded month of cases give the known answers', async () => {
    const db = await new DataSource({ type: 'postgres', url: adminTestDbUrl() }).initialize();
    const field = `Z${Date.now().toString(36).toUpperCase()}`;
    // [received, accepted, due, completed, status, national, timeliness] in Vietnam time (UTC+7).
    const vn = (t: string | null) => (t ? new Date(`${t}+07:00`) : null);
    // Working hours are what the service stores at completion (see the calendar's workingTimeBetween).
    const rows: [string, string | null, string | null, string | null, string, number, string | null, number | null][] =
      [
        ['2025-03-03T09:00', '2025-03-03T10:00', '2025-03-10T17:00', '2025-03-05T10:00', 'completed', 10, 'early', 16], // 2 working days
        [
          '2025-03-04T08:00',
          '2025-03-04T08:00',
          '2025-03-07T17:00',
          '2025-03-07T15:00',
          'completed',
          10,
          'on_time',
          30,
        ], // 3.75
        ['2025-03-10T08:00', '2025-03-10T08:00', '2025-03-14T17:00', '2025-03-20T09:00', 'completed', 10, 'late', 65], // 8.125
        ['2025-03-20T08:00', '2025-03-21T08:00', '2025-03-25T17:00', null, 'accepted', 2, null, null], // in process, overdue now
        ['2025-03-25T08:00', null, null, null, 'refused', 3, null, null],
        ['2025-02-27T08:00', '2025-02-27T08:00', '2025-03-06T17:00', '2025-03-03T08:00', 'completed', 10, 'early', 16], // received before the month
      ];
    const calendar = new WorkingCalendar(PUBLISHED_YEAR_OVERRIDES);
    for (const [, accepted, , completed, , , , hours] of rows) {
      if (completed) expect(calendar.workingTimeBetween(vn(accepted)!, vn(completed)!)).toBe(hours);
    }
    try {
      for (const [i, [received, accepted, due, completed, status, national, timeliness, hours]] of rows.entries()) {
        await db.query(
          `INSERT INTO processing.cases (id, dossier_code, procedure_code, procedure_version, level, processing_time, processing_time_unit,
             payment_method, delivery_method, fee, status, national_status_code, submitted_at, received_at, accepted_at, due_at, completed_at, timeliness, field_code, working_hours)
           VALUES (gen_random_uuid(), $1, 'X', 1, 4, 5, 'working_days', 'none', 'office', '{"amount":0,"items":[]}', $2, $3, $4, $4, $5, $6, $7, $8, $9, $10)`,
          [
            `STAT.${field}-250301-${String(i).padStart(4, '0')}`,
            status,
            national,
            vn(received),
            vn(accepted),
            vn(due),
            vn(completed),
            timeliness,
            field,
            hours,
          ],
        );
      }
      const stats = (
        await processing()
          .get('/v1/stats')
          .query({ from: '2025-03-01', to: '2025-03-31', field })
          .set('Authorization', LEADER)
          .expect(200)
      ).body;
      expect(stats).toEqual({
        period: { from: '2025-03-01', to: '2025-03-31', field },
        received: 5,
        accepted: 4,
        inProcess: 1,
        finished: { total: 4, early: 2, onTime: 1, late: 1 },
        onTimeRate: 0.75,
        averageWorkingDays: 3.97,
        overdueNow: 1,
      });
      expect(
        (
          await processing()
            .get('/v1/stats')
            .query({ from: 'March', to: '2025-03-31' })
            .set('Authorization', LEADER)
            .expect(400)
        ).body.code,
      ).toBe('REQUEST.VALIDATION_FAILED');
    } finally {
      await db.destroy();
    }
  });

  it('delivery by post completes the case and settles COD; a returned parcel or a cancelled shipment is handed over at the office', async () => {
    const broker = await BrokerProbe.open();
    const publish = async (e: ReturnType<typeof createEvent>) =>
      broker.publishRaw(namespace, `${e.type}.v1`, Buffer.from(JSON.stringify(e)), e.id);
    try {
      const cod = (await submitInvoiceDossier(services.intake.url, apiKey).expect(202)).body.code as string; // postal COD, 50,000 VND
      const byPost = () =>
        liquidationDossier({ deliveryMethod: 'postal', deliveryAddress: invoiceDossier().deliveryAddress });
      const back = (await submitLiquidationDossier(services.intake.url, apiKey, byPost()).expect(202)).body
        .code as string;
      const cancelled = (await submitLiquidationDossier(services.intake.url, apiKey, byPost()).expect(202)).body
        .code as string;
      for (const code of [cod, back, cancelled]) {
        await opened(code);
        await act(code, 'accept', RECEPTION).expect(200);
        await issue(code, 'kq.pdf').expect(200);
      }
      expect((await act(cod, 'hand_over', RECEPTION).expect(409)).body.code).toBe('CASE.NOT_COLLECTED_AT_OFFICE');

      const delivered = createEvent(
        'delivery.delivered',
        {
          shipmentId: 's-1',
          dossierCode: cod,
          recipientName: 'Trần Văn Bình',
          codCollected: 50000,
          deliveredAt: new Date().toISOString(),
        },
        { source: 'postal-delivery', correlationId: cod },
      );
      await publish(delivered);
      await publish(delivered); // a duplicate report changes nothing
      const done = await waitFor('completed by post', async () => {
        const c = await caseOf(cod);
        return c.status === 'completed' ? c : undefined;
      });
      expect(done).toMatchObject({ nationalStatusCode: 10, fee: { amount: 50000, paid: true }, timeliness: 'early' });
      const trail = (await processing().get(`/v1/cases/${cod}/history`).set('Authorization', RECEPTION)).body.map(
        (h: { action: string }) => h.action,
      );
      expect(trail.filter((a: string) => a === 'delivered')).toHaveLength(1);

      await publish(
        createEvent(
          'delivery.returned',
          { shipmentId: 's-2', dossierCode: back, returnedAt: new Date().toISOString() },
          { source: 'postal-delivery', correlationId: back },
        ),
      );
      await waitFor('result back at the office', async () => (await act(back, 'hand_over', RECEPTION)).status === 200);
      expect(await caseOf(back)).toMatchObject({ status: 'completed', nationalStatusCode: 10 });

      // Steps on the way change nothing here; a shipment cancelled before pick-up brings the result back to the office.
      const step = (status: 'in_transit' | 'cancelled') =>
        createEvent(
          'delivery.status_changed',
          { shipmentId: 's-3', dossierCode: cancelled, status, occurredAt: new Date().toISOString() },
          { source: 'postal-delivery', correlationId: cancelled },
        );
      await publish(step('in_transit'));
      expect((await act(cancelled, 'hand_over', RECEPTION).expect(409)).body.code).toBe('CASE.NOT_COLLECTED_AT_OFFICE');
      await publish(step('cancelled'));
      await waitFor(
        'result back at the office after the cancellation',
        async () => (await act(cancelled, 'hand_over', RECEPTION)).status === 200,
      );
      const cancelledTrail = (
        await processing().get(`/v1/cases/${cancelled}/history`).set('Authorization', RECEPTION)
      ).body.map((h: { action: string }) => h.action);
      expect(cancelledTrail).toEqual(expect.arrayContaining(['shipment_cancelled', 'hand_over']));
    } finally {
      await broker.close();
    }
  });

  it('shows each officer their queue: what they can act on now, most urgent first', async () => {
    const { code } = (await submitLiquidationDossier(services.intake.url, apiKey).expect(202)).body;
    await opened(code);
    const queue = (
      await processing().get('/v1/cases/queue').query({ limit: 1000 }).set('Authorization', RECEPTION).expect(200)
    ).body as { dossierCode: string; actions: string[]; overdue: boolean; dueSoon: boolean }[];
    const mine = queue.find((c) => c.dossierCode === code);
    expect(mine).toMatchObject({ status: 'received', actions: ['accept', 'refuse'], overdue: false, dueSoon: false });
    // Most urgent first: every case with a due date comes before those without, in due order.
    const dues = queue.map((c) => (c as unknown as { dueAt: string | null }).dueAt);
    const firstWithout = dues.indexOf(null);
    const withDue = (firstWithout === -1 ? dues : dues.slice(0, firstWithout)) as string[];
    expect(withDue).toEqual([...withDue].sort());
    if (firstWithout !== -1) expect(dues.slice(firstWithout).every((d) => d === null)).toBe(true);
    expect(
      (await processing().get('/v1/cases/queue').query({ limit: 5000 }).set('Authorization', RECEPTION).expect(400))
        .body.code,
    ).toBe('REQUEST.VALIDATION_FAILED');
    const cashier = (
      await processing()
        .get('/v1/cases/queue')
        .set('Authorization', `Bearer ${await officerToken(['cashier'])}`)
        .expect(200)
    ).body;
    expect(cashier).toEqual([]);
  });

  it("an administrator enters a year's notice; published years cannot be edited", async () => {
    const ADMIN = `Bearer ${await officerToken(['admin'], 'quan-tri')}`;
    const y2026 = (await processing().get('/v1/calendar/2026').set('Authorization', RECEPTION).expect(200)).body;
    expect(y2026.source).toBe('published_notice');
    const off = y2026.daysOff.map((d: { date: string }) => d.date);
    expect(off).toEqual(
      expect.arrayContaining([
        '2026-01-02',
        '2026-02-16',
        '2026-02-17',
        '2026-02-20',
        '2026-04-30',
        '2026-05-01',
        '2026-09-02',
      ]),
    );
    expect(y2026.extraWorkingDays.map((d: { date: string }) => d.date)).toEqual(['2026-01-10']);
    expect(
      (await processing().put('/v1/calendar/2026').set('Authorization', ADMIN).send({}).expect(409)).body.code,
    ).toBe('CALENDAR.YEAR_PUBLISHED');

    const notice = {
      nationalDayAdjacent: 3,
      extraDaysOff: [
        { from: '2027-02-04', to: '2027-02-10', nameVi: 'Nghỉ Tết Đinh Mùi', nameEn: 'Lunar New Year break' },
      ],
      extraWorkingDays: [{ date: '2027-02-20', nameVi: 'Làm bù', nameEn: 'Make-up day' }],
    };
    await processing().put('/v1/calendar/2027').set('Authorization', RECEPTION).send(notice).expect(403);
    expect(
      (
        await processing()
          .put('/v1/calendar/2027')
          .set('Authorization', ADMIN)
          .send({ ...notice, extraWorkingDays: [{ date: '2027-02-30', nameVi: 'x', nameEn: 'x' }] })
          .expect(422)
      ).body.code,
    ).toBe('CALENDAR.INVALID_DATE');
    expect(
      (
        await processing()
          .put('/v1/calendar/2027')
          .set('Authorization', ADMIN)
          .send({ extraWorkingDays: [{ date: '2026-12-31', nameVi: 'x', nameEn: 'x' }] })
          .expect(422)
      ).body.code,
    ).toBe('CALENDAR.DATE_OUTSIDE_YEAR');
    const y2027 = (await processing().put('/v1/calendar/2027').set('Authorization', ADMIN).send(notice).expect(200))
      .body;
    expect(y2027.source).toBe('entered_notice');
    const off27 = y2027.daysOff.map((d: { date: string }) => d.date);
    expect(off27).toEqual(
      expect.arrayContaining([
        '2027-02-04',
        '2027-02-05',
        '2027-02-08',
        '2027-02-09',
        '2027-02-10',
        '2027-09-02',
        '2027-09-03',
      ]),
    );
    expect(off27).not.toContain('2027-09-01');
    expect(y2027.extraWorkingDays.map((d: { date: string }) => d.date)).toEqual(['2027-02-20']);
  });
});
