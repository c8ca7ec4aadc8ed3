import { DataSource, Migration } from 'typeorm';

/**
 * Applies pending migrations while holding a Postgres advisory lock keyed by the schema, so that
 * replicas starting together never race: the second waits, then finds nothing to do.
 * The lock lives on its own connection because TypeORM runs migrations on others.
 */
export async function runMigrationsLocked(dataSource: DataSource, schema: string): Promise<Migration[]> {
  const lockRunner = dataSource.createQueryRunner();
  await lockRunner.connect();
  try {
    await lockRunner.query('SELECT pg_advisory_lock(hashtext($1))', [`migrations:${schema}`]);
    return await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await lockRunner.query('SELECT pg_advisory_unlock(hashtext($1))', [`migrations:${schema}`]).catch(() => undefined);
    await lockRunner.release();
  }
}

/** Tests must never touch a database whose name does not say it is for tests. */
export function assertTestDatabase(url: string): void {
  const name = new URL(url).pathname.replace(/^\//, '');
  if (!/test/i.test(name)) {
    throw new Error(`Refusing to run tests against database "${name}": its name must contain "test".`);
  }
}
