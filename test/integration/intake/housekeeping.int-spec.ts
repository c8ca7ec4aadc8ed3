import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { loadConfig } from '@dvc/config';
import { LocalDiskStorage } from '@dvc/storage';
import {
  AttachmentRepository,
  AttachmentService,
  DossierRepository,
  HousekeepingService,
  IdempotencyRepository,
  INTAKE_MIGRATIONS,
  IntakeConfig,
} from '../../../apps/intake/src';
import { useMigratedDatabase } from '../../support/migrated-database';

describe('intake housekeeping (real PostgreSQL, local disk)', () => {
  const ds = useMigratedDatabase('intake', 'housekeeping', INTAKE_MIGRATIONS, 2);
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'dvc-housekeeping-'));
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('forgets old idempotency answers, old wrong guesses and uploads no dossier took, and nothing recent', async () => {
    const storage = new LocalDiskStorage(dir);
    const config = loadConfig(IntakeConfig, { RETENTION_HOURS: '24', LOOKUP_WINDOW_MINUTES: '15' });
    const portal = randomUUID();
    await ds.query(
      `INSERT INTO intake.portals (id, name, key_hash, key_prefix, created_by) VALUES ($1, 'p', 'h', 'dvc_', 'test')`,
      [portal],
    );
    const answer = (key: string, age: string) =>
      ds.query(
        `INSERT INTO intake.idempotency_keys (portal_id, key, request_hash, response_status, response_body, created_at) VALUES ($1, $2, 'x', 202, '{}', now() - $3::interval)`,
        [portal, key, age],
      );
    await answer('old-key-0001', '25 hours');
    await answer('new-key-0001', '1 hour');
    await ds.query(
      `INSERT INTO intake.lookup_failures (dossier_code, client, failed_at) VALUES ('A', 'c', now() - interval '20 minutes'), ('B', 'c', now())`,
    );
    const oldFile = await storage.put(Buffer.from('%PDF-1.4 old'));
    const newFile = await storage.put(Buffer.from('%PDF-1.4 new'));
    const upload = (key: string, age: string) =>
      ds.query(
        `INSERT INTO intake.attachments (id, portal_id, filename, file_type, size_bytes, sha256, storage_key, created_at) VALUES ($1, $2, 'f.pdf', 'pdf', 1, 'x', $3, now() - $4::interval)`,
        [randomUUID(), portal, key, age],
      );
    await upload(oldFile.key, '30 hours');
    await upload(newFile.key, '2 hours');

    const attachments = new AttachmentService(new AttachmentRepository(ds), storage);
    const result = await new HousekeepingService(
      new IdempotencyRepository(ds),
      new DossierRepository(ds),
      attachments,
      config,
    ).run();

    expect(result).toEqual({ idempotencyKeys: 1, lookupFailures: 1, uploads: 1 });
    expect((await ds.query('SELECT key FROM intake.idempotency_keys')).map((r: { key: string }) => r.key)).toEqual([
      'new-key-0001',
    ]);
    expect(
      (await ds.query('SELECT dossier_code FROM intake.lookup_failures')).map(
        (r: { dossier_code: string }) => r.dossier_code,
      ),
    ).toEqual(['B']);
    await expect(storage.open(oldFile.key)).rejects.toThrow();
    await expect(storage.open(newFile.key)).resolves.toBeDefined();
    expect(
      (await ds.query('SELECT storage_key FROM intake.attachments')).map((r: { storage_key: string }) => r.storage_key),
    ).toEqual([newFile.key]);
  });
});
