import { IsString, Matches } from 'class-validator';
import { loadConfig } from '@dvc/config';
import { assertTestDatabase } from '@dvc/persistence';

/** Where the tests find PostgreSQL and RabbitMQ; read through loadConfig like every service. */
export class TestConfig {
  @Matches(/^postgres(ql)?:\/\/.+/) DB_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
  @Matches(/^[a-z_]*test[a-z0-9_]*$/, { message: 'TEST_DATABASE must contain "test"' }) TEST_DATABASE = 'dvc_test';
  @Matches(/^amqps?:\/\/.+/) AMQP_URL = 'amqp://guest:guest@127.0.0.1:5672';
  /** How the tests stop and start the broker for fault injection. */
  @IsString() RABBITMQCTL = 'rabbitmqctl';
  /** How the tests restart PostgreSQL (a shell command) for fault injection. */
  @IsString() PG_RESTART_COMMAND =
    'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql | sort -n | tail -1) main restart -m fast';
}

export const testConfig = loadConfig(TestConfig);

/** A superuser URL to the test database (for fixtures; the services use their own roles). */
export function adminTestDbUrl(): string {
  const u = new URL(testConfig.DB_ADMIN_URL);
  u.pathname = `/${testConfig.TEST_DATABASE}`;
  const url = u.toString();
  assertTestDatabase(url);
  return url;
}

/** A namespace for exchanges and queues no other run shares. */
export function uniqueNamespace(prefix = 't'): string {
  return `${prefix}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}
