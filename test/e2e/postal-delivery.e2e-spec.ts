import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { connect } from 'amqplib';
import {
  EXCHANGES,
  namespaced,
  POSTAL_PARTNER,
  POSTAL_PARTNER_ROUTING_KEYS,
  ROUTING_KEYS,
  createEvent,
} from '@dvc/contracts';
import { BrokerProbe } from '../../tools/harness/broker-probe';
import { partnerHeaders, postalResultIssued, TEST_PARTNER } from '../../tools/partner-simulator.process';
import { QueueTap, statusReport, uniqueDossierCode } from '../support/postal-fixture';
import { E2E_RETRY_DELAYS, ServiceProcess } from '../../tools/harness/service-process';
import { startPlatform } from '../support/platform-fixture';
import { officerToken } from '../../tools/harness/portal-client';
import { adminTestDbUrl, testConfig } from '../../tools/harness/test-env.config';
import { waitFor } from '../../tools/harness/wait';

let RECEPTION: string;
let SPECIALIST: string;
// Signed before the tests: jose signs asynchronously.
beforeAll(async () => {
  RECEPTION = `Bearer ${await officerToken(['reception'], 'reception-1')}`;
  SPECIALIST = `Bearer ${await officerToken(['specialist'], 'specialist-1')}`;
});
const WEBHOOK = '/v1/partner/postal/events';

