/**
 * The baseline for bench:intake: a bare node:http + pg server doing what a submission must do at
 * the least (two inserts, dossier and event, in one transaction) and nothing else: no framework,
 * no validation, no idempotency, no logging. Run as its own process, like intake.
 */
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';

const [port, databaseUrl, schema] = process.argv.slice(2);
const pool = new Pool({ connectionString: databaseUrl, max: 10 });
let seq = 0;

async function main() {
  await pool.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  await pool.query(
    `CREATE TABLE IF NOT EXISTS "${schema}".dossiers (id uuid PRIMARY KEY, code text UNIQUE NOT NULL, body jsonb NOT NULL)`,
  );
  await pool.query(`CREATE TABLE IF NOT EXISTS "${schema}".outbox (id uuid PRIMARY KEY, envelope jsonb NOT NULL)`);
  createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const client = await pool.connect();
        try {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          const code = `BARE-${process.pid}-${++seq}`;
          await client.query('BEGIN');
          await client.query(`INSERT INTO "${schema}".dossiers (id, code, body) VALUES ($1, $2, $3)`, [
            randomUUID(),
            code,
            body,
          ]);
          await client.query(`INSERT INTO "${schema}".outbox (id, envelope) VALUES ($1, $2)`, [
            randomUUID(),
            { type: 'dossier.submitted', data: body },
          ]);
          await client.query('COMMIT');
          res.writeHead(202, { 'content-type': 'application/json' }).end(JSON.stringify({ code, status: 'submitted' }));
        } catch (err) {
          await client.query('ROLLBACK').catch(() => undefined);
          res.writeHead(500).end(String(err));
        } finally {
          client.release();
        }
      })();
    });
  }).listen(Number(port), '127.0.0.1', () => process.stdout.write('ready\n'));
}

void main();
