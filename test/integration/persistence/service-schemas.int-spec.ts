import { DataSource } from 'typeorm';
import { runMigrationsLocked, serviceDataSourceOptions } from '@dvc/persistence';
import { INTAKE_MIGRATIONS } from '../../../apps/intake/src';
import { PROCESSING_MIGRATIONS } from '../../../apps/processing/src';
import { PAYMENT_MIGRATIONS } from '../../../apps/payment/src';
import { POSTAL_MIGRATIONS } from '../../../apps/postal-delivery/src';
import { testConfig } from '../../../tools/harness/test-env.config';
import { bootstrapDatabase, serviceDatabaseUrl } from '../../../tools/db-bootstrap';

// A database of its own, reset here: other suites' services migrate the shared test database
// whenever they start, and this suite must see the migrations applied from nothing.
const DATABASE = `${testConfig.TEST_DATABASE}_schemas`;

const SERVICES = [
  { service: 'intake', schema: 'intake', migrations: INTAKE_MIGRATIONS, table: 'dossiers' },
  { service: 'processing', schema: 'processing', migrations: PROCESSING_MIGRATIONS, table: 'cases' },
  { service: 'payment', schema: 'payment', migrations: PAYMENT_MIGRATIONS, table: 'payment_orders' },
  { service: 'postal-delivery', schema: 'postal', migrations: POSTAL_MIGRATIONS, table: 'shipments' },
] as const;

function dataSourceFor(s: (typeof SERVICES)[number]): DataSource {
  return new DataSource(
    serviceDataSourceOptions({
      url: serviceDatabaseUrl(s.service, DATABASE),
      schema: s.schema,
      poolSize: 4,
      applicationName: `test-${s.service}`,
      entities: [],
      migrations: [...s.migrations],
    }),
  );
}

async function tables(ds: DataSource, schema: string): Promise<string[]> {
  const rows = await ds.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1`, [
    schema,
  ]);
  return rows.map((r: { table_name: string }) => r.table_name);
}

describe('one schema per service, each reached through its own role', () => {
  const sources = new Map<string, DataSource>();
  let admin: DataSource;

  beforeAll(async () => {
    await bootstrapDatabase({ adminUrl: testConfig.DB_ADMIN_URL, database: DATABASE, reset: true });
    const adminUrl = new URL(testConfig.DB_ADMIN_URL);
    adminUrl.pathname = `/${DATABASE}`;
    admin = await new DataSource({ type: 'postgres', url: adminUrl.toString() }).initialize();
    for (const s of SERVICES) sources.set(s.service, await dataSourceFor(s).initialize());
  });

  afterAll(async () => {
    for (const ds of sources.values()) await ds.destroy();
    await admin.destroy();
  });

  it('applies every migration as the service role, once, even when two replicas race', async () => {
    for (const s of SERVICES) {
      const ds = sources.get(s.service)!;
      const replica = await dataSourceFor(s).initialize();
      try {
        const [a, b] = await Promise.all([runMigrationsLocked(ds, s.schema), runMigrationsLocked(replica, s.schema)]);
        // Whichever got the lock first applied them all; the other found nothing to do.
        expect([a.length, b.length].sort()).toEqual([0, s.migrations.length]);
      } finally {
        await replica.destroy();
      }
      expect(await tables(admin, s.schema)).toEqual(
        expect.arrayContaining(['inbox', 'outbox', `${s.schema}_migrations`, s.table]),
      );
      const [owner] = await admin.query(`SELECT tableowner FROM pg_tables WHERE schemaname = $1 AND tablename = $2`, [
        s.schema,
        s.table,
      ]);
      expect(owner.tableowner).toBe(`dvc_${s.schema}`);
    }
  });

  it("refuses a service role any access to another service's schema", async () => {
    for (const s of SERVICES) {
      const ds = sources.get(s.service)!;
      for (const other of SERVICES.filter((o) => o.service !== s.service)) {
        await expect(ds.query(`SELECT 1 FROM "${other.schema}".outbox LIMIT 1`)).rejects.toThrow(
          /permission denied for schema/,
        );
        await expect(
          ds.query(
            `INSERT INTO "${other.schema}".inbox (message_id, consumer, event_type) VALUES (gen_random_uuid(), 'x', 'y')`,
          ),
        ).rejects.toThrow(/permission denied for schema/);
      }
      await expect(ds.query('CREATE TABLE public.sneaky (id int)')).rejects.toThrow(
        /permission denied for schema public/,
      );
    }
  });

  it("keeps processing's case history append-only, even for the service's own role", async () => {
    const ds = sources.get('processing')!;
    await ds.query(`INSERT INTO processing.cases (id, dossier_code, procedure_code, procedure_version, level, processing_time, processing_time_unit,
      payment_method, delivery_method, fee, status, national_status_code, submitted_at)
      VALUES (gen_random_uuid(), 'T.EST-261128-0001', 'X', 1, 4, 5, 'working_days', 'none', 'office', '{"amount":0,"items":[]}', 'received', 1, now())`);
    await ds.query(
      `INSERT INTO processing.case_transitions (dossier_code, action, to_state, actor_id, actor_roles) VALUES ('T.EST-261128-0001', 'open', 'received', 'system', '{system}')`,
    );
    await expect(ds.query(`UPDATE processing.case_transitions SET to_state = 'completed'`)).rejects.toThrow(
      'case_transitions is append-only',
    );
    await expect(ds.query(`DELETE FROM processing.case_transitions`)).rejects.toThrow(
      'case_transitions is append-only',
    );
  });

  it('reverts every migration (down) and applies it again (up)', async () => {
    for (const s of SERVICES) {
      const ds = sources.get(s.service)!;
      for (let i = 0; i < s.migrations.length; i++) await ds.undoLastMigration({ transaction: 'each' });
      expect(await tables(admin, s.schema)).toEqual([`${s.schema}_migrations`]);
      const applied = await runMigrationsLocked(ds, s.schema);
      expect(applied.map((m) => m.name)).toEqual(s.migrations.map((M) => new M().name));
      expect(await tables(admin, s.schema)).toEqual(expect.arrayContaining(['inbox', 'outbox', s.table]));
    }
  });
});
