import { DataSource } from 'typeorm';
import { runMigrationsLocked, serviceDataSourceOptions } from '@dvc/persistence';
import { INTAKE_MIGRATIONS } from '../../../apps/intake/src';
import { bootstrapDatabase, serviceDatabaseUrl } from '../../../tools/db-bootstrap';
import { testConfig } from '../../../tools/harness/test-env.config';

/**
 * A freshly migrated intake database of the repository tests' own (`suffix` keeps suites apart),
 * reached as intake's role: the e2e services migrate and fill the shared test database.
 */
export async function migratedIntakeDatabase(suffix: string): Promise<DataSource> {
  const database = `${testConfig.TEST_DATABASE}_intake_${suffix}`;
  await bootstrapDatabase({ adminUrl: testConfig.DB_ADMIN_URL, database, reset: true });
  const ds = await new DataSource(
    serviceDataSourceOptions({
      url: serviceDatabaseUrl('intake', database),
      schema: 'intake',
      poolSize: 4,
      applicationName: `test-intake-${suffix}`,
      entities: [],
      migrations: INTAKE_MIGRATIONS,
    }),
  ).initialize();
  await runMigrationsLocked(ds, 'intake');
  return ds;
}
