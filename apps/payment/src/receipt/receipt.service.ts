import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { SERVICE_CONFIG, vietnamWallClock } from '@dvc/kernel';
import type { PaymentConfig } from '../config/payment.config';
import { PaymentErrors } from '../payment-order/payment-order.errors';

export interface ReceiptView {
  number: string;
  dossierCode: string;
  paymentOrderId: string;
  payer: { name: string | null };
  amount: number;
  currency: 'VND';
  items: { code: string; name: string; amount: number }[];
  method: string;
  paidAt: string;
  issuedAt: string;
  cashierReceiptNumber: string | null;
}

export interface IssueReceipt {
  orderId: string;
  dossierCode: string;
  payerName: string | null;
  amount: number;
  items: unknown;
  method: string;
  paidAt: Date;
  cashierReceiptNo?: string;
  cashierId?: string;
}

/**
 * Electronic receipts (biên lai): one per paid order, numbered BL-<year>-<000001> per calendar
 * year in Vietnam. The yearly counter row is incremented inside the payment's own transaction,
 * so numbers are unique and leave no gap: a payment that rolls back gives its number back, and
 * concurrent payments queue on the counter row.
 */
@Injectable()
export class ReceiptService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SERVICE_CONFIG) private readonly config: PaymentConfig,
  ) {}

  async issue(em: EntityManager, r: IssueReceipt): Promise<string> {
    const year = Number(vietnamWallClock(new Date()).slice(0, 4));
    const [{ last_number: seq }] = await em.query(
      `INSERT INTO payment.receipt_counters (year, last_number) VALUES ($1, 1)
       ON CONFLICT (year) DO UPDATE SET last_number = payment.receipt_counters.last_number + 1 RETURNING last_number`,
      [year],
    );
    const number = `${this.config.RECEIPT_PREFIX}-${year}-${String(seq).padStart(6, '0')}`;
    await em.query(
      `INSERT INTO payment.receipts (number, year, seq, order_id, dossier_code, payer_name, amount, items, method, paid_at, cashier_receipt_no, cashier_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11, $12)`,
      [number, year, seq, r.orderId, r.dossierCode, r.payerName, r.amount, JSON.stringify(r.items), r.method, r.paidAt, r.cashierReceiptNo ?? null, r.cashierId ?? null],
    );
    return number;
  }

  async find(number: string): Promise<ReceiptView> {
    const [row] = await this.dataSource.query('SELECT * FROM payment.receipts WHERE number = $1', [number]);
    if (!row) throw PaymentErrors.receiptNotFound(number);
    return {
      number: row.number,
      dossierCode: row.dossier_code,
      paymentOrderId: row.order_id,
      payer: { name: row.payer_name },
      amount: Number(row.amount),
      currency: 'VND',
      items: row.items,
      method: row.method,
      paidAt: row.paid_at.toISOString(),
      issuedAt: row.issued_at.toISOString(),
      cashierReceiptNumber: row.cashier_receipt_no,
    };
  }
}
