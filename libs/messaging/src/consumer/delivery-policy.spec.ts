import { HEADERS } from '@dvc/contracts';
import {
  attemptOf,
  DeliveryPolicy,
  judgeDelivery,
  judgeFailure,
  parkHeaders,
  retryHeaders,
  retryTiers,
} from './delivery-policy';
import { HandlerTimeoutError } from './handler-timeout';

const policy: DeliveryPolicy = { retryDelaysMs: [100, 500, 2000], maxRetries: 4 };
const withAttempt = (n?: unknown) =>
  ({ properties: { headers: n === undefined ? {} : { [HEADERS.ATTEMPT]: n } } }) as never;
const outage = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

describe('delivery policy', () => {
  it('acknowledges a success', () => {
    expect(judgeDelivery(undefined, 3, policy)).toEqual({ action: 'ack' });
  });

  it('retries through the delay tiers, counting attempts, the last tier repeating', () => {
    const err = new Error('boom');
    expect([0, 1, 2, 3].map((a) => judgeFailure(err, a, policy))).toEqual([
      { action: 'retry', attempt: 1, delayMs: 100, reason: 'boom' },
      { action: 'retry', attempt: 2, delayMs: 500, reason: 'boom' },
      { action: 'retry', attempt: 3, delayMs: 2000, reason: 'boom' },
      { action: 'retry', attempt: 4, delayMs: 2000, reason: 'boom' },
    ]);
  });

  it('parks once the retries are used up, with the last reason', () => {
    const err = Object.assign(new Error('still broken'), { code: 'X.BROKEN' });
    expect(judgeFailure(err, 4, policy)).toEqual({
      action: 'park',
      code: 'HANDLER.RETRIES_EXHAUSTED',
      reason: 'X.BROKEN: still broken',
    });
    expect(judgeFailure(err, 0, { ...policy, maxRetries: 0 })).toMatchObject({
      action: 'park',
      code: 'HANDLER.RETRIES_EXHAUSTED',
    });
  });

  it('parks at once, with its own code, an error that says retrying cannot help', () => {
    const err = Object.assign(new Error('no such procedure'), { code: 'PROCEDURE.UNKNOWN', retryable: false });
    expect(judgeFailure(err, 0, policy)).toEqual({
      action: 'park',
      code: 'PROCEDURE.UNKNOWN',
      reason: 'PROCEDURE.UNKNOWN: no such procedure',
    });
    expect(judgeFailure(Object.assign(new Error('nope'), { retryable: false }), 0, policy)).toMatchObject({
      code: 'HANDLER.PERMANENT',
    });
  });

  it('retries a handler that timed out through the tiers, then parks it as HANDLER.TIMEOUT', () => {
    const err = new HandlerTimeoutError(30000);
    expect(judgeFailure(err, 0, policy)).toMatchObject({ action: 'retry', attempt: 1, delayMs: 100 });
    expect(judgeFailure(err, 4, policy)).toEqual({
      action: 'park',
      code: 'HANDLER.TIMEOUT',
      reason: 'HANDLER.TIMEOUT: the handler had not finished after 30000 ms and was given up',
    });
  });

  it('counts a statement PostgreSQL cancelled at its statement timeout (57014) as an attempt, not an outage', () => {
    const err = Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' });
    expect(judgeFailure(err, 0, policy)).toMatchObject({ action: 'retry', attempt: 1, delayMs: 100 });
    expect(judgeFailure(err, 4, policy)).toEqual({
      action: 'park',
      code: 'HANDLER.RETRIES_EXHAUSTED',
      reason: '57014: canceling statement due to statement timeout',
    });
  });

  it('waits out a database outage without counting it, even past the retry limit', () => {
    expect(judgeFailure(outage(), 4, policy)).toMatchObject({ action: 'retry', attempt: 4, delayMs: 2000 });
    expect(judgeFailure(outage(), 0, { ...policy, outageDelayMs: 1500 })).toMatchObject({
      action: 'retry',
      attempt: 0,
      delayMs: 1500,
    });
  });

  it('names every delay it may ask for, the outage delay included, once', () => {
    expect(retryTiers(policy)).toEqual([100, 500, 2000]);
    expect(retryTiers({ ...policy, outageDelayMs: 1500 })).toEqual([100, 500, 2000, 1500]);
  });

  it('reads the attempt count a retried copy carries', () => {
    expect(attemptOf(withAttempt())).toBe(0);
    expect(attemptOf(withAttempt(3))).toBe(3);
    expect(attemptOf(withAttempt('2'))).toBe(2);
    expect(attemptOf(withAttempt('junk'))).toBe(0);
  });

  it('writes the attempt and the reasons into headers, cut to a bounded length', () => {
    expect(retryHeaders({ action: 'retry', attempt: 2, delayMs: 500, reason: 'x'.repeat(900) })).toEqual({
      [HEADERS.ATTEMPT]: 2,
      [HEADERS.LAST_ERROR]: 'x'.repeat(500),
    });
    const at = new Date('2025-01-02T03:04:05.000Z');
    expect(parkHeaders({ action: 'park', code: 'A.B', reason: 'why' }, 'intake', at)).toEqual({
      [HEADERS.PARK_CODE]: 'A.B',
      [HEADERS.PARK_REASON]: 'why',
      [HEADERS.PARKED_BY]: 'intake',
      [HEADERS.PARKED_AT]: '2025-01-02T03:04:05.000Z',
    });
  });
});
