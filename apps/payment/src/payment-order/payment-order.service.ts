import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { createEvent, type EventEnvelope } from '@dvc/contracts';
import { OutboxWriter } from '@dvc/messaging';
import { SERVICE_CONFIG } from '@dvc/kernel';
import type { PaymentConfig } from '../config/payment.config';
import { ReceiptService } from '../receipt/receipt.service';
import { PaymentErrors } from './payment-order.errors';
import { AWAITING, type Order, type OrderStatus, type PaidMethod } from './payment-order.record';
import { PaymentOrderRepository, type OrderStatusColumns } from './payment-order.repository';

/**
 * The order's reference at the gateway (vnp_TxnRef), derived from the fee id: short, alphanumeric,
 * not guessable from outside, and the same on every replica, so a gateway that calls back before
 * fee.assessed has been applied here finds the order on its retry.
 */
export const orderReference = (feeId: string) =>
  `DVC${createHash('sha256').update(feeId, 'utf8').digest('hex').slice(0, 16).toUpperCase()}`;

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
    private readonly repo: PaymentOrderRepository,
    @Inject(SERVICE_CONFIG) private readonly config: PaymentConfig,
    private readonly outbox: OutboxWriter,
    private readonly receipts: ReceiptService,
  ) {}

  /** On fee.assessed; the unique fee_id keeps exactly one order per fee whatever the bus does. */
  async openOrder(em: EntityManager, event: EventEnvelope<'fee.assessed'>): Promise<void> {
    const d = event.data;
    const online = d.level === 4 && d.paymentMethod === 'online';
    const id = await this.repo.insertIfNew(em, {
      feeId: d.feeId,
      dossierCode: d.dossierCode,
      amount: d.amount,
      currency: d.currency,
      method: d.paymentMethod,
      level: d.level,
      items: d.items,
      expiresInMinutes: online ? this.config.ORDER_EXPIRY_MINUTES : null,
      reference: orderReference(d.feeId),
      payerName: d.payerName ?? null,
    });
    if (id)
      await this.history(em, id, null, 'pending', 'fee assessed', 'processing', {
        feeId: d.feeId,
        level: d.level,
        method: d.paymentMethod,
      });
  }

  lock(em: EntityManager, by: 'id' | 'reference', value: string): Promise<Order | null> {
    return this.repo.lock(em, by, value);
  }

  lockByDossier(em: EntityManager, dossierCode: string): Promise<Order[]> {
    return this.repo.lockByDossier(em, dossierCode);
  }

  history(
    em: EntityManager,
    orderId: string,
    from: OrderStatus | null,
    to: OrderStatus,
    reason: string,
    actor: string,
    details?: Record<string, unknown>,
  ): Promise<void> {
    return this.repo.appendHistory(em, { orderId, from, to, reason, actor, details });
  }

  /** A status change with its history row; `set` adds columns changed in the same statement. */
  async changeStatus(
    em: EntityManager,
    order: Order,
    to: OrderStatus,
    reason: string,
    actor: string,
    details?: Record<string, unknown>,
    set: OrderStatusColumns = {},
  ): Promise<void> {
    await this.repo.updateStatus(em, order.id, to, set);
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
      {
        method: s.method,
        amount: s.amount,
        gateway: s.gateway,
        transactionNo: s.transactionNo,
        cashierReceiptNo: s.cashierReceiptNo,
      },
      {
        paidAt: s.paidAt,
        paidMethod: s.method,
        paidAmount: s.amount,
        gateway: s.gateway ?? null,
        transactionNo: s.transactionNo ?? null,
      },
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
        {
          dossierCode: order.dossierCode,
          paymentOrderId: order.id,
          feeId: order.feeId,
          amount: s.amount,
          method: s.method,
          paidAt: s.paidAt.toISOString(),
          receiptNumber,
        },
        { source: 'payment', correlationId: order.dossierCode, causationId: s.causationId ?? null },
      ),
    );
    return receiptNumber;
  }

  /** The gateway said no (or the order lapsed): status and payment.failed. */
  async fail(
    em: EntityManager,
    order: Order,
    to: 'failed' | 'expired',
    reason: string,
    actor: string,
    details?: Record<string, unknown>,
  ): Promise<void> {
    await this.changeStatus(em, order, to, reason, actor, details);
    await this.publishFailure(em, order, reason);
  }

  async publishFailure(em: EntityManager, order: Order, reason: string): Promise<void> {
    await this.outbox.add(
      em,
      createEvent(
        'payment.failed',
        {
          dossierCode: order.dossierCode,
          paymentOrderId: order.id,
          feeId: order.feeId,
          reason,
          failedAt: new Date().toISOString(),
        },
        { source: 'payment', correlationId: order.dossierCode },
      ),
    );
  }

  async find(id: string): Promise<Order> {
    const order = await this.repo.find(id);
    if (!order) throw PaymentErrors.orderNotFound(id);
    return order;
  }

  findByDossier(dossierCode: string): Promise<Order[]> {
    return this.repo.findByDossier(dossierCode);
  }

  receiptNumbers(orderIds: string[]): Promise<Map<string, string>> {
    return this.receipts.numbersOf(orderIds);
  }

  /** May the citizen pay this order online now? (Level 3 and COD: never; the reason says why.) */
  onlineRefusal(order: Order) {
    if (order.level === 3) return PaymentErrors.officeOnly(order.dossierCode);
    if (order.method === 'postal_cod') return PaymentErrors.codAwaitingDelivery(order.dossierCode);
    if (!AWAITING.includes(order.status)) return PaymentErrors.notPayable(order.id, order.status);
    if (order.expiresAt && order.expiresAt.getTime() <= Date.now())
      return PaymentErrors.notPayable(order.id, 'expired');
    return null;
  }
}
