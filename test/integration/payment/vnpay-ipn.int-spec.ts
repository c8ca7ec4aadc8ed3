import { createHmac } from 'node:crypto';
import request from 'supertest';
import { ExpiryService, orderReference, VnpayGateway, vnpSign } from '../../../apps/payment/src';
import { waitFor } from '../../../tools/harness/wait';
import { newDossierCode, PaymentHarness } from './payment-harness';

/** VNPay IPN against the real service, database, bus and the simulator as a separate process. */
describe('payment: VNPay IPN (real PostgreSQL, RabbitMQ and gateway simulator)', () => {
  const h = new PaymentHarness();
  const ipn = (query: string) => request(h.url).get(`/v1/payments/vnpay/ipn?${query}`).expect(200);
  const portalOrders = (code: string) =>
    request(h.url).get('/v1/payments').query({ dossier: code }).set('X-Api-Key', h.apiKey).expect(200);
  const paymentUrlOf = async (code: string): Promise<string> => {
    const [order] = (await portalOrders(code)).body;
    expect(order.online.allowed).toBe(true);
    return order.online.paymentUrl;
  };
  /** What a VNPay IPN for this order would carry, signed with the merchant's secret. */
  const signedIpn = (reference: string, over: Record<string, string> = {}) => {
    const p: Record<string, string> = {
      vnp_Amount: '5000000',
      vnp_BankCode: 'NCB',
      vnp_OrderInfo: 'Nop phi',
      vnp_PayDate: '20260511103000',
      vnp_ResponseCode: '00',
      vnp_TmnCode: h.config.VNPAY_TMN_CODE,
      vnp_TransactionNo: String(Date.now() % 1e9),
      vnp_TransactionStatus: '00',
      vnp_TxnRef: reference,
      ...over,
    };
    const q = new URLSearchParams(p).toString();
    return `${q}&vnp_SecureHash=${vnpSign(p, h.config.VNPAY_HASH_SECRET)}`;
  };

  beforeAll(() => h.start());
  afterAll(() => h.stop());

  it('pays through the payment URL: 00, paid, one payment.succeeded, a receipt the portal can read, the raw IPN kept', async () => {
    const { dossierCode, orderId, reference } = await h.assessFee();
    const paymentUrl = await paymentUrlOf(dossierCode);
    const url = new URL(paymentUrl);
    expect(url.origin).toBe(h.sim.url);
    expect(url.searchParams.get('vnp_TxnRef')).toBe(reference);
    expect(url.searchParams.get('vnp_Amount')).toBe('5000000');
    expect(url.searchParams.get('vnp_ExpireDate')! > url.searchParams.get('vnp_CreateDate')!).toBe(true);

    const paid = await h.sim.pay(paymentUrl);
    expect(paid.ipn).toEqual([{ status: 200, body: { RspCode: '00', Message: 'Confirm Success' } }]);
    const [order] = (await portalOrders(dossierCode)).body;
    expect(order).toMatchObject({
      id: orderId,
      status: 'paid',
      paidMethod: 'online',
      amount: 50000,
      online: { allowed: false, code: 'PAYMENT.NOT_PAYABLE' },
    });
    expect(order.receiptNumber).toMatch(new RegExp(`^BL-${new Date().getFullYear()}-\\d{6}$`));

    const receipt = await request(h.url)
      .get(`/v1/payments/receipts/${order.receiptNumber}`)
      .set('X-Api-Key', h.apiKey)
      .expect(200);
    expect(receipt.body).toMatchObject({
      number: order.receiptNumber,
      dossierCode,
      amount: 50000,
      method: 'online',
      items: [{ code: 'LP01', amount: 50000 }],
    });
    await request(h.url).get(`/v1/payments/receipts/${order.receiptNumber}`).expect(401);

    const events = await waitFor('payment.succeeded', async () => {
      const e = await h.eventsFor(dossierCode, 'payment.succeeded');
      return e.length ? e : undefined;
    });
    expect(events).toHaveLength(1);
    expect(events[0].data).toMatchObject({
      feeId: `${dossierCode}:fee`,
      method: 'online',
      amount: 50000,
      paymentOrderId: orderId,
      receiptNumber: order.receiptNumber,
    });

    const raw = await h.callbacks(reference);
    expect(raw).toEqual([
      expect.objectContaining({ channel: 'ipn', verdict_code: '00', order_id: orderId, query: paid.query }),
    ]);

    // The browser's return shows the result and changes nothing.
    const shown = await request(h.url)
      .get(new URL(paid.returnUrl).pathname + new URL(paid.returnUrl).search)
      .expect(200);
    expect(shown.body).toMatchObject({ valid: true, gatewayResult: 'success', orderStatus: 'paid', reference });
    const forgedReturn = await request(h.url)
      .get(`/v1/payments/vnpay/return?${paid.query.replace('vnp_ResponseCode=00', 'vnp_ResponseCode=24')}`)
      .expect(200);
    expect(forgedReturn.body).toMatchObject({ valid: false, orderStatus: 'paid' });
  });

  it('confirms once when the same IPN arrives 10 times at once: one 00, nine 02, one payment.succeeded on the bus', async () => {
    const { dossierCode, orderId, reference } = await h.assessFee();
    const paid = await h.sim.pay(await paymentUrlOf(dossierCode), { copies: 10 });
    const codes = paid.ipn.map((a: { body: { RspCode: string } }) => a.body.RspCode).sort();
    expect(codes).toEqual(['00', '02', '02', '02', '02', '02', '02', '02', '02', '02']);
    expect((await h.order(orderId)).status).toBe('paid');
    expect(await h.callbacks(reference)).toHaveLength(10);
    expect(
      (await h.ds.query('SELECT count(*)::int AS n FROM payment.receipts WHERE order_id = $1', [orderId]))[0].n,
    ).toBe(1);
    await waitFor('payment.succeeded', async () => (await h.eventsFor(dossierCode, 'payment.succeeded')).length > 0);
    // Let the relay publish anything else it might (it must not): then count.
    await request(h.url).get('/health/ready');
    await waitFor(
      'outbox drained',
      async () => (await h.ds.query('SELECT count(*)::int AS n FROM payment.outbox WHERE sent_at IS NULL'))[0].n === 0,
    );
    expect(await h.eventsFor(dossierCode, 'payment.succeeded')).toHaveLength(1);
  });

  it('answers 01 to an IPN that arrives before the order exists, and 00 on the gateway retry after fee.assessed', async () => {
    const dossierCode = newDossierCode();
    const reference = orderReference(`${dossierCode}:fee`);
    // The portal got its payment URL from a replica that had the order; this one has not applied fee.assessed yet.
    const url = new VnpayGateway(h.config).createPaymentUrl({
      reference,
      amount: 50000,
      orderInfo: 'Nop phi',
      clientIp: '10.0.0.9',
      createdAt: new Date(),
      expiresAt: new Date(Date.now() + 600_000),
    });
    const first = await h.sim.pay(url);
    expect(first.ipn[0].body).toEqual({ RspCode: '01', Message: 'Order not found' });
    const { orderId } = await h.assessFee({ dossierCode });
    const retry = await h.sim.resendIpn(first.query);
    expect(retry.ipn[0].body).toEqual({ RspCode: '00', Message: 'Confirm Success' });
    expect((await h.order(orderId)).status).toBe('paid');
    expect((await h.callbacks(reference)).map((c: { verdict_code: string }) => c.verdict_code)).toEqual(['01', '00']);
  });

  it('gives each bad IPN its contract answer, keeps the raw record and changes nothing', async () => {
    const { dossierCode, orderId, reference } = await h.assessFee();
    const before = await h.order(orderId);

    const forged = await h.sim.pay(await paymentUrlOf(dossierCode), { tamper: 'forged_hash' });
    expect(forged.ipn[0].body).toEqual({ RspCode: '97', Message: 'Invalid Checksum' });
    const wrongAmount = await h.sim.resendIpn(
      (await h.sim.pay(await paymentUrlOf(dossierCode), { tamper: 'wrong_amount', notify: false })).query,
    );
    expect(wrongAmount.ipn[0].body).toEqual({ RspCode: '04', Message: 'Invalid amount' });
    expect((await ipn(signedIpn('DVC0000000000000000'))).body).toEqual({ RspCode: '01', Message: 'Order not found' });
    expect((await ipn(signedIpn(reference, { vnp_Amount: '50000.5' }))).body).toEqual({
      RspCode: '99',
      Message: 'Invalid request',
    });
    expect((await ipn(signedIpn(reference, { vnp_PayDate: 'yesterday' }))).body).toEqual({
      RspCode: '99',
      Message: 'Invalid request',
    });
    // A parameter given twice: nobody can tell which copy was signed.
    expect((await ipn(`${signedIpn(reference)}&vnp_Amount=5000000`)).body).toEqual({
      RspCode: '99',
      Message: 'Invalid request',
    });
    expect((await ipn(`${signedIpn(reference)}&vnp_Amount=100`)).body).toEqual({
      RspCode: '97',
      Message: 'Invalid Checksum',
    });
    expect((await ipn(signedIpn(reference).replace(/&vnp_SecureHash=.*/, ''))).body).toEqual({
      RspCode: '97',
      Message: 'Invalid Checksum',
    });
    expect((await ipn('')).body.RspCode).toBe('97');
    expect((await ipn(signedIpn(reference, { vnp_TmnCode: 'OTHER001' }))).body).toEqual({
      RspCode: '99',
      Message: 'Invalid merchant',
    });

    const after = await h.order(orderId);
    expect(after.status).toBe('pending');
    expect(after.updated_at).toEqual(before.updated_at);
    const raw = await h.ds.query(
      `SELECT verdict_code FROM payment.gateway_callbacks WHERE received_at >= $1 AND channel = 'ipn' ORDER BY received_at`,
      [before.updated_at],
    );
    expect(raw.map((r: { verdict_code: string }) => r.verdict_code)).toEqual(
      expect.arrayContaining(['97', '04', '01', '99', '99', '99', '97', '97', '97', '99']),
    );
    expect(await h.eventsFor(dossierCode, 'payment.succeeded')).toHaveLength(0);
  });

  it('accepts the same parameters reordered and differently encoded; a replay after payment gets 02 and pays nothing twice', async () => {
    const { dossierCode, orderId, reference } = await h.assessFee();
    const signed = signedIpn(reference, { vnp_OrderInfo: 'Nop phi ho so: 01' });
    const reshaped = signed
      .split('&')
      .reverse()
      .join('&')
      .replace('Nop+phi+ho+so%3A+01', 'Nop%20phi%20ho%20so%3a%2001');
    expect(reshaped).not.toBe(signed);
    expect((await ipn(reshaped)).body).toEqual({ RspCode: '00', Message: 'Confirm Success' });
    expect((await ipn(signed)).body).toEqual({ RspCode: '02', Message: 'Order already confirmed' });
    expect((await ipn(signedIpn(reference))).body).toEqual({ RspCode: '02', Message: 'Order already confirmed' });
    expect((await h.order(orderId)).status).toBe('paid');
    await waitFor('payment.succeeded', async () => (await h.eventsFor(dossierCode, 'payment.succeeded')).length > 0);
    await waitFor(
      'outbox drained',
      async () => (await h.ds.query('SELECT count(*)::int AS n FROM payment.outbox WHERE sent_at IS NULL'))[0].n === 0,
    );
    expect(await h.eventsFor(dossierCode, 'payment.succeeded')).toHaveLength(1);
  });

  it("confirms an IPN whose values hold ! ' ( ) * ~, Vietnamese, spaces, + & = signed as VNPay's Java or PHP code does, and refuses any other encoding (97)", async () => {
    // The samples' encoders, from their documented rules (java.net.URLEncoder: alphanumerics and
    // ". - * _" kept; PHP urlencode: alphanumerics and "-_." kept; both: space '+', every other
    // UTF-8 byte %XY), not from the service's code.
    const form = (keep: string) => (s: string) =>
      Array.from(new TextEncoder().encode(s), (b) =>
        b < 0x80 && (/[A-Za-z0-9]/.test(String.fromCharCode(b)) || keep.includes(String.fromCharCode(b)))
          ? String.fromCharCode(b)
          : b === 0x20
            ? '+'
            : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
      ).join('');
    const java = form('.-*_');
    const php = form('-_.');
    const uriComponent = (s: string) => encodeURIComponent(s).replace(/%20/g, '+');
    /** The IPN as it arrives: the parameters on the wire (form-encoded), hashed over `enc`'s string. */
    const ipnAs = (enc: (s: string) => string, reference: string) => {
      const p: Record<string, string> = {
        vnp_Amount: '5000000',
        vnp_BankCode: 'NCB',
        vnp_BankTranNo: 'VNP(14226112)',
        vnp_CardType: 'ATM',
        vnp_OrderInfo: "Nộp phí hồ sơ (lệ phí) 'A'! *~ a+b&c=d",
        vnp_PayDate: '20260511103000',
        vnp_ResponseCode: '00',
        vnp_TmnCode: h.config.VNPAY_TMN_CODE,
        vnp_TransactionNo: String(Date.now() % 1e9),
        vnp_TransactionStatus: '00',
        vnp_TxnRef: reference,
      };
      const data = Object.keys(p)
        .sort()
        .map((k) => `${k}=${enc(p[k])}`)
        .join('&');
      const hash = createHmac('sha512', h.config.VNPAY_HASH_SECRET).update(data, 'utf8').digest('hex');
      return `${new URLSearchParams(p).toString()}&vnp_SecureHash=${hash}`;
    };

    const first = await h.assessFee();
    expect((await ipn(ipnAs(java, first.reference))).body).toEqual({ RspCode: '00', Message: 'Confirm Success' });
    expect((await h.order(first.orderId)).status).toBe('paid');

    const second = await h.assessFee();
    for (const other of [
      uriComponent,
      (s: string) => java(s).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
      (s: string) => java(s.replace(/[^\p{ASCII}]/gu, '?')),
    ])
      expect((await ipn(ipnAs(other, second.reference))).body).toEqual({ RspCode: '97', Message: 'Invalid Checksum' });
    expect((await h.order(second.orderId)).status).toBe('pending');
    expect((await ipn(ipnAs(php, second.reference))).body).toEqual({ RspCode: '00', Message: 'Confirm Success' });
    expect((await h.order(second.orderId)).status).toBe('paid');
    expect((await h.callbacks(second.reference)).map((c: { verdict_code: string }) => c.verdict_code)).toEqual([
      '97',
      '97',
      '97',
      '00',
    ]);
  });

  it("pays through the gateway simulator with an order text holding those characters: it verifies our URL and signs its IPN as VNPay's Java code does", async () => {
    const { orderId, reference } = await h.assessFee();
    const orderInfo = "Nộp phí hồ sơ (lệ phí) 'A'! *~ a+b&c=d";
    const url = new VnpayGateway(h.config).createPaymentUrl({
      reference,
      amount: 50000,
      orderInfo,
      clientIp: '10.0.0.9',
      createdAt: new Date(),
      expiresAt: new Date(Date.now() + 600_000),
    });
    // The URL says exactly what was signed: each value comes back as it was.
    expect(new URL(url).searchParams.get('vnp_OrderInfo')).toBe(orderInfo);
    const paid = await h.sim.pay(url);
    expect(paid.ipn).toEqual([{ status: 200, body: { RspCode: '00', Message: 'Confirm Success' } }]);
    expect(new URLSearchParams(paid.query).get('vnp_OrderInfo')).toBe(orderInfo);
    expect((await h.order(orderId)).status).toBe('paid');
  });

  it('records a failed payment (payment.failed) and still lets the citizen pay afterwards', async () => {
    const { dossierCode, orderId } = await h.assessFee();
    const failed = await h.sim.pay(await paymentUrlOf(dossierCode), { outcome: 'fail' });
    expect(failed.ipn[0].body.RspCode).toBe('00');
    expect((await h.order(orderId)).status).toBe('failed');
    await waitFor('payment.failed', async () => (await h.eventsFor(dossierCode, 'payment.failed')).length === 1);
    const paid = await h.sim.pay(await paymentUrlOf(dossierCode));
    expect(paid.ipn[0].body.RspCode).toBe('00');
    expect((await h.order(orderId)).status).toBe('paid');
  });

  it('answers 02 to a payment for an expired order and leaves it expired; the expiry job expires unpaid orders and applies querydr', async () => {
    // Paid at the gateway, IPN lost: the job asks (querydr) and applies the answer.
    const silent = await h.assessFee();
    const silentPaid = await h.sim.pay(await paymentUrlOf(silent.dossierCode), { notify: false });
    await h.ds.query(`UPDATE payment.payment_orders SET last_checkout_at = now() - interval '2 hours' WHERE id = $1`, [
      silent.orderId,
    ]);
    // Never paid and past its expiry.
    const lapsed = await h.assessFee();
    await paymentUrlOf(lapsed.dossierCode);
    await h.ds.query(
      `UPDATE payment.payment_orders SET expires_at = now() - interval '1 minute', last_checkout_at = now() - interval '2 hours' WHERE id = $1`,
      [lapsed.orderId],
    );

    const run = await h.app.get(ExpiryService).runOnce();
    expect(run).toMatchObject({ paid: 1, expired: 1 });
    expect(await h.order(silent.orderId)).toMatchObject({ status: 'paid', transaction_no: silentPaid.transactionNo });
    expect((await h.order(lapsed.orderId)).status).toBe('expired');
    await waitFor(
      'payment.failed (expired)',
      async () => (await h.eventsFor(lapsed.dossierCode, 'payment.failed')).length === 1,
    );

    const late = await ipn(signedIpn(lapsed.reference));
    expect(late.body).toEqual({ RspCode: '02', Message: 'Order already confirmed' });
    expect((await h.order(lapsed.orderId)).status).toBe('expired');
    const [raw] = (await h.callbacks(lapsed.reference)).slice(-1);
    expect(raw.verdict.outcome).toMatchObject({ kind: 'already_confirmed', status: 'expired', latePayment: true });
    expect(await h.eventsFor(lapsed.dossierCode, 'payment.succeeded')).toHaveLength(0);
  });

  it('refuses online payment of a level-3 dossier with a clear reason (office only)', async () => {
    const { dossierCode, orderId, reference } = await h.assessFee({ level: 3, method: 'office' });
    const [order] = (await portalOrders(dossierCode)).body;
    expect(order.online).toMatchObject({ allowed: false, code: 'PAYMENT.OFFICE_ONLY' });
    const refused = await request(h.url)
      .post(`/v1/payments/${orderId}/checkout`)
      .set('X-Api-Key', h.apiKey)
      .send({})
      .expect(409);
    expect(refused.body).toMatchObject({ code: 'PAYMENT.OFFICE_ONLY', errors: { level: 3, payAt: 'office' } });
    expect(refused.body.message.vi).toContain('mức độ 3');
    // Even a correctly signed IPN cannot pay it online.
    expect((await ipn(signedIpn(reference))).body).toEqual({ RspCode: '99', Message: 'Order cannot be paid online' });
    expect((await h.order(orderId)).status).toBe('pending');
  });

  it('keeps the portal endpoints behind a live portal key', async () => {
    const code = newDossierCode();
    expect((await request(h.url).get('/v1/payments').query({ dossier: code }).expect(401)).body.code).toBe(
      'PORTAL.API_KEY_MISSING',
    );
    expect(
      (await request(h.url).get('/v1/payments').query({ dossier: code }).set('X-Api-Key', 'dvc_wrong').expect(401)).body
        .code,
    ).toBe('PORTAL.API_KEY_INVALID');
  });
});
