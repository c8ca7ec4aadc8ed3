import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createEvent } from '@dvc/contracts';
import { OutboxWriter } from '@dvc/messaging';
import type { Officer } from '@dvc/auth';
import { GatewayRegistry } from '../gateway/gateway.registry';
import type { RefundDto } from '../payment-order/dto/officer.dto';
import { PaymentErrors } from '../payment-order/payment-order.errors';
import { PaymentOrderRepository } from '../payment-order/payment-order.repository';
import { PaymentOrderService } from '../payment-order/payment-order.service';
import { type RefundRecord, RefundRepository } from './refund.repository';

export interface RefundView {
  refundId: string;
  paymentOrderId: string;
  amount: number;
  reason: string;
  channel: string;
  gatewayRef: string | null;
  createdAt: string;
  orderStatus: string;
  refundedTotal: number;
  replayed: boolean;
}

/**
 * Refunds by an administrator, only for a dossier rejected after payment. Idempotent on the
 * Idempotency-Key (or the client's refundId): the key is looked up after the order row is
 * locked, so a retry racing the original waits for it and then answers with its result. Online
 * payments go back through the gateway (the request id is derived from the key, so the gateway
 * can recognise a repeat too); cash and COD are paid back at the counter.
 */
@Injectable()
export class RefundService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly orders: PaymentOrderService,
    private readonly orderRows: PaymentOrderRepository,
    private readonly refunds: RefundRepository,
    private readonly gateways: GatewayRegistry,
    private readonly outbox: OutboxWriter,
  ) {}

  async refund(orderId: string, dto: RefundDto, headerKey: string | undefined, officer: Officer): Promise<RefundView> {
    const key = headerKey?.trim() || dto.refundId;
    if (!key) throw PaymentErrors.idempotencyKeyRequired();
    if (headerKey && dto.refundId && headerKey.trim() !== dto.refundId)
      throw PaymentErrors.idempotencyKeyReused(dto.refundId);
    return this.dataSource.transaction(async (em) => {
      const order = await this.orders.lock(em, 'id', orderId);
      if (!order) throw PaymentErrors.orderNotFound(orderId);
      const earlier = await this.refunds.findByKey(em, key);
      if (earlier) {
        if (earlier.orderId !== order.id || (dto.amount !== undefined && earlier.amount !== dto.amount))
          throw PaymentErrors.idempotencyKeyReused(key);
        return {
          ...refundView(earlier),
          orderStatus: order.status,
          refundedTotal: order.refundedAmount,
          replayed: true,
        };
      }
      if (!order.refundableSince || (order.status !== 'paid' && order.status !== 'partially_refunded'))
        throw PaymentErrors.refundNotAllowed(order.id);
      const remaining = (order.paidAmount ?? 0) - order.refundedAmount;
      const amount = dto.amount ?? remaining;
      if (amount > remaining || amount <= 0) throw PaymentErrors.refundExceedsPaid(remaining, amount);

      const requestId = createHash('sha256').update(key).digest('hex').slice(0, 32);
      let channel = 'counter';
      let gatewayRef: string | null = null;
      const gateway = order.paidMethod === 'online' && order.gateway ? this.gateways.get(order.gateway) : undefined;
      if (gateway) {
        const out = await gateway.refund({
          reference: order.reference,
          requestId,
          amount,
          full: amount === order.paidAmount,
          transactionNo: order.transactionNo ?? '',
          transactionDate: order.lastCheckoutAt ?? order.paidAt ?? order.createdAt,
          createdBy: officer.id.slice(0, 250),
          reason: dto.reason,
        });
        if (!out.ok) throw PaymentErrors.refundFailed(out.responseCode);
        channel = gateway.name;
        gatewayRef = out.gatewayRef;
        await this.orderRows.addGatewayTransaction(em, {
          orderId: order.id,
          gateway: gateway.name,
          kind: 'refund',
          transactionNo: out.gatewayRef,
          amount,
          succeeded: true,
          responseCode: out.responseCode,
        });
      }
      const id = randomUUID();
      const row = await this.refunds.insert(em, {
        id,
        orderId: order.id,
        idempotencyKey: key,
        amount,
        reason: dto.reason,
        channel,
        gatewayRef,
        requestedBy: officer.id,
      });
      const refundedTotal = order.refundedAmount + amount;
      await this.orders.changeStatus(
        em,
        order,
        refundedTotal === order.paidAmount ? 'refunded' : 'partially_refunded',
        `refund: ${dto.reason}`,
        `admin:${officer.id}`,
        { refundId: id, amount, channel, gatewayRef },
        { refundedAmount: refundedTotal },
      );
      await this.outbox.add(
        em,
        createEvent(
          'payment.refunded',
          {
            dossierCode: order.dossierCode,
            paymentOrderId: order.id,
            amount,
            reason: dto.reason,
            refundedAt: new Date().toISOString(),
          },
          { source: 'payment', correlationId: order.dossierCode },
        ),
      );
      return { ...refundView(row), orderStatus: order.status, refundedTotal, replayed: false };
    });
  }
}

function refundView(r: RefundRecord) {
  return {
    refundId: r.id,
    paymentOrderId: r.orderId,
    amount: r.amount,
    reason: r.reason,
    channel: r.channel,
    gatewayRef: r.gatewayRef,
    createdAt: r.createdAt.toISOString(),
  };
}
