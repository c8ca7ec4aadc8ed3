import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { LocalDiskStorage } from './local-disk.storage';
import { keyOf } from './object-storage';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** Every file under dir, as paths relative to it. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

describe('LocalDiskStorage', () => {
  let root: string;
  let storage: LocalDiskStorage;

  beforeEach(async () => {
    root = await fs.mkdtemp(join(tmpdir(), 'dvc-storage-'));
    storage = new LocalDiskStorage(root);
  });

  afterEach(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  it('stores a Buffer under its sha256 and reports size and hash', async () => {
    const bytes = Buffer.from('%PDF-1.7 tờ khai lệ phí trước bạ', 'utf8');
    const hex = sha256(bytes);

    const stored = await storage.put(bytes);

    expect(stored).toEqual({ key: `sha256/${hex.slice(0, 2)}/${hex}`, size: bytes.length, sha256: hex });
    expect(await fs.readFile(join(root, stored.key))).toEqual(bytes);
  });

  it('stores a stream arriving in many chunks, hashing it in the same pass', async () => {
    const chunks = Array.from({ length: 40 }, () => randomBytes(64 * 1024 + 7));
    const whole = Buffer.concat(chunks);

    const stored = await storage.put(Readable.from(chunks));

    expect(stored).toEqual({
      key: `sha256/${sha256(whole).slice(0, 2)}/${sha256(whole)}`,
      size: whole.length,
      sha256: sha256(whole),
    });
    // Comparing digests: jest's deep equality walks a 2.6 MB Buffer byte by byte, for seconds.
    expect(sha256(await readAll(await storage.open(stored.key)))).toBe(sha256(whole));
  });

  it('stores an empty file', async () => {
    const stored = await storage.put(Buffer.alloc(0));
    expect(stored).toMatchObject({
      size: 0,
      sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    });
  });

  it('stores the same content once, under one key, whatever its name or form', async () => {
    const bytes = randomBytes(10_000);

    const first = await storage.put(bytes);
    const second = await storage.put(Readable.from([bytes.subarray(0, 3000), bytes.subarray(3000)]));

    expect(second).toEqual(first);
    expect(await filesUnder(root)).toEqual([first.key]);
  });

  it('leaves no temporary file behind when the stream fails', async () => {
    const failing = new Readable({
      read() {
        this.push(Buffer.from('part of a file'));
        this.destroy(new Error('client went away'));
      },
    });

    await expect(storage.put(failing)).rejects.toThrow('client went away');
    expect(await filesUnder(root)).toEqual([]);
  });

  it('opens what it stored', async () => {
    const bytes = Buffer.from('89504e470d0a1a0a', 'hex');
    const { key } = await storage.put(bytes);
    expect(await readAll(await storage.open(key))).toEqual(bytes);
  });

  it('rejects opening a well-formed key that holds nothing', async () => {
    const hex = sha256(Buffer.from('never stored'));
    await expect(storage.open(`sha256/${hex.slice(0, 2)}/${hex}`)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it.each([
    '../../etc/passwd',
    '/etc/passwd',
    `sha256/ab/../../../etc/passwd`,
    `sha256/ab/ab${'0'.repeat(61)}/../x`,
    `sha256/../${'a'.repeat(64)}`,
    `sha256/cd/ab${'0'.repeat(62)}`,
    `sha256/AB/AB${'0'.repeat(62)}`,
    `sha256/ab/ab${'0'.repeat(62)}\n`,
    `tmp/${'0'.repeat(36)}.part`,
    '',
  ])('refuses key %p for open and remove', async (key) => {
    await expect(storage.open(key)).rejects.toThrow('Refused storage key');
    await expect(storage.remove(key)).rejects.toThrow('Refused storage key');
  });

  it('states the size of what it stored, and nothing for a key that holds nothing', async () => {
    const bytes = Buffer.from('Giấy chứng nhận quyền sử dụng đất', 'utf8');
    const { key } = await storage.put(bytes);

    expect(await storage.stat(key)).toEqual({ size: bytes.length });
    expect(await storage.stat(keyOf(sha256(Buffer.from('never stored'))))).toBeUndefined();
    await expect(storage.stat('../../etc/passwd')).rejects.toThrow('Refused storage key');
  });

  it('removes a stored object, and removing it again is not an error', async () => {
    const { key } = await storage.put(Buffer.from('to be withdrawn'));

    await storage.remove(key);
    await expect(storage.remove(key)).resolves.toBeUndefined();

    await expect(storage.open(key)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await filesUnder(root)).toEqual([]);
  });
});
