import { createHmac } from 'node:crypto';
import { parseQuery, parseVnpDate, vnpCanonicalQuery, vnpDate, vnpSign, vnpVerify } from './vnpay-signature';

/**
 * The known vector. VNPay's integration guide (https://sandbox.vnpayment.vn/apis/docs/thanh-toan-pay/pay.html,
 * "Tạo URL Thanh toán") publishes this sample payment URL for merchant DEMOV210:
 *   ...vpcpay.html?vnp_Amount=1806000&vnp_Command=pay&vnp_CreateDate=20210801153333&vnp_CurrCode=VND&vnp_IpAddr=127.0.0.1
 *   &vnp_Locale=vn&vnp_OrderInfo=Thanh+toan+don+hang+%3A5&vnp_OrderType=other&vnp_ReturnUrl=https%3A%2F%2Fdomainmerchant.vn%2FReturnUrl
 *   &vnp_TmnCode=DEMOV210&vnp_TxnRef=5&vnp_Version=2.1.0&vnp_SecureHash=3e0d61a0c0...625c42
 * The guide does not publish DEMOV210's hash secret, so its vnp_SecureHash cannot be recomputed by
 * anyone. What can be reproduced exactly is the signed string (the sorted, VNPay-encoded query
 * above, byte for byte); the HMAC over it is checked against a value computed independently with
 *   printf %s '<that query>' | openssl dgst -sha512 -hmac 'DVCTESTVECTORSECRET0123456789ABC'
 */
const PUBLISHED_QUERY =
  'vnp_Amount=1806000&vnp_Command=pay&vnp_CreateDate=20210801153333&vnp_CurrCode=VND&vnp_IpAddr=127.0.0.1&vnp_Locale=vn' +
  '&vnp_OrderInfo=Thanh+toan+don+hang+%3A5&vnp_OrderType=other&vnp_ReturnUrl=https%3A%2F%2Fdomainmerchant.vn%2FReturnUrl' +
  '&vnp_TmnCode=DEMOV210&vnp_TxnRef=5&vnp_Version=2.1.0';
const PUBLISHED_HASH =
  '3e0d61a0c0534b2e36680b3f7277743e8784cc4e1d68fa7d276e79c23be7d6318d338b477910a27992f5057bb1582bd44bd82ae8009ffaf6d141219218625c42';
const TEST_SECRET = 'DVCTESTVECTORSECRET0123456789ABC';
const OPENSSL_HMAC =
  'c5ee00b01d472ea73b752ca4f80173d691ed270abb5e8458f0dc251ad7962bdbc67a100fbf8a73a26ec413b952f5f730fd5a4acdd55b7834c502347c19d97920';

// The sample's parameters as a merchant holds them (decoded), in no particular order.
const SAMPLE = {
  vnp_Version: '2.1.0',
  vnp_TxnRef: '5',
  vnp_TmnCode: 'DEMOV210',
  vnp_ReturnUrl: 'https://domainmerchant.vn/ReturnUrl',
  vnp_OrderType: 'other',
  vnp_OrderInfo: 'Thanh toan don hang :5',
  vnp_Locale: 'vn',
  vnp_IpAddr: '127.0.0.1',
  vnp_CurrCode: 'VND',
  vnp_CreateDate: '20210801153333',
  vnp_Command: 'pay',
  vnp_Amount: '1806000',
};

