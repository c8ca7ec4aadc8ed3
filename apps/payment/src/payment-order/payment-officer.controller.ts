import { Body, Controller, Get, Headers, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CurrentOfficer, type Officer, RequireRoles } from '@dvc/platform';
import { RefundService } from '../refund/refund.service';
import { CashierService } from './cashier.service';
import { view } from './checkout.service';
import { CashierPaymentDto, OrdersQuery, RefundDto } from './dto/officer.dto';
import { PaymentOrderService, toOrder } from './payment-order.service';

const ANY_OFFICER = ['reception', 'specialist', 'leader', 'cashier', 'admin'] as const;

/** Officers: orders (with COD mismatches flagged), counter payments, refunds. */
@Controller('v1/payments/orders')
@ApiBearerAuth()
export class PaymentOfficerController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly orders: PaymentOrderService,
    private readonly cashier: CashierService,
    private readonly refunds: RefundService,
  ) {}

  @Get()
  @RequireRoles(...ANY_OFFICER)
  async list(@Query() q: OrdersQuery) {
    const where: string[] = [];
    const args: unknown[] = [];
    if (q.dossier) where.push(`dossier_code = $${args.push(q.dossier)}`);
    if (q.status) where.push(`status = $${args.push(q.status)}`);
    if (q.flagged === 'cod_mismatch') where.push('cod_mismatch_at IS NOT NULL');
    const rows = await this.dataSource.query(
      `SELECT * FROM payment.payment_orders ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC LIMIT $${args.push(Math.min(q.limit ?? 100, 1000))}`,
      args,
    );
    const orders = rows.map(toOrder);
    const receipts = await this.orders.receiptNumbers(orders.map((o: { id: string }) => o.id));
    return orders.map((o: ReturnType<typeof toOrder>) => view(o, receipts.get(o.id) ?? null, this.onlineOf(o)));
  }

  /** One order with its status history and the callbacks that concerned it. */
  @Get(':id')
  @RequireRoles(...ANY_OFFICER)
  async one(@Param('id') id: string) {
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

  /** Thu phí tại quầy: the amount must equal the amount due. */
  @Post(':id/cashier')
  @RequireRoles('cashier')
  pay(@Param('id') id: string, @Body() dto: CashierPaymentDto, @CurrentOfficer() officer: Officer) {
    return this.cashier.pay(id, dto, officer);
  }

  /** Hoàn phí (full or partial) for a dossier rejected after payment; Idempotency-Key or refundId required. */
  @Post(':id/refunds')
  @RequireRoles('admin')
  refund(@Param('id') id: string, @Body() dto: RefundDto, @Headers('idempotency-key') key: string | undefined, @CurrentOfficer() officer: Officer) {
    return this.refunds.refund(id, dto, key, officer);
  }

  private onlineOf(o: ReturnType<typeof toOrder>) {
    const refusal = this.orders.onlineRefusal(o);
    return refusal ? { allowed: false as const, code: refusal.code, message: refusal.text } : undefined;
  }
}