describe('postal-delivery: shipments, the partner feed and signed status reports (real service, PostgreSQL, RabbitMQ)', () => {
  let postal: ServiceProcess;
  let namespace: string;
  let probe: BrokerProbe;
  let events: QueueTap;
  let feed: QueueTap;
  let db: DataSource;

  beforeAll(async () => {
    let services;
    ({ services, namespace } = await startPlatform(['postal-delivery']));
    postal = services['postal-delivery'];
    probe = await BrokerProbe.open();
    events = await QueueTap.bind(namespaced(EXCHANGES.EVENTS, namespace), ['delivery.#']);
    // The test reads the partner's feed as the partner would (guest here; the user's limits are tested apart).
    feed = await QueueTap.consume(namespaced(POSTAL_PARTNER.FEED_QUEUE, namespace));
    db = await new DataSource({ type: 'postgres', url: adminTestDbUrl() }).initialize();
  });

  afterAll(async () => {
    await postal?.stop('SIGKILL');
    await events?.close();
    await feed?.close();
    await probe.deleteNamespace(namespace, ['postal-delivery'], E2E_RETRY_DELAYS);
    await probe.close();
    await db?.destroy();
  });

  const publish = (event: { id: string }) =>
    probe.publishRaw(namespace, ROUTING_KEYS.RESULT_ISSUED_V1, Buffer.from(JSON.stringify(event)), event.id);
  const shipmentsOf = async (code: string) =>
    (
      await request(postal.url)
        .get('/v1/shipments')
        .query({ dossier: code })
        .set('Authorization', RECEPTION)
        .expect(200)
    ).body;
  const report = (body: Record<string, unknown> | string, o: Parameters<typeof partnerHeaders>[1] = {}) => {
    const raw = typeof body === 'string' ? body : JSON.stringify(body);
    return request(postal.url).post(WEBHOOK).set(partnerHeaders(raw, o)).send(raw);
  };
  const shipment = async (id: string) =>
    (await request(postal.url).get(`/v1/shipments/${id}`).set('Authorization', SPECIALIST).expect(200)).body;
  const refusals = async (shipmentId: string) =>
    (
      await db.query(
        `SELECT code FROM postal.partner_reports WHERE shipment_id = $1 AND outcome = 'refused' ORDER BY id`,
        [shipmentId],
      )
    ).map((r: { code: string }) => r.code);

  /** A shipment opened from a result.issued, with its delivery request read from the feed. */
  async function openShipment(o: Parameters<typeof postalResultIssued>[1] = {}) {
    const code = uniqueDossierCode();
    await publish(postalResultIssued(code, o));
    const [s] = await waitFor('shipment', async () => {
      const list = await shipmentsOf(code);
      return list.length ? list : undefined;
    });
    return { code, id: s.id as string, view: s };
  }

  async function walk(id: string, statuses: [string, Record<string, unknown>?][]) {
    for (const [status, extra] of statuses) {
      const res = await report(statusReport(id, status, extra)).expect(200);
      expect(res.body).toMatchObject({ outcome: 'applied', shipmentId: id, reported: status, status });
    }
  }
  const TO_DOOR: [string][] = [['accepted_by_post_office'], ['picked_up'], ['in_transit'], ['out_for_delivery']];

  it("shows a dossier's shipments (the receiver's personal data) to officers only", async () => {
    const res = await request(postal.url).get('/v1/shipments').query({ dossier: uniqueDossierCode() }).expect(401);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(await shipmentsOf(uniqueDossierCode())).toEqual([]);
  });

  it('opens one shipment per result however often result.issued arrives, and asks the partner once, in plain JSON on its own exchange', async () => {
    const code = uniqueDossierCode();
    const issued = postalResultIssued(code, { codAmount: 50000 });
    await publish(issued);
    await publish(issued); // the same message again
    await publish({ ...issued, id: randomUUID() }); // the same result under another event id
    const [s] = await waitFor('shipment', async () =>
      (await shipmentsOf(code)).length ? shipmentsOf(code) : undefined,
    );
    const request_ = await waitFor(
      'delivery request on the feed',
      () => feed.of(POSTAL_PARTNER_ROUTING_KEYS.DELIVERY_REQUESTED_V1, (b) => b.correlationId === code)[0],
    );
    await waitFor(
      'status_changed(created)',
      () => events.of(ROUTING_KEYS.DELIVERY_STATUS_CHANGED_V1, (b) => b.data.dossierCode === code).length > 0,
    );
    // Give duplicates every chance to show up: a later result's request arrives after them on the same queues.
    const later = await openShipment();
    await waitFor(
      'later request',
      () => feed.of(POSTAL_PARTNER_ROUTING_KEYS.DELIVERY_REQUESTED_V1, (b) => b.correlationId === later.code)[0],
    );

    expect(await shipmentsOf(code)).toHaveLength(1);
    expect(s).toMatchObject({
      dossierCode: code,
      resultId: `${code}:result`,
      status: 'created',
      codAmount: 50000,
      needsAddressFix: false,
      addressCheck: { status: 'ok' },
    });
    expect(feed.of(POSTAL_PARTNER_ROUTING_KEYS.DELIVERY_REQUESTED_V1, (b) => b.correlationId === code)).toHaveLength(1);
    expect(events.of(ROUTING_KEYS.DELIVERY_STATUS_CHANGED_V1, (b) => b.data.dossierCode === code)).toHaveLength(1);
    // The partner's contract: an envelope with the version, no framework wrapping; the official province name.
    expect(request_.messageId).toBe(request_.body.id);
    expect(request_.type).toBe('delivery.requested');
    expect(request_.body).not.toHaveProperty('pattern');
    expect(request_.body).toMatchObject({
      type: 'delivery.requested',
      version: 1,
      source: 'postal-delivery',
      correlationId: code,
      data: {
        shipmentId: s.id,
        orderNumber: code,
        dossierCode: code,
        sender: { name: 'Bộ phận Một cửa - Sở Tài chính', province: 'Hà Nội' },
        receiver: {
          recipientName: 'Trần Văn Bình',
          phone: '0912345678',
          street: '12 Lê Lợi',
          ward: 'Phường Sài Gòn',
          province: 'Hồ Chí Minh City',
        },
        parcel: { documents: [{ name: 'quyet-dinh.pdf' }], weightClass: 'document_under_100g' },
        codAmount: 50000,
        serviceLevel: 'standard',
      },
    });
  });

  it('applies every step of a delivery with COD, and announces each one; delivered carries the amount and the recipient', async () => {
    const { id, code } = await openShipment({ codAmount: 75000 });
    await walk(id, [...TO_DOOR, ['delivered', { codCollected: 75000, recipientName: 'Trần Văn Bình' }]]);
    expect(await shipment(id)).toMatchObject({
      status: 'delivered',
      recipientName: 'Trần Văn Bình',
      cod: { amount: 75000, collected: 75000, mismatch: false },
    });
    const delivered = await waitFor(
      'delivery.delivered',
      () => events.of(ROUTING_KEYS.DELIVERY_DELIVERED_V1, (b) => b.data.shipmentId === id)[0],
    );
    expect(delivered.body).toMatchObject({
      type: 'delivery.delivered',
      correlationId: code,
      data: { dossierCode: code, codCollected: 75000, recipientName: 'Trần Văn Bình' },
    });
    await waitFor(
      'every status_changed',
      () => events.of(ROUTING_KEYS.DELIVERY_STATUS_CHANGED_V1, (b) => b.data.shipmentId === id).length === 6,
    );
    expect(
      events
        .of(ROUTING_KEYS.DELIVERY_STATUS_CHANGED_V1, (b) => b.data.shipmentId === id)
        .map((m) => m.body.data.status),
    ).toEqual(['created', 'accepted_by_post_office', 'picked_up', 'in_transit', 'out_for_delivery', 'delivered']);
    const history = (
      await request(postal.url).get(`/v1/shipments/${id}/history`).set('Authorization', SPECIALIST).expect(200)
    ).body;
    expect(history.map((h: { from: string | null; to: string; actor: string }) => [h.from, h.to, h.actor])).toEqual([
      [null, 'created', 'system'],
      ['created', 'accepted_by_post_office', 'partner:vnpost'],
      ['accepted_by_post_office', 'picked_up', 'partner:vnpost'],
      ['picked_up', 'in_transit', 'partner:vnpost'],
      ['in_transit', 'out_for_delivery', 'partner:vnpost'],
      ['out_for_delivery', 'delivered', 'partner:vnpost'],
    ]);
  });

  it('fails, goes out again, fails again and returns to the sender: delivery.failed per attempt, then delivery.returned', async () => {
    const { id, code } = await openShipment();
    const absent = (attempt: number) => ({ reason: 'Người nhận vắng nhà', attempt });
    await walk(id, [
      ...TO_DOOR,
      ['delivery_failed', absent(1)],
      ['out_for_delivery'],
      ['delivery_failed', absent(2)],
      ['returning'],
      ['returned_to_sender'],
    ]);
    expect(await shipment(id)).toMatchObject({ status: 'returned_to_sender', failedAttempts: 2 });
    await waitFor(
      'delivery.returned',
      () => events.of(ROUTING_KEYS.DELIVERY_RETURNED_V1, (b) => b.data.shipmentId === id).length === 1,
    );
    const failed = await waitFor('two delivery.failed', () => {
      const f = events.of(ROUTING_KEYS.DELIVERY_FAILED_V1, (b) => b.data.shipmentId === id);
      return f.length === 2 ? f : undefined;
    });
    expect(failed.map((m) => [m.body.data.attempt, m.body.data.reason, m.body.data.dossierCode])).toEqual([
      [1, 'Người nhận vắng nhà', code],
      [2, 'Người nhận vắng nhà', code],
    ]);
    // No delivered after returned: refused, stored, nothing changes.
    const late = await report(statusReport(id, 'delivered', { codCollected: 50000, recipientName: 'X' })).expect(409);
    expect(late.body).toMatchObject({
      code: 'PARTNER.TRANSITION_IMPOSSIBLE',
      errors: { status: 'returned_to_sender', reported: 'delivered', allowedNow: [] },
    });
    expect(await shipment(id)).toMatchObject({ status: 'returned_to_sender' });
    expect(await refusals(id)).toEqual(['PARTNER.TRANSITION_IMPOSSIBLE']);
  });

  it('stores and ignores a duplicate or late report, never applying it twice or backwards', async () => {
    const { id } = await openShipment();
    const accepted = statusReport(id, 'accepted_by_post_office');
    await report(accepted).expect(200);
    await walk(id, [['picked_up'], ['in_transit']]);
    // The same step again under a new event id, and an older step arriving late.
    const again = await report(statusReport(id, 'in_transit')).expect(200);
    expect(again.body).toMatchObject({ outcome: 'ignored', reason: 'already_reached', status: 'in_transit' });
    const older = await report({
      ...statusReport(id, 'picked_up'),
      occurredAt: new Date(Date.parse(accepted.occurredAt as string) + 1).toISOString(),
    }).expect(200);
    expect(older.body).toMatchObject({ outcome: 'ignored', status: 'in_transit' });
    await walk(id, [['out_for_delivery']]);
    const failed = statusReport(id, 'delivery_failed', { reason: 'Sai địa chỉ', attempt: 1 });
    await report(failed).expect(200);
    // An "out for delivery" older than the failure that followed it must not send the parcel out again.
    const stale = await report({
      ...statusReport(id, 'out_for_delivery'),
      occurredAt: new Date(Date.parse(failed.occurredAt as string) - 1000).toISOString(),
    }).expect(200);
    expect(stale.body).toMatchObject({
      outcome: 'ignored',
      reason: 'older_than_last_applied',
      status: 'delivery_failed',
    });
    const s = await shipment(id);
    expect(s).toMatchObject({ status: 'delivery_failed', failedAttempts: 1 });
    const stored = await db.query(
      `SELECT status, outcome FROM postal.partner_reports WHERE shipment_id = $1 ORDER BY id`,
      [id],
    );
    expect(stored.map((r: { status: string; outcome: string }) => `${r.status}:${r.outcome}`)).toEqual([
      'accepted_by_post_office:applied',
      'picked_up:applied',
      'in_transit:applied',
      'in_transit:ignored',
      'picked_up:ignored',
      'out_for_delivery:applied',
      'delivery_failed:applied',
      'out_for_delivery:ignored',
    ]);
    await waitFor(
      'status events',
      () => events.of(ROUTING_KEYS.DELIVERY_STATUS_CHANGED_V1, (b) => b.data.shipmentId === id).length === 6,
    );
    expect(events.of(ROUTING_KEYS.DELIVERY_STATUS_CHANGED_V1, (b) => b.data.shipmentId === id)).toHaveLength(6);
  });

  it('refuses unsigned, wrongly signed, stale, replayed, unknown, impossible and malformed reports with problem+json, storing each for audit', async () => {
    const { id } = await openShipment();
    const body = JSON.stringify(statusReport(id, 'accepted_by_post_office'));

    const unsigned = await request(postal.url)
      .post(WEBHOOK)
      .set('content-type', 'application/json')
      .send(body)
      .expect(401);
    expect(unsigned.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(unsigned.body).toMatchObject({
      code: 'PARTNER.SIGNATURE_MISSING',
      errors: { missing: ['X-Partner-Id', 'X-Timestamp', 'X-Signature'] },
    });
    expect(unsigned.body.message.vi).toContain('chưa được ký');

    expect((await report(body, { key: 'a-key-that-is-not-the-partners' }).expect(401)).body.code).toBe(
      'PARTNER.SIGNATURE_INVALID',
    );
    expect((await report(body, { partner: 'unknown-post' }).expect(401)).body.code).toBe('PARTNER.SIGNATURE_INVALID');
    // Signed over other bytes than those sent.
    const tampered = await request(postal.url)
      .post(WEBHOOK)
      .set(partnerHeaders(body))
      .send(body.replace('accepted_by_post_office', 'picked_up'))
      .expect(401);
    expect(tampered.body.code).toBe('PARTNER.SIGNATURE_INVALID');
    const stale = await report(body, { timestamp: Math.floor(Date.now() / 1000) - 301 }).expect(401);
    expect(stale.body).toMatchObject({ code: 'PARTNER.TIMESTAMP_STALE', errors: { toleranceSeconds: 300 } });
    expect(await shipment(id)).toMatchObject({ status: 'created' });

    await report(body).expect(200);
    const replay = await report(body).expect(409);
    expect(replay.body).toMatchObject({ code: 'PARTNER.EVENT_REPLAYED' });

    const unknown = await report(statusReport(randomUUID(), 'picked_up')).expect(404);
    expect(unknown.body.code).toBe('PARTNER.SHIPMENT_UNKNOWN');
    const impossible = await report(statusReport(id, 'delivered', { codCollected: 50000, recipientName: 'A' })).expect(
      409,
    );
    expect(impossible.body).toMatchObject({
      code: 'PARTNER.TRANSITION_IMPOSSIBLE',
      errors: { status: 'accepted_by_post_office', allowedNow: ['picked_up', 'cancelled'] },
    });

    const notJson = await report('{"version":1,"eventId":').expect(400);
    expect(notJson.body).toMatchObject({ code: 'PARTNER.REPORT_MALFORMED' });
    const missing = await report(statusReport(id, 'delivery_failed', { attempt: 0 })).expect(400);
    expect(missing.body.code).toBe('PARTNER.REPORT_MALFORMED');
    expect([...new Set(missing.body.errors.fields.map((f: { field: string }) => f.field))].sort()).toEqual([
      'attempt',
      'reason',
    ]);
    const unknownStatus = await report(statusReport(id, 'lost_in_space')).expect(400);
    expect(unknownStatus.body.errors.fields[0]).toMatchObject({ field: 'status', code: 'FIELD.IS_IN' });

    // Nothing of it applied; every refusal is on record with its reason.
    expect(await shipment(id)).toMatchObject({ status: 'accepted_by_post_office' });
    expect(await refusals(id)).toEqual([
      'PARTNER.SIGNATURE_MISSING',
      'PARTNER.SIGNATURE_INVALID',
      'PARTNER.SIGNATURE_INVALID',
      'PARTNER.SIGNATURE_INVALID',
      'PARTNER.TIMESTAMP_STALE',
      'PARTNER.EVENT_REPLAYED',
      'PARTNER.TRANSITION_IMPOSSIBLE',
      'PARTNER.REPORT_MALFORMED',
      'PARTNER.REPORT_MALFORMED',
    ]);
    const [malformed] = await db.query(
      `SELECT raw_body FROM postal.partner_reports WHERE code = 'PARTNER.REPORT_MALFORMED' AND shipment_id IS NULL ORDER BY id DESC LIMIT 1`,
    );
    expect(malformed.raw_body).toBe('{"version":1,"eventId":');
    const audit = (
      await request(postal.url).get(`/v1/shipments/${id}/reports`).set('Authorization', SPECIALIST).expect(200)
    ).body;
    expect(audit.filter((r: { outcome: string }) => r.outcome === 'refused')).toHaveLength(9);
    // Signatures and keys never reach the log.
    expect(postal.output.join('\n')).not.toContain(TEST_PARTNER.key);
  });

  it('flags a COD amount that differs from the one asked, still reports the delivery with the amount collected', async () => {
    const { id } = await openShipment({ codAmount: 50000 });
    await walk(id, TO_DOOR);
    const res = await report(
      statusReport(id, 'delivered', { codCollected: 40000, recipientName: 'Trần Văn Bình' }),
    ).expect(200);
    expect(res.body).toMatchObject({
      outcome: 'applied',
      warnings: [{ code: 'SHIPMENT.COD_AMOUNT_DIFFERS', asked: 50000, collected: 40000 }],
    });
    expect(await shipment(id)).toMatchObject({
      status: 'delivered',
      cod: { amount: 50000, collected: 40000, mismatch: true },
    });
    const delivered = await waitFor(
      'delivery.delivered',
      () => events.of(ROUTING_KEYS.DELIVERY_DELIVERED_V1, (b) => b.data.shipmentId === id)[0],
    );
    expect(delivered.body.data.codCollected).toBe(40000);
  });

  it("settles COD when payment reports the postman's cash as paid", async () => {
    const { id, code } = await openShipment({ codAmount: 50000 });
    const paid = createEvent(
      'payment.succeeded',
      {
        dossierCode: code,
        paymentOrderId: randomUUID(),
        feeId: `${code}:fee`,
        amount: 50000,
        method: 'postal_cod',
        paidAt: new Date().toISOString(),
      },
      { source: 'payment', correlationId: code },
    );
    await probe.publishRaw(namespace, ROUTING_KEYS.PAYMENT_SUCCEEDED_V1, Buffer.from(JSON.stringify(paid)), paid.id);
    const s = await waitFor('COD settled', async () => {
      const v = await shipment(id);
      return v.cod.settledAt ? v : undefined;
    });
    expect(s.cod.settledAt).toBe(paid.data.paidAt);
  });

  it('lets reception cancel before pick-up (the partner is told), and nobody after', async () => {
    const { id, code } = await openShipment();
    const forbidden = await request(postal.url)
      .post(`/v1/shipments/${id}/cancel`)
      .set('Authorization', SPECIALIST)
      .send({ reason: 'x' })
      .expect(403);
    expect(forbidden.body.code).toBe('AUTH.FORBIDDEN');
    await request(postal.url).post(`/v1/shipments/${id}/cancel`).set('Authorization', RECEPTION).send({}).expect(400);
    const cancelled = await request(postal.url)
      .post(`/v1/shipments/${id}/cancel`)
      .set('Authorization', RECEPTION)
      .send({ reason: 'Người nộp nhận tại bộ phận một cửa' })
      .expect(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled' });
    const told = await waitFor(
      'cancellation on the feed',
      () => feed.of(POSTAL_PARTNER_ROUTING_KEYS.DELIVERY_CANCELLED_V1, (b) => b.data.shipmentId === id)[0],
    );
    expect(told.body).toMatchObject({
      type: 'delivery.cancelled',
      version: 1,
      data: { orderNumber: code, reason: 'Người nộp nhận tại bộ phận một cửa' },
    });
    await waitFor(
      'status_changed(cancelled)',
      () =>
        events.of(
          ROUTING_KEYS.DELIVERY_STATUS_CHANGED_V1,
          (b) => b.data.shipmentId === id && b.data.status === 'cancelled',
        ).length === 1,
    );
    // A report after the cancellation is refused.
    expect((await report(statusReport(id, 'picked_up')).expect(409)).body.code).toBe('PARTNER.TRANSITION_IMPOSSIBLE');

    const picked = await openShipment();
    await walk(picked.id, [['accepted_by_post_office'], ['picked_up']]);
    const late = await request(postal.url)
      .post(`/v1/shipments/${picked.id}/cancel`)
      .set('Authorization', RECEPTION)
      .send({ reason: 'muộn' })
      .expect(409);
    expect(late.body).toMatchObject({ code: 'SHIPMENT.CANNOT_CANCEL', errors: { status: 'picked_up' } });
    expect(
      (
        await request(postal.url)
          .post(`/v1/shipments/${randomUUID()}/cancel`)
          .set('Authorization', RECEPTION)
          .send({ reason: 'x' })
          .expect(404)
      ).body.code,
    ).toBe('SHIPMENT.NOT_FOUND');
  });

  it('maps a former province with a warning, and holds a shipment with an unknown province for an officer to fix', async () => {
    const former = await openShipment({ province: 'binh duong' });
    expect(former.view).toMatchObject({
      needsAddressFix: false,
      addressCheck: {
        status: 'mapped',
        province: 'Hồ Chí Minh City',
        provinceAsWritten: 'binh duong',
        warnings: [{ code: 'ADDRESS.PROVINCE_MERGED' }],
      },
    });
    const sent = await waitFor(
      'request',
      () => feed.of(POSTAL_PARTNER_ROUTING_KEYS.DELIVERY_REQUESTED_V1, (b) => b.data.shipmentId === former.id)[0],
    );
    expect(sent.body.data.receiver.province).toBe('Hồ Chí Minh City');

    const unknown = await openShipment({ province: 'Tỉnh Không Tồn Tại' });
    expect(unknown.view).toMatchObject({
      status: 'created',
      needsAddressFix: true,
      requestedAt: null,
      addressCheck: { status: 'needs_fix', errors: [{ field: 'province', code: 'ADDRESS.PROVINCE_UNKNOWN' }] },
    });
    const list = (
      await request(postal.url).get('/v1/shipments/address-fixes').set('Authorization', SPECIALIST).expect(200)
    ).body;
    expect(list.map((s: { id: string }) => s.id)).toContain(unknown.id);
    await request(postal.url).get('/v1/shipments/address-fixes').expect(401);
    const bad = await request(postal.url)
      .post(`/v1/shipments/${unknown.id}/address`)
      .set('Authorization', RECEPTION)
      .send({
        receiver: {
          recipientName: 'Trần Văn Bình',
          phone: '0912345678',
          street: '12 Lê Lợi',
          ward: 'Phường Sài Gòn',
          province: 'Atlantis',
        },
      })
      .expect(400);
    expect(bad.body).toMatchObject({
      code: 'SHIPMENT.ADDRESS_INVALID',
      errors: { fields: [{ field: 'receiver.province', code: 'ADDRESS.PROVINCE_UNKNOWN' }] },
    });
    const fixed = await request(postal.url)
      .post(`/v1/shipments/${unknown.id}/address`)
      .set('Authorization', RECEPTION)
      .send({
        receiver: {
          recipientName: 'Trần Văn Bình',
          phone: '0912345678',
          street: '12 Lê Lợi',
          ward: 'Phường Cửa Nam',
          province: 'Hà Nội',
        },
      })
      .expect(200);
    expect(fixed.body).toMatchObject({ needsAddressFix: false, addressCheck: { status: 'ok' } });
    await waitFor(
      'request after the fix',
      () =>
        feed.of(POSTAL_PARTNER_ROUTING_KEYS.DELIVERY_REQUESTED_V1, (b) => b.data.shipmentId === unknown.id).length ===
        1,
    );
    await request(postal.url)
      .post(`/v1/shipments/${unknown.id}/address`)
      .set('Authorization', RECEPTION)
      .send({ receiver: { recipientName: 'A', phone: '1', street: 'b', ward: 'c', province: 'Hà Nội' } })
      .expect(409);
  });

  it('takes the same signed reports from the AMQP reports exchange, and refuses a badly signed one there too', async () => {
    const { id } = await openShipment();
    const connection = await connect(testConfig.AMQP_URL);
    try {
      const ch = await connection.createConfirmChannel();
      const send = (body: Record<string, unknown>, key = TEST_PARTNER.key) => {
        const raw = JSON.stringify(body);
        const headers: Record<string, string> = partnerHeaders(raw, { key });
        delete headers['content-type'];
        ch.publish(
          namespaced(POSTAL_PARTNER.REPORTS_EXCHANGE, namespace),
          POSTAL_PARTNER_ROUTING_KEYS.STATUS_REPORTED_V1,
          Buffer.from(raw),
          { persistent: true, headers },
        );
        return ch.waitForConfirms();
      };
      await send(statusReport(id, 'accepted_by_post_office'));
      await send(statusReport(id, 'picked_up'), 'forged-key-forged-key');
      await waitFor('accepted over AMQP', async () => (await shipment(id)).status === 'accepted_by_post_office');
      await waitFor('forged one refused', async () => (await refusals(id)).length === 1);
      expect(await refusals(id)).toEqual(['PARTNER.SIGNATURE_INVALID']);
      // Both stored for audit; the consumer may take them in either order.
      const stored = await db.query(
        `SELECT channel, outcome FROM postal.partner_reports WHERE shipment_id = $1 ORDER BY outcome`,
        [id],
      );
      expect(stored).toEqual([
        { channel: 'amqp', outcome: 'applied' },
        { channel: 'amqp', outcome: 'refused' },
      ]);
    } finally {
      await connection.close();
    }
  });
});
