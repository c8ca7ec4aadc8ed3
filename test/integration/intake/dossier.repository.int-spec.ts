import { randomUUID } from 'node:crypto';
import { type Dossier, DossierRepository, INTAKE_MIGRATIONS } from '../../../apps/intake/src';
import { useMigratedDatabase } from '../../support/migrated-database';

let seq = 0;
function newDossier(over: Partial<Dossier> = {}): Dossier {
  seq += 1;
  const at = new Date('2026-11-28T01:00:00.123Z');
  return {
    id: randomUUID(),
    code: `000.00.12.H30-261128-${String(seq).padStart(4, '0')}`,
    portalId: null,
    procedureCode: '1.005426',
    procedureVersion: 1,
    applicant: { kind: 'individual', name: 'Nguyễn Thị Hoa', citizenId: '001203004567' },
    declaration: { reason: 'Hư hỏng' },
    fee: { amount: 0, currency: 'VND', items: [] },
    paymentMethod: 'none',
    deliveryMethod: 'postal',
    deliveryAddress: {
      recipientName: 'Nguyễn Thị Hoa',
      phone: '0912345678',
      street: '1 Tràng Tiền',
      ward: 'Phường Hoàn Kiếm',
      province: 'Thành phố Hà Nội',
    },
    lookupSecretHash: 'a'.repeat(64),
    status: 'submitted',
    nationalStatusCode: 1,
    statusChangedAt: at,
    submittedAt: at,
    dueAt: null,
    withdrawnAt: null,
    ...over,
  };
}

