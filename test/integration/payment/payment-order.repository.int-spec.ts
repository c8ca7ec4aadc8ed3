import { randomUUID } from 'node:crypto';
import { NewOrder, PAYMENT_MIGRATIONS, PaymentOrderRepository } from '../../../apps/payment/src';
import { useMigratedDatabase } from '../../support/migrated-database';

let seq = 0;
function newOrder(over: Partial<NewOrder> = {}): NewOrder {
  seq += 1;
  const dossierCode = `000.00.12.H30-261201-${String(seq).padStart(4, '0')}`;
  return {
    feeId: `${dossierCode}:fee`,
    dossierCode,
    amount: 50000,
    currency: 'VND',
    method: 'online',
    level: 4,
    items: [{ code: 'LP01', name: 'Phí mua hóa đơn lẻ', amount: 50000 }],
    expiresInMinutes: 60,
    reference: `DVCTEST${String(seq).padStart(9, '0')}`,
    payerName: 'Nguyễn Văn An',
    ...over,
  };
}

describe('payment PaymentOrderRepository (real PostgreSQL)', () => {
  const ds = useMigratedDatabase('payment', 'payment_orders', PAYMENT_MIGRATIONS);
  const orders = new PaymentOrderRepository(ds);

  const open = (o: NewOrder) => ds.transaction((em) => orders.insertIfNew(em, o));

  it('opens one order per fee, and reads it back with its types', async () => {
    const o = newOrder();
    const first = await open(o);
    const again = await open({ ...o, amount: 99000, reference: 'DVCTESTOTHER' });

    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(again).toBeNull();
    const found = await orders.find(first!);
    expect(found).toMatchObject({
      id: first,
      feeId: o.feeId,
      dossierCode: o.dossierCode,
      reference: o.reference,
      amount: 50000,
      currency: 'VND',
      level: 4,
      method: 'online',
      status: 'pending',
      items: o.items,
      paidAmount: null,
      refundedAmount: 0,
      codCollected: null,
      payerName: 'Nguyễn Văn An',
    });
    expect(found!.createdAt).toBeInstanceOf(Date);
    // Expiry counted on the database's clock from the insert.
    expect(Math.abs(found!.expiresAt!.getTime() - found!.createdAt.getTime() - 60 * 60_000)).toBeLessThan(5_000);
    expect((await orders.findByReference(o.reference))?.id).toBe(first);
  });

  it('leaves an order without expiry when none is given, and answers null for a malformed or unknown id', async () => {
    const id = await open(newOrder({ method: 'office', level: 3, expiresInMinutes: null }));
    expect((await orders.find(id!))?.expiresAt).toBeNull();
    expect(await orders.find('not-a-uuid')).toBeNull();
    expect(await orders.find(randomUUID())).toBeNull();
    expect(await ds.transaction((em) => orders.lock(em, 'id', 'not-a-uuid'))).toBeNull();
  });

  it('appends history rows in order, and a status change sets its columns in the same statement', async () => {
    const id = (await open(newOrder()))!;
    const paidAt = new Date('2026-12-01T03:04:05Z');
    await ds.transaction(async (em) => {
      await orders.appendHistory(em, {
        orderId: id,
        from: null,
        to: 'pending',
        reason: 'fee assessed',
        actor: 'processing',
        details: { level: 4 },
      });
      await orders.updateStatus(em, id, 'paid', {
        paidAt,
        paidMethod: 'online',
        paidAmount: 50000,
        gateway: 'vnpay',
        transactionNo: '14000001',
      });
      await orders.appendHistory(em, {
        orderId: id,
        from: 'pending',
        to: 'paid',
        reason: 'vnpay confirmed the payment',
        actor: 'vnpay',
      });
    });

    expect(await orders.find(id)).toMatchObject({
      status: 'paid',
      paidAt,
      paidMethod: 'online',
      paidAmount: 50000,
      gateway: 'vnpay',
      transactionNo: '14000001',
    });
    const history = await orders.statusHistory(id);
    expect(history).toEqual([
      {
        from: null,
        to: 'pending',
        reason: 'fee assessed',
        actor: 'processing',
        details: { level: 4 },
        at: expect.any(String),
      },
      {
        from: 'pending',
        to: 'paid',
        reason: 'vnpay confirmed the payment',
        actor: 'vnpay',
        details: null,
        at: expect.any(String),
      },
    ]);
    // Append-only: the table refuses to rewrite what happened.
    await expect(ds.query('DELETE FROM payment.payment_status_history WHERE order_id = $1', [id])).rejects.toThrow(
      /append-only/,
    );
  });

  it('locks the order row: a second transaction cannot take it until the first ends', async () => {
    const o = newOrder();
    const id = (await open(o))!;
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const first = ds.transaction(async (em) => {
      expect((await orders.lock(em, 'reference', o.reference))?.id).toBe(id);
      locked();
      await held;
    });
    await isLocked;
    const second = ds.transaction(async (em) => {
      await em.query(`SET LOCAL lock_timeout = '300ms'`);
      return orders.lock(em, 'id', id);
    });
    await expect(second).rejects.toThrow(/lock timeout/);
    // The dossier's orders are locked the same way.
    const byDossier = ds.transaction(async (em) => {
      await em.query(`SET LOCAL lock_timeout = '300ms'`);
      return orders.lockByDossier(em, o.dossierCode);
    });
    await expect(byDossier).rejects.toThrow(/lock timeout/);
    release();
    await first;
    expect((await ds.transaction((em) => orders.lock(em, 'id', id)))?.id).toBe(id);
  });

  it("lists officers' orders newest first, filtered by dossier, status and COD mismatch, up to the limit", async () => {
    const dossier = newOrder().dossierCode;
    const a = (await open(newOrder({ dossierCode: dossier, feeId: `${dossier}:a`, method: 'postal_cod' })))!;
    const b = (await open(newOrder({ dossierCode: dossier, feeId: `${dossier}:b` })))!;
    await ds.transaction(async (em) => {
      await orders.updateStatus(em, b, 'cancelled');
      await orders.flagCodMismatch(em, a, 45000, new Date('2026-12-01T05:00:00Z'));
    });

    expect((await orders.list({ dossier, limit: 100 })).map((o) => o.id)).toEqual([b, a]);
    expect((await orders.list({ dossier, status: 'cancelled', limit: 100 })).map((o) => o.id)).toEqual([b]);
    expect(
      (await orders.list({ dossier, codMismatchOnly: true, limit: 100 })).map((o) => ({
        id: o.id,
        codCollected: o.codCollected,
      })),
    ).toEqual([{ id: a, codCollected: 45000 }]);
    expect(await orders.list({ dossier, limit: 1 })).toHaveLength(1);
    expect((await orders.findByDossier(dossier)).map((o) => o.id)).toEqual([a, b]);
  });

  it('records a gateway number once, whether a repeat is ignored or refused', async () => {
    const id = (await open(newOrder()))!;
    const t = {
      orderId: id,
      gateway: 'vnpay',
      kind: 'payment',
      transactionNo: `T${seq}`,
      amount: 50000,
      succeeded: true,
      responseCode: '00',
      occurredAt: new Date(),
    } as const;

    expect(await ds.transaction((em) => orders.hasGatewayPayment(em, 'vnpay', t.transactionNo))).toBe(false);
    expect(await ds.transaction((em) => orders.addGatewayTransaction(em, t))).toBe(true);
    expect(await ds.transaction((em) => orders.addGatewayTransaction(em, t))).toBe(false);
    await expect(ds.transaction((em) => orders.addGatewayTransaction(em, t, 'fail'))).rejects.toThrow(/duplicate key/);
    expect(await ds.transaction((em) => orders.hasGatewayPayment(em, 'vnpay', t.transactionNo))).toBe(true);
    // A refund's number is another kind: it is not a known payment.
    expect(
      await ds.transaction((em) =>
        orders.addGatewayTransaction(em, { ...t, kind: 'refund', transactionNo: `R${seq}`, occurredAt: undefined }),
      ),
    ).toBe(true);
    expect(await ds.transaction((em) => orders.hasGatewayPayment(em, 'vnpay', `R${seq}`))).toBe(false);
  });

  it('picks for the expiry job the online orders past expiry or quiet since their checkout, and not those just queried', async () => {
    const now = new Date(Date.now() + 2 * 60 * 60_000);
    const staleBefore = new Date(now.getTime() - 30 * 60_000);
    const expired = (await open(newOrder({ expiresInMinutes: 60 })))!;
    const quiet = (await open(newOrder({ expiresInMinutes: 10_000 })))!;
    const queried = (await open(newOrder({ expiresInMinutes: 10_000 })))!;
    const office = (await open(newOrder({ method: 'office', level: 3, expiresInMinutes: 60 })))!;
    const checkoutAt = new Date(now.getTime() - 60 * 60_000);
    await orders.markCheckout(quiet, checkoutAt);
    await orders.markCheckout(queried, checkoutAt);
    await ds.transaction((em) => orders.markQueried(em, queried, new Date(now.getTime() - 60_000)));

    const picked = (await orders.expiryCandidates(now, staleBefore, 1000)).filter((c) =>
      [expired, quiet, queried, office].includes(c.id),
    );
    expect(picked).toEqual(
      expect.arrayContaining([
        { id: expired, reference: expect.any(String), lastCheckoutAt: null, expired: true },
        { id: quiet, reference: expect.any(String), lastCheckoutAt: checkoutAt, expired: false },
      ]),
    );
    expect(picked).toHaveLength(2);
  });

  it('reads for reconciliation the orders paid in a period, by method and gateway, and the flagged COD collections', async () => {
    const from = new Date('2031-01-01T00:00:00Z');
    const to = new Date('2031-01-02T00:00:00Z');
    const online = (await open(newOrder()))!;
    const cod = (await open(newOrder({ method: 'postal_cod' })))!;
    const flagged = (await open(newOrder({ method: 'postal_cod' })))!;
    await ds.transaction(async (em) => {
      await orders.updateStatus(em, online, 'paid', {
        paidAt: new Date('2031-01-01T02:00:00Z'),
        paidMethod: 'online',
        paidAmount: 50000,
        gateway: 'vnpay',
        transactionNo: 'X1',
      });
      await orders.updateStatus(em, cod, 'paid', {
        paidAt: new Date('2031-01-01T01:00:00Z'),
        paidMethod: 'postal_cod',
        paidAmount: 50000,
      });
      await orders.flagCodMismatch(em, flagged, 40000, new Date('2031-01-01T03:00:00Z'));
    });

    expect((await orders.paidInPeriod('online', 'vnpay', from, to)).map((o) => o.id)).toEqual([online]);
    expect(await orders.paidInPeriod('online', 'hub', from, to)).toEqual([]);
    expect((await orders.paidInPeriod('postal_cod', null, from, to)).map((o) => o.id)).toEqual([cod]);
    expect(
      (await orders.codMismatchesInPeriod(from, to)).map((o) => ({ id: o.id, collected: o.codCollected })),
    ).toEqual([{ id: flagged, collected: 40000 }]);
    const [o] = await orders.findByReferences([(await orders.find(online))!.reference]);
    expect(o.id).toBe(online);
    expect((await orders.findByDossiers([(await orders.find(cod))!.dossierCode])).map((x) => x.id)).toEqual([cod]);
  });

  it('moves a returned COD order to the counter and marks a rejected one refundable', async () => {
    const id = (await open(newOrder({ method: 'postal_cod' })))!;
    const since = new Date('2026-12-01T07:00:00Z');
    await ds.transaction(async (em) => {
      await orders.switchMethod(em, id, 'office');
      await orders.markRefundable(em, id, since);
    });
    expect(await orders.find(id)).toMatchObject({ method: 'office', refundableSince: since });
  });
});
