import { createHmac, timingSafeEqual } from 'node:crypto';
import { VIETNAM_UTC_OFFSET_MS } from '@dvc/kernel';

/*
 * How VNPay's merchant code (v2.1.0) encodes what it signs. The gateway publishes no encoding rule
 * in words; its integration guide (https://sandbox.vnpayment.vn/apis/docs/thanh-toan-pay/pay.html)
 * shows one sample URL (`Thanh+toan+don+hang+%3A5`, `https%3A%2F%2F...`) and ships sample code:
 * - Java (VNPay's demo, e.g. iamLuCat/deskover-ecommerce-web deskover-ecommerce-website/src/main/
 *   webapp/vnpay_ipn.jsp and .../java/com/deskover/vnpay/Config.java hashAllFields): every received
 *   name and value re-encoded with `URLEncoder.encode(v, US_ASCII)`, empty values left out, the rest
 *   sorted and joined `name=value&...`. URLEncoder keeps "a-z A-Z 0-9 . - * _", writes a space as
 *   '+' and every other byte as %XY: it escapes ! ' ( ) ~ which encodeURIComponent keeps.
 * - PHP (vnpay_php/vnpay_ipn.php and vnpay_create_payment.php, "@author CTT VNPAY", e.g.
 *   huykunptit/PTIT_eCommerce vnpay_php/vnpay_ipn.php, anhvu1302/FashionShop_PHP
 *   shop/vnpay_create_payment.php): `urlencode` over every vnp_* name and value, empty ones kept as
 *   `name=`. urlencode (php.net) keeps only alphanumerics and "-_.": it escapes "*" too.
 * - .NET (VnPayLibrary.cs, e.g. khaihungyt/bookShopping_C- Project_PRN212/VnPayLibrary.cs) uses
 *   WebUtility.UrlEncode, which keeps ! ( ) *; Node (the demo's sortObject, e.g. huynn0105/fastm
 *   libs/react-native-vnpay-merchant/sample.js, PhatNguyenTT2/backend docs/vnpaydemo/url.jsx) uses
 *   encodeURIComponent with %20 as '+', which keeps ! ' ( ) * ~. These disagree with Java and PHP
 *   and with each other; every sample agrees on the guide's sample URL, which holds none of them.
 *
 * What we do:
 * - Sign (the payment URL) with Java's encoder over UTF-8 bytes, and leave empty values out of the
 *   URL: VNPay's gateway is a Java system and its Java sample is its own code; for every ASCII value
 *   US_ASCII and UTF-8 give the same bytes, and for Vietnamese letters UTF-8 is what PHP signs (and
 *   what the javadoc recommends; US_ASCII turns every one of them into "?", %3F).
 * - Verify (IPN, return) the hash over Java's string or over PHP's. They differ only where a value
 *   holds "*" or is empty, so the second is computed only then. Both are undone by one decoder
 *   (form decoding), so two different sets of values never share a signed string, save for an
 *   empty parameter, which Java's leaves out: `vnp_X=` added to a signed callback keeps it valid,
 *   and every field we read is checked for shape (an empty one there is refused as malformed).
 * - Refuse everything else: a literal ! ' ( ) ~ (encodeURIComponent) or ! ( ) (.NET), lower-case
 *   hex, %20 for a space, and US_ASCII's "?" for a Vietnamese letter (lossy: one signature would
 *   stand for "Lệ phí", "Lê phí" and "L? ph?" alike). VNPay asks for vnp_OrderInfo without
 *   diacritics or special characters, so these cases come only from a forger or a broken client.
 */

const HEX = '0123456789ABCDEF';
/** application/x-www-form-urlencoded over UTF-8 bytes, keeping alphanumerics and `keep`. */
function formEncode(v: string, keep: string): string {
  let out = '';
  for (const b of Buffer.from(v, 'utf8')) {
    const c = String.fromCharCode(b);
    if ((b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || keep.includes(c)) out += c;
    else if (b === 0x20) out += '+';
    else out += `%${HEX[b >> 4]}${HEX[b & 15]}`;
  }
  return out;
}

/** Java's `URLEncoder.encode(v, UTF_8)`: what we sign with. */
export const vnpEncode = (v: string) => formEncode(v, '.-*_');
/** PHP's `urlencode`: also accepted on what VNPay sends us. */
export const vnpEncodePhp = (v: string) => formEncode(v, '-_.');

const SIGNATURE_FIELDS = new Set(['vnp_SecureHash', 'vnp_SecureHashType']);
const signedNames = (params: Record<string, string>) =>
  Object.keys(params)
    .filter((k) => k.startsWith('vnp_') && !SIGNATURE_FIELDS.has(k))
    .sort();

/**
 * The string VNPay signs (v2.1.0), the Java sample's way: every non-empty vnp_* parameter except
 * the hash itself, sorted by name, `name=value` URL-encoded as Java's URLEncoder does, joined by
 * '&'. It is also the query string of the payment URL, before `&vnp_SecureHash=`.
 */
export function vnpCanonicalQuery(params: Record<string, string>): string {
  return signedNames(params)
    .filter((k) => params[k] !== '')
    .map((k) => `${vnpEncode(k)}=${vnpEncode(params[k])}`)
    .join('&');
}

/** The same, the PHP sample's way: urlencode, and an empty value kept as `name=`. */
export function vnpCanonicalQueryPhp(params: Record<string, string>): string {
  return signedNames(params)
    .map((k) => `${vnpEncodePhp(k)}=${vnpEncodePhp(params[k])}`)
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

/** True when vnp_SecureHash signs these parameters the Java sample's way or the PHP sample's (see above). */
export function vnpVerify(params: Record<string, string>, secret: string): boolean {
  const given = params.vnp_SecureHash;
  if (typeof given !== 'string' || !/^[0-9a-fA-F]{128}$/.test(given)) return false;
  if (sameHex(vnpSign(params, secret), given)) return true;
  const php = signedNames(params).some((k) => params[k] === '' || params[k].includes('*'));
  return php && sameHex(hmacSha512Hex(secret, vnpCanonicalQueryPhp(params)), given);
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
