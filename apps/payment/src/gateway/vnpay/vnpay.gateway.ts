import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG } from '@dvc/kernel';
import type { PaymentConfig } from '../../config/payment.config';
import { GatewayErrors } from '../gateway.errors';
import type {
  CallbackCheck,
  CheckoutInput,
  PaymentGateway,
  QueryInput,
  RawCallback,
  RefundInput,
  RefundOutcome,
  TransactionState,
} from '../payment-gateway';
import {
  parseQuery,
  parseVnpDate,
  vnpCanonicalQuery,
  vnpDate,
  vnpPipeSign,
  vnpSign,
  vnpVerify,
  sameHex,
} from './vnpay-signature';

export const VNPAY = 'vnpay';
const VERSION = '2.1.0';
/** The merchant API needs the caller's address; ours is the server's. */
const SERVER_IP = '127.0.0.1';

/**
 * The order in which the merchant API (querydr, refund) joins fields with '|' before hashing:
 * each request and each answer has its own.
 */
const QUERYDR_REQUEST_FIELDS = [
  'vnp_RequestId',
  'vnp_Version',
  'vnp_Command',
  'vnp_TmnCode',
  'vnp_TxnRef',
  'vnp_TransactionDate',
  'vnp_CreateDate',
  'vnp_IpAddr',
  'vnp_OrderInfo',
];
const REFUND_REQUEST_FIELDS = [
  'vnp_RequestId',
  'vnp_Version',
  'vnp_Command',
  'vnp_TmnCode',
  'vnp_TransactionType',
  'vnp_TxnRef',
  'vnp_Amount',
  'vnp_TransactionNo',
  'vnp_TransactionDate',
  'vnp_CreateBy',
  'vnp_CreateDate',
  'vnp_IpAddr',
  'vnp_OrderInfo',
];
const REFUND_RESPONSE_FIELDS = [
  'vnp_ResponseId',
  'vnp_Command',
  'vnp_ResponseCode',
  'vnp_Message',
  'vnp_TmnCode',
  'vnp_TxnRef',
  'vnp_Amount',
  'vnp_BankCode',
  'vnp_PayDate',
  'vnp_TransactionNo',
  'vnp_TransactionType',
  'vnp_TransactionStatus',
  'vnp_OrderInfo',
];
const QUERYDR_RESPONSE_FIELDS = [...REFUND_RESPONSE_FIELDS, 'vnp_PromotionCode', 'vnp_PromotionAmount'];

const DIGITS = /^\d+$/;

/** VNPay v2.1.0: signed payment URL, IPN/return verification, querydr and refund. */
@Injectable()
export class VnpayGateway implements PaymentGateway {
  readonly name = VNPAY;

  constructor(@Inject(SERVICE_CONFIG) private readonly config: PaymentConfig) {}

  createPaymentUrl(i: CheckoutInput): string {
    const params: Record<string, string> = {
      vnp_Version: VERSION,
      vnp_Command: 'pay',
      vnp_TmnCode: this.config.VNPAY_TMN_CODE,
      // Whole đồng times 100, in integer arithmetic.
      vnp_Amount: (BigInt(i.amount) * 100n).toString(),
      vnp_CurrCode: 'VND',
      vnp_TxnRef: i.reference,
      vnp_OrderInfo: i.orderInfo,
      vnp_OrderType: 'other',
      vnp_Locale: 'vn',
      vnp_ReturnUrl: this.config.VNPAY_RETURN_URL,
      vnp_IpAddr: i.clientIp,
      vnp_CreateDate: vnpDate(i.createdAt),
      vnp_ExpireDate: vnpDate(i.expiresAt),
    };
    return `${this.config.VNPAY_PAYMENT_URL}?${vnpCanonicalQuery(params)}&vnp_SecureHash=${vnpSign(params, this.config.VNPAY_HASH_SECRET)}`;
  }

  /** Checksum first (VNPay's own order of checks), then the shape of what was signed. */
  verifyCallback(raw: RawCallback): CallbackCheck {
    const { params, repeated } = parseQuery(raw.query);
    if (!vnpVerify(params, this.config.VNPAY_HASH_SECRET))
      return { ok: false, reason: 'bad_signature', detail: 'vnp_SecureHash does not match the parameters' };
    if (repeated.length)
      return { ok: false, reason: 'malformed', detail: `repeated parameters: ${repeated.join(', ')}` };
    const problems: string[] = [];
    const ref = params.vnp_TxnRef ?? '';
    if (!ref || ref.length > 100) problems.push('vnp_TxnRef');
    const amount = params.vnp_Amount ?? '';
    if (!DIGITS.test(amount) || amount.length > 17 || BigInt(amount) % 100n !== 0n) problems.push('vnp_Amount');
    if (!/^\d{2}$/.test(params.vnp_ResponseCode ?? '')) problems.push('vnp_ResponseCode');
    if (params.vnp_TransactionStatus !== undefined && !/^\d{2}$/.test(params.vnp_TransactionStatus))
      problems.push('vnp_TransactionStatus');
    if (params.vnp_TransactionNo !== undefined && !DIGITS.test(params.vnp_TransactionNo))
      problems.push('vnp_TransactionNo');
    const succeeded = params.vnp_ResponseCode === '00' && (params.vnp_TransactionStatus ?? '00') === '00';
    const payDate = parseVnpDate(params.vnp_PayDate);
    if (succeeded && (!payDate || !params.vnp_TransactionNo || /^0+$/.test(params.vnp_TransactionNo)))
      problems.push(payDate ? 'vnp_TransactionNo' : 'vnp_PayDate');
    if (problems.length) return { ok: false, reason: 'malformed', detail: `invalid: ${problems.join(', ')}` };
    const vnd = BigInt(amount) / 100n;
    if (vnd > BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false, reason: 'malformed', detail: 'invalid: vnp_Amount' };
    return {
      ok: true,
      notice: {
        reference: ref,
        amount: Number(vnd),
        succeeded,
        transactionNo: params.vnp_TransactionNo ?? '',
        responseCode: params.vnp_ResponseCode,
        occurredAt: payDate ?? raw.receivedAt,
        merchant: params.vnp_TmnCode,
      },
    };
  }

