import { createHmac, timingSafeEqual } from 'node:crypto';

/** hex HMAC-SHA256 over `${timestamp}.${rawBody}`: what the partner puts in X-Signature. */
export function signPartnerReport(key: string, timestamp: string | number, rawBody: Buffer | string): string {
  return createHmac('sha256', key).update(`${timestamp}.`).update(rawBody).digest('hex');
}

/** Constant-time comparison of a received signature with the expected one. */
export function verifyPartnerSignature(
  key: string,
  timestamp: string,
  rawBody: Buffer | string,
  signature: string,
): boolean {
  if (!/^[0-9a-f]{64}$/i.test(signature)) return false;
  const expected = Buffer.from(signPartnerReport(key, timestamp, rawBody), 'hex');
  return timingSafeEqual(expected, Buffer.from(signature, 'hex'));
}
