import { DataSource, type MigrationInterface } from 'typeorm';
import { runMigrationsLocked, serviceDataSourceOptions } from '@dvc/persistence';
import { bootstrapDatabase, SERVICE_SCHEMAS, serviceDatabaseUrl } from '../../tools/db-bootstrap';
import { testConfig } from '../../tools/harness/test-env.config';

type MigrationClass = new () => MigrationInterface;

/**
 * The suite's own database (`<test database>_<suffix>`), reset and brought up by the service's real
 * migrations before its tests and closed after them, reached as the service's own role.
 * Repository suites use it because the e2e services migrate and fill the shared test database.
 * The DataSource is returned at once (repositories only use it inside tests) and connects in
 * beforeAll.
 */
export function useMigratedDatabase(
  service: keyof typeof SERVICE_SCHEMAS,
  suffix: string,
  migrations: readonly MigrationClass[],
  poolSize = 4,
): DataSource {
  const database = `${testConfig.TEST_DATABASE}_${suffix}`;
  const { schema } = SERVICE_SCHEMAS[service];
  const ds = new DataSource(
    serviceDataSourceOptions({
      url: serviceDatabaseUrl(service, database),
      schema,
      poolSize,
      applicationName: `test-${service}-${suffix}`,
      entities: [],
      migrations: [...migrations],
    }),
  );
  beforeAll(async () => {
    await bootstrapDatabase({ adminUrl: testConfig.DB_ADMIN_URL, database, reset: true });
    await ds.initialize();
    await runMigrationsLocked(ds, schema);
  });
  afterAll(async () => {
    if (ds.isInitialized) await ds.destroy();
  });
  return ds;
}
