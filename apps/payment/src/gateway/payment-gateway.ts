/**
 * What the payment service needs from an online payment provider. VNPay is the first adapter;
 * the generic HMAC webhook adapter (national payment hubs, wallets) is the second. Everything
 * after verification (locking the order, the amount check, exactly-once confirmation, the
 * receipt and payment.succeeded) is the same code for every adapter.
 */
export interface PaymentGateway {
  readonly name: string;
  /** A signed URL that sends the citizen's browser to the provider's payment page. */
  createPaymentUrl(input: CheckoutInput): string;
  /** Checks a callback's signature and shape and turns it into a notice (or says why not). */
  verifyCallback(raw: RawCallback): CallbackCheck;
  /** Asks the provider what became of a payment (VNPay: querydr). */
  queryTransaction(input: QueryInput): Promise<TransactionState>;
  /** Asks the provider to give money back (full or partial). */
  refund(input: RefundInput): Promise<RefundOutcome>;
}

export interface CheckoutInput {
  reference: string;
  amount: number;
  orderInfo: string;
  clientIp: string;
  createdAt: Date;
  expiresAt: Date;
}

export interface RawCallback {
  /** The query string exactly as received (without the leading '?'). */
  query: string;
  body?: Buffer;
  headers: Record<string, string | undefined>;
  receivedAt: Date;
}

/** A verified statement from the provider about one payment. */
export interface GatewayNotice {
  reference: string;
  /** VND. */
  amount: number;
  succeeded: boolean;
  /** The provider's transaction number (0 or empty for some failures). */
  transactionNo: string;
  responseCode: string;
  occurredAt: Date;
  /** Provider's event id, for replay protection (webhooks). */
  eventId?: string;
  /** The merchant code the provider says it is talking to (VNPay: vnp_TmnCode). */
  merchant?: string;
}

export type CallbackCheck =
  { ok: true; notice: GatewayNotice } | { ok: false; reason: 'bad_signature' | 'malformed' | 'stale'; detail: string };

export interface QueryInput {
  reference: string;
  /** When the payment was created at the provider (VNPay: vnp_TransactionDate). */
  transactionDate: Date;
  requestId: string;
}

export type TransactionState =
  | { state: 'paid'; amount: number; transactionNo: string; paidAt: Date; responseCode: string }
  | { state: 'failed'; amount: number; transactionNo: string; responseCode: string }
  | { state: 'pending' | 'not_found' | 'unknown'; responseCode: string };

export interface RefundInput {
  reference: string;
  requestId: string;
  amount: number;
  full: boolean;
  transactionNo: string;
  transactionDate: Date;
  createdBy: string;
  reason: string;
}

export type RefundOutcome =
  { ok: true; gatewayRef: string; responseCode: string } | { ok: false; responseCode: string; message: string };
