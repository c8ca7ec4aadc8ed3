import { createServer, Server, Socket } from 'node:net';
import { Client } from 'pg';
import request from 'supertest';
import { assertTestDatabase } from '@dvc/persistence';
import { INTAKE_MIGRATIONS } from '../../apps/intake/src';
import { PAYMENT_MIGRATIONS } from '../../apps/payment/src';
import { POSTAL_MIGRATIONS } from '../../apps/postal-delivery/src';
import { PROCESSING_MIGRATIONS } from '../../apps/processing/src';
import { BrokerProbe } from '../../tools/harness/broker-probe';
import { E2E_RETRY_DELAYS, serviceEnv, ServiceKey, ServiceProcess } from '../../tools/harness/service-process';
import { testConfig, uniqueNamespace } from '../../tools/harness/test-env.config';
import { bootstrapDatabase, SERVICE_SCHEMAS, serviceDatabaseUrl } from '../../tools/db-bootstrap';

/**
 * MIGRATE_ONLY is what the Kubernetes migration Job (infra/k8s/migrate-jobs.yaml) and each pod's
 * init container run: the compiled service applies its schema's migrations and exits 0, without
 * serving HTTP or touching the broker. Every run here is against a database of its own, created
 * empty for this file and dropped afterwards, so the migrations are proved from nothing.
 */

const SERVICES: ServiceKey[] = ['intake', 'processing', 'payment', 'postal-delivery'];
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
const MIGRATIONS: Record<ServiceKey, Function[]> = {
  intake: INTAKE_MIGRATIONS,
  processing: PROCESSING_MIGRATIONS,
  payment: PAYMENT_MIGRATIONS,
  'postal-delivery': POSTAL_MIGRATIONS,
};

const database = `${testConfig.TEST_DATABASE}_migrate_${uniqueNamespace('').toLowerCase()}`;

function adminUrl(db: string): string {
  const u = new URL(testConfig.DB_ADMIN_URL);
  u.pathname = `/${db}`;
  return u.toString();
}

async function query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  const db = new Client({ connectionString: adminUrl(database) });
  await db.connect();
  try {
    return (await db.query(sql, params)).rows as T[];
  } finally {
    await db.end();
  }
}

/** The names in a schema's migrations table, in the order applied. */
async function appliedMigrations(service: ServiceKey): Promise<string[]> {
  const { schema } = SERVICE_SCHEMAS[service];
  const rows = await query<{ name: string }>(`SELECT name FROM "${schema}"."${schema}_migrations" ORDER BY id`);
  return rows.map((r) => r.name);
}

