// Jest does not apply moduleNameMapper to globalSetup: resolve the @dvc/* aliases here.
import 'tsconfig-paths/register';
import { assertTestDatabase } from '@dvc/persistence';
import { bootstrapDatabase } from '../../tools/db-bootstrap';
import { adminTestDbUrl, testConfig } from '../../tools/harness/test-env.config';

/** Recreates the test database's schemas so every run proves the migrations from empty. */
export default async function globalSetup(): Promise<void> {
  assertTestDatabase(adminTestDbUrl());
  await bootstrapDatabase({ adminUrl: testConfig.DB_ADMIN_URL, database: testConfig.TEST_DATABASE, reset: true });
}
