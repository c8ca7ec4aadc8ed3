import type { Message } from 'amqplib';
import { HEADERS } from '@dvc/contracts';
import { isDatabaseUnavailable } from '@dvc/persistence';

/** Park code of a delivery whose handler had not finished within its timeout, attempt after attempt. */
export const HANDLER_TIMEOUT_CODE = 'HANDLER.TIMEOUT';

/** How a consumer treats a delivery whose handler failed. */
export interface DeliveryPolicy {
  /** Delay tiers, one per attempt; the last one repeats. */
  retryDelaysMs: readonly number[];
  /** Attempts after the first one; the next failure parks the message. */
  maxRetries: number;
  /** Wait before trying again while our database is down; the longest tier unless said. */
  outageDelayMs?: number;
}

export type DeliveryVerdict =
  | { action: 'ack' }
  | { action: 'retry'; attempt: number; delayMs: number; reason: string }
  | { action: 'park'; code: string; reason: string };
export type RetryVerdict = Extract<DeliveryVerdict, { action: 'retry' }>;
export type ParkVerdict = Extract<DeliveryVerdict, { action: 'park' }>;

/** Failed attempts so far, as recorded on the message by earlier retries. */
export function attemptOf(msg: Pick<Message, 'properties'>): number {
  const n = Number(msg.properties.headers?.[HEADERS.ATTEMPT] ?? 0);
  return Number.isFinite(n) && n > 0 ? n : 0;
}

/** Every delay the policy may ask for: one retry queue each. */
export function retryTiers(policy: DeliveryPolicy): number[] {
  return [...new Set([...policy.retryDelaysMs, outageDelay(policy)])];
}

/**
 * What to do with a delivery after its handler ran: `error` is what it threw (undefined when it
 * succeeded) and `attempt` the failed attempts so far (attemptOf). A success is acknowledged;
 * a failure is judged by judgeFailure.
 */
export function judgeDelivery(error: unknown, attempt: number, policy: DeliveryPolicy): DeliveryVerdict {
  return error === undefined ? { action: 'ack' } : judgeFailure(error, attempt, policy);
}

/**
 * - our database is down: retry without counting the attempt (the outage is not the message's
 *   fault, and parking during an outage would lose work that succeeds a minute later);
 * - the error says retrying cannot help (`retryable: false`): park at once with its code;
 * - otherwise retry through the next delay tier, and park once `maxRetries` retries failed
 *   (a handler that timed out, HandlerTimeoutError, is such a failure: a lock may be gone next time).
 *   A statement PostgreSQL cancelled at its statement_timeout (57014) is one too, not an outage.
 */
export function judgeFailure(error: unknown, attempt: number, policy: DeliveryPolicy): RetryVerdict | ParkVerdict {
  const e = error as { message?: string; code?: unknown; retryable?: unknown } | null | undefined;
  const code = typeof e?.code === 'string' ? e.code : undefined;
  const reason = `${code ? `${code}: ` : ''}${e?.message ?? String(error)}`;
  if (isDatabaseUnavailable(error)) return { action: 'retry', attempt, delayMs: outageDelay(policy), reason };
  if (e?.retryable === false) return { action: 'park', code: code ?? 'HANDLER.PERMANENT', reason };
  if (attempt >= policy.maxRetries) {
    // A handler that hung every time is parked as such: its reason is not the last error thrown.
    return { action: 'park', code: code === HANDLER_TIMEOUT_CODE ? code : 'HANDLER.RETRIES_EXHAUSTED', reason };
  }
  const delays = policy.retryDelaysMs;
  return { action: 'retry', attempt: attempt + 1, delayMs: delays[Math.min(attempt, delays.length - 1)], reason };
}

/** Headers a retried copy carries: its attempt count and why the last attempt failed. */
export function retryHeaders(v: RetryVerdict): Record<string, unknown> {
  return { [HEADERS.ATTEMPT]: v.attempt, [HEADERS.LAST_ERROR]: v.reason.slice(0, 500) };
}

/** Headers a parked copy carries, for the human who looks at the parking queue. */
export function parkHeaders(v: ParkVerdict, parkedBy: string, at = new Date()): Record<string, unknown> {
  return {
    [HEADERS.PARK_CODE]: v.code,
    [HEADERS.PARK_REASON]: v.reason.slice(0, 1000),
    [HEADERS.PARKED_BY]: parkedBy,
    [HEADERS.PARKED_AT]: at.toISOString(),
  };
}

function outageDelay(policy: DeliveryPolicy): number {
  return policy.outageDelayMs ?? policy.retryDelaysMs[policy.retryDelaysMs.length - 1];
}
