import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import type { EventEnvelope } from '@dvc/contracts';
import { PaymentOrderEntity } from './entities/payment-order.entity';

export interface PaymentOrderView {
  id: string;
  dossierCode: string;
  feeId: string;
  amount: number;
  currency: string;
  method: string;
  status: string;
  createdAt: string;
}

/** Walking skeleton: one pending order per assessed fee. The payment issue adds the gateways. */
@Injectable()
export class PaymentOrderService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** On fee.assessed; the unique fee_id keeps exactly one order per fee whatever the bus does. */
  async openOrder(em: EntityManager, event: EventEnvelope<'fee.assessed'>): Promise<void> {
    const d = event.data;
    await em.query(
      `INSERT INTO payment.payment_orders (id, fee_id, dossier_code, amount, currency, method, status)
       VALUES ($1, $2, $3, $4, $5, $6, 'pending') ON CONFLICT (fee_id) DO NOTHING`,
      [randomUUID(), d.feeId, d.dossierCode, d.amount, d.currency, d.paymentMethod],
    );
  }

  async findByDossier(dossierCode: string): Promise<PaymentOrderView[]> {
    const orders = await this.dataSource.getRepository(PaymentOrderEntity).find({ where: { dossierCode }, order: { createdAt: 'ASC' } });
    return orders.map((o) => ({
      id: o.id,
      dossierCode: o.dossierCode,
      feeId: o.feeId,
      amount: o.amount,
      currency: o.currency,
      method: o.method,
      status: o.status,
      createdAt: o.createdAt.toISOString(),
    }));
  }
}
