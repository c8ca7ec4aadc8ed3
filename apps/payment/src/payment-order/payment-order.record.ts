import type { PaymentMethod } from '@dvc/contracts';

export const ORDER_STATUSES = [
  'pending',
  'paid',
  'failed',
  'expired',
  'cancelled',
  'refunded',
  'partially_refunded',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
/** Statuses in which money may still come in. */
export const AWAITING: readonly OrderStatus[] = ['pending', 'failed'];
export const PAID: readonly OrderStatus[] = ['paid', 'partially_refunded', 'refunded'];
export type PaidMethod = 'online' | 'office' | 'postal_cod';

export interface FeeItemRow {
  code: string;
  name: string;
  amount: number;
}

/** A payment order as stored; money in whole VND. */
export interface Order {
  id: string;
  reference: string;
  feeId: string;
  dossierCode: string;
  amount: number;
  currency: string;
  level: 3 | 4;
  method: PaymentMethod;
  status: OrderStatus;
  items: FeeItemRow[];
  gateway: string | null;
  createdAt: Date;
  expiresAt: Date | null;
  lastCheckoutAt: Date | null;
  lastQueriedAt: Date | null;
  paidAt: Date | null;
  paidMethod: PaidMethod | null;
  paidAmount: number | null;
  transactionNo: string | null;
  refundedAmount: number;
  refundableSince: Date | null;
  codCollected: number | null;
  codMismatchAt: Date | null;
  /** The applicant, from fee.assessed (null for orders opened before it was sent). */
  payerName: string | null;
}

/** One row of an order's append-only status history, as officers read it. */
export interface OrderHistoryEntry {
  from: OrderStatus | null;
  to: OrderStatus;
  reason: string;
  actor: string;
  details: Record<string, unknown> | null;
  at: string;
}