describe('intake DossierRepository (real PostgreSQL)', () => {
  const ds = useMigratedDatabase('intake', 'intake_dossiers', INTAKE_MIGRATIONS);
  const dossiers = new DossierRepository(ds);

  const stored = async (d: Dossier) => {
    await ds.transaction((em) => dossiers.insert(em, d));
    return d;
  };

  it('stores a dossier and finds it again by code, as it was', async () => {
    const d = await stored(newDossier());
    expect(await dossiers.findByCode(d.code)).toEqual(d);
    expect(await dossiers.findByCode('000.00.12.H30-261128-9999')).toBeNull();
  });

  it('locks a dossier in a transaction and marks the withdrawal', async () => {
    const d = await stored(newDossier());
    const at = new Date('2026-11-29T03:00:00.000Z');
    await ds.transaction(async (em) => {
      const locked = await dossiers.lockByCode(em, d.code);
      expect(locked?.id).toBe(d.id);
      await dossiers.markWithdrawalRequested(em, d.id, at);
    });
    expect(await dossiers.findByCode(d.code)).toMatchObject({
      status: 'withdrawal_requested',
      withdrawnAt: at,
      statusChangedAt: at,
    });
  });

  it("reserves distinct blocks of a day's numbers", async () => {
    const first = await dossiers.reserveCodes('261201', 10);
    const second = await dossiers.reserveCodes('261201', 10);
    expect([first, second]).toEqual([10, 20]);
    expect(await dossiers.reserveCodes('261202', 10)).toBe(10);
  });

  it('keeps every status once in the history, moves the current status only forward and shows it all in one progress', async () => {
    const d = await stored(newDossier());
    const change = (status: string, code: number, occurredAt: string, dueAt: string | null = null) => ({
      eventId: randomUUID(),
      dossierCode: d.code,
      status,
      nationalStatusCode: code,
      occurredAt,
      dueAt,
      note: null,
    });
    const late = change('received', 1, '2026-11-28T01:30:00.000Z');
    const accepted = change('accepted', 2, '2026-11-28T02:00:00.000Z', '2026-12-10T10:00:00.000Z');
    const inProcess = change('in_process', 4, '2026-11-28T03:00:00.000Z');
    await ds.transaction(async (em) => {
      // A duplicate, then an older event arriving last: neither moves the current status back.
      for (const c of [accepted, inProcess, inProcess, late]) {
        await dossiers.addStatusToHistory(em, c);
        await dossiers.advanceStatus(em, c);
      }
    });
    const progress = await dossiers.progress(d.code);
    expect(progress).toMatchObject({
      status: 'in_process',
      nationalStatusCode: 4,
      statusChangedAt: new Date('2026-11-28T03:00:00.000Z'),
      dueAt: new Date('2026-12-10T10:00:00.000Z'),
      withdrawnAt: null,
      supplements: [],
      delivery: [],
    });
    expect(progress!.history).toEqual([
      { status: 'received', nationalStatusCode: 1, at: '2026-11-28T01:30:00.000Z', dueAt: null, note: null },
      {
        status: 'accepted',
        nationalStatusCode: 2,
        at: '2026-11-28T02:00:00.000Z',
        dueAt: '2026-12-10T10:00:00.000Z',
        note: null,
      },
      { status: 'in_process', nationalStatusCode: 4, at: '2026-11-28T03:00:00.000Z', dueAt: null, note: null },
    ]);
  });

  it('records a supplement request once, locks it and marks it supplied', async () => {
    const d = await stored(newDossier());
    const request = {
      requestId: `req-${randomUUID()}`,
      dossierCode: d.code,
      reason: 'Thiếu bản sao',
      items: [{ code: 'TP2' }],
      requestedAt: '2026-11-28T04:00:00.000Z',
    };
    await ds.transaction(async (em) => {
      await dossiers.addSupplementRequest(em, request);
      await dossiers.addSupplementRequest(em, { ...request, reason: 'again' });
    });
    const suppliedAt = new Date('2026-11-29T04:00:00.000Z');
    await ds.transaction(async (em) => {
      expect(await dossiers.lockSupplementRequest(em, d.code, request.requestId)).toEqual({ suppliedAt: null });
      expect(await dossiers.lockSupplementRequest(em, 'another-dossier', request.requestId)).toBeNull();
      await dossiers.markSupplied(em, request.requestId, suppliedAt);
    });
    expect((await dossiers.progress(d.code))!.supplements).toEqual([
      {
        requestId: request.requestId,
        reason: 'Thiếu bản sao',
        items: [{ code: 'TP2' }],
        requestedAt: '2026-11-28T04:00:00.000Z',
        suppliedAt: '2026-11-29T04:00:00.000Z',
      },
    ]);
  });

  it('lists the delivery steps once each, in order', async () => {
    const d = await stored(newDossier());
    const step = (status: string, occurredAt: string) => ({
      eventId: randomUUID(),
      dossierCode: d.code,
      shipmentId: 'VN123',
      status,
      occurredAt,
      note: null,
    });
    const picked = step('picked_up', '2026-12-01T01:00:00.000Z');
    const delivered = step('delivered', '2026-12-02T01:00:00.000Z');
    await ds.transaction(async (em) => {
      for (const s of [delivered, picked, delivered]) await dossiers.addDeliveryStep(em, s);
    });
    expect((await dossiers.progress(d.code))!.delivery).toEqual([
      { shipmentId: 'VN123', status: 'picked_up', at: '2026-12-01T01:00:00.000Z', note: null },
      { shipmentId: 'VN123', status: 'delivered', at: '2026-12-02T01:00:00.000Z', note: null },
    ]);
  });

  it('counts wrong lookup guesses per dossier and per client, and forgets old ones', async () => {
    const code = `000.00.12.H30-261128-G${seq++}`;
    await dossiers.recordLookupFailure(code, 'client-a');
    await dossiers.recordLookupFailure(code, 'client-b');
    await dossiers.recordLookupFailure('other', 'client-a');
    await ds.query(
      `INSERT INTO intake.lookup_failures (dossier_code, client, failed_at) VALUES ($1, 'client-a', now() - interval '1 hour')`,
      [code],
    );
    expect(await dossiers.countLookupFailures(code, 'client-a', 15)).toEqual({ perDossier: 2, perClient: 2 });
    expect(await dossiers.deleteLookupFailuresOlderThan(15)).toBe(1);
    expect(await dossiers.countLookupFailures(code, 'client-a', 120)).toEqual({ perDossier: 2, perClient: 2 });
  });
});
