import { randomUUID } from 'node:crypto';
import { NewShipment, POSTAL_MIGRATIONS, ShipmentRepository } from '../../../apps/postal-delivery/src';
import { useMigratedDatabase } from '../../support/migrated-database';

let seq = 0;
function newShipment(over: Partial<NewShipment> = {}): NewShipment {
  seq += 1;
  const dossierCode = `000.00.12.H30-261201-${String(seq).padStart(4, '0')}`;
  return {
    id: randomUUID(),
    resultId: `${dossierCode}:result`,
    dossierCode,
    receiver: {
      recipientName: 'Nguyễn Văn An',
      phone: '0912345678',
      street: '12 Tràng Tiền',
      ward: 'Phường Hoàn Kiếm',
      province: 'Hà Nội',
    },
    documents: [{ id: 'doc-1', name: 'Quyết định', sha256: 'a'.repeat(64) }] as never,
    codAmount: 50000,
    sender: {
      name: 'Bộ phận Một cửa',
      phone: '02438250000',
      street: '38 Cửa Nam',
      ward: 'Phường Cửa Nam',
      province: 'Hà Nội',
    },
    parcel: { documents: [], weightClass: 'document_under_100g' } as never,
    serviceLevel: 'standard',
    addressCheck: { status: 'ok', warnings: [], errors: [] },
    needsAddressFix: false,
    requestedAt: new Date('2026-12-01T01:00:00Z'),
    createdAt: new Date('2026-12-01T01:00:00Z'),
    ...over,
  };
}

