import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG } from '@dvc/kernel';
import type { PaymentConfig } from '../config/payment.config';
import { VnpayGateway } from '../gateway/vnpay/vnpay.gateway';
import type { Order } from './payment-order.record';
import { PaymentOrderRepository } from './payment-order.repository';
import { PaymentOrderService } from './payment-order.service';

export interface OrderView {
  id: string;
  reference: string;
  dossierCode: string;
  feeId: string;
  amount: number;
  currency: string;
  level: number;
  method: string;
  status: string;
  items: { code: string; name: string; amount: number }[];
  createdAt: string;
  expiresAt: string | null;
  paidAt: string | null;
  paidMethod: string | null;
  receiptNumber: string | null;
  refundedAmount: number;
  refundable: boolean;
  codMismatch: { collected: number; at: string } | null;
  /** How the citizen can pay now. */
  online:
    | { allowed: true; paymentUrl?: string; urlExpiresAt?: string }
    | { allowed: false; code: string; message: { vi: string; en: string } };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Payment URLs for the portal, and the views of orders. */
@Injectable()
export class CheckoutService {
  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: PaymentConfig,
    private readonly orders: PaymentOrderService,
    private readonly orderRows: PaymentOrderRepository,
    private readonly vnpay: VnpayGateway,
  ) {}

  /** A fresh signed VNPay URL (the order's reference as vnp_TxnRef); refused with the reason for level 3, COD and closed orders. */
  async checkout(order: Order, clientIp = '127.0.0.1'): Promise<{ paymentUrl: string; urlExpiresAt: string }> {
    const refusal = this.orders.onlineRefusal(order);
    if (refusal) throw refusal;
    const now = new Date();
    const checkoutEnd = now.getTime() + this.config.CHECKOUT_EXPIRY_MINUTES * 60_000;
    const expiresAt = new Date(Math.min(checkoutEnd, order.expiresAt?.getTime() ?? checkoutEnd));
    // Remembered so that the expiry job knows a payment may exist at the gateway and can query it (querydr needs this date).
    await this.orderRows.markCheckout(order.id, now);
    const paymentUrl = this.vnpay.createPaymentUrl({
      reference: order.reference,
      amount: order.amount,
      orderInfo: `Nop phi ho so ${order.dossierCode}`,
      clientIp,
      createdAt: now,
      expiresAt,
    });
    return { paymentUrl, urlExpiresAt: expiresAt.toISOString() };
  }

  async checkoutById(id: string, clientIp?: string) {
    return this.checkout(await this.orders.find(id), clientIp);
  }

  async forDossier(dossierCode: string, clientIp?: string): Promise<OrderView[]> {
    const orders = await this.orders.findByDossier(dossierCode);
    const receipts = await this.orders.receiptNumbers(orders.map((o) => o.id));
    const out: OrderView[] = [];
    for (const o of orders) {
      const refusal = this.orders.onlineRefusal(o);
      const online: OrderView['online'] = refusal
        ? { allowed: false, code: refusal.code, message: refusal.text }
        : { allowed: true, ...(await this.checkout(o, clientIp)) };
      out.push(view(o, receipts.get(o.id) ?? null, online));
    }
    return out;
  }
}

export function view(o: Order, receiptNumber: string | null, online?: OrderView['online']): OrderView {
  return {
    id: o.id,
    reference: o.reference,
    dossierCode: o.dossierCode,
    feeId: o.feeId,
    amount: o.amount,
    currency: o.currency,
    level: o.level,
    method: o.method,
    status: o.status,
    items: o.items,
    createdAt: o.createdAt.toISOString(),
    expiresAt: iso(o.expiresAt),
    paidAt: iso(o.paidAt),
    paidMethod: o.paidMethod,
    receiptNumber,
    refundedAmount: o.refundedAmount,
    refundable: o.refundableSince !== null && o.refundedAmount < (o.paidAmount ?? 0),
    codMismatch:
      o.codMismatchAt && o.codCollected !== null
        ? { collected: o.codCollected, at: o.codMismatchAt.toISOString() }
        : null,
    online: online ?? { allowed: true },
  };
}
