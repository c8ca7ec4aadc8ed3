import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { GatewayRegistry } from '../gateway/gateway.registry';
import type { GatewayNotice } from '../gateway/payment-gateway';
import { VNPAY } from '../gateway/vnpay/vnpay.gateway';
import { AWAITING, PaymentOrderService } from '../payment-order/payment-order.service';
import { parseQuery } from '../gateway/vnpay/vnpay-signature';
import { SERVICE_CONFIG } from '@dvc/kernel';
import type { PaymentConfig } from '../config/payment.config';

/** What became of a verified notice. */
export type NoticeOutcome =
  | { kind: 'confirmed'; orderId: string; paid: boolean; receiptNumber?: string }
  | { kind: 'not_found' }
  | { kind: 'invalid_amount'; orderId: string; expected: number; given: number }
  | { kind: 'already_confirmed'; orderId: string; status: string; latePayment: boolean }
  | { kind: 'not_payable_online'; orderId: string; reason: string }
  | { kind: 'duplicate_event'; orderId: string };

export interface IncomingCallback {
  gateway: string;
  channel: 'ipn' | 'return' | 'webhook';
  httpMethod: string;
  query: string;
  body?: Buffer;
  headers: Record<string, string | undefined>;
  remoteAddr?: string;
}

export interface VnpayIpnAnswer {
  RspCode: '00' | '01' | '02' | '04' | '97' | '99';
  Message: string;
}

/** Headers kept with a raw callback: enough for a dispute, nothing that authenticates us. */
const KEPT_HEADERS = ['content-type', 'user-agent', 'x-forwarded-for', 'x-real-ip', 'x-signature', 'x-timestamp', 'x-request-id', 'x-correlation-id'];

/**
 * Gateway callbacks. Each is stored as received (query, body, the headers that matter, time)
 * in its own committed statement BEFORE it is judged, so that even a callback whose judgement
 * fails is on record; the verdict is written afterwards. Judging locks the order row: ten
 * identical IPNs at once confirm it once, the other nine see it confirmed.
 */
