import request from 'supertest';
import { officerToken } from '../../../tools/harness/portal-client';
import { waitFor } from '../../../tools/harness/wait';
import { PaymentHarness } from './payment-harness';

let CASHIER: string;
let ADMIN: string;
let SPECIALIST: string;
// Signed before the tests: jose signs asynchronously.
beforeAll(async () => {
  CASHIER = `Bearer ${await officerToken(['cashier'], 'cashier-1')}`;
  ADMIN = `Bearer ${await officerToken(['admin'], 'admin-1')}`;
  SPECIALIST = `Bearer ${await officerToken(['specialist'], 'specialist-1')}`;
});

/** COD, the counter, refunds, receipts, reconciliation and the webhook adapter, on the real stack. */
describe('payment: COD, cashier, refunds, receipts, reconciliation, webhooks (real PostgreSQL, RabbitMQ and simulator)', () => {
  const h = new PaymentHarness();
  const officerOrder = (id: string) =>
    request(h.url).get(`/v1/payments/orders/${id}`).set('Authorization', SPECIALIST).expect(200);
  const paymentUrlOf = async (code: string): Promise<string> =>
    (await request(h.url).get('/v1/payments').query({ dossier: code }).set('X-Api-Key', h.apiKey).expect(200)).body[0]
      .online.paymentUrl;
  const payOnline = async () => {
    const o = await h.assessFee();
    const paid = await h.sim.pay(await paymentUrlOf(o.dossierCode));
    expect(paid.ipn[0].body.RspCode).toBe('00');
    return { ...o, transactionNo: paid.transactionNo as string, query: paid.query as string };
  };
  const reject = async (dossierCode: string, orderId: string) => {
    await h.publish('dossier.rejected', {
      dossierCode,
      stage: 'review',
      reason: 'Hồ sơ không đủ điều kiện',
      rejectedAt: new Date().toISOString(),
    });
    await waitFor('refundable', async () => (await h.order(orderId)).refundable_since !== null);
  };
  const settled = async () =>
    waitFor(
      'outbox drained',
      async () => (await h.ds.query('SELECT count(*)::int AS n FROM payment.outbox WHERE sent_at IS NULL'))[0].n === 0,
    );

  beforeAll(() => h.start());
  afterAll(() => h.stop());

  describe('postal COD', () => {
    it('the exact amount collected by the postman pays the order (postal_cod, payment.succeeded with the recipient on the receipt)', async () => {
      const { dossierCode, orderId } = await h.assessFee({ method: 'postal_cod' });
      await h.publish(
        'delivery.delivered',
        {
          shipmentId: 'SH-1',
          dossierCode,
          recipientName: 'Trần Văn Bình',
          codCollected: 50000,
          deliveredAt: new Date().toISOString(),
        },
        'postal-delivery',
      );
      const [event] = await waitFor('payment.succeeded', async () => {
        const e = await h.eventsFor(dossierCode, 'payment.succeeded');
        return e.length ? e : undefined;
      });
      expect(event.data).toMatchObject({
        method: 'postal_cod',
        amount: 50000,
        feeId: `${dossierCode}:fee`,
        paymentOrderId: orderId,
      });
      const order = (await officerOrder(orderId)).body;
      expect(order).toMatchObject({ status: 'paid', paidMethod: 'postal_cod', codMismatch: null });
      const receipt = (
        await request(h.url).get(`/v1/payments/receipts/${order.receiptNumber}`).set('X-Api-Key', h.apiKey).expect(200)
      ).body;
      expect(receipt).toMatchObject({ payer: { name: 'Trần Văn Bình' }, method: 'postal_cod', amount: 50000 });
    });

    it('a different amount is flagged, not paid, and shown to officers', async () => {
      const { dossierCode, orderId } = await h.assessFee({ method: 'postal_cod' });
      await h.publish(
        'delivery.delivered',
        {
          shipmentId: 'SH-2',
          dossierCode,
          recipientName: 'Lê Thị Hoa',
          codCollected: 45000,
          deliveredAt: new Date().toISOString(),
        },
        'postal-delivery',
      );
      await waitFor('flagged', async () => (await h.order(orderId)).cod_mismatch_at !== null);
      const order = (await officerOrder(orderId)).body;
      expect(order).toMatchObject({ status: 'pending', codMismatch: { collected: 45000 } });
      expect(order.history.at(-1)).toMatchObject({
        from: 'pending',
        to: 'pending',
        reason: 'COD amount mismatch: flagged, not paid',
        details: { collected: 45000, due: 50000 },
      });
      const flagged = (
        await request(h.url)
          .get('/v1/payments/orders')
          .query({ flagged: 'cod_mismatch' })
          .set('Authorization', SPECIALIST)
          .expect(200)
      ).body;
      expect(flagged.map((o: { id: string }) => o.id)).toContain(orderId);
      await waitFor('payment.failed', async () => (await h.eventsFor(dossierCode, 'payment.failed')).length === 1);
      expect(await h.eventsFor(dossierCode, 'payment.succeeded')).toHaveLength(0);
    });
  });

  describe('cashier', () => {
    it('takes a level-3 fee at the counter: amount must equal the amount due, the cashier role is required, a paper receipt number is used once', async () => {
      const { dossierCode, orderId } = await h.assessFee({ level: 3, method: 'office', amount: 120000 });
      const body = { amount: 100000, receiptNumber: 'Q01-000123', payerName: 'Nguyễn Văn An' };
      expect(
        (
          await request(h.url)
            .post(`/v1/payments/orders/${orderId}/cashier`)
            .set('Authorization', SPECIALIST)
            .send(body)
            .expect(403)
        ).body.code,
      ).toBe('AUTH.FORBIDDEN');
      const wrong = await request(h.url)
        .post(`/v1/payments/orders/${orderId}/cashier`)
        .set('Authorization', CASHIER)
        .send(body)
        .expect(422);
      expect(wrong.body).toMatchObject({
        code: 'PAYMENT.AMOUNT_MISMATCH',
        errors: { amountDue: 120000, amountGiven: 100000 },
      });
      expect((await h.order(orderId)).status).toBe('pending');

      const ok = await request(h.url)
        .post(`/v1/payments/orders/${orderId}/cashier`)
        .set('Authorization', CASHIER)
        .send({ ...body, amount: 120000 })
        .expect(201);
      expect(ok.body).toMatchObject({
        orderId,
        status: 'paid',
        receiptNumber: expect.stringMatching(/^BL-\d{4}-\d{6}$/),
      });
      const [event] = await waitFor('payment.succeeded', async () => {
        const e = await h.eventsFor(dossierCode, 'payment.succeeded');
        return e.length ? e : undefined;
      });
      expect(event.data).toMatchObject({ method: 'office', amount: 120000, receiptNumber: ok.body.receiptNumber });
      const receipt = (
        await request(h.url)
          .get(`/v1/payments/receipts/${ok.body.receiptNumber}`)
          .set('X-Api-Key', h.apiKey)
          .expect(200)
      ).body;
      expect(receipt).toMatchObject({
        payer: { name: 'Nguyễn Văn An' },
        cashierReceiptNumber: 'Q01-000123',
        method: 'office',
      });
      expect(
        (
          await request(h.url)
            .post(`/v1/payments/orders/${orderId}/cashier`)
            .set('Authorization', CASHIER)
            .send({ ...body, amount: 120000 })
            .expect(409)
        ).body.code,
      ).toBe('PAYMENT.NOT_PAYABLE');

      const other = await h.assessFee({ level: 3, method: 'office', amount: 120000 });
      const reused = await request(h.url)
        .post(`/v1/payments/orders/${other.orderId}/cashier`)
        .set('Authorization', CASHIER)
        .send({ ...body, amount: 120000 })
        .expect(409);
      expect(reused.body.code).toBe('PAYMENT.CASHIER_RECEIPT_NUMBER_USED');
      expect((await h.order(other.orderId)).status).toBe('pending');
    });

    it('does not take a COD fee while the parcel is out; once it comes back the counter takes it', async () => {
      const { dossierCode, orderId } = await h.assessFee({ method: 'postal_cod' });
      const body = { amount: 50000, receiptNumber: `Q02-${Date.now()}`, payerName: 'Phạm Minh' };
      expect(
        (
          await request(h.url)
            .post(`/v1/payments/orders/${orderId}/cashier`)
            .set('Authorization', CASHIER)
            .send(body)
            .expect(409)
        ).body.code,
      ).toBe('PAYMENT.COD_AWAITING_DELIVERY');
      await h.publish(
        'delivery.returned',
        { shipmentId: 'SH-3', dossierCode, returnedAt: new Date().toISOString() },
        'postal-delivery',
      );
      await waitFor('payable at the counter', async () => (await h.order(orderId)).method === 'office');
      await request(h.url)
        .post(`/v1/payments/orders/${orderId}/cashier`)
        .set('Authorization', CASHIER)
        .send(body)
        .expect(201);
      expect((await h.order(orderId)).paid_method).toBe('office');
    });

    it('numbers receipts without gaps or repeats when many are paid at once', async () => {
      const orders = await Promise.all(
        Array.from({ length: 8 }, () => h.assessFee({ level: 3, method: 'office', amount: 20000 })),
      );
      const results = await Promise.all(
        orders.map((o, i) =>
          request(h.url)
            .post(`/v1/payments/orders/${o.orderId}/cashier`)
            .set('Authorization', CASHIER)
            .send({ amount: 20000, receiptNumber: `Q03-${Date.now()}-${i}`, payerName: 'Người nộp' }),
        ),
      );
      expect(results.map((r) => r.status)).toEqual(Array(8).fill(201));
      const all: { seq: number }[] = await h.ds.query('SELECT seq FROM payment.receipts ORDER BY seq');
      expect(all.map((r) => r.seq)).toEqual(all.map((_, i) => i + 1));
    });
  });

  describe('refunds', () => {
    it('are refused while the dossier is not rejected', async () => {
      const { orderId } = await payOnline();
      const r = await request(h.url)
        .post(`/v1/payments/orders/${orderId}/refunds`)
        .set('Authorization', ADMIN)
        .set('Idempotency-Key', `rf-${orderId}`)
        .send({ reason: 'Thử' })
        .expect(409);
      expect(r.body.code).toBe('PAYMENT.REFUND_NOT_ALLOWED');
      expect(
        (
          await request(h.url)
            .post(`/v1/payments/orders/${orderId}/refunds`)
            .set('Authorization', CASHIER)
            .set('Idempotency-Key', `rf2-${orderId}`)
            .send({ reason: 'Thử' })
            .expect(403)
        ).body.code,
      ).toBe('AUTH.FORBIDDEN');
      expect(
        (
          await request(h.url)
            .post(`/v1/payments/orders/${orderId}/refunds`)
            .set('Authorization', ADMIN)
            .send({ reason: 'Thử' })
            .expect(400)
        ).body.code,
      ).toBe('PAYMENT.IDEMPOTENCY_KEY_REQUIRED');
    });

    it('after rejection: partial then full through the gateway, idempotent on the key, payment.refunded each time; a later IPN for the refunded order gets 02', async () => {
      const { dossierCode, orderId, query, reference } = await payOnline();
      await reject(dossierCode, orderId);
      const partial = () =>
        request(h.url)
          .post(`/v1/payments/orders/${orderId}/refunds`)
          .set('Authorization', ADMIN)
          .set('Idempotency-Key', `partial-${orderId}`)
          .send({ amount: 20000, reason: 'Hoàn một phần phí' });
      const first = await partial().expect(201);
      expect(first.body).toMatchObject({
        amount: 20000,
        channel: 'vnpay',
        orderStatus: 'partially_refunded',
        refundedTotal: 20000,
        replayed: false,
      });
      const again = await partial().expect(201);
      expect(again.body).toMatchObject({
        refundId: first.body.refundId,
        amount: 20000,
        replayed: true,
        refundedTotal: 20000,
      });
      const tooMuch = await request(h.url)
        .post(`/v1/payments/orders/${orderId}/refunds`)
        .set('Authorization', ADMIN)
        .set('Idempotency-Key', `big-${orderId}`)
        .send({ amount: 40000, reason: 'Quá' })
        .expect(422);
      expect(tooMuch.body).toMatchObject({ code: 'PAYMENT.REFUND_EXCEEDS_PAID', errors: { refundable: 30000 } });
      const rest = await request(h.url)
        .post(`/v1/payments/orders/${orderId}/refunds`)
        .set('Authorization', ADMIN)
        .send({ reason: 'Hoàn phần còn lại', refundId: `rest-${orderId}` })
        .expect(201);
      expect(rest.body).toMatchObject({ amount: 30000, orderStatus: 'refunded', refundedTotal: 50000 });

      // The gateway refunded each request once, whatever the retries.
      const sim = (await (await fetch(`${h.sim.url}/sim/transactions`)).json()) as {
        transactions: { reference: string }[];
        refunds: { reference: string; amount: number }[];
      };
      expect(sim.transactions.find((t: { reference: string }) => t.reference === reference)).toMatchObject({
        refunded: 50000,
      });
      expect(
        sim.refunds
          .filter((r: { reference: string }) => r.reference === reference)
          .map((r: { amount: number }) => r.amount),
      ).toEqual([20000, 30000]);

      await settled();
      const refunded = await h.eventsFor(dossierCode, 'payment.refunded');
      expect(refunded.map((e) => (e.data as { amount: number }).amount)).toEqual([20000, 30000]);
      expect((await h.sim.resendIpn(query)).ipn[0].body).toEqual({ RspCode: '02', Message: 'Order already confirmed' });
      expect((await h.order(orderId)).status).toBe('refunded');
      expect((await officerOrder(orderId)).body.history.map((x: { to: string }) => x.to)).toEqual([
        'pending',
        'paid',
        'paid',
        'partially_refunded',
        'refunded',
      ]);
    });

    it('a counter payment is refunded at the counter (no gateway)', async () => {
      const { dossierCode, orderId } = await h.assessFee({ level: 3, method: 'office', amount: 30000 });
      await request(h.url)
        .post(`/v1/payments/orders/${orderId}/cashier`)
        .set('Authorization', CASHIER)
        .send({ amount: 30000, receiptNumber: `Q04-${Date.now()}`, payerName: 'Đỗ Hà' })
        .expect(201);
      await reject(dossierCode, orderId);
      const r = await request(h.url)
        .post(`/v1/payments/orders/${orderId}/refunds`)
        .set('Authorization', ADMIN)
        .set('Idempotency-Key', `cash-${orderId}`)
        .send({ reason: 'Hồ sơ bị từ chối' })
        .expect(201);
      expect(r.body).toMatchObject({ amount: 30000, channel: 'counter', orderStatus: 'refunded' });
    });
  });

  describe('withdrawn dossiers', () => {
    it('cancel what is unpaid', async () => {
      const { dossierCode, orderId } = await h.assessFee();
      await h.publish(
        'dossier.withdrawn',
        { dossierCode, reason: 'Không còn nhu cầu', withdrawnAt: new Date().toISOString() },
        'intake',
      );
      await waitFor('cancelled', async () => (await h.order(orderId)).status === 'cancelled');
    });
  });

  describe('webhook adapter (HMAC-SHA256)', () => {
    it('pays on a good call; ignores a replay of the same event id; refuses a bad signature, a stale timestamp, an unknown provider, a wrong amount; keeps every raw call', async () => {
      const { dossierCode, orderId, reference } = await h.assessFee();
      expect(await h.sim.webhook({ reference, amount: 50000, forge: true })).toMatchObject({
        status: 401,
        body: { result: 'bad_signature' },
      });
      expect(await h.sim.webhook({ reference, amount: 50000, skewSeconds: -301 })).toMatchObject({
        status: 401,
        body: { result: 'stale' },
      });
      expect(await h.sim.webhook({ reference, amount: 49000 })).toMatchObject({
        status: 422,
        body: { result: 'invalid_amount', expected: 50000, given: 49000 },
      });
      expect(await h.sim.webhook({ reference: 'DVC0000000000000001', amount: 50000 })).toMatchObject({
        status: 404,
        body: { result: 'order_not_found' },
      });
      expect((await h.order(orderId)).status).toBe('pending');

      const good = await h.sim.webhook({ reference, amount: 50000, eventId: `evt-${orderId}` });
      expect(good).toMatchObject({
        status: 200,
        body: { result: 'paid', receiptNumber: expect.stringMatching(/^BL-/) },
      });
      const replay = await h.sim.webhook({ reference, amount: 50000, eventId: `evt-${orderId}` });
      expect(replay).toMatchObject({ status: 200, body: { result: 'duplicate' } });
      expect(await h.order(orderId)).toMatchObject({ status: 'paid', gateway: 'hub', paid_method: 'online' });

      const unknown = await request(h.url)
        .post('/v1/payments/webhooks/nobody')
        .set('X-Signature', 'f'.repeat(64))
        .set('X-Timestamp', '1')
        .send({ id: 'x' })
        .expect(404);
      expect(unknown.body.result).toBe('unknown_provider');

      const raw = await h.ds.query(
        `SELECT verdict_code FROM payment.gateway_callbacks WHERE channel = 'webhook' AND (body LIKE '%' || $1 || '%' OR gateway = 'nobody') ORDER BY received_at`,
        [reference],
      );
      expect(raw.map((r: { verdict_code: string }) => r.verdict_code)).toEqual([
        'bad_signature',
        'stale',
        'invalid_amount',
        'confirmed',
        'duplicate',
        'unknown_provider',
      ]);
      await settled();
      expect(await h.eventsFor(dossierCode, 'payment.succeeded')).toHaveLength(1);
    });
  });

  describe('reconciliation', () => {
    it('reports matched, missing on our side, missing on theirs, amount mismatches and COD mismatches', async () => {
      const a = await payOnline();
      const b = await payOnline();
      const c = await payOnline();
      const cod = await h.assessFee({ method: 'postal_cod' });
      await h.publish(
        'delivery.delivered',
        {
          shipmentId: 'SH-9',
          dossierCode: cod.dossierCode,
          recipientName: 'Võ Văn Tám',
          codCollected: 60000,
          deliveredAt: new Date().toISOString(),
        },
        'postal-delivery',
      );
      await waitFor('COD flagged', async () => (await h.order(cod.orderId)).cod_mismatch_at !== null);

      const lines = (await h.sim.settlementCsv()).trim().split('\n');
      const header = lines[0];
      const body = lines
        .slice(1)
        .filter((l) => !l.startsWith(`${b.reference},`)) // the gateway's file lacks b
        .map((l) => (l.startsWith(`${c.reference},`) ? l.replace(',50000,payment,', ',55000,payment,') : l)); // and disagrees on c
      const payDate = lines[1].split(',')[4];
      body.push(`DVCFFFFFFFFFFFFFFFF,99999999,70000,payment,${payDate}`); // a payment we never heard of
      const csv = [header, ...body].join('\n');

      expect(
        (
          await request(h.url)
            .post('/v1/payments/reconciliation')
            .set('Authorization', CASHIER)
            .attach('file', Buffer.from(csv), 'settlement.csv')
            .expect(403)
        ).body.code,
      ).toBe('AUTH.FORBIDDEN');
      const bad = await request(h.url)
        .post('/v1/payments/reconciliation')
        .set('Authorization', ADMIN)
        .attach('file', Buffer.from(`${header}\nDVC1,1,12.5,payment,${payDate}`), 's.csv')
        .expect(400);
      expect(bad.body).toMatchObject({
        code: 'PAYMENT.SETTLEMENT_FILE_INVALID',
        errors: { problems: ['line 2: invalid amount'] },
      });

      const report = (
        await request(h.url)
          .post('/v1/payments/reconciliation')
          .set('Authorization', ADMIN)
          .attach('file', Buffer.from(csv), 'settlement.csv')
          .expect(201)
      ).body;
      expect(report.matched).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            reference: a.reference,
            transactionNo: a.transactionNo,
            type: 'payment',
            amount: 50000,
          }),
        ]),
      );
      expect(report.matched.map((m: { reference: string }) => m.reference)).not.toContain(c.reference);
      expect(report.missingOnTheirSide).toEqual([
        expect.objectContaining({
          reference: b.reference,
          transactionNo: b.transactionNo,
          type: 'payment',
          amount: 50000,
        }),
      ]);
      expect(report.amountMismatches).toEqual([
        expect.objectContaining({ reference: c.reference, theirs: 55000, ours: 50000 }),
      ]);
      expect(report.missingOnOurSide).toEqual([
        expect.objectContaining({
          reference: 'DVCFFFFFFFFFFFFFFFF',
          transactionNo: '99999999',
          amount: 70000,
          ourStatus: null,
        }),
      ]);
      expect(report.codMismatches).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            paymentOrderId: cod.orderId,
            dossierCode: cod.dossierCode,
            due: 50000,
            collected: 60000,
          }),
        ]),
      );
      // Refunds made through the gateway appear in its file and are matched too.
      expect(report.matched.some((m: { type: string }) => m.type === 'refund')).toBe(true);
      expect(
        (await h.ds.query('SELECT count(*)::int AS n FROM payment.reconciliation_runs WHERE id = $1', [report.id]))[0]
          .n,
      ).toBe(1);
    });

    it("reconciles the postal partner's COD remittance: matched, remitted but not ours, ours but not remitted, amounts that differ", async () => {
      const delivered = async (collected: number) => {
        const o = await h.assessFee({ method: 'postal_cod' });
        await h.publish(
          'delivery.delivered',
          {
            shipmentId: `SH-${o.dossierCode}`,
            dossierCode: o.dossierCode,
            recipientName: 'Phan Văn Út',
            codCollected: collected,
            deliveredAt: new Date().toISOString(),
          },
          'postal-delivery',
        );
        await waitFor('COD judged', async () => {
          const row = await h.order(o.orderId);
          return row.status === 'paid' || row.cod_mismatch_at !== null;
        });
        return o;
      };
      const ok = await delivered(50000);
      const unremitted = await delivered(50000);
      const differs = await delivered(50000);
      const flagged = await delivered(40000); // flagged here, not paid: its remittance has nothing to match
      const at = new Date().toISOString();
      const csv = [
        'order_number,shipment_id,amount,collected_at',
        `${ok.dossierCode},SH-${ok.dossierCode},50000,${at}`,
        `${differs.dossierCode},SH-${differs.dossierCode},45000,${at}`,
        `${flagged.dossierCode},SH-${flagged.dossierCode},40000,${at}`,
      ].join('\n');
      const bad = await request(h.url)
        .post('/v1/payments/reconciliation/cod')
        .set('Authorization', ADMIN)
        .attach('file', Buffer.from('order_number,shipment_id,amount,collected_at\nX,S,abc,yesterday'), 'r.csv')
        .expect(400);
      expect(bad.body).toMatchObject({
        code: 'PAYMENT.SETTLEMENT_FILE_INVALID',
        errors: { problems: ['line 2: invalid amount, collected_at'] },
      });
      await request(h.url)
        .post('/v1/payments/reconciliation/cod')
        .set('Authorization', CASHIER)
        .attach('file', Buffer.from(csv), 'r.csv')
        .expect(403);

      const report = (
        await request(h.url)
          .post('/v1/payments/reconciliation/cod')
          .set('Authorization', ADMIN)
          .attach('file', Buffer.from(csv), 'remittance.csv')
          .expect(201)
      ).body;
      expect(report.matched).toEqual([expect.objectContaining({ dossierCode: ok.dossierCode, amount: 50000 })]);
      expect(report.amountMismatches).toEqual([
        expect.objectContaining({ dossierCode: differs.dossierCode, theirs: 45000, ours: 50000 }),
      ]);
      expect(report.missingOnOurSide).toEqual([
        expect.objectContaining({
          dossierCode: flagged.dossierCode,
          amount: 40000,
          ourStatus: 'pending',
          flaggedCollected: 40000,
        }),
      ]);
      expect(report.missingOnTheirSide.map((m: { dossierCode: string }) => m.dossierCode)).toContain(
        unremitted.dossierCode,
      );
      expect(report.missingOnTheirSide.map((m: { dossierCode: string }) => m.dossierCode)).not.toContain(
        ok.dossierCode,
      );
      const [run] = await h.ds.query('SELECT gateway FROM payment.reconciliation_runs WHERE id = $1', [report.id]);
      expect(run.gateway).toBe('postal_cod');
    });
  });
});
