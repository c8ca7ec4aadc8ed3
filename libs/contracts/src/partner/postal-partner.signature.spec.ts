import { createHmac } from 'node:crypto';
import { signPartnerReport, verifyPartnerSignature } from './postal-partner.signature';

describe('partner report signature', () => {
  const key = 'local-only-postal-partner-key';
  const body =
    '{"version":1,"eventId":"e-1","shipmentId":"s","status":"picked_up","occurredAt":"2026-05-11T08:00:00.000Z"}';

  it('is the hex HMAC-SHA256 of "<timestamp>.<raw body>", as the AsyncAPI document says', () => {
    expect(signPartnerReport(key, '1778486400', body)).toBe(
      createHmac('sha256', key).update(`1778486400.${body}`).digest('hex'),
    );
  });

  it('verifies the right signature and refuses another body, timestamp, key or a non-hex value', () => {
    const sig = signPartnerReport(key, 1778486400, Buffer.from(body));
    expect(verifyPartnerSignature(key, '1778486400', body, sig)).toBe(true);
    expect(verifyPartnerSignature(key, '1778486400', body, sig.toUpperCase())).toBe(true);
    expect(verifyPartnerSignature(key, '1778486401', body, sig)).toBe(false);
    expect(verifyPartnerSignature(key, '1778486400', body.replace('picked_up', 'delivered'), sig)).toBe(false);
    expect(verifyPartnerSignature('another-key-of-16-chars', '1778486400', body, sig)).toBe(false);
    expect(verifyPartnerSignature(key, '1778486400', body, 'zz')).toBe(false);
    expect(verifyPartnerSignature(key, '1778486400', body, sig.slice(0, 62))).toBe(false);
  });
});
