import { createHash, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { validateEvent } from '@dvc/contracts';
import { runMigrationsLocked, serviceDataSourceOptions } from '@dvc/persistence';
import { INTAKE_MIGRATIONS } from '../../../apps/intake/src';
import { testConfig } from '../../../tools/harness/test-env.config';
import { bootstrapDatabase, serviceDatabaseUrl } from '../../../tools/db-bootstrap';

const DATABASE = `${testConfig.TEST_DATABASE}_announce`;

/**
 * Portal keys issued before payment learned them from events: the migration that brought
 * portal.key_* announces every existing key (and each revocation) through intake's outbox, as
 * events payment's consumer accepts.
 */
describe('intake migration: portal keys issued before the announcements are announced once', () => {
  let ds: DataSource;

  beforeAll(async () => {
    await bootstrapDatabase({ adminUrl: testConfig.DB_ADMIN_URL, database: DATABASE, reset: true });
    const before = INTAKE_MIGRATIONS.filter((m) => m.name !== 'DeliveryTrackingAndPortalAnnouncements1764330000000');
    expect(before).toHaveLength(INTAKE_MIGRATIONS.length - 1);
    ds = await new DataSource(
      serviceDataSourceOptions({
        url: serviceDatabaseUrl('intake', DATABASE),
        schema: 'intake',
        poolSize: 2,
        applicationName: 'test-announcements',
        entities: [],
        migrations: before,
      }),
    ).initialize();
    await runMigrationsLocked(ds, 'intake');
  });

  afterAll(async () => {
    await ds?.destroy();
  });

  it('writes a valid portal.key_issued per key and a portal.key_revoked per revocation, hashes only', async () => {
    const live = {
      id: randomUUID(),
      name: 'Cổng Dịch vụ công tỉnh',
      hash: createHash('sha256').update('dvc_live').digest('hex'),
    };
    const revoked = {
      id: randomUUID(),
      name: 'Ki-ốt một cửa',
      hash: createHash('sha256').update('dvc_old').digest('hex'),
    };
    await ds.query(
      `INSERT INTO intake.portals (id, name, key_hash, key_prefix, created_by, created_at, revoked_at)
       VALUES ($1, $2, $3, 'dvc_live', 'admin', now() - interval '2 days', NULL), ($4, $5, $6, 'dvc_old', 'admin', now() - interval '3 days', now() - interval '1 day')`,
      [live.id, live.name, live.hash, revoked.id, revoked.name, revoked.hash],
    );
    await ds.destroy();
    ds = await new DataSource(
      serviceDataSourceOptions({
        url: serviceDatabaseUrl('intake', DATABASE),
        schema: 'intake',
        poolSize: 2,
        applicationName: 'test-announcements',
        entities: [],
        migrations: INTAKE_MIGRATIONS,
      }),
    ).initialize();
    expect((await runMigrationsLocked(ds, 'intake')).map((m) => m.name)).toEqual([
      'DeliveryTrackingAndPortalAnnouncements1764330000000',
    ]);

    const rows: { routing_key: string; exchange: string; envelope: unknown }[] = await ds.query(
      'SELECT routing_key, exchange, envelope FROM intake.outbox ORDER BY seq',
    );
    expect(rows.map((r) => r.routing_key)).toEqual([
      'portal.key_issued.v1',
      'portal.key_issued.v1',
      'portal.key_revoked.v1',
    ]);
    for (const row of rows) {
      expect(row.exchange).toBe('dvc.events');
      const checked = validateEvent(row.envelope);
      expect(checked).toMatchObject({ ok: true });
    }
    const issued = rows
      .filter((r) => r.routing_key === 'portal.key_issued.v1')
      .map((r) => (r.envelope as { data: { portalId: string; keyHash: string } }).data);
    expect(issued).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ portalId: live.id, keyHash: live.hash, portalName: live.name }),
        expect.objectContaining({ portalId: revoked.id, keyHash: revoked.hash }),
      ]),
    );
    expect((rows[2].envelope as { data: { portalId: string } }).data.portalId).toBe(revoked.id);
  });
});