  async queryTransaction(q: QueryInput): Promise<TransactionState> {
    const now = new Date();
    const req: Record<string, string> = {
      vnp_RequestId: q.requestId,
      vnp_Version: VERSION,
      vnp_Command: 'querydr',
      vnp_TmnCode: this.config.VNPAY_TMN_CODE,
      vnp_TxnRef: q.reference,
      vnp_OrderInfo: `Truy van giao dich ${q.reference}`,
      vnp_TransactionDate: vnpDate(q.transactionDate),
      vnp_CreateDate: vnpDate(now),
      vnp_IpAddr: SERVER_IP,
    };
    req.vnp_SecureHash = this.pipeSign(req, QUERYDR_REQUEST_FIELDS);
    const res = await this.post(req);
    const expected = this.pipeSign(res, QUERYDR_RESPONSE_FIELDS);
    // An answer we cannot verify is no answer: nothing is changed on it.
    if (
      typeof res.vnp_SecureHash !== 'string' ||
      !sameHex(expected, res.vnp_SecureHash) ||
      res.vnp_TxnRef !== q.reference
    )
      return { state: 'unknown', responseCode: String(res.vnp_ResponseCode ?? '') };
    const code = String(res.vnp_ResponseCode);
    if (code === '91') return { state: 'not_found', responseCode: code };
    if (code !== '00' || !DIGITS.test(String(res.vnp_Amount))) return { state: 'unknown', responseCode: code };
    const amount = Number(BigInt(String(res.vnp_Amount)) / 100n);
    const status = String(res.vnp_TransactionStatus);
    if (status === '00') {
      const paidAt = parseVnpDate(String(res.vnp_PayDate));
      return paidAt
        ? { state: 'paid', amount, transactionNo: String(res.vnp_TransactionNo), paidAt, responseCode: status }
        : { state: 'unknown', responseCode: status };
    }
    if (status === '01') return { state: 'pending', responseCode: status };
    return { state: 'failed', amount, transactionNo: String(res.vnp_TransactionNo ?? ''), responseCode: status };
  }

  async refund(r: RefundInput): Promise<RefundOutcome> {
    const req: Record<string, string> = {
      vnp_RequestId: r.requestId,
      vnp_Version: VERSION,
      vnp_Command: 'refund',
      vnp_TmnCode: this.config.VNPAY_TMN_CODE,
      vnp_TransactionType: r.full ? '02' : '03',
      vnp_TxnRef: r.reference,
      vnp_Amount: (BigInt(r.amount) * 100n).toString(),
      vnp_OrderInfo: r.reason.slice(0, 255),
      vnp_TransactionNo: r.transactionNo,
      vnp_TransactionDate: vnpDate(r.transactionDate),
      vnp_CreateBy: r.createdBy,
      vnp_CreateDate: vnpDate(new Date()),
      vnp_IpAddr: SERVER_IP,
    };
    req.vnp_SecureHash = this.pipeSign(req, REFUND_REQUEST_FIELDS);
    const res = await this.post(req);
    const expected = this.pipeSign(res, REFUND_RESPONSE_FIELDS);
    if (typeof res.vnp_SecureHash !== 'string' || !sameHex(expected, res.vnp_SecureHash))
      return { ok: false, responseCode: 'unverified', message: 'the gateway answer is not signed correctly' };
    if (res.vnp_ResponseCode !== '00')
      return { ok: false, responseCode: String(res.vnp_ResponseCode), message: String(res.vnp_Message ?? '') };
    return { ok: true, gatewayRef: String(res.vnp_TransactionNo ?? r.requestId), responseCode: '00' };
  }

  private pipeSign(values: Record<string, unknown>, fields: readonly string[]): string {
    return vnpPipeSign(
      fields.map((k) => values[k]),
      this.config.VNPAY_HASH_SECRET,
    );
  }

  private async post(body: Record<string, string>): Promise<Record<string, unknown>> {
    let res: Response;
    try {
      res = await fetch(this.config.VNPAY_API_URL, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.config.GATEWAY_TIMEOUT_MS),
      });
    } catch {
      throw GatewayErrors.unreachable(VNPAY);
    }
    if (!res.ok) throw GatewayErrors.unreachable(VNPAY, res.status);
    try {
      return (await res.json()) as Record<string, unknown>;
    } catch {
      throw GatewayErrors.unreachable(VNPAY, res.status);
    }
  }
}
