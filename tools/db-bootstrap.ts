import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './repo-root';
import { Client } from 'pg';
import { loadConfig } from '@dvc/config';
import { ToolConfig } from './tool.config';

export const SERVICE_SCHEMAS = {
  intake: { role: 'dvc_intake', schema: 'intake' },
  processing: { role: 'dvc_processing', schema: 'processing' },
  payment: { role: 'dvc_payment', schema: 'payment' },
  'postal-delivery': { role: 'dvc_postal', schema: 'postal' },
} as const;

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** The connection URL of a service's own role in `database` (local password = role name). */
export function serviceDatabaseUrl(
  service: keyof typeof SERVICE_SCHEMAS,
  database: string,
  hostPort = '127.0.0.1:5432',
): string {
  const { role } = SERVICE_SCHEMAS[service];
  return `postgres://${role}:${role}@${hostPort}/${database}`;
}

/**
 * Creates the database if missing and applies infra/postgres/init.sql (roles, schemas, grants).
 * With `reset`, drops the four schemas first: tests start from an empty database and prove the
 * migrations build everything.
 */
export async function bootstrapDatabase(opts: { adminUrl: string; database: string; reset?: boolean }): Promise<void> {
  const admin = new Client({ connectionString: opts.adminUrl });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [opts.database]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${opts.database}"`);
  } finally {
    await admin.end();
  }
  const db = new Client({ connectionString: withDatabase(opts.adminUrl, opts.database) });
  await db.connect();
  try {
    if (opts.reset) {
      for (const { schema } of Object.values(SERVICE_SCHEMAS))
        await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    }
    await db.query(readFileSync(join(repoRoot(), 'infra', 'postgres', 'init.sql'), 'utf8').replace(/^\uFEFF/, ''));
  } finally {
    await db.end();
  }
}

if (require.main === module) {
  const config = loadConfig(ToolConfig);
  const reset = process.argv.includes('--reset');
  bootstrapDatabase({ adminUrl: config.DB_ADMIN_URL, database: config.DVC_DATABASE, reset })
    .then(() =>
      process.stdout.write(`database "${config.DVC_DATABASE}" ready: schemas intake, processing, payment, postal\n`),
    )
    .catch((err: Error) => {
      process.stderr.write(`database bootstrap failed: ${err.message}\n`);
      process.exit(1);
    });
}
