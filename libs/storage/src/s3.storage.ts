import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { createHash, randomUUID } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertStorageKey, keyOf, missingObject, type ObjectStorage, type StoredObject } from './object-storage';

export interface S3StorageOptions {
  /** Empty or undefined: AWS's own endpoint for the region. Set for MinIO, Ceph or a local server. */
  endpoint?: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** bucket in the path (http://host/bucket/key) rather than the host name: what local servers need. */
  forcePathStyle: boolean;
}

// Parts of a streamed upload: lib-storage holds at most QUEUE_SIZE of them in memory at once.
const PART_SIZE = 5 * 1024 * 1024; // S3's smallest part
const QUEUE_SIZE = 2;

// Where a streamed put lands while its SHA-256 is not yet known. A bucket lifecycle rule on this
// prefix (expire after a day) clears what a crash between upload and copy leaves behind.
const TMP_PREFIX = 'tmp/';

/**
 * Files in an S3 bucket (AWS, MinIO, Ceph, ...) under the same content-addressed keys as
 * LocalDiskStorage. The bucket is this service's own (ADR 0010); nothing else writes to it.
 */
export class S3Storage implements ObjectStorage {
  private readonly client: S3Client;
  private readonly bucket: string;

  constructor(o: S3StorageOptions) {
    this.bucket = o.bucket;
    this.client = new S3Client({
      endpoint: o.endpoint || undefined,
      region: o.region,
      credentials: { accessKeyId: o.accessKeyId, secretAccessKey: o.secretAccessKey },
      forcePathStyle: o.forcePathStyle,
      // Since 3.729 the SDK adds CRC32 checksums to every request by default; S3-compatible servers
      // (s3rver, older MinIO and Ceph) reject or mis-handle them. Our own SHA-256 is the check.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  async put(content: Buffer | NodeJS.ReadableStream): Promise<StoredObject> {
    return Buffer.isBuffer(content) ? this.putBuffer(content) : this.putStream(content);
  }

  /** The bytes are all here: their key is known before the upload, so one PUT does it. */
  private async putBuffer(bytes: Buffer): Promise<StoredObject> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const key = keyOf(sha256);
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: bytes,
        ContentLength: bytes.length,
        // S3 itself refuses the PUT if the bytes it received are not these.
        ContentMD5: createHash('md5').update(bytes).digest('base64'),
      }),
    );
    return { key, size: bytes.length, sha256 };
  }

  /**
   * A stream's SHA-256 (hence its key) is known only once the last byte has passed, and S3 has no
   * rename: the bytes go to a temporary object while they are hashed, then a server-side copy puts
   * them under their key. This keeps memory bounded (PART_SIZE x QUEUE_SIZE) whatever the file's
   * size, at the cost of one copy inside the bucket.
   */
  private async putStream(content: NodeJS.ReadableStream): Promise<StoredObject> {
    const tmpKey = `${TMP_PREFIX}${randomUUID()}`;
    const hash = createHash('sha256');
    let size = 0;
    const body = new PassThrough();
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: tmpKey, Body: body },
      partSize: PART_SIZE,
      queueSize: QUEUE_SIZE,
    });
    const feeding = pipeline(
      content as Readable,
      async function* (source: AsyncIterable<Buffer | Uint8Array | string>) {
        for await (const chunk of source) {
          const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
          hash.update(bytes);
          size += bytes.length;
          yield bytes;
        }
      },
      body,
    );
    // A failed upload stops reading `body`: destroy it, or the source would wait on it for ever.
    const uploading = upload.done().catch((error: unknown) => {
      body.destroy(error as Error);
      throw error;
    });
    try {
      // Both must settle: a failing source fails `body`, hence the upload; report the source's error.
      const [fed, uploaded] = await Promise.allSettled([feeding, uploading]);
      if (fed.status === 'rejected') throw fed.reason;
      if (uploaded.status === 'rejected') throw uploaded.reason;
      const sha256 = hash.digest('hex');
      const key = keyOf(sha256);
      // Same key, same bytes: if it is there already, the copy would change nothing.
      if (!(await this.stat(key))) {
        await this.client.send(
          new CopyObjectCommand({ Bucket: this.bucket, Key: key, CopySource: `${this.bucket}/${tmpKey}` }),
        );
      }
      return { key, size, sha256 };
    } finally {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: tmpKey })).catch(() => undefined);
    }
  }

  async open(key: string): Promise<NodeJS.ReadableStream> {
    assertStorageKey(key);
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      // In Node the body is an http.IncomingMessage: a Readable, streamed as it arrives.
      return object.Body as Readable;
    } catch (error) {
      if (isNotFound(error)) throw missingObject(key);
      throw error;
    }
  }

  async stat(key: string): Promise<{ size: number } | undefined> {
    assertStorageKey(key);
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { size: head.ContentLength ?? 0 };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async remove(key: string): Promise<void> {
    assertStorageKey(key);
    // S3's DELETE succeeds whether or not the object exists.
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  /** Closes the client's keep-alive connections (tests, shutdown). */
  close(): void {
    this.client.destroy();
  }

  /** Nest calls this on shutdown for a provider that has it. */
  onApplicationShutdown(): void {
    this.close();
  }
}

function isNotFound(error: unknown): boolean {
  // GetObject answers NoSuchKey; HeadObject has no body, so only its status says NotFound.
  return (
    error instanceof S3ServiceException &&
    (error.name === 'NoSuchKey' || error.name === 'NotFound' || error.$metadata.httpStatusCode === 404)
  );
}
