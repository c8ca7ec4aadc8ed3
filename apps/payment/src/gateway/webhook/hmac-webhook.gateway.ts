import { createHmac } from 'node:crypto';
import { findInputFlaws } from '@dvc/contracts';
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
import { sameHex } from '../vnpay/vnpay-signature';

export const hmacSha256Hex = (secret: string, data: string | Buffer) =>
  createHmac('sha256', secret).update(data).digest('hex');

/** What the provider signs: `${timestamp}.${rawBody}` (the exact bytes received). */
export function webhookSignature(secret: string, timestamp: string, rawBody: Buffer | string): string {
  return hmacSha256Hex(
    secret,
    Buffer.concat([
      Buffer.from(`${timestamp}.`, 'utf8'),
      Buffer.isBuffer(rawBody) ? rawBody : Buffer.from(rawBody, 'utf8'),
    ]),
  );
}

const EVENT_TYPES = ['payment.succeeded', 'payment.failed'] as const;

/**
 * A generic HMAC-SHA256 webhook, the shape national payment hubs and wallets push results in:
 * `X-Signature` = hex HMAC-SHA256 over `${X-Timestamp}.${rawBody}`, the timestamp within a
 * tolerance, and a body `{ id, type, reference, amount, transactionId, occurredAt }`. The provider
 * pushes; it has no pull API here, so query and refund are not offered through it.
 */
export class HmacWebhookGateway implements PaymentGateway {
  constructor(
    readonly name: string,
    private readonly secret: string,
    private readonly toleranceSeconds: number,
  ) {}

  createPaymentUrl(_: CheckoutInput): string {
    throw GatewayErrors.unsupported(this.name, 'payment URL');
  }

  verifyCallback(raw: RawCallback): CallbackCheck {
    const signature = raw.headers['x-signature'] ?? '';
    const timestamp = raw.headers['x-timestamp'] ?? '';
    if (!raw.body) return { ok: false, reason: 'malformed', detail: 'no body' };
    if (!/^[0-9a-fA-F]{64}$/.test(signature) || !/^\d{1,12}$/.test(timestamp))
      return { ok: false, reason: 'bad_signature', detail: 'X-Signature or X-Timestamp missing or malformed' };
    if (!sameHex(webhookSignature(this.secret, timestamp, raw.body), signature))
      return { ok: false, reason: 'bad_signature', detail: 'X-Signature does not match' };
    if (Math.abs(raw.receivedAt.getTime() / 1000 - Number(timestamp)) > this.toleranceSeconds) {
      return { ok: false, reason: 'stale', detail: `X-Timestamp is more than ${this.toleranceSeconds} s from now` };
    }
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw.body.toString('utf8'));
    } catch {
      return { ok: false, reason: 'malformed', detail: 'body is not JSON' };
    }
    // The HTTP layer screened the body only if the JSON parser read it (content-type application/json).
    const flaws = findInputFlaws(body);
    if (flaws.length)
      return { ok: false, reason: 'malformed', detail: flaws.map((f) => `${f.field}: ${f.code}`).join(', ') };
    const problems: string[] = [];
    const str = (k: string, max = 200) =>
      typeof body[k] === 'string' && (body[k] as string).length > 0 && (body[k] as string).length <= max;
    if (!str('id')) problems.push('id');
    if (!(EVENT_TYPES as readonly unknown[]).includes(body.type)) problems.push('type');
    if (!str('reference', 100)) problems.push('reference');
    if (!Number.isSafeInteger(body.amount) || (body.amount as number) < 0) problems.push('amount');
    if (!str('transactionId')) problems.push('transactionId');
    const at = typeof body.occurredAt === 'string' ? new Date(body.occurredAt) : null;
    if (!at || Number.isNaN(at.getTime())) problems.push('occurredAt');
    if (problems.length) return { ok: false, reason: 'malformed', detail: `invalid: ${problems.join(', ')}` };
    return {
      ok: true,
      notice: {
        eventId: body.id as string,
        reference: body.reference as string,
        amount: body.amount as number,
        succeeded: body.type === 'payment.succeeded',
        transactionNo: body.transactionId as string,
        responseCode: body.type as string,
        occurredAt: at!,
      },
    };
  }

  async queryTransaction(_: QueryInput): Promise<TransactionState> {
    return { state: 'unknown', responseCode: 'push-only' };
  }

  async refund(_: RefundInput): Promise<RefundOutcome> {
    return { ok: false, responseCode: 'unsupported', message: `${this.name} takes refunds outside this API` };
  }
}
