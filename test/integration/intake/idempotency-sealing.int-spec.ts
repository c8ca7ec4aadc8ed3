import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { loadConfig } from '@dvc/config';
import { runMigrationsLocked, serviceDataSourceOptions } from '@dvc/persistence';
import { IdempotencyRepository, IdempotencyService, INTAKE_MIGRATIONS, IntakeConfig } from '../../../apps/intake/src';
import { testConfig } from '../../../tools/harness/test-env.config';
import { bootstrapDatabase, serviceDatabaseUrl } from '../../../tools/db-bootstrap';

const DATABASE = `${testConfig.TEST_DATABASE}_sealing`;
const SEALING = 'SealIdempotencyAnswers1764350000000';

const dataSource = (migrations: typeof INTAKE_MIGRATIONS) =>
  new DataSource(
    serviceDataSourceOptions({
      url: serviceDatabaseUrl('intake', DATABASE),
      schema: 'intake',
      poolSize: 2,
      applicationName: 'test-sealing',
      entities: [],
      migrations: [...migrations],
    }),
  ).initialize();

/**
 * Answers stored in clear before answers were sealed (ADR 0011): the migration seals them, and a
 * portal retrying across the upgrade still gets its first answer, lookup secret included.
 */
describe('intake migration: idempotent answers stored in clear are sealed', () => {
  let ds: DataSource;

  beforeAll(async () => {
    await bootstrapDatabase({ adminUrl: testConfig.DB_ADMIN_URL, database: DATABASE, reset: true });
    ds = await dataSource(INTAKE_MIGRATIONS.filter((m) => m.name !== SEALING));
    await runMigrationsLocked(ds, 'intake');
  });

  afterAll(async () => {
    await ds?.destroy();
  });

  it('seals every row, and the service replays the same answer from it', async () => {
    const portalId = randomUUID();
    const answer = { code: '000.00.12.H30-260101-0001', lookupSecret: 'ABCDE-FGHJK-MNPQR', status: 'submitted' };
    await ds.query(
      `INSERT INTO intake.portals (id, name, key_hash, key_prefix, created_by) VALUES ($1, 'Cổng DVC tỉnh', 'h', 'dvc_x', 'admin')`,
      [portalId],
    );
    await ds.query(
      `INSERT INTO intake.idempotency_keys (portal_id, key, request_hash, response_status, response_body) VALUES ($1, 'retry-key-0001', 'req-hash', 202, $2)`,
      [portalId, JSON.stringify(answer)],
    );
    await ds.destroy();
    ds = await dataSource(INTAKE_MIGRATIONS);
    expect((await runMigrationsLocked(ds, 'intake')).map((m) => m.name)).toEqual([SEALING]);

    const [row] = await ds.query('SELECT response_body::text AS body FROM intake.idempotency_keys');
    expect(row.body).not.toContain('ABCDE-FGHJK-MNPQR');
    expect(row.body).not.toContain(answer.code);

    const service = new IdempotencyService(new IdempotencyRepository(ds), loadConfig(IntakeConfig, {}));
    const claim = await ds.transaction((em) => service.claim(em, portalId, 'retry-key-0001', 'req-hash'));
    expect(claim).toEqual({ kind: 'replay', status: 202, body: answer });
  });
});