describe('VNPay v2.1.0 signature', () => {
  it("reproduces the signed string of VNPay's published sample URL byte for byte", () => {
    expect(vnpCanonicalQuery(SAMPLE)).toBe(PUBLISHED_QUERY);
    // The published URL, parsed back, gives the same string (the hash itself is left out of what is signed).
    expect(vnpCanonicalQuery(parseQuery(`${PUBLISHED_QUERY}&vnp_SecureHash=${PUBLISHED_HASH}`).params)).toBe(
      PUBLISHED_QUERY,
    );
  });

  it('signs it with HMAC-SHA512 exactly as openssl does', () => {
    expect(vnpSign(SAMPLE, TEST_SECRET)).toBe(OPENSSL_HMAC);
    expect(vnpVerify({ ...SAMPLE, vnp_SecureHash: OPENSSL_HMAC.toUpperCase() }, TEST_SECRET)).toBe(true);
  });

  it('does not depend on the order or the encoding of the parameters received', () => {
    const reordered = PUBLISHED_QUERY.split('&').reverse().join('&');
    const differentlyEncoded = reordered
      .replace('Thanh+toan+don+hang+%3A5', 'Thanh%20toan%20don%20hang%20%3a5')
      .replace('https%3A%2F%2F', 'https%3a%2f%2f');
    const { params } = parseQuery(`${differentlyEncoded}&vnp_SecureHash=${OPENSSL_HMAC}`);
    expect(vnpVerify(params, TEST_SECRET)).toBe(true);
  });

  it('refuses a changed value, a missing or malformed hash, and another secret', () => {
    expect(vnpVerify({ ...SAMPLE, vnp_Amount: '1806100', vnp_SecureHash: OPENSSL_HMAC }, TEST_SECRET)).toBe(false);
    expect(vnpVerify({ ...SAMPLE }, TEST_SECRET)).toBe(false);
    expect(vnpVerify({ ...SAMPLE, vnp_SecureHash: 'abc' }, TEST_SECRET)).toBe(false);
    expect(vnpVerify({ ...SAMPLE, vnp_SecureHash: OPENSSL_HMAC }, 'another-secret-0000000000')).toBe(false);
  });

  it('reports a parameter sent twice', () => {
    expect(parseQuery('vnp_Amount=100&vnp_Amount=200').repeated).toEqual(['vnp_Amount']);
  });

  it('writes and reads dates as yyyyMMddHHmmss at GMT+7', () => {
    const at = new Date('2021-08-01T08:33:33Z');
    expect(vnpDate(at)).toBe('20210801153333');
    expect(parseVnpDate('20210801153333')).toEqual(at);
    expect(parseVnpDate('20211301153333')).toBeNull();
    expect(parseVnpDate('2021080115333')).toBeNull();
  });
});

/**
 * The encoders of VNPay's merchant samples, written here from their documented rules (not from
 * our code), each checked first against a vector its own documentation publishes:
 * - Java `URLEncoder.encode(value, US_ASCII)` (VNPay's vnpay_ipn.jsp and ajaxServlet.java): the
 *   javadoc keeps "a"-"z", "A"-"Z", "0"-"9" and ". - * _", writes a space as "+" and every other
 *   byte as "%XY". Over UTF-8 bytes (the javadoc's recommended charset) this is the `java` encoder
 *   below; with US_ASCII every non-ASCII letter first becomes "?" (`javaUsAscii`).
 * - PHP `urlencode` (VNPay's vnpay_create_payment.php and vnpay_ipn.php): php.net keeps the
 *   alphanumerics and "-_.", writes a space as "+" and every other byte as "%XY", so "*" and "~"
 *   are escaped too.
 */
const formEncoder =
  (unreserved: string) =>
  (s: string): string =>
    Array.from(new TextEncoder().encode(s), (b) => {
      const c = String.fromCharCode(b);
      if (b < 0x80 && (/[A-Za-z0-9]/.test(c) || unreserved.includes(c))) return c;
      return b === 0x20 ? '+' : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
    }).join('');
const java = formEncoder('.-*_');
const php = formEncoder('-_.');
const javaUsAscii = (s: string) => java(s.replace(/[^\p{ASCII}]/gu, '?'));
const uriComponent = (s: string) => encodeURIComponent(s).replace(/%20/g, '+'); // VNPay's Node sample; our old one

/** Sorted vnp_* name=value pairs joined by '&', as every sample builds its hash data. */
const hashData = (p: Record<string, string>, enc: (s: string) => string, skipEmpty = false) =>
  Object.keys(p)
    .filter((k) => k.startsWith('vnp_') && !(skipEmpty && p[k] === ''))
    .sort()
    .map((k) => `${k}=${enc(p[k])}`)
    .join('&');
const hmac = (data: string) => createHmac('sha512', TEST_SECRET).update(Buffer.from(data, 'utf8')).digest('hex');

/** An IPN as VNPay sends it (values decoded), with every character the encoders disagree on. */
const IPN = {
  vnp_Amount: '5000000',
  vnp_BankCode: 'NCB',
  vnp_BankTranNo: 'VNP14226112',
  vnp_CardType: 'ATM',
  vnp_OrderInfo: "Lệ phí (hồ sơ) 'A'! *~ a+b&c=d",
  vnp_PayDate: '20260511103000',
  vnp_ResponseCode: '00',
  vnp_TmnCode: 'DVCSTC01',
  vnp_TransactionNo: '14226112',
  vnp_TransactionStatus: '00',
  vnp_TxnRef: 'DVC20260511000001',
};
/** The IPN's query as it arrives: its values written by the given encoder, then the hash. */
const arriving = (p: Record<string, string>, enc: (s: string) => string, hash: string) =>
  parseQuery(`${hashData(p, enc)}&vnp_SecureHash=${hash}`).params;