describe('postal-delivery ShipmentRepository (real PostgreSQL)', () => {
  const ds = useMigratedDatabase('postal-delivery', 'postal_shipments', POSTAL_MIGRATIONS);
  const shipments = new ShipmentRepository(ds);

  const open = (s: NewShipment) => ds.transaction((em) => shipments.insertIfNew(em, s));

  it('opens one shipment per result, and reads it back with its types', async () => {
    const s = newShipment();
    expect(await open(s)).toBe(true);
    expect(await open({ ...s, id: randomUUID(), codAmount: 1 })).toBe(false);

    const found = await shipments.find(s.id);
    expect(found).toEqual({
      ...s,
      status: 'created',
      failedAttempts: 0,
      recipientName: null,
      codCollected: null,
      codMismatch: false,
      codSettledAt: null,
      codPaymentOrderId: null,
      lastReportedAt: null,
      updatedAt: s.createdAt,
    });
    expect(await shipments.find('not-a-uuid')).toBeNull();
    expect(await shipments.find(randomUUID())).toBeNull();
  });

  it('appends history steps in order and tells the states reached', async () => {
    const s = newShipment();
    await open(s);
    const at = new Date('2026-12-01T02:00:00Z');
    await ds.transaction(async (em) => {
      await shipments.appendStep(em, {
        shipmentId: s.id,
        from: null,
        to: 'created',
        occurredAt: s.createdAt,
        actor: 'system',
        details: { addressCheck: 'ok' },
      });
      await shipments.appendStep(em, {
        shipmentId: s.id,
        from: 'created',
        to: 'accepted_by_post_office',
        occurredAt: at,
        actor: 'partner:vnpost',
        details: {},
      });
    });

    expect(await ds.transaction((em) => shipments.reached(em, s.id))).toEqual(['created', 'accepted_by_post_office']);
    expect(await shipments.history(s.id)).toEqual([
      {
        shipmentId: s.id,
        from: null,
        to: 'created',
        occurredAt: s.createdAt,
        recordedAt: expect.any(Date),
        actor: 'system',
        reportId: null,
        details: { addressCheck: 'ok' },
      },
      {
        shipmentId: s.id,
        from: 'created',
        to: 'accepted_by_post_office',
        occurredAt: at,
        recordedAt: expect.any(Date),
        actor: 'partner:vnpost',
        reportId: null,
        details: {},
      },
    ]);
  });

  it('locks the shipment row: a second transaction cannot take it until the first ends', async () => {
    const s = newShipment();
    await open(s);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const first = ds.transaction(async (em) => {
      expect((await shipments.lock(em, s.id))?.id).toBe(s.id);
      locked();
      await held;
    });
    await isLocked;
    const second = ds.transaction(async (em) => {
      await em.query(`SET LOCAL lock_timeout = '300ms'`);
      return shipments.lock(em, s.id);
    });
    await expect(second).rejects.toThrow(/lock timeout/);
    release();
    await first;
    expect(await ds.transaction((em) => shipments.lock(em, 'not-a-uuid'))).toBeNull();
  });

  it('applies a reported step: delivery fields only when delivered, failed attempts only when failed, a COD mismatch kept', async () => {
    const s = newShipment();
    await open(s);
    const failedAt = new Date('2026-12-02T01:00:00Z');
    await ds.transaction((em) =>
      shipments.applyReportedStep(em, s.id, {
        status: 'delivery_failed',
        reportedAt: failedAt,
        attempt: 1,
        recipientName: 'ignored',
        codCollected: 1,
        codMismatch: false,
      }),
    );
    expect(await shipments.find(s.id)).toMatchObject({
      status: 'delivery_failed',
      lastReportedAt: failedAt,
      failedAttempts: 1,
      recipientName: null,
      codCollected: null,
      codMismatch: false,
    });

    const deliveredAt = new Date('2026-12-03T01:00:00Z');
    await ds.transaction((em) =>
      shipments.applyReportedStep(em, s.id, {
        status: 'delivered',
        reportedAt: deliveredAt,
        attempt: null,
        recipientName: 'Trần Thị Bình',
        codCollected: 45000,
        codMismatch: true,
      }),
    );
    expect(await shipments.find(s.id)).toMatchObject({
      status: 'delivered',
      lastReportedAt: deliveredAt,
      failedAttempts: 1,
      recipientName: 'Trần Thị Bình',
      codCollected: 45000,
      codMismatch: true,
    });
  });

  it("settles COD once, on the dossier's shipments that collect money", async () => {
    const s = newShipment();
    const free = newShipment({ dossierCode: s.dossierCode, resultId: `${s.dossierCode}:result-2`, codAmount: 0 });
    await open(s);
    await open(free);
    const orderId = randomUUID();
    await ds.transaction((em) => shipments.settleCod(em, s.dossierCode, '2026-12-03T02:00:00.000Z', orderId));
    await ds.transaction((em) => shipments.settleCod(em, s.dossierCode, '2026-12-04T02:00:00.000Z', randomUUID()));

    expect(await shipments.find(s.id)).toMatchObject({
      codSettledAt: new Date('2026-12-03T02:00:00.000Z'),
      codPaymentOrderId: orderId,
    });
    expect(await shipments.find(free.id)).toMatchObject({ codSettledAt: null, codPaymentOrderId: null });
  });

  it("lists a dossier's shipments oldest first, those waiting for an address fix, and applies a fix", async () => {
    const s = newShipment({
      needsAddressFix: true,
      requestedAt: null,
      addressCheck: { status: 'needs_fix', provinceAsWritten: 'Hà Tây', warnings: [], errors: [] },
    });
    const later = newShipment({
      dossierCode: s.dossierCode,
      resultId: `${s.dossierCode}:later`,
      createdAt: new Date('2026-12-01T05:00:00Z'),
    });
    await open(later);
    await open(s);

    expect((await shipments.findByDossier(s.dossierCode)).map((x) => x.id)).toEqual([s.id, later.id]);
    expect((await shipments.needingAddressFix()).map((x) => x.id)).toContain(s.id);
    expect((await shipments.needingAddressFix()).map((x) => x.id)).not.toContain(later.id);

    const at = new Date('2026-12-01T06:00:00Z');
    const receiver = { ...s.receiver, province: 'Hà Nội' };
    const documents = await ds.transaction((em) =>
      shipments.fixAddress(em, s.id, receiver, { status: 'ok', warnings: [], errors: [] }, at),
    );
    expect(documents).toEqual(s.documents);
    expect(await shipments.find(s.id)).toMatchObject({
      receiver,
      needsAddressFix: false,
      requestedAt: at,
      updatedAt: at,
      addressCheck: { status: 'ok' },
    });
    expect((await shipments.needingAddressFix()).map((x) => x.id)).not.toContain(s.id);

    await ds.transaction((em) => shipments.markCancelled(em, later.id));
    expect((await shipments.find(later.id))?.status).toBe('cancelled');
  });
});
