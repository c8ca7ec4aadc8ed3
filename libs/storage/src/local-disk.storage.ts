import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import * as fs from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertStorageKey, keyOf, type ObjectStorage, type StoredObject } from './object-storage';

/**
 * Files on a local (or mounted) disk under content-addressed keys `sha256/<first 2 hex>/<64 hex>`:
 * identical files are stored once, and a key always names the same bytes. Because keys are shared,
 * remove a key only when no record refers to it.
 */
export class LocalDiskStorage implements ObjectStorage {
  private readonly root: string;
  // Inside rootDir so that the final rename stays on one file system, hence atomic.
  private readonly tmpDir: string;

  constructor(rootDir: string) {
    this.root = resolve(rootDir);
    this.tmpDir = join(this.root, 'tmp');
  }

  // The key comes from the content; a client's filename belongs on the record that refers to it.
  async put(content: Buffer | NodeJS.ReadableStream): Promise<StoredObject> {
    await fs.mkdir(this.tmpDir, { recursive: true });
    const tmp = join(this.tmpDir, `${randomUUID()}.part`);
    const hash = createHash('sha256');
    let size = 0;
    try {
      // One pass: hash and count each chunk on its way to disk, never holding the whole file.
      await pipeline(
        Buffer.isBuffer(content) ? Readable.from([content]) : content,
        async function* (source: AsyncIterable<Buffer | Uint8Array | string>) {
          for await (const chunk of source) {
            const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
            hash.update(bytes);
            size += bytes.length;
            yield bytes;
          }
        },
        // flush: the bytes reach the disk before the rename publishes them under their key.
        createWriteStream(tmp, { flags: 'wx', flush: true }),
      );
      const sha256 = hash.digest('hex');
      const key = keyOf(sha256);
      const path = this.pathOf(key);
      await fs.mkdir(dirname(path), { recursive: true });
      // Replacing an existing file is harmless: same key, same bytes. Readers see old or new, never half.
      await fs.rename(tmp, path);
      await syncDirectory(dirname(path));
      return { key, size, sha256 };
    } catch (error) {
      await fs.rm(tmp, { force: true }).catch(() => undefined);
      throw error;
    }
  }

  async open(key: string): Promise<NodeJS.ReadableStream> {
    // Opening first turns a missing key into a rejection here rather than a later stream error.
    const handle = await fs.open(this.pathOf(key), 'r');
    return handle.createReadStream();
  }

  async stat(key: string): Promise<{ size: number } | undefined> {
    try {
      const stats = await fs.stat(this.pathOf(key));
      return { size: stats.size };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async remove(key: string): Promise<void> {
    await fs.rm(this.pathOf(key), { force: true });
  }

  private pathOf(key: string): string {
    assertStorageKey(key);
    return join(this.root, key);
  }
}

/** Makes a rename durable: the new directory entry survives a crash, not only the file's bytes. */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