@Injectable()
export class CallbackService {
  private readonly logger = new Logger('Callbacks');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly gateways: GatewayRegistry,
    private readonly orders: PaymentOrderService,
    @Inject(SERVICE_CONFIG) private readonly config: PaymentConfig,
  ) {}

  async record(c: IncomingCallback): Promise<{ id: string; receivedAt: Date }> {
    const id = randomUUID();
    const headers = Object.fromEntries(KEPT_HEADERS.filter((h) => c.headers[h] !== undefined).map((h) => [h, c.headers[h]]));
    const [row] = await this.dataSource.query(
      `INSERT INTO payment.gateway_callbacks (id, gateway, channel, http_method, query, body, headers, remote_addr)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8) RETURNING received_at`,
      [id, c.gateway, c.channel, c.httpMethod, c.query, c.body ? c.body.toString('utf8') : null, JSON.stringify(headers), c.remoteAddr ?? null],
    );
    return { id, receivedAt: row.received_at };
  }

  private async verdict(em: EntityManager | DataSource, id: string, code: string, verdict: Record<string, unknown>, orderId?: string): Promise<void> {
    await em.query('UPDATE payment.gateway_callbacks SET verdict_code = $2, verdict = $3::jsonb, order_id = $4, judged_at = clock_timestamp() WHERE id = $1', [
      id,
      code,
      JSON.stringify(verdict),
      orderId ?? null,
    ]);
  }

  /** GET /v1/payments/vnpay/ipn: VNPay's contract answers {RspCode, Message}, always HTTP 200. */
  async vnpayIpn(c: Omit<IncomingCallback, 'gateway' | 'channel'>): Promise<VnpayIpnAnswer> {
    const { id, receivedAt } = await this.record({ ...c, gateway: VNPAY, channel: 'ipn' });
    try {
      return await this.dataSource.transaction(async (em) => {
        const check = this.gateways.vnpay.verifyCallback({ query: c.query, headers: c.headers, receivedAt });
        let answer: VnpayIpnAnswer;
        let outcome: NoticeOutcome | { kind: string; detail: string };
        if (!check.ok) {
          answer = check.reason === 'bad_signature' ? { RspCode: '97', Message: 'Invalid Checksum' } : { RspCode: '99', Message: 'Invalid request' };
          outcome = { kind: check.reason, detail: check.detail };
        } else if (check.notice.merchant !== this.config.VNPAY_TMN_CODE) {
          answer = { RspCode: '99', Message: 'Invalid merchant' };
          outcome = { kind: 'wrong_merchant', detail: 'vnp_TmnCode is not ours' };
        } else {
          const o = await this.applyNotice(em, VNPAY, check.notice, id);
          outcome = o;
          answer = vnpayAnswer(o);
        }
        await this.verdict(em, id, answer.RspCode, { ...answer, outcome }, 'orderId' in outcome ? (outcome.orderId as string) : undefined);
        return answer;
      });
    } catch (err) {
      this.logger.error({ msg: 'IPN judgement failed', callbackId: id, error: (err as Error).message });
      const answer: VnpayIpnAnswer = { RspCode: '99', Message: 'Unknown error' };
      await this.verdict(this.dataSource, id, '99', { ...answer, outcome: { kind: 'error' } }).catch(() => undefined);
      return answer;
    }
  }

  /**
   * The browser's return: shows what VNPay said and what we know, changes nothing (the IPN is
   * the truth; a forged return URL can at most show a forged page to its own author).
   */
  async vnpayReturn(c: Omit<IncomingCallback, 'gateway' | 'channel'>) {
    const { id, receivedAt } = await this.record({ ...c, gateway: VNPAY, channel: 'return' });
    const check = this.gateways.vnpay.verifyCallback({ query: c.query, headers: c.headers, receivedAt });
    const ref = parseQuery(c.query).params.vnp_TxnRef;
    const [row] = ref ? await this.dataSource.query('SELECT id, dossier_code, status, amount FROM payment.payment_orders WHERE reference = $1', [ref]) : [];
    const valid = check.ok;
    const gatewaySays = check.ok ? (check.notice.succeeded ? 'success' : 'failure') : 'unverified';
    await this.verdict(this.dataSource, id, valid ? 'shown' : 'invalid', { valid, gatewaySays });
    const status: string | undefined = row?.status;
    const message =
      !valid
        ? { vi: 'Kết quả không hợp lệ (sai chữ ký); không có gì thay đổi.', en: 'The result is not valid (bad signature); nothing has changed.' }
        : status === 'paid'
          ? { vi: 'Thanh toán thành công. Biên lai điện tử đã được lập.', en: 'Payment succeeded. The electronic receipt has been issued.' }
          : gatewaySays === 'success'
            ? { vi: 'Cổng thanh toán báo thành công; hệ thống đang chờ xác nhận (IPN).', en: 'The gateway reports success; we are waiting for its confirmation (IPN).' }
            : { vi: 'Giao dịch chưa thành công.', en: 'The payment did not go through.' };
    return {
      valid,
      gatewayResult: gatewaySays,
      reference: ref ?? null,
      paymentOrderId: row?.id ?? null,
      dossierCode: row?.dossier_code ?? null,
      orderStatus: status ?? null,
      message,
    };
  }

  /** POST /v1/payments/webhooks/:provider. Returns the HTTP status and body to answer with. */
  async webhook(provider: string, c: Omit<IncomingCallback, 'gateway' | 'channel'>): Promise<{ status: number; body: Record<string, unknown> }> {
    const { id, receivedAt } = await this.record({ ...c, gateway: provider, channel: 'webhook' });
    const adapter = this.gateways.webhook(provider);
    const done = async (status: number, code: string, result: string, extra: Record<string, unknown> = {}, orderId?: string, em?: EntityManager) => {
      const body = { result, ...extra };
      await this.verdict(em ?? this.dataSource, id, code, { status, ...body }, orderId);
      return { status, body: { ...body, callbackId: id } };
    };
    if (!adapter) return done(404, 'unknown_provider', 'unknown_provider');
    const check = adapter.verifyCallback({ query: c.query, body: c.body, headers: c.headers, receivedAt });
    if (!check.ok) return done(check.reason === 'malformed' ? 400 : 401, check.reason, check.reason, { detail: check.detail });
    try {
      return await this.dataSource.transaction(async (em) => {
        const o = await this.applyNotice(em, provider, check.notice, id);
        switch (o.kind) {
          case 'confirmed':
            return done(200, 'confirmed', o.paid ? 'paid' : 'failure_recorded', { receiptNumber: o.receiptNumber }, o.orderId, em);
          case 'duplicate_event':
            return done(200, 'duplicate', 'duplicate', {}, o.orderId, em);
          case 'already_confirmed':
            return done(200, 'already_confirmed', 'already_confirmed', { status: o.status }, o.orderId, em);
          case 'not_found':
            return done(404, 'not_found', 'order_not_found', {}, undefined, em);
          case 'invalid_amount':
            return done(422, 'invalid_amount', 'invalid_amount', { expected: o.expected, given: o.given }, o.orderId, em);
          case 'not_payable_online':
            return done(409, 'not_payable_online', 'not_payable_online', { reason: o.reason }, o.orderId, em);
        }
      });
    } catch (err) {
      this.logger.error({ msg: 'webhook judgement failed', callbackId: id, provider, error: (err as Error).message });
      return done(500, 'error', 'error');
    }
  }

  /**
   * The one place where a verified gateway notice changes an order, for every adapter: lock the
   * order, check the amount, refuse what cannot be paid online, recognise what was already
   * confirmed (same transaction number, or not awaiting payment any more), then settle or fail.
   */
  async applyNotice(em: EntityManager, gateway: string, n: GatewayNotice, callbackId: string): Promise<NoticeOutcome> {
    const order = await this.orders.lock(em, 'reference', n.reference);
    if (!order) return { kind: 'not_found' };
    if (n.amount !== order.amount) return { kind: 'invalid_amount', orderId: order.id, expected: order.amount, given: n.amount };
    if (n.eventId) {
      const fresh = await em.query('INSERT INTO payment.webhook_events (provider, event_id, callback_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1', [gateway, n.eventId, callbackId]);
      if (!fresh.length) return { kind: 'duplicate_event', orderId: order.id };
    }
    const known = n.transactionNo && !/^0+$/.test(n.transactionNo)
      ? await em.query(`SELECT 1 FROM payment.gateway_transactions WHERE gateway = $1 AND kind = 'payment' AND transaction_no = $2`, [gateway, n.transactionNo])
      : [];
    if (known.length || !AWAITING.includes(order.status)) {
      // Money taken for an order that no longer awaits it (expired, cancelled, refunded): the verdict says so, reconciliation shows it.
      return { kind: 'already_confirmed', orderId: order.id, status: order.status, latePayment: n.succeeded && !known.length && order.status !== 'paid' };
    }
    const refusal = this.orders.onlineRefusal(order);
    if (refusal && (order.level === 3 || order.method === 'postal_cod')) return { kind: 'not_payable_online', orderId: order.id, reason: refusal.code };
    if (n.transactionNo && !/^0+$/.test(n.transactionNo)) {
      await em.query(
        `INSERT INTO payment.gateway_transactions (id, order_id, gateway, kind, transaction_no, amount, succeeded, response_code, occurred_at)
         VALUES ($1, $2, $3, 'payment', $4, $5, $6, $7, $8)`,
        [randomUUID(), order.id, gateway, n.transactionNo, n.amount, n.succeeded, n.responseCode, n.occurredAt],
      );
    }
    if (n.succeeded) {
      const receiptNumber = await this.orders.settle(em, order, {
        method: 'online',
        amount: n.amount,
        paidAt: n.occurredAt,
        actor: gateway,
        reason: `${gateway} confirmed the payment`,
        gateway,
        transactionNo: n.transactionNo,
      });
      return { kind: 'confirmed', orderId: order.id, paid: true, receiptNumber };
    }
    if (order.status === 'pending') await this.orders.fail(em, order, 'failed', `${gateway} reported failure (code ${n.responseCode})`, gateway, { responseCode: n.responseCode });
    return { kind: 'confirmed', orderId: order.id, paid: false };
  }
}

export function vnpayAnswer(o: NoticeOutcome): VnpayIpnAnswer {
  switch (o.kind) {
    case 'confirmed':
      return { RspCode: '00', Message: 'Confirm Success' };
    case 'not_found':
      return { RspCode: '01', Message: 'Order not found' };
    case 'already_confirmed':
    case 'duplicate_event':
      return { RspCode: '02', Message: 'Order already confirmed' };
    case 'invalid_amount':
      return { RspCode: '04', Message: 'Invalid amount' };
    case 'not_payable_online':
      return { RspCode: '99', Message: 'Order cannot be paid online' };
  }
}

