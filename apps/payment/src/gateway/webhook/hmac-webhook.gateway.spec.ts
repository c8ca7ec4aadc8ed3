import { HmacWebhookGateway, webhookSignature } from './hmac-webhook.gateway';

const SECRET = 'whsec-test-0123456789';
const hub = new HmacWebhookGateway('hub', SECRET, 300);
const body = (o: Record<string, unknown> = {}) =>
  Buffer.from(
    JSON.stringify({
      id: 'evt_1',
      type: 'payment.succeeded',
      reference: 'DVC0000000001',
      amount: 50000,
      transactionId: 'HUB1',
      occurredAt: '2026-05-11T03:00:00Z',
      ...o,
    }),
  );

function call(raw: Buffer, ts: number, now: number, signature = webhookSignature(SECRET, String(ts), raw)) {
  return hub.verifyCallback({
    query: '',
    body: raw,
    headers: { 'x-signature': signature, 'x-timestamp': String(ts) },
    receivedAt: new Date(now * 1000),
  });
}

describe('HMAC-SHA256 webhook adapter', () => {
  it('signs `${timestamp}.${rawBody}` as openssl does', () => {
    // printf %s '1700000000.{"id":"evt_1"}' | openssl dgst -sha256 -hmac 'whsec-test-0123456789'
    expect(webhookSignature(SECRET, '1700000000', '{"id":"evt_1"}')).toBe(
      '7f849b5c4a4aadd4b1d80d84679ec6cc9833b2807e637eff7e5c0ff209c70cc8',
    );
  });

  it('accepts a good call and turns it into a notice', () => {
    const r = call(body(), 1700000000, 1700000100);
    expect(r).toEqual({
      ok: true,
      notice: expect.objectContaining({
        eventId: 'evt_1',
        reference: 'DVC0000000001',
        amount: 50000,
        succeeded: true,
        transactionNo: 'HUB1',
      }),
    });
  });

  it('refuses a bad signature, a re-serialised body and a timestamp outside 300 s', () => {
    expect(call(body(), 1700000000, 1700000000, 'f'.repeat(64))).toMatchObject({ ok: false, reason: 'bad_signature' });
    const signedFor = body();
    const reformatted = Buffer.from(JSON.stringify(JSON.parse(signedFor.toString()), null, 1));
    expect(call(reformatted, 1700000000, 1700000000, webhookSignature(SECRET, '1700000000', signedFor))).toMatchObject({
      ok: false,
      reason: 'bad_signature',
    });
    expect(call(body(), 1700000000, 1700000301)).toMatchObject({ ok: false, reason: 'stale' });
    expect(call(body(), 1700000000, 1699999699)).toMatchObject({ ok: false, reason: 'stale' });
    expect(call(body(), 1700000000, 1700000300)).toMatchObject({ ok: true });
  });

  it('refuses a signed body that is not a payment notice', () => {
    expect(call(body({ amount: 1.5 }), 1700000000, 1700000000)).toMatchObject({
      ok: false,
      reason: 'malformed',
      detail: 'invalid: amount',
    });
    expect(call(Buffer.from('not json'), 1700000000, 1700000000)).toMatchObject({ ok: false, reason: 'malformed' });
  });
});
