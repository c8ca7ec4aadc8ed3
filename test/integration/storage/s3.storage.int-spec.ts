import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { S3Storage } from '@dvc/storage';
import { S3_SERVER_CREDENTIALS, S3ServerProcess } from '../../../tools/s3-server.process';
import { type ContractSubject, objectStorageContract } from './object-storage.contract';

/** The same contract as the local disk, against a real S3 API server (s3rver) in its own process. */
describe('S3Storage (the ObjectStorage contract, against an S3 server process)', () => {
  const BUCKET = 'dvc-test-files';
  let dir: string;
  let server: S3ServerProcess;
  let storage: S3Storage;
  let lister: S3Client;
  let subject: ContractSubject;

  beforeAll(async () => {
    dir = await fs.mkdtemp(join(tmpdir(), 'dvc-s3rver-'));
    server = new S3ServerProcess(dir, BUCKET);
    await server.start();
    const connection = { endpoint: server.endpoint, region: 'ap-southeast-1', forcePathStyle: true };
    storage = new S3Storage({ ...connection, bucket: BUCKET, ...S3_SERVER_CREDENTIALS });
    // The test's own client, to see every object in the bucket (temporary ones included).
    lister = new S3Client({ ...connection, credentials: S3_SERVER_CREDENTIALS });
    subject = {
      storage,
      allKeys: async () => {
        const listed = await lister.send(new ListObjectsV2Command({ Bucket: BUCKET }));
        return (listed.Contents ?? []).map((o) => o.Key!).sort();
      },
    };
  });

  afterAll(async () => {
    storage?.close();
    lister?.destroy();
    await server?.stop();
    await fs.rm(dir, { recursive: true, force: true });
  });

  objectStorageContract(() => subject);

  it('streams a file of several upload parts (multipart upload), leaving no temporary object', async () => {
    const chunks = Array.from({ length: 13 }, () => randomBytes(1024 * 1024 + 1));
    const whole = Buffer.concat(chunks);
    const digest = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

    const stored = await storage.put(Readable.from(chunks));

    expect(stored).toMatchObject({ size: whole.length, sha256: digest(whole) });
    const back: Buffer[] = [];
    for await (const chunk of await storage.open(stored.key)) back.push(Buffer.from(chunk));
    expect(digest(Buffer.concat(back))).toBe(digest(whole));
    expect((await subject.allKeys()).filter((k) => !k.startsWith('sha256/'))).toEqual([]);
  });
});
