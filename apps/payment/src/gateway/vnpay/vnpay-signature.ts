import { createHmac, timingSafeEqual } from 'node:crypto';
import { VIETNAM_UTC_OFFSET_MS } from '@dvc/kernel';

/** VNPay's encoding of names and values: encodeURIComponent, then a space as '+'. */
export const vnpEncode = (v: string) => encodeURIComponent(v).replace(/%20/g, '+');

const SIGNATURE_FIELDS = new Set(['vnp_SecureHash', 'vnp_SecureHashType']);

/**
 * The string VNPay signs (v2.1.0): every vnp_* parameter except the hash itself, sorted by name,
 * `name=value` with both URL-encoded the VNPay way, joined by '&'. It is also the query string
 * of the payment URL, before `&vnp_SecureHash=`.
 */
export function vnpCanonicalQuery(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((k) => k.startsWith('vnp_') && !SIGNATURE_FIELDS.has(k))
    .sort()
    .map((k) => `${vnpEncode(k)}=${vnpEncode(params[k])}`)
    .join('&');
}

export const hmacSha512Hex = (secret: string, data: string) =>
  createHmac('sha512', secret).update(data, 'utf8').digest('hex');

export function vnpSign(params: Record<string, string>, secret: string): string {
  return hmacSha512Hex(secret, vnpCanonicalQuery(params));
}

/** Constant-time comparison of hex digests (VNPay may send upper or lower case). */
export function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a.toLowerCase(), 'utf8');
  const y = Buffer.from(b.toLowerCase(), 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

export function vnpVerify(params: Record<string, string>, secret: string): boolean {
  const given = params.vnp_SecureHash;
  return typeof given === 'string' && /^[0-9a-fA-F]{128}$/.test(given) && sameHex(vnpSign(params, secret), given);
}

/** yyyyMMddHHmmss at GMT+7, as VNPay writes every date. */
export function vnpDate(at: Date): string {
  return new Date(at.getTime() + VIETNAM_UTC_OFFSET_MS).toISOString().slice(0, 19).replace(/[-T:]/g, '');
}

/** The instant of a VNPay date (GMT+7), or null when it is not one. */
export function parseVnpDate(s: string | undefined): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(s ?? '');
  if (!m) return null;
  const t = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) - VIETNAM_UTC_OFFSET_MS;
  const d = new Date(t);
  return vnpDate(d) === s ? d : null;
}

/**
 * Parameters of a raw query string, decoded once (so '+', '%20', '%3a' and '%3A' all mean what
 * they say). A parameter given twice is reported: nobody can tell which copy was signed.
 */
export function parseQuery(raw: string): { params: Record<string, string>; repeated: string[] } {
  const params: Record<string, string> = {};
  const repeated: string[] = [];
  for (const [k, v] of new URLSearchParams(raw)) {
    if (Object.prototype.hasOwnProperty.call(params, k)) repeated.push(k);
    params[k] = v;
  }
  return { params, repeated };
}

/** The pipe-joined string VNPay's merchant API (querydr, refund) signs, fields in the documented order. */
export function vnpPipeSign(values: unknown[], secret: string): string {
  return hmacSha512Hex(secret, values.map((v) => (v === undefined || v === null ? '' : String(v))).join('|'));
}
