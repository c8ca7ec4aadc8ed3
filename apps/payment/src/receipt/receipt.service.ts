import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SERVICE_CONFIG, vietnamWallClock } from '@dvc/kernel';
import type { PaymentConfig } from '../config/payment.config';
import { PaymentErrors } from '../payment-order/payment-order.errors';
import { ReceiptRepository } from './receipt.repository';

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
    private readonly repo: ReceiptRepository,
    @Inject(SERVICE_CONFIG) private readonly config: PaymentConfig,
  ) {}

  async issue(em: EntityManager, r: IssueReceipt): Promise<string> {
    const year = Number(vietnamWallClock(new Date()).slice(0, 4));
    const seq = await this.repo.nextSeq(em, year);
    const number = `${this.config.RECEIPT_PREFIX}-${year}-${String(seq).padStart(6, '0')}`;
    await this.repo.insert(em, {
      number,
      year,
      seq,
      orderId: r.orderId,
      dossierCode: r.dossierCode,
      payerName: r.payerName,
      amount: r.amount,
      items: r.items,
      method: r.method,
      paidAt: r.paidAt,
      cashierReceiptNo: r.cashierReceiptNo ?? null,
      cashierId: r.cashierId ?? null,
    });
    return number;
  }

  async find(number: string): Promise<ReceiptView> {
    const r = await this.repo.findByNumber(number);
    if (!r) throw PaymentErrors.receiptNotFound(number);
    return {
      number: r.number,
      dossierCode: r.dossierCode,
      paymentOrderId: r.orderId,
      payer: { name: r.payerName },
      amount: r.amount,
      currency: 'VND',
      items: r.items,
      method: r.method,
      paidAt: r.paidAt.toISOString(),
      issuedAt: r.issuedAt.toISOString(),
      cashierReceiptNumber: r.cashierReceiptNo,
    };
  }

  numbersOf(orderIds: string[]): Promise<Map<string, string>> {
    return this.repo.numbersOf(orderIds);
  }
}
