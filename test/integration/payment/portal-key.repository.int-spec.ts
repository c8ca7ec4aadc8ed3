import { randomUUID } from 'node:crypto';
import { createEvent } from '@dvc/contracts';
import { PAYMENT_MIGRATIONS, PaymentPortalKeyRepository } from '../../../apps/payment/src';
import { useMigratedDatabase } from '../../support/migrated-database';

const issued = (portalId: string, keyHash: string) =>
  createEvent(
    'portal.key_issued',
    { portalId, portalName: 'Cổng DVC tỉnh', keyHash, issuedAt: new Date().toISOString() },
    { source: 'intake', correlationId: portalId },
  );
const revoked = (portalId: string) =>
  createEvent(
    'portal.key_revoked',
    { portalId, revokedAt: new Date().toISOString() },
    { source: 'intake', correlationId: portalId },
  );

describe('payment PaymentPortalKeyRepository (real PostgreSQL)', () => {
  const ds = useMigratedDatabase('payment', 'portal_keys', PAYMENT_MIGRATIONS);
  const keys = new PaymentPortalKeyRepository(ds);
  const hash = () => randomUUID().replace(/-/g, '').padEnd(64, '0');

  it('knows an issued key, and refuses it once revoked', async () => {
    const portalId = randomUUID();
    const keyHash = hash();
    await ds.transaction((em) => keys.issued(em, issued(portalId, keyHash)));
    expect(await keys.findByKeyHash(keyHash)).toEqual({ id: portalId, name: 'Cổng DVC tỉnh', revoked: false });

    await ds.transaction((em) => keys.revoked(em, revoked(portalId)));
    expect(await keys.findByKeyHash(keyHash)).toEqual({ id: portalId, name: 'Cổng DVC tỉnh', revoked: true });
  });

  it('keeps a revocation that overtook its issue: the key arriving later is never accepted', async () => {
    const portalId = randomUUID();
    const keyHash = hash();
    await ds.transaction((em) => keys.revoked(em, revoked(portalId)));
    await ds.transaction((em) => keys.issued(em, issued(portalId, keyHash)));
    // The revoked row keeps its placeholder hash: the late key is unknown, so the guard refuses it.
    expect(await keys.findByKeyHash(keyHash)).toBeNull();
  });
});
