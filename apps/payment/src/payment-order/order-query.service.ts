import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { view } from './checkout.service';
import type { OrdersQuery } from './dto/officer.dto';
import { type Order, PaymentOrderService, toOrder } from './payment-order.service';

/** What officers read: orders (COD mismatches flagged), and one order with its history, callbacks and refunds. */
@Injectable()
export class OrderQueryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly orders: PaymentOrderService,
  ) {}

  async list(q: OrdersQuery) {
    const where: string[] = [];
    const args: unknown[] = [];
    if (q.dossier) where.push(`dossier_code = $${args.push(q.dossier)}`);
    if (q.status) where.push(`status = $${args.push(q.status)}`);
    if (q.flagged === 'cod_mismatch') where.push('cod_mismatch_at IS NOT NULL');
    const rows = await this.dataSource.query(
      `SELECT * FROM payment.payment_orders ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC LIMIT $${args.push(Math.min(q.limit ?? 100, 1000))}`,
      args,
    );
    const orders: Order[] = rows.map(toOrder);
    const receipts = await this.orders.receiptNumbers(orders.map((o) => o.id));
    return orders.map((o) => view(o, receipts.get(o.id) ?? null, this.onlineOf(o)));
  }

  async detail(id: string) {
    const o = await this.orders.find(id);
    const receipts = await this.orders.receiptNumbers([o.id]);
    const callbacks = await this.dataSource.query(
      'SELECT id, gateway, channel, received_at, verdict_code, verdict FROM payment.gateway_callbacks WHERE order_id = $1 ORDER BY received_at',
      [o.id],
    );
    const refunds = await this.dataSource.query('SELECT id, amount, reason, channel, gateway_ref, requested_by, created_at FROM payment.refunds WHERE order_id = $1 ORDER BY created_at', [o.id]);
    return {
      ...view(o, receipts.get(o.id) ?? null, this.onlineOf(o)),
      history: await this.orders.statusHistory(o.id),
      callbacks: callbacks.map((c: any) => ({ id: c.id, gateway: c.gateway, channel: c.channel, receivedAt: c.received_at.toISOString(), verdictCode: c.verdict_code, verdict: c.verdict })),
      refunds: refunds.map((r: any) => ({ id: r.id, amount: Number(r.amount), reason: r.reason, channel: r.channel, gatewayRef: r.gateway_ref, requestedBy: r.requested_by, createdAt: r.created_at.toISOString() })),
    };
  }

  private onlineOf(o: Order) {
    const refusal = this.orders.onlineRefusal(o);
    return refusal ? { allowed: false as const, code: refusal.code, message: refusal.text } : undefined;
  }
}
