import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { createEvent, type EventEnvelope, type PaymentMethod } from '@dvc/contracts';
import { OutboxWriter } from '@dvc/messaging';
import { SERVICE_CONFIG } from '@dvc/kernel';
import type { PaymentConfig } from '../config/payment.config';
import { ReceiptService } from '../receipt/receipt.service';
import { PaymentErrors } from './payment-order.errors';

export const ORDER_STATUSES = ['pending', 'paid', 'failed', 'expired', 'cancelled', 'refunded', 'partially_refunded'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
/** Statuses in which money may still come in. */
export const AWAITING: readonly OrderStatus[] = ['pending', 'failed'];
export const PAID: readonly OrderStatus[] = ['paid', 'partially_refunded', 'refunded'];
type PaidMethod = 'online' | 'office' | 'postal_cod';

export interface FeeItemRow {
  code: string;
  name: string;
  amount: number;
}

/** A payment order as stored; money in whole VND. */
export interface Order {
  id: string;
  reference: string;
  feeId: string;
  dossierCode: string;
  amount: number;
  currency: string;
  level: 3 | 4;
  method: PaymentMethod;
  status: OrderStatus;
  items: FeeItemRow[];
  gateway: string | null;
  createdAt: Date;
  expiresAt: Date | null;
  lastCheckoutAt: Date | null;
  lastQueriedAt: Date | null;
  paidAt: Date | null;
  paidMethod: PaidMethod | null;
  paidAmount: number | null;
  transactionNo: string | null;
  refundedAmount: number;
  refundableSince: Date | null;
  codCollected: number | null;
  codMismatchAt: Date | null;
  /** The applicant, from fee.assessed (null for orders opened before it was sent). */
  payerName: string | null;
}

/**
 * The order's reference at the gateway (vnp_TxnRef), derived from the fee id: short, alphanumeric,
 * not guessable from outside, and the same on every replica, so a gateway that calls back before
 * fee.assessed has been applied here finds the order on its retry.
 */
export const orderReference = (feeId: string) => `DVC${createHash('sha256').update(feeId, 'utf8').digest('hex').slice(0, 16).toUpperCase()}`;

const num = (v: string | null) => (v === null ? null : Number(v));

export function toOrder(r: Record<string, any>): Order {
  return {
    id: r.id,
    reference: r.reference,
    feeId: r.fee_id,
    dossierCode: r.dossier_code,
    amount: Number(r.amount),
    currency: r.currency,
    level: r.level,
    method: r.method,
    status: r.status,
    items: r.items,
    gateway: r.gateway,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    lastCheckoutAt: r.last_checkout_at,
    lastQueriedAt: r.last_queried_at,
    paidAt: r.paid_at,
    paidMethod: r.paid_method,
    paidAmount: num(r.paid_amount),
    transactionNo: r.transaction_no,
    refundedAmount: Number(r.refunded_amount),
    refundableSince: r.refundable_since,
    codCollected: num(r.cod_collected),
    codMismatchAt: r.cod_mismatch_at,
    payerName: r.payer_name ?? null,
  };
}

export interface Settlement {
  method: PaidMethod;
  amount: number;
  paidAt: Date;
  actor: string;
  reason: string;
  gateway?: string;
  transactionNo?: string;
  payerName?: string | null;
  cashierReceiptNo?: string;
  cashierId?: string;
  causationId?: string;
}

/**
 * Payment orders: one per assessed fee, and every change of their status. Each change runs in
 * the caller's transaction on a row it has locked, writes its history row, and (when others
 * must know) its event through the outbox, so state, history and event commit together.
 */
@Injectable()
export class PaymentOrderService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SERVICE_CONFIG) private readonly config: PaymentConfig,
    private readonly outbox: OutboxWriter,
    private readonly receipts: ReceiptService,
  ) {}

  /** On fee.assessed; the unique fee_id keeps exactly one order per fee whatever the bus does. */
  async openOrder(em: EntityManager, event: EventEnvelope<'fee.assessed'>): Promise<void> {
    const d = event.data;
    const online = d.level === 4 && d.paymentMethod === 'online';
    const rows: { id: string }[] = await em.query(
      `INSERT INTO payment.payment_orders (id, fee_id, dossier_code, amount, currency, method, status, level, items, expires_at, reference, payer_name)
       VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7, $8::jsonb, CASE WHEN $9 THEN now() + make_interval(mins => $10) END, $11, $12)
       ON CONFLICT (fee_id) DO NOTHING RETURNING id`,
      [randomUUID(), d.feeId, d.dossierCode, d.amount, d.currency, d.paymentMethod, d.level, JSON.stringify(d.items), online, this.config.ORDER_EXPIRY_MINUTES, orderReference(d.feeId), d.payerName ?? null],
    );
    if (rows.length) await this.history(em, rows[0].id, null, 'pending', 'fee assessed', 'processing', { feeId: d.feeId, level: d.level, method: d.paymentMethod });
  }

  async lock(em: EntityManager, by: 'id' | 'reference', value: string): Promise<Order | null> {
    if (by === 'id' && !/^[0-9a-f-]{36}$/i.test(value)) return null;
    const [row] = await em.query(`SELECT * FROM payment.payment_orders WHERE ${by === 'id' ? 'id' : 'reference'} = $1 FOR UPDATE`, [value]);
    return row ? toOrder(row) : null;
  }

  async lockByDossier(em: EntityManager, dossierCode: string): Promise<Order[]> {
    const rows = await em.query('SELECT * FROM payment.payment_orders WHERE dossier_code = $1 ORDER BY created_at FOR UPDATE', [dossierCode]);
    return rows.map(toOrder);
  }

  async history(em: EntityManager, orderId: string, from: OrderStatus | null, to: OrderStatus, reason: string, actor: string, details?: Record<string, unknown>): Promise<void> {
    await em.query(
      'INSERT INTO payment.payment_status_history (order_id, from_status, to_status, reason, actor, details) VALUES ($1, $2, $3, $4, $5, $6::jsonb)',
      [orderId, from, to, reason, actor, details ? JSON.stringify(details) : null],
    );
  }

  /** A status change with its history row; `set` adds columns changed in the same statement. */
  async changeStatus(em: EntityManager, order: Order, to: OrderStatus, reason: string, actor: string, details?: Record<string, unknown>, set: Record<string, unknown> = {}): Promise<void> {
    const cols = Object.keys(set);
    await em.query(
      `UPDATE payment.payment_orders SET status = $2, updated_at = now()${cols.map((c, i) => `, ${c} = $${i + 3}`).join('')} WHERE id = $1`,
      [order.id, to, ...cols.map((c) => set[c])],
    );
    await this.history(em, order.id, order.status, to, reason, actor, details);
    order.status = to;
  }

  /** Paid: status, receipt and payment.succeeded in the caller's transaction. */
  async settle(em: EntityManager, order: Order, s: Settlement): Promise<string> {
    await this.changeStatus(
      em,
      order,
      'paid',
      s.reason,
      s.actor,
      { method: s.method, amount: s.amount, gateway: s.gateway, transactionNo: s.transactionNo, cashierReceiptNo: s.cashierReceiptNo },
      { paid_at: s.paidAt, paid_method: s.method, paid_amount: s.amount, gateway: s.gateway ?? null, transaction_no: s.transactionNo ?? null },
    );
    const receiptNumber = await this.receipts.issue(em, {
      orderId: order.id,
      dossierCode: order.dossierCode,
      // The one who paid at the counter or received the parcel, else the applicant.
      payerName: s.payerName ?? order.payerName,
      amount: s.amount,
      items: order.items,
      method: s.method,
      paidAt: s.paidAt,
      cashierReceiptNo: s.cashierReceiptNo,
      cashierId: s.cashierId,
    });
    await this.outbox.add(
      em,
      createEvent(
        'payment.succeeded',
        { dossierCode: order.dossierCode, paymentOrderId: order.id, feeId: order.feeId, amount: s.amount, method: s.method, paidAt: s.paidAt.toISOString(), receiptNumber },
        { source: 'payment', correlationId: order.dossierCode, causationId: s.causationId ?? null },
      ),
    );
    return receiptNumber;
  }

  /** The gateway said no (or the order lapsed): status and payment.failed. */
  async fail(em: EntityManager, order: Order, to: 'failed' | 'expired', reason: string, actor: string, details?: Record<string, unknown>): Promise<void> {
    await this.changeStatus(em, order, to, reason, actor, details);
    await this.publishFailure(em, order, reason);
  }

  async publishFailure(em: EntityManager, order: Order, reason: string): Promise<void> {
    await this.outbox.add(
      em,
      createEvent(
        'payment.failed',
        { dossierCode: order.dossierCode, paymentOrderId: order.id, feeId: order.feeId, reason, failedAt: new Date().toISOString() },
        { source: 'payment', correlationId: order.dossierCode },
      ),
    );
  }

  async find(id: string): Promise<Order> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw PaymentErrors.orderNotFound(id);
    const [row] = await this.dataSource.query('SELECT * FROM payment.payment_orders WHERE id = $1', [id]);
    if (!row) throw PaymentErrors.orderNotFound(id);
    return toOrder(row);
  }

  async findByDossier(dossierCode: string): Promise<Order[]> {
    const rows = await this.dataSource.query('SELECT * FROM payment.payment_orders WHERE dossier_code = $1 ORDER BY created_at', [dossierCode]);
    return rows.map(toOrder);
  }

  async receiptNumbers(orderIds: string[]): Promise<Map<string, string>> {
    if (!orderIds.length) return new Map();
    const rows: { order_id: string; number: string }[] = await this.dataSource.query('SELECT order_id, number FROM payment.receipts WHERE order_id = ANY($1::uuid[])', [orderIds]);
    return new Map(rows.map((r) => [r.order_id, r.number]));
  }

  async statusHistory(orderId: string) {
    const rows = await this.dataSource.query('SELECT from_status, to_status, reason, actor, details, at FROM payment.payment_status_history WHERE order_id = $1 ORDER BY id', [orderId]);
    return rows.map((r: any) => ({ from: r.from_status, to: r.to_status, reason: r.reason, actor: r.actor, details: r.details, at: r.at.toISOString() }));
  }

  /** May the citizen pay this order online now? (Level 3 and COD: never; the reason says why.) */
  onlineRefusal(order: Order) {
    if (order.level === 3) return PaymentErrors.officeOnly(order.dossierCode);
    if (order.method === 'postal_cod') return PaymentErrors.codAwaitingDelivery(order.dossierCode);
    if (!AWAITING.includes(order.status)) return PaymentErrors.notPayable(order.id, order.status);
    if (order.expiresAt && order.expiresAt.getTime() <= Date.now()) return PaymentErrors.notPayable(order.id, 'expired');
    return null;
  }
}
