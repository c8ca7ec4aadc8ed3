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