/** A TCP port that stands where the broker would be and counts who knocks. */
class BrokerTrap {
  connections = 0;
  private readonly sockets = new Set<Socket>();
  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async open(): Promise<BrokerTrap> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const trap = new BrokerTrap(server, (server.address() as { port: number }).port);
    server.on('connection', (socket) => {
      trap.connections += 1;
      trap.sockets.add(socket);
      socket.on('close', () => trap.sockets.delete(socket));
    });
    return trap;
  }

  get url(): string {
    return `amqp://guest:guest@127.0.0.1:${this.port}`;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

async function migrateOnly(
  service: ServiceKey,
  brokerUrl: string,
  extra: Record<string, string> = {},
): Promise<ServiceProcess> {
  const { port, env } = await serviceEnv(service, uniqueNamespace('mig'), {
    DATABASE_URL: serviceDatabaseUrl(service, database),
    AMQP_URL: brokerUrl,
    MIGRATE_ONLY: 'true',
    ...extra,
  });
  return new ServiceProcess(service, port, env);
}

const listeningLines = (p: ServiceProcess) =>
  p.logs().filter((l) => typeof l.msg === 'string' && l.msg.includes('listening'));
const appliedBy = (p: ServiceProcess) =>
  p.logs().find((l) => l.msg === 'migrate-only: schema up to date')?.applied as string[] | undefined;

describe('MIGRATE_ONLY: the migration step of a release (the Kubernetes Job)', () => {
  let trap: BrokerTrap;

  beforeAll(async () => {
    assertTestDatabase(adminUrl(database));
    await bootstrapDatabase({ adminUrl: testConfig.DB_ADMIN_URL, database, reset: true });
    trap = await BrokerTrap.open();
  });

  afterAll(async () => {
    await trap?.close();
    const admin = new Client({ connectionString: testConfig.DB_ADMIN_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.end();
  });

  it("two runs per schema at once (the Job and a pod's init container) apply every migration exactly once, exit 0, never listen and never reach the broker", async () => {
    const runs = await Promise.all(SERVICES.flatMap((s) => [migrateOnly(s, trap.url), migrateOnly(s, trap.url)]));
    for (const p of runs) p.start();
    const codes = await Promise.all(runs.map((p) => p.waitExit(60000)));
    expect(codes).toEqual(runs.map(() => 0));

    for (const service of SERVICES) {
      const expected = MIGRATIONS[service].map((m) => m.name);
      expect(expected.length).toBeGreaterThan(0);
      expect(await appliedMigrations(service)).toEqual(expected);
      // The advisory lock serialised the pair: between them, each migration was applied once.
      const [a, b] = runs.filter((p) => p.name === service).map(appliedBy);
      expect([...a!, ...b!].sort()).toEqual([...expected].sort());
      // The outbox every service writes its events to exists: the schema is usable.
      const tables = await query<{ table_name: string }>(
        'SELECT table_name FROM information_schema.tables WHERE table_schema = $1',
        [SERVICE_SCHEMAS[service].schema],
      );
      expect(tables.map((t) => t.table_name)).toContain('outbox');
    }
    for (const p of runs) expect(listeningLines(p)).toEqual([]);
    expect(trap.connections).toBe(0);
  });

  it('a run on an up-to-date schema applies nothing and exits 0 (a re-run Job)', async () => {
    const before = await Promise.all(SERVICES.map(appliedMigrations));
    const runs = await Promise.all(SERVICES.map((s) => migrateOnly(s, trap.url)));
    for (const p of runs) p.start();
    expect(await Promise.all(runs.map((p) => p.waitExit(60000)))).toEqual([0, 0, 0, 0]);
    for (const p of runs) expect(appliedBy(p)).toEqual([]);
    expect(await Promise.all(SERVICES.map(appliedMigrations))).toEqual(before);
    expect(trap.connections).toBe(0);
  });

  it('a run that cannot migrate exits 1 with a boot-failed line (the Job fails), leaking no password', async () => {
    // processing's role has no rights on intake's schema.
    const run = await migrateOnly('intake', trap.url, {
      DATABASE_URL: serviceDatabaseUrl('processing', database).replace(
        'dvc_processing:dvc_processing@',
        'dvc_processing:n0t-a-s3cret@',
      ),
    });
    run.start();
    expect(await run.waitExit(60000)).toBe(1);
    const failed = run.logs().find((l) => l.msg === 'boot failed');
    expect(failed).toMatchObject({ level: 60, error: expect.stringContaining('permission denied') });
    expect(run.output.join('\n')).not.toContain('n0t-a-s3cret');
    expect(listeningLines(run)).toEqual([]);
  });

  it('afterwards a service started with MIGRATIONS_RUN_ON_START=false (as the Deployments are) serves the migrated schema at once', async () => {
    const namespace = uniqueNamespace('e2e');
    const { port, env } = await serviceEnv('intake', namespace, {
      DATABASE_URL: serviceDatabaseUrl('intake', database),
      MIGRATIONS_RUN_ON_START: 'false',
    });
    const intake = new ServiceProcess('intake', port, env);
    try {
      intake.start();
      await intake.ready();
      // The catalog is loaded by one of intake's migrations: the Job's work, seen by a portal.
      const catalog = await request(intake.url).get('/v1/procedures').expect(200);
      expect(catalog.body.total).toBe(42);
      expect(intake.logs().some((l) => l.msg === 'migrations applied')).toBe(false);
    } finally {
      await intake.stop();
      const broker = await BrokerProbe.open();
      await broker.deleteNamespace(namespace, ['intake'], E2E_RETRY_DELAYS);
      await broker.close();
    }
  });
});
