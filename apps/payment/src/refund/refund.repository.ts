import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/** A refund as stored. */
export interface RefundRecord {
  id: string;
  orderId: string;
  idempotencyKey: string;
  amount: number;
  reason: string;
  channel: string;
  gatewayRef: string | null;
  requestedBy: string;
  createdAt: Date;
}

export type NewRefund = Omit<RefundRecord, 'createdAt'>;

/** A refund through a gateway, with the reference of its order (what a settlement file names). */
export interface GatewayRefund {
  gatewayRef: string;
  amount: number;
  createdAt: Date;
  reference: string;
}

function toRefund(r: Record<string, any>): RefundRecord {
  return {
    id: r.id,
    orderId: r.order_id,
    idempotencyKey: r.idempotency_key,
    amount: Number(r.amount),
    reason: r.reason,
    channel: r.channel,
    gatewayRef: r.gateway_ref,
    requestedBy: r.requested_by,
    createdAt: r.created_at,
  };
}

/** Every query of refunds. */
@Injectable()
export class RefundRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findByKey(em: EntityManager, idempotencyKey: string): Promise<RefundRecord | null> {
    const [row] = await em.query('SELECT * FROM payment.refunds WHERE idempotency_key = $1', [idempotencyKey]);
    return row ? toRefund(row) : null;
  }

  async insert(em: EntityManager, r: NewRefund): Promise<RefundRecord> {
    const [row] = await em.query(
      `INSERT INTO payment.refunds (id, order_id, idempotency_key, amount, reason, channel, gateway_ref, requested_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
      [r.id, r.orderId, r.idempotencyKey, r.amount, r.reason, r.channel, r.gatewayRef, r.requestedBy],
    );
    return toRefund(row);
  }

  async forOrder(orderId: string): Promise<RefundRecord[]> {
    const rows = await this.dataSource.query('SELECT * FROM payment.refunds WHERE order_id = $1 ORDER BY created_at', [
      orderId,
    ]);
    return rows.map(toRefund);
  }

  /** Every refund paid back through `gateway`. */
  async throughGateway(gateway: string): Promise<GatewayRefund[]> {
    const rows = await this.dataSource.query(
      'SELECT r.gateway_ref, r.amount, r.created_at, o.reference FROM payment.refunds r JOIN payment.payment_orders o ON o.id = r.order_id WHERE r.channel = $1',
      [gateway],
    );
    return rows.map((r: any) => ({
      gatewayRef: r.gateway_ref,
      amount: Number(r.amount),
      createdAt: r.created_at,
      reference: r.reference,
    }));
  }
}
