import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/** A receipt as stored. */
export interface ReceiptRecord {
  number: string;
  year: number;
  seq: number;
  orderId: string;
  dossierCode: string;
  payerName: string | null;
  amount: number;
  items: { code: string; name: string; amount: number }[];
  method: string;
  paidAt: Date;
  issuedAt: Date;
  cashierReceiptNo: string | null;
  cashierId: string | null;
}

export type NewReceipt = Omit<ReceiptRecord, 'issuedAt' | 'items'> & { items: unknown };

/** Every query of receipts and of their yearly counters. */
@Injectable()
export class ReceiptRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The year's next number; the counter row stays locked until the caller's transaction ends. */
  async nextSeq(em: EntityManager, year: number): Promise<number> {
    const [{ last_number: seq }] = await em.query(
      `INSERT INTO payment.receipt_counters (year, last_number) VALUES ($1, 1)
       ON CONFLICT (year) DO UPDATE SET last_number = payment.receipt_counters.last_number + 1 RETURNING last_number`,
      [year],
    );
    return seq;
  }

  async insert(em: EntityManager, r: NewReceipt): Promise<void> {
    await em.query(
      `INSERT INTO payment.receipts (number, year, seq, order_id, dossier_code, payer_name, amount, items, method, paid_at, cashier_receipt_no, cashier_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11, $12)`,
      [
        r.number,
        r.year,
        r.seq,
        r.orderId,
        r.dossierCode,
        r.payerName,
        r.amount,
        JSON.stringify(r.items),
        r.method,
        r.paidAt,
        r.cashierReceiptNo,
        r.cashierId,
      ],
    );
  }

  async findByNumber(number: string): Promise<ReceiptRecord | null> {
    const [row] = await this.dataSource.query('SELECT * FROM payment.receipts WHERE number = $1', [number]);
    if (!row) return null;
    return {
      number: row.number,
      year: row.year,
      seq: row.seq,
      orderId: row.order_id,
      dossierCode: row.dossier_code,
      payerName: row.payer_name,
      amount: Number(row.amount),
      items: row.items,
      method: row.method,
      paidAt: row.paid_at,
      issuedAt: row.issued_at,
      cashierReceiptNo: row.cashier_receipt_no,
      cashierId: row.cashier_id,
    };
  }

  /** Receipt numbers by order id, for the orders that have one. */
  async numbersOf(orderIds: string[]): Promise<Map<string, string>> {
    if (!orderIds.length) return new Map();
    const rows: { order_id: string; number: string }[] = await this.dataSource.query(
      'SELECT order_id, number FROM payment.receipts WHERE order_id = ANY($1::uuid[])',
      [orderIds],
    );
    return new Map(rows.map((r) => [r.order_id, r.number]));
  }
}
