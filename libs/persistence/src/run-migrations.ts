import { DataSource, Migration, MigrationExecutor } from 'typeorm';

/**
 * Applies pending migrations while holding a Postgres advisory lock keyed by the schema, so that
 * replicas starting together never race: the second waits, then finds nothing to do.
 * Lock and migrations share one connection on which the pool's statement_timeout is lifted: the
 * second replica may wait on the lock longer than any request should, and an index build may
 * take longer than any statement of a request should. The connection gets the timeout back
 * before it returns to the pool.
 */
export async function runMigrationsLocked(dataSource: DataSource, schema: string): Promise<Migration[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SET statement_timeout = 0');
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', [`migrations:${schema}`]);
    try {
      const executor = new MigrationExecutor(dataSource, runner);
      executor.transaction = 'each';
      return await executor.executePendingMigrations();
    } finally {
      await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [`migrations:${schema}`]).catch(() => undefined);
    }
  } finally {
    await runner.query('RESET statement_timeout').catch(() => undefined);
    await runner.release();
  }
}

/** Tests must never touch a database whose name does not say it is for tests. */
export function assertTestDatabase(url: string): void {
  const name = new URL(url).pathname.replace(/^\//, '');
  if (!/test/i.test(name)) {
    throw new Error(`Refusing to run tests against database "${name}": its name must contain "test".`);
  }
}
