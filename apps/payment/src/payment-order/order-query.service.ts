import { Injectable } from '@nestjs/common';
import { CallbackRepository } from '../callback/callback.repository';
import { RefundRepository } from '../refund/refund.repository';
import { view } from './checkout.service';
import type { OrdersQuery } from './dto/officer.dto';
import type { Order } from './payment-order.record';
import { PaymentOrderRepository } from './payment-order.repository';
import { PaymentOrderService } from './payment-order.service';

/** What officers read: orders (COD mismatches flagged), and one order with its history, callbacks and refunds. */
@Injectable()
export class OrderQueryService {
  constructor(
    private readonly orders: PaymentOrderService,
    private readonly orderRows: PaymentOrderRepository,
    private readonly callbacks: CallbackRepository,
    private readonly refunds: RefundRepository,
  ) {}

  async list(q: OrdersQuery) {
    const orders = await this.orderRows.list({
      dossier: q.dossier,
      status: q.status,
      codMismatchOnly: q.flagged === 'cod_mismatch',
      limit: Math.min(q.limit ?? 100, 1000),
    });
    const receipts = await this.orders.receiptNumbers(orders.map((o) => o.id));
    return orders.map((o) => view(o, receipts.get(o.id) ?? null, this.onlineOf(o)));
  }

  async detail(id: string) {
    const o = await this.orders.find(id);
    const receipts = await this.orders.receiptNumbers([o.id]);
    return {
      ...view(o, receipts.get(o.id) ?? null, this.onlineOf(o)),
      history: await this.orderRows.statusHistory(o.id),
      callbacks: await this.callbacks.forOrder(o.id),
      refunds: (await this.refunds.forOrder(o.id)).map((r) => ({
        id: r.id,
        amount: r.amount,
        reason: r.reason,
        channel: r.channel,
        gatewayRef: r.gatewayRef,
        requestedBy: r.requestedBy,
        createdAt: r.createdAt.toISOString(),
      })),
    };
  }

  private onlineOf(o: Order) {
    const refusal = this.orders.onlineRefusal(o);
    return refusal ? { allowed: false as const, code: refusal.code, message: refusal.text } : undefined;
  }
}
