import { createEvent } from './envelope';
import { EVENT_CATALOG, EVENT_TYPES, ROUTING_KEYS, routingKeyOf } from './registry';
import { validateEvent } from './validate-event';

const withdrawn = () =>
  createEvent(
    'dossier.withdrawn',
    { dossierCode: '000.00.12.H30-261128-0001', reason: 'Tôi rút hồ sơ', withdrawnAt: new Date().toISOString() },
    { source: 'intake', correlationId: '000.00.12.H30-261128-0001' },
  );

describe('validateEvent', () => {
  it('accepts a well-formed event and tolerates fields added by a newer producer', () => {
    const e = withdrawn();
    const result = validateEvent(JSON.parse(JSON.stringify({ ...e, data: { ...e.data, addedLater: 1 } })));
    expect(result).toMatchObject({ ok: true, envelope: { id: e.id, type: 'dossier.withdrawn', version: 1 } });
  });

  it.each([
    ['a non-object', 'hello', 'EVENT.MALFORMED', /not a JSON object/],
    ['a missing id', { ...withdrawn(), id: 'x' }, 'EVENT.MALFORMED', /id must be a uuid/],
    ['missing data', { ...withdrawn(), data: null }, 'EVENT.MALFORMED', /data must be an object/],
    [
      'an unknown type',
      { ...withdrawn(), type: 'dossier.lost' },
      'EVENT.UNKNOWN_TYPE',
      /unknown event dossier.lost v1/,
    ],
    ['an unknown version', { ...withdrawn(), version: 9 }, 'EVENT.UNKNOWN_TYPE', /v9/],
    [
      'a bad payload',
      { ...withdrawn(), data: { dossierCode: 'x', reason: '', withdrawnAt: 'soon' } },
      'EVENT.INVALID_PAYLOAD',
      /dossierCode must look like/,
    ],
  ])('refuses %s', (_what, raw, code, reason) => {
    const result = validateEvent(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.code).toBe(code);
      expect(result.reason).toMatch(reason);
    }
  });

  it('validates nested payloads (an individual applicant needs a 12-digit citizen id)', () => {
    const submitted = createEvent(
      'dossier.submitted',
      {
        dossierCode: '000.00.12.H30-261128-0002',
        procedureCode: '1.005426',
        procedureVersion: 1,
        procedureName: 'Quyết định thanh lý tài sản công',
        fieldCode: 'QLCS',
        level: 4,
        processingTime: 30,
        processingTimeUnit: 'working_days',
        channel: 2,
        applicant: { kind: 'individual', name: 'Trần Thị B', citizenId: '123' },
        paymentMethod: 'none',
        deliveryMethod: 'office',
        fee: { amount: 0, items: [] },
        submittedAt: new Date().toISOString(),
      },
      { source: 'intake', correlationId: '000.00.12.H30-261128-0002' },
    );
    const result = validateEvent(JSON.parse(JSON.stringify(submitted)));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/applicant\.citizenId/);
  });
});

describe('event catalog', () => {
  it('has a routing-key constant for every event type, equal to <type>.v<version>', () => {
    const constants = new Set<string>(Object.values(ROUTING_KEYS));
    for (const type of EVENT_TYPES) expect(constants).toContain(routingKeyOf(type));
    expect(constants.size).toBe(EVENT_TYPES.length);
  });

  it('covers every event named in docs/design.md, plus the portal key announcements and the issued slips added since', () => {
    expect(Object.keys(EVENT_CATALOG).sort()).toEqual(
      [
        'dossier.submitted',
        'dossier.supplemented',
        'dossier.withdrawn',
        'dossier.accepted',
        'dossier.rejected',
        'dossier.supplement_requested',
        'fee.assessed',
        'result.issued',
        // processing -> intake: the one-stop slips, which the citizen downloads through intake.
        'slip.issued',
        'dossier.completed',
        'dossier.status_changed',
        'payment.succeeded',
        'payment.failed',
        'payment.refunded',
        'delivery.requested',
        'delivery.status_changed',
        'delivery.delivered',
        'delivery.failed',
        'delivery.returned',
        // intake -> payment: portal keys, so that payment authenticates portals without reading intake's schema.
        'portal.key_issued',
        'portal.key_revoked',
      ].sort(),
    );
  });

  it('refuses a portal key announcement without a SHA-256 key hash', () => {
    const issued = createEvent(
      'portal.key_issued',
      {
        portalId: '6f1c1b9e-8a43-4d0e-9a57-1f2a3b4c5d6e',
        portalName: 'Cổng DVC tỉnh',
        keyHash: 'dvc_plaintextkey',
        issuedAt: new Date().toISOString(),
      },
      { source: 'intake', correlationId: 'p' },
    );
    const result = validateEvent(JSON.parse(JSON.stringify(issued)));
    expect(result).toMatchObject({ ok: false, code: 'EVENT.INVALID_PAYLOAD' });
  });
});