describe("VNPay v2.1.0 signature: exactly the encodings of VNPay's Java and PHP merchant code", () => {
  it('has reference encoders that reproduce the vectors the Java and PHP documentation publish', () => {
    // javadoc of java.net.URLEncoder; php.net/urlencode (example 1); the last one printed by JDK 17's URLEncoder.
    expect(java('The string ü@foo-bar')).toBe('The+string+%C3%BC%40foo-bar');
    expect(php('Data123!@-_ +')).toBe('Data123%21%40-_+%2B');
    expect(java("Lệ phí (hồ sơ) 'A'! *~")).toBe('L%E1%BB%87+ph%C3%AD+%28h%E1%BB%93+s%C6%A1%29+%27A%27%21+*%7E');
    expect(javaUsAscii('Lệ phí')).toBe('L%3F+ph%3F');
  });

  it("signs the payment URL with Java's encoding: ! ' ( ) ~ + & = escaped, * kept, Vietnamese as UTF-8 bytes", () => {
    expect(vnpCanonicalQuery(IPN)).toBe(hashData(IPN, java));
    expect(vnpCanonicalQuery(IPN)).toContain(
      'vnp_OrderInfo=L%E1%BB%87+ph%C3%AD+%28h%E1%BB%93+s%C6%A1%29+%27A%27%21+*%7E+a%2Bb%26c%3Dd&',
    );
    expect(vnpSign(IPN, TEST_SECRET)).toBe(hmac(hashData(IPN, java)));
  });

  it('accepts an IPN signed the Java way', () => {
    expect(vnpVerify(arriving(IPN, java, hmac(hashData(IPN, java))), TEST_SECRET)).toBe(true);
  });

  it('accepts an IPN signed the PHP way (the samples differ on "*" only)', () => {
    expect(hashData(IPN, php)).not.toBe(hashData(IPN, java));
    expect(vnpVerify(arriving(IPN, php, hmac(hashData(IPN, php))), TEST_SECRET)).toBe(true);
  });

  it('accepts each character alone, both ways', () => {
    for (const ch of ['!', "'", '(', ')', '*', '~', 'ệ', ' ', '+', '&', '=']) {
      const p = { ...IPN, vnp_OrderInfo: `Nop phi${ch}01` };
      for (const enc of [java, php])
        expect([ch, vnpVerify(arriving(p, enc, hmac(hashData(p, enc))), TEST_SECRET)]).toEqual([ch, true]);
    }
  });

  it('accepts an empty value signed either way: skipped (Java) or as "name=" (PHP)', () => {
    const p = { ...IPN, vnp_BankTranNo: '' };
    expect(vnpVerify({ ...p, vnp_SecureHash: hmac(hashData(p, java, true)) }, TEST_SECRET)).toBe(true);
    expect(vnpVerify({ ...p, vnp_SecureHash: hmac(hashData(p, php)) }, TEST_SECRET)).toBe(true);
  });

  it('refuses the same IPN signed any other way: encodeURIComponent, lower-case hex, US_ASCII "?"', () => {
    const others = [
      uriComponent,
      (s: string) => java(s).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
      javaUsAscii,
      (s: string) => java(s).replace(/\+/g, '%20'),
    ];
    for (const enc of others) {
      expect(hashData(IPN, enc)).not.toBe(hashData(IPN, java));
      expect(vnpVerify(arriving(IPN, java, hmac(hashData(IPN, enc))), TEST_SECRET)).toBe(false);
    }
  });

  it('does not let a "?"-lossy signature stand for the Vietnamese letters it lost', () => {
    // Java with US_ASCII signs "Lệ phí" and "L? ph?" alike: neither is accepted for the other.
    const lossy = { ...IPN, vnp_OrderInfo: 'L? ph?' };
    const signedLossy = hmac(hashData(lossy, java));
    expect(vnpVerify({ ...lossy, vnp_SecureHash: signedLossy }, TEST_SECRET)).toBe(true);
    expect(vnpVerify({ ...IPN, vnp_OrderInfo: 'Lệ phí', vnp_SecureHash: signedLossy }, TEST_SECRET)).toBe(false);
  });
});
