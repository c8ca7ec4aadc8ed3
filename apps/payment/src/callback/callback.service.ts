import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { screenInput, SERVICE_CONFIG } from '@dvc/kernel';
import type { PaymentConfig } from '../config/payment.config';
import { GatewayRegistry } from '../gateway/gateway.registry';
import type { GatewayNotice } from '../gateway/payment-gateway';
import { parseQuery } from '../gateway/vnpay/vnpay-signature';
import { VNPAY } from '../gateway/vnpay/vnpay.gateway';
import { AWAITING } from '../payment-order/payment-order.record';
import { PaymentOrderRepository } from '../payment-order/payment-order.repository';
import { PaymentOrderService } from '../payment-order/payment-order.service';
import { ReturnPageMessages } from './callback.errors';
import { CallbackRepository } from './callback.repository';

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
const KEPT_HEADERS = [
  'content-type',
  'user-agent',
  'x-forwarded-for',
  'x-real-ip',
  'x-signature',
  'x-timestamp',
  'x-request-id',
  'x-correlation-id',
];

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
    private readonly orderRows: PaymentOrderRepository,
    private readonly callbacks: CallbackRepository,
    @Inject(SERVICE_CONFIG) private readonly config: PaymentConfig,
  ) {}

  async record(c: IncomingCallback): Promise<{ id: string; receivedAt: Date }> {
    const headers = Object.fromEntries(
      KEPT_HEADERS.filter((h) => c.headers[h] !== undefined).map((h) => [h, c.headers[h]]),
    );
    return this.callbacks.record({
      gateway: c.gateway,
      channel: c.channel,
      httpMethod: c.httpMethod,
      query: c.query,
      body: c.body ? c.body.toString('utf8') : null,
      headers,
      remoteAddr: c.remoteAddr ?? null,
    });
  }

  /** GET /v1/payments/vnpay/ipn: VNPay's contract answers {RspCode, Message}, always HTTP 200. */
  async vnpayIpn(c: Omit<IncomingCallback, 'gateway' | 'channel'>): Promise<VnpayIpnAnswer> {
    screenVnpayQuery(c.query);
    const { id, receivedAt } = await this.record({ ...c, gateway: VNPAY, channel: 'ipn' });
    try {
      return await this.dataSource.transaction(async (em) => {
        const check = this.gateways.vnpay.verifyCallback({ query: c.query, headers: c.headers, receivedAt });
        let answer: VnpayIpnAnswer;
        let outcome: NoticeOutcome | { kind: string; detail: string };
        if (!check.ok) {
          answer =
            check.reason === 'bad_signature'
              ? { RspCode: '97', Message: 'Invalid Checksum' }
              : { RspCode: '99', Message: 'Invalid request' };
          outcome = { kind: check.reason, detail: check.detail };
        } else if (check.notice.merchant !== this.config.VNPAY_TMN_CODE) {
          answer = { RspCode: '99', Message: 'Invalid merchant' };
          outcome = { kind: 'wrong_merchant', detail: 'vnp_TmnCode is not ours' };
        } else {
          const o = await this.applyNotice(em, VNPAY, check.notice, id);
          outcome = o;
          answer = vnpayAnswer(o);
        }
        await this.callbacks.verdict(
          id,
          answer.RspCode,
          { ...answer, outcome },
          'orderId' in outcome ? (outcome.orderId as string) : undefined,
          em,
        );
        return answer;
      });
    } catch (err) {
      this.logger.error({ msg: 'IPN judgement failed', callbackId: id, error: (err as Error).message });
      const answer: VnpayIpnAnswer = { RspCode: '99', Message: 'Unknown error' };
      await this.callbacks.verdict(id, '99', { ...answer, outcome: { kind: 'error' } }).catch(() => undefined);
      return answer;
    }
  }

  /**
   * The browser's return: shows what VNPay said and what we know, changes nothing (the IPN is
   * the truth; a forged return URL can at most show a forged page to its own author).
   */
  async vnpayReturn(c: Omit<IncomingCallback, 'gateway' | 'channel'>) {
    screenVnpayQuery(c.query);
    const { id, receivedAt } = await this.record({ ...c, gateway: VNPAY, channel: 'return' });
    const check = this.gateways.vnpay.verifyCallback({ query: c.query, headers: c.headers, receivedAt });
    const ref = parseQuery(c.query).params.vnp_TxnRef;
    const order = ref ? await this.orderRows.findByReference(ref) : null;
    const valid = check.ok;
    const gatewaySays = check.ok ? (check.notice.succeeded ? 'success' : 'failure') : 'unverified';
    await this.callbacks.verdict(id, valid ? 'shown' : 'invalid', { valid, gatewaySays });
    const status: string | undefined = order?.status;
    const message = !valid
      ? ReturnPageMessages.invalid
      : status === 'paid'
        ? ReturnPageMessages.paid
        : gatewaySays === 'success'
          ? ReturnPageMessages.awaitingIpn
          : ReturnPageMessages.notPaid;
    return {
      valid,
      gatewayResult: gatewaySays,
      reference: ref ?? null,
      paymentOrderId: order?.id ?? null,
      dossierCode: order?.dossierCode ?? null,
      orderStatus: status ?? null,
      message,
    };
  }

  /** POST /v1/payments/webhooks/:provider. Returns the HTTP status and body to answer with. */
  async webhook(
    provider: string,
    c: Omit<IncomingCallback, 'gateway' | 'channel'>,
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const { id, receivedAt } = await this.record({ ...c, gateway: provider, channel: 'webhook' });
    const adapter = this.gateways.webhook(provider);
    const done = async (
      status: number,
      code: string,
      result: string,
      extra: Record<string, unknown> = {},
      orderId?: string,
      em?: EntityManager,
    ) => {
      const body = { result, ...extra };
      await this.callbacks.verdict(id, code, { status, ...body }, orderId, em);
      return { status, body: { ...body, callbackId: id } };
    };
    if (!adapter) return done(404, 'unknown_provider', 'unknown_provider');
    const check = adapter.verifyCallback({ query: c.query, body: c.body, headers: c.headers, receivedAt });
    if (!check.ok)
      return done(check.reason === 'malformed' ? 400 : 401, check.reason, check.reason, { detail: check.detail });
    try {
      return await this.dataSource.transaction(async (em) => {
        const o = await this.applyNotice(em, provider, check.notice, id);
        switch (o.kind) {
          case 'confirmed':
            return done(
              200,
              'confirmed',
              o.paid ? 'paid' : 'failure_recorded',
              { receiptNumber: o.receiptNumber },
              o.orderId,
              em,
            );
          case 'duplicate_event':
            return done(200, 'duplicate', 'duplicate', {}, o.orderId, em);
          case 'already_confirmed':
            return done(200, 'already_confirmed', 'already_confirmed', { status: o.status }, o.orderId, em);
          case 'not_found':
            return done(404, 'not_found', 'order_not_found', {}, undefined, em);
          case 'invalid_amount':
            return done(
              422,
              'invalid_amount',
              'invalid_amount',
              { expected: o.expected, given: o.given },
              o.orderId,
              em,
            );
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
    if (n.amount !== order.amount)
      return { kind: 'invalid_amount', orderId: order.id, expected: order.amount, given: n.amount };
    if (n.eventId) {
      if (!(await this.callbacks.claimWebhookEvent(em, gateway, n.eventId, callbackId)))
        return { kind: 'duplicate_event', orderId: order.id };
    }
    const numbered = !!n.transactionNo && !/^0+$/.test(n.transactionNo);
    const known = numbered && (await this.orderRows.hasGatewayPayment(em, gateway, n.transactionNo));
    if (known || !AWAITING.includes(order.status)) {
      // Money taken for an order that no longer awaits it (expired, cancelled, refunded): the verdict says so, reconciliation shows it.
      return {
        kind: 'already_confirmed',
        orderId: order.id,
        status: order.status,
        latePayment: n.succeeded && !known && order.status !== 'paid',
      };
    }
    const refusal = this.orders.onlineRefusal(order);
    if (refusal && (order.level === 3 || order.method === 'postal_cod'))
      return { kind: 'not_payable_online', orderId: order.id, reason: refusal.code };
    if (numbered) {
      const t = {
        orderId: order.id,
        gateway,
        kind: 'payment',
        transactionNo: n.transactionNo,
        amount: n.amount,
        succeeded: n.succeeded,
        responseCode: n.responseCode,
        occurredAt: n.occurredAt,
      } as const;
      await this.orderRows.addGatewayTransaction(em, t, 'fail');
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
    if (order.status === 'pending')
      await this.orders.fail(em, order, 'failed', `${gateway} reported failure (code ${n.responseCode})`, gateway, {
        responseCode: n.responseCode,
      });
    return { kind: 'confirmed', orderId: order.id, paid: false };
  }
}

/**
 * The sanitation rule on the query as VNPay's parser reads it: Express's query parser, which the
 * HTTP layer screens, stops at 1,000 parameters and URLSearchParams does not.
 */
function screenVnpayQuery(query: string): void {
  screenInput(parseQuery(query).params);
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
