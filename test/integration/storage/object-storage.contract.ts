import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { isMissingObject, keyOf, type ObjectStorage } from '@dvc/storage';

export interface ContractSubject {
  storage: ObjectStorage;
  /** Every object the adapter holds (keys, temporary ones included), read by the test's own means. */
  allKeys(): Promise<string[]>;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** Chunks of random bytes, as an upload arrives: many pieces of odd sizes. */
function chunked(total: number, piece = 64 * 1024 + 7): Buffer[] {
  const chunks: Buffer[] = [];
  for (let left = total; left > 0; left -= piece) chunks.push(randomBytes(Math.min(piece, left)));
  return chunks;
}

/**
 * What every ObjectStorage adapter promises, run against each real one (local disk, S3 server):
 * services swap adapters by configuration only, so the adapters must not differ in behaviour.
 */
export function objectStorageContract(subject: () => ContractSubject): void {
  const storage = () => subject().storage;

  it('gives back what it stored, byte for byte, under the sha256 key', async () => {
    const bytes = Buffer.from('%PDF-1.7 Quyết định cấp Giấy chứng nhận đăng ký hộ kinh doanh', 'utf8');

    const stored = await storage().put(bytes);

    expect(stored).toEqual({ key: keyOf(sha256(bytes)), size: bytes.length, sha256: sha256(bytes) });
    expect(stored.key).toBe(`sha256/${stored.sha256.slice(0, 2)}/${stored.sha256}`);
    expect((await readAll(await storage().open(stored.key))).equals(bytes)).toBe(true);
    expect(await storage().stat(stored.key)).toEqual({ size: bytes.length });
  });

  it('stores an empty file', async () => {
    const stored = await storage().put(Readable.from([]));
    expect(stored).toMatchObject({ size: 0, sha256: sha256(Buffer.alloc(0)) });
    expect((await readAll(await storage().open(stored.key))).length).toBe(0);
  });

  it('stores the same bytes once, under one key, whether they come as a buffer or a stream', async () => {
    const bytes = randomBytes(200_000);

    const first = await storage().put(bytes);
    const second = await storage().put(Readable.from([bytes.subarray(0, 70_001), bytes.subarray(70_001)]));

    expect(second).toEqual(first);
    expect((await subject().allKeys()).filter((k) => k === first.key)).toHaveLength(1);
  });

  it('streams a 5 MB file in and out, hashing it on the way, leaving no temporary object', async () => {
    const chunks = chunked(5 * 1024 * 1024 + 123);
    const whole = Buffer.concat(chunks);

    const stored = await storage().put(Readable.from(chunks));

    expect(stored).toEqual({ key: keyOf(sha256(whole)), size: whole.length, sha256: sha256(whole) });
    // Digests, not the bytes: jest's deep equality walks a 5 MB Buffer byte by byte.
    expect(sha256(await readAll(await storage().open(stored.key)))).toBe(sha256(whole));
    expect(await storage().stat(stored.key)).toEqual({ size: whole.length });
    expect((await subject().allKeys()).filter((k) => !k.startsWith('sha256/'))).toEqual([]);
  });

  it('rejects with the source’s error when the stream fails, and keeps nothing of it', async () => {
    const before = await subject().allKeys();
    const failing = new Readable({
      read() {
        this.push(randomBytes(100_000));
        this.destroy(new Error('client went away'));
      },
    });

    await expect(storage().put(failing)).rejects.toThrow('client went away');
    expect(await subject().allKeys()).toEqual(before);
  });

  it('rejects opening a well-formed key that holds nothing, and states nothing for it', async () => {
    const key = keyOf(sha256(Buffer.from('never stored')));
    const error = await storage()
      .open(key)
      .catch((e: unknown) => e);
    expect(isMissingObject(error)).toBe(true);
    expect(await storage().stat(key)).toBeUndefined();
  });

  it.each([
    '../../etc/passwd',
    '/etc/passwd',
    'sha256/ab/../../../etc/passwd',
    `sha256/ab/ab${'0'.repeat(61)}/../x`,
    `sha256/cd/ab${'0'.repeat(62)}`,
    `sha256/AB/AB${'0'.repeat(62)}`,
    `sha256/ab/ab${'0'.repeat(62)}\n`,
    `tmp/${'0'.repeat(36)}`,
    '',
  ])('refuses the malformed key %p for open, stat and remove', async (key) => {
    await expect(storage().open(key)).rejects.toThrow('Refused storage key');
    await expect(storage().stat(key)).rejects.toThrow('Refused storage key');
    await expect(storage().remove(key)).rejects.toThrow('Refused storage key');
  });

  it('removes a stored object, and removing it again (or what never was) is not an error', async () => {
    const { key } = await storage().put(Buffer.from('hồ sơ rút lại'));

    await storage().remove(key);
    await expect(storage().remove(key)).resolves.toBeUndefined();
    await expect(storage().remove(keyOf(sha256(Buffer.from('never stored either'))))).resolves.toBeUndefined();

    expect(
      isMissingObject(
        await storage()
          .open(key)
          .catch((e: unknown) => e),
      ),
    ).toBe(true);
    expect(await subject().allKeys()).not.toContain(key);
  });
}
