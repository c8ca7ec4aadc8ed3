import { DataSource, type MigrationInterface } from 'typeorm';
import { runMigrationsLocked, serviceDataSourceOptions } from '@dvc/persistence';
import { bootstrapDatabase, SERVICE_SCHEMAS, serviceDatabaseUrl } from '../../tools/db-bootstrap';
import { testConfig } from '../../tools/harness/test-env.config';

type MigrationClass = new () => MigrationInterface;

/**
 * A database of one suite's own (`<test database>_<suffix>`), reset and brought up by the
 * service's real migrations, reached as the service's own role. Repository tests use it because
 * the e2e services migrate and fill the shared test database.
 */
export async function migratedServiceDatabase(
  service: keyof typeof SERVICE_SCHEMAS,
  suffix: string,
  migrations: readonly MigrationClass[],
  poolSize = 4,
): Promise<DataSource> {
  const database = `${testConfig.TEST_DATABASE}_${suffix}`;
  const { schema } = SERVICE_SCHEMAS[service];
  await bootstrapDatabase({ adminUrl: testConfig.DB_ADMIN_URL, database, reset: true });
  const ds = await new DataSource(
    serviceDataSourceOptions({
      url: serviceDatabaseUrl(service, database),
      schema,
      poolSize,
      applicationName: `test-${service}-${suffix}`,
      entities: [],
      migrations: [...migrations],
    }),
  ).initialize();
  await runMigrationsLocked(ds, schema);
  return ds;
}
